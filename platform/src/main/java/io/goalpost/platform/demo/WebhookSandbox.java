package io.goalpost.platform.demo;

import io.goalpost.platform.notifications.WebhookSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The demo's stand-in for a Slack or Teams incoming webhook, on a loopback port: it takes Goalpost's
 * alert posts, checks each one's {@code X-Goalpost-Signature} against the secret the demo gave the
 * channel, and lists the last 50 it received at {@code GET /} (newest first, with whether the
 * signature was valid), so the demo shows alerts arriving without any outside service.
 */
public final class WebhookSandbox {

    private static final int KEEP = 50;

    private final byte[] secret;
    private final Deque<JsonObject> received = new ArrayDeque<>();

    private WebhookSandbox(byte[] secret) {
        this.secret = secret.clone();
    }

    /** Starts the sandbox on a free loopback port; it checks signatures against {@code secret}. */
    public static Future<HttpServer> start(Vertx vertx, String secret) {
        WebhookSandbox sandbox = new WebhookSandbox(secret.getBytes(StandardCharsets.UTF_8));
        return vertx.createHttpServer().requestHandler(req -> {
            if (req.method().name().equals("GET")) {
                JsonArray list;
                synchronized (sandbox.received) {
                    list = new JsonArray(new java.util.ArrayList<>(sandbox.received));
                }
                req.response().putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("received", list).encodePrettily());
                return;
            }
            req.body().onSuccess(body -> {
                byte[] bytes = body.getBytes();
                String given = req.getHeader(WebhookSender.SIGNATURE_HEADER);
                boolean valid = given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                        WebhookSender.signature(sandbox.secret, bytes).getBytes(StandardCharsets.UTF_8));
                JsonObject entry = new JsonObject().put("received_at", Instant.now().toString())
                        .put("event", req.getHeader(WebhookSender.EVENT_HEADER)).put("signature_valid", valid);
                try {
                    entry.put("text", new JsonObject(body.toString(StandardCharsets.UTF_8)).getString("text"));
                } catch (RuntimeException e) {
                    entry.put("text", null);
                }
                synchronized (sandbox.received) {
                    sandbox.received.addFirst(entry);
                    while (sandbox.received.size() > KEEP) {
                        sandbox.received.removeLast();
                    }
                }
                // Like Slack: 200 "ok" for a good post, 401 for a forged one.
                req.response().setStatusCode(valid ? 200 : 401).end(valid ? "ok" : "invalid signature");
            });
        }).listen(0, "127.0.0.1");
    }
}
