package io.goalpost.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TcpProxy;
import io.goalpost.platform.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * While the database is unreachable, the API answers 503 with Retry-After (not 500 "internal
 * error"), the log carries a line per kind of failure and minute (not a stack trace per request),
 * and once the database is back the API answers again without a restart.
 */
final class DatabaseOutageTest {

    static final List<String> PATHS = List.of("/api/accounts", "/api/goals", "/api/dashboard", "/api/kpis/views");

    @Test
    void anOutageAnswers503WithRetryAfterAndLogsALineNotAFlood(@TempDir Path dataDir) throws Exception {
        try (TestDatabase db = new TestDatabase(); TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            String url = db.url().replace(":5432/", ":" + proxy.port() + "/");
            ServerConfig config = new ServerConfig(0, dataDir, Optional.of(url), Path.of("target/no-plugins"),
                    Set.of(), false, Duration.ofHours(6));
            try (GoalpostServer server = GoalpostServer.start(config)) {
                String token = Http.token(server, Role.ADMIN);
                Http admin = new Http(server.port(), token);
                assertThat(admin.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Website\"}").status()).isEqualTo(201);
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

                ListAppender<ILoggingEvent> log = new ListAppender<>();
                Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                log.start();
                root.addAppender(log);
                List<String> answers = new ArrayList<>();
                int requests = 0;
                try {
                    proxy.down();
                    long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                    while (System.nanoTime() < until) {
                        for (String path : PATHS) {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + server.port() + path)).header("Authorization", "Bearer " + token)
                                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
                            requests++;
                            answers.add(path + " " + r.statusCode() + " Retry-After=" + r.headers().firstValue("Retry-After")
                                    .orElse("-"));
                        }
                    }
                } finally {
                    root.detachAppender(log);
                }
                assertThat(requests).isGreaterThan(20);
                assertThat(answers).as("every answer during the outage").allMatch(a -> a.endsWith(" 503 Retry-After=5"));
                List<String> warnings = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
                System.out.println(requests + " requests in the outage, " + warnings.size() + " log lines:\n"
                        + String.join("\n", warnings));
                assertThat(warnings).as("log lines for %d failed requests", requests).hasSizeLessThanOrEqualTo(8);

                proxy.up();
                int status = 0;
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < until && status != 200) {
                    status = admin.get("/api/accounts").status();
                    Thread.sleep(200);
                }
                assertThat(status).as("the API answers again once the database is back").isEqualTo(200);
            }
        }
    }
}
