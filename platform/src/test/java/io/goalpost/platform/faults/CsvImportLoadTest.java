package io.goalpost.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV imports under load: at most two at once per instance, a third answered 503 with Retry-After
 * before its body is read (eight 19 MB uploads at once used to run a 1 GB heap out of memory), a
 * place freed when an upload ends or its client goes away; and the semicolon files with decimal
 * commas that spreadsheets write in many countries are read.
 */
final class CsvImportLoadTest {

    @TempDir
    static Path dataDir;
    static TestDatabase db;
    static GoalpostServer server;
    static String token;
    static long account;

    @BeforeAll
    static void start() throws Exception {
        db = new TestDatabase();
        server = GoalpostServer.start(new ServerConfig(0, dataDir, Optional.of(db.url()), Path.of("target/no-plugins"),
                Set.of(), false, Duration.ofHours(6)));
        token = Http.token(server, Role.ADMIN);
        Http.Reply created = new Http(server.port(), token).post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Website\"}");
        account = new JsonObject(created.body()).getLong("id");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        db.close();
    }

    /** An upload whose headers and first bytes are sent, the rest held back: it holds an import place. */
    final class HeldUpload implements AutoCloseable {
        final Socket socket;
        final byte[] body;
        final int sent;

        HeldUpload(String csv) throws Exception {
            body = csv.getBytes(StandardCharsets.UTF_8);
            socket = new Socket("127.0.0.1", server.port());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/accounts/" + account + "/metrics/csv HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            sent = body.length / 2;
            out.write(body, 0, sent);
            out.flush();
        }

        /** Sends the rest and answers the status line's code. */
        int finish() throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write(body, sent, body.length - sent);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return Integer.parseInt(in.readLine().split(" ")[1]);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    static String rows(String metric, int days) {
        StringBuilder b = new StringBuilder("day,metric,value\n");
        LocalDate d = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < days; i++) {
            b.append(d.plusDays(i)).append(',').append(metric).append(',').append(i).append('\n');
        }
        return b.toString();
    }

    HttpResponse<String> upload(String csv) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/accounts/" + account + "/metrics/csv")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aThirdImportAtOnceIs503WithRetryAfterAndPlacesAreFreed() throws Exception {
        try (HeldUpload first = new HeldUpload(rows("manual.first", 400)); HeldUpload second = new HeldUpload(rows("manual.second", 400))) {
            Thread.sleep(300);
            HttpResponse<String> third = upload(rows("manual.third", 10));
            assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
            assertThat(third.headers().firstValue("Retry-After")).contains("10");
            assertThat(new JsonObject(third.body()).getString("error")).contains("2 CSV imports are running");
            assertThat(first.finish()).isEqualTo(200);
            assertThat(second.finish()).isEqualTo(200);
        }
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE metric IN ('manual.first', 'manual.second')")).isEqualTo(800);
        // A client that goes away mid-upload frees its place too.
        try (HeldUpload gone = new HeldUpload(rows("manual.gone", 400)); HeldUpload other = new HeldUpload(rows("manual.other", 400))) {
            gone.close();
            Thread.sleep(500);
            HttpResponse<String> next = upload(rows("manual.next", 10));
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            assertThat(other.finish()).isEqualTo(200);
        }
    }

    @Test
    void aFileLargerThanOneChunkIsStoredWholeInOneTransaction() throws Exception {
        // 12,000 rows: three chunks of at most 5,000; a bad row in the last chunk is listed, the rest stored.
        String csv = rows("manual.big", 12_000).replace("2052-11-08,manual.big,11999", "2052-11-08,manual.big,abc");
        HttpResponse<String> r = upload(csv);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject result = new JsonObject(r.body());
        assertThat(result.getInteger("lines")).isEqualTo(12_001);
        assertThat(result.getInteger("received")).isEqualTo(12_000);
        assertThat(result.getInteger("rejected_total")).isGreaterThanOrEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM metric_point WHERE metric = 'manual.big'"))
                .isEqualTo(result.getInteger("accepted").longValue());
    }

    @Test
    void semicolonSeparatedFilesWithDecimalCommasAreRead() throws Exception {
        HttpResponse<String> r = upload("\uFEFFday;metric;value\r\n2026-01-05;web_sessions;1200,5\r\n2026-01-06;web_sessions;\"7,25\"\r\n"
                + "2026-01-07;web_sessions;1.200,5\r\n");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject result = new JsonObject(r.body());
        assertThat(result.getInteger("accepted")).isEqualTo(2);
        assertThat(result.getJsonArray("rejected").getJsonObject(0).getInteger("line")).isEqualTo(4);
        assertThat(db.count("SELECT (sum(value) * 100)::bigint FROM metric_point WHERE metric = 'web_sessions'")).isEqualTo(120775);
    }
}
