package io.goalpost.platform.demo;

import io.goalpost.platform.sync.Blocking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's alerts: a {@link WebhookSandbox} on a loopback port and one webhook channel pointing at
 * it, created through the API like a person would (on a restart the channel is pointed at the new
 * port with a new secret). The first run shortens the hold time to 5 minutes, so the demo's revoked
 * Facebook account alerts within minutes, and sends the channel a test message. It also schedules one
 * weekly report (emailed once an admin sets an SMTP server).
 */
final class DemoAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(DemoAlerts.class);
    /** The demo channel's name, by which a restart finds it. */
    static final String CHANNEL = "Demo webhook (sandbox)";
    /** The demo's scheduled report's name. */
    static final String SCHEDULE = "Weekly social summary (demo)";
    /** The hold time the demo sets on its first run. */
    static final int DEMO_HOLD_MINUTES = 5;

    private final Vertx vertx;
    private final WebClient web;
    private final String apiHost;
    private final int apiPort;
    private final boolean ssl;
    private final String token;

    DemoAlerts(Vertx vertx, WebClient web, String apiHost, int apiPort, boolean ssl, String token) {
        this.vertx = vertx;
        this.web = web;
        this.apiHost = apiHost;
        this.apiPort = apiPort;
        this.ssl = ssl;
        this.token = token;
    }

    /** Starts the sandbox and creates or repoints the channel; answers the sandbox's address. */
    String setUp() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String secret = HexFormat.of().formatHex(raw);
        HttpServer sandbox = Blocking.await(WebhookSandbox.start(vertx, secret));
        String url = "http://127.0.0.1:" + sandbox.actualPort() + "/services/demo/alerts";
        JsonArray channels = call("GET", "/api/notification-channels", null).bodyAsJsonObject().getJsonArray("channels");
        Long id = null;
        for (int i = 0; i < channels.size(); i++) {
            if (CHANNEL.equals(channels.getJsonObject(i).getString("name"))) {
                id = channels.getJsonObject(i).getLong("id");
            }
        }
        JsonObject body = new JsonObject().put("name", CHANNEL).put("kind", "webhook").put("url", url).put("secret", secret)
                .put("events", new JsonArray().add("goal_status").add("account_reconnect").add("account_stale"));
        if (id == null) {
            HttpResponse<Buffer> created = call("POST", "/api/notification-channels", body);
            if (created.statusCode() != 201) {
                LOG.warn("Demo webhook channel not created: {}", created.bodyAsString());
                return url;
            }
            id = created.bodyAsJsonObject().getLong("id");
            call("PUT", "/api/notification-rules", new JsonObject().put("hold_minutes", DEMO_HOLD_MINUTES).put("digest_hour", 8));
        } else {
            body.remove("kind");
            call("PUT", "/api/notification-channels/" + id, body);
        }
        call("POST", "/api/notification-channels/" + id + "/test", new JsonObject());
        scheduleReport();
        LOG.info("Demo webhook sandbox at {} (GET http://127.0.0.1:{}/ lists what it received)", url, sandbox.actualPort());
        return "http://127.0.0.1:" + sandbox.actualPort() + "/";
    }

    /** One weekly report, scheduled like a person would (once: a restart finds it by name). */
    private void scheduleReport() {
        HttpResponse<Buffer> list = call("GET", "/api/report-schedules", null);
        if (list.statusCode() != 200) {
            LOG.warn("Demo report schedule not checked: {}", list.bodyAsString());
            return;
        }
        JsonArray all = list.bodyAsJsonObject().getJsonArray("schedules");
        for (int i = 0; i < all.size(); i++) {
            if (SCHEDULE.equals(all.getJsonObject(i).getString("name"))) {
                return;
            }
        }
        HttpResponse<Buffer> created = call("POST", "/api/report-schedules", new JsonObject().put("name", SCHEDULE)
                .put("frequency", "weekly").put("weekday", 1).put("hour", 7)
                .put("recipients", new JsonArray().add("marketing-team@example.com")));
        if (created.statusCode() != 201) {
            LOG.warn("Demo report schedule not created: {}", created.bodyAsString());
        }
    }

    private HttpResponse<Buffer> call(String method, String path, JsonObject body) {
        var request = web.request(io.vertx.core.http.HttpMethod.valueOf(method), apiPort, apiHost, path).ssl(ssl)
                .putHeader("Authorization", "Bearer " + token);
        return Blocking.await(body == null ? request.send() : request.sendJsonObject(body));
    }
}
