package io.goalpost.platform.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight CSV uploads of 19 MB at once to a server with a 512 MB heap (in a process of its own): each
 * is answered 200 or 503 with Retry-After, none fails, and the server stays up (before: eight such
 * uploads ran a 1 GB heap out of memory).
 */
final class CsvUploadHeapTest {

    @Test
    void eightConcurrent19MbUploadsDoNotExhaustTheHeap(@TempDir Path dataDir) throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    InstanceChild.class.getName(), db.url(), "jdbc:unused", dataDir.toString(), "0").redirectErrorStream(true).start();
            ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                int port = -1;
                String token = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        String[] parts = line.substring(6).trim().split(" ");
                        port = Integer.parseInt(parts[0]);
                        token = parts[1];
                        break;
                    }
                }
                assertThat(port).isPositive();
                Thread drain = new Thread(() -> {
                    try {
                        for (String line; (line = in.readLine()) != null; ) {
                            output.add(line);
                        }
                    } catch (java.io.IOException e) {
                        // ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                String base = "http://127.0.0.1:" + port;
                HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(base + "/api/accounts"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"network\":\"manual\",\"name\":\"Website\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                long account = new JsonObject(created.body()).getLong("id");

                List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int u = 0; u < 8; u++) {
                    byte[] csv = file(u);
                    assertThat(csv.length).isBetween(18_000_000, 20_000_000);
                    uploads.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/accounts/" + account + "/metrics/csv"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                            .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                List<String> answers = new ArrayList<>();
                for (var f : uploads) {
                    HttpResponse<String> r = f.get(10, TimeUnit.MINUTES);
                    answers.add(r.statusCode() + (r.statusCode() == 503 ? " Retry-After=" + r.headers().firstValue("Retry-After")
                            .orElse("-") : ""));
                }
                System.out.printf("8 uploads of 19 MB at once, -Xmx512m: %s in %.1f s%n", answers, (System.nanoTime() - t0) / 1e9);
                assertThat(answers).allMatch(a -> a.equals("200") || a.equals("503 Retry-After=10"));
                assertThat(answers).contains("200");
                assertThat(child.isAlive()).isTrue();
                assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                assertThat(String.join("\n", output)).doesNotContain("OutOfMemoryError");
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /** About 19 MB of distinct day × metric rows. */
    static byte[] file(int u) {
        StringBuilder b = new StringBuilder(19_500_000);
        b.append("day,metric,value\n");
        LocalDate first = LocalDate.of(2000, 1, 1);
        int m = 0;
        while (b.length() < 19_000_000) {
            String metric = "manual.u" + u + "_m" + m++;
            for (int d = 0; d < 9_000 && b.length() < 19_000_000; d++) {
                b.append(first.plusDays(d)).append(',').append(metric).append(',').append(d % 1000).append('\n');
            }
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
