package io.goalpost.platform.testing;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.sync.Blocking;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for API tests. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    /** Anonymous requests. */
    public Http(int port) {
        this(port, null);
    }

    /** Requests with {@code Authorization: Bearer <token>} (null: anonymous). */
    public Http(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = token == null ? null : "Bearer " + token;
    }

    /** Requests as an admin of {@code server}, through an API token made for the tests. */
    public static Http admin(GoalpostServer server) {
        return new Http(server.port(), token(server, Role.ADMIN));
    }

    /** A fresh API token of the test user with {@code role} on {@code server} (the user is created if missing). */
    public static String token(GoalpostServer server, Role role) {
        return Blocking.await(server.access().toolToken("test-" + role.id(), role, "tests"));
    }

    /** An answer. */
    public record Reply(int status, String body) {
    }

    public Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply postText(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply postBytes(String path, String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply put(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Reply send(HttpRequest.Builder builder) throws Exception {
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<String> r = client.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
