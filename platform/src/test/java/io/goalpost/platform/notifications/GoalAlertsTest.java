package io.goalpost.platform.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.access.Role;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Goal alerts on a real server and database: a change that holds reaches a WireMock webhook once,
 * signed with the channel's secret; a status that flaps inside the hold time sends nothing; a failed
 * send is retried and shown; email goes through a real SMTP server (GreenMail); accounts that need
 * reconnecting alert; the API never answers a secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoalAlertsTest {

    private static final String SECRET = "whsec-0123456789abcdef";

    private TestDatabase db;
    private GoalpostServer server;
    private Http editor;
    private Http admin;
    private Http viewer;
    private WireMockServer hook;
    private GreenMail mail;
    private Vertx vertx;
    private WebClient web;
    private Pool pool;
    private Dispatcher dispatcher;
    private final Map<String, Observation> world = new HashMap<>();
    private AlertEvaluator evaluator;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeAll
    void start() throws Exception {
        db = new TestDatabase();
        Path data = Files.createTempDirectory("goalpost-alerts");
        server = GoalpostServer.start(new ServerConfig(0, data, Optional.of(db.url()), Path.of("target/no-plugins"), Set.of(), true,
                Duration.ofHours(6)));
        editor = new Http(server.port(), Http.token(server, Role.EDITOR));
        admin = Http.admin(server);
        viewer = new Http(server.port(), Http.token(server, Role.VIEWER));
        hook = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        hook.start();
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.setUser("goalpost@example.com", "mailer", "mail-password-1");
        mail.start();
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
        pool = server.database().pool();
        SecretCipher cipher = SecretCipher.load(null, data);
        OutboundPolicy policy = new OutboundPolicy(true, Set.of(), server::port, OutboundPolicy.JDK_RESOLVER);
        dispatcher = new Dispatcher(pool, new ChannelStore(pool, cipher), new WebhookSender(web, policy), new SmtpSettings(pool, cipher),
                new Mailer(), () -> "https://goalpost.example.com/");
        // A world the test scripts: each subject's state as the observers would report it.
        evaluator = new AlertEvaluator(pool, List.of(now -> Future.succeededFuture(List.copyOf(world.values()))));
        assertThat(editor.put("/api/notification-rules", "{\"hold_minutes\": 60, \"digest_hour\": 8}").status()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        web.close();
        vertx.close();
        mail.stop();
        hook.stop();
        server.close();
        db.close();
    }

    @BeforeEach
    void reset() {
        world.clear();
        hook.resetAll();
        hook.stubFor(post(urlPathEqualTo("/services/T1/B1/path-credential")).willReturn(ok("ok")));
    }

    private void goal(long id, String status) {
        world.put("goal:" + id, new Observation("goal:" + id, AlertEvent.GOAL_STATUS, status, null,
                GoalObserver.ALERTING.contains(status), "Goal “Goal " + id + "” is " + GoalObserver.words(status),
                "Views per 7 days would reach 900 by the deadline.", "#/goals/" + id));
    }

    private long webhookChannel(String name, String path, String events) throws Exception {
        Http.Reply r = editor.post("/api/notification-channels", new JsonObject().put("name", name).put("kind", "webhook")
                .put("url", "http://127.0.0.1:" + hook.port() + path).put("secret", SECRET)
                .put("events", new JsonArray(events)).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getLong("id");
    }

    /** The admin sets the SMTP server to the test's GreenMail, signing in as its user. */
    private Http.Reply smtpToGreenMail(boolean starttls) throws Exception {
        return admin.put("/api/settings/smtp", new JsonObject().put("host", "127.0.0.1").put("port", mail.getSmtp().getPort())
                .put("starttls", starttls).put("username", "mailer").put("password", "mail-password-1")
                .put("from", "goalpost@example.com").encode());
    }

    /** Goal {@code id} goes from on track to {@code status} and holds it for the hold time: one alert, at {@link #at}(61). */
    private void changesAndHolds(long id, String status) {
        goal(id, "on_track");
        evaluator.evaluate(at(0));
        goal(id, status);
        evaluator.evaluate(at(1));
        assertThat(evaluator.evaluate(at(61))).as("goal %d held %s for the hold time", id, status).hasSize(1);
    }

    private List<LoggedRequest> received(String path) {
        return hook.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private Instant at(int minutes) {
        return t0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aChangeThatHoldsReachesTheWebhookOnceSignedWithTheChannelsSecret() throws Exception {
        String path = "/services/T1/B1/path-credential";
        long channel = webhookChannel("Team Slack", path, "[\"goal_status\"]");
        goal(101, "on_track");
        assertThat(evaluator.evaluate(at(0))).as("a goal's first status is no change").isEmpty();
        goal(101, "off_track");
        assertThat(evaluator.evaluate(at(5))).as("not held for 60 minutes yet").isEmpty();
        assertThat(evaluator.evaluate(at(64))).as("held 59 minutes").isEmpty();
        assertThat(evaluator.evaluate(at(65))).as("held 60 minutes: one alert").hasSize(1);
        dispatcher.deliverDue(at(65));

        List<LoggedRequest> got = received(path);
        assertThat(got).hasSize(1);
        LoggedRequest r = got.get(0);
        byte[] body = r.getBody();
        assertThat(r.getHeader(WebhookSender.SIGNATURE_HEADER))
                .isEqualTo(WebhookSender.signature(SECRET.getBytes(StandardCharsets.UTF_8), body))
                .startsWith("sha256=").hasSize("sha256=".length() + 64);
        assertThat(r.getHeader(WebhookSender.SIGNATURE_HEADER))
                .as("another secret gives another signature").isNotEqualTo(WebhookSender.signature("other-secret-123456".getBytes(
                        StandardCharsets.UTF_8), body));
        JsonObject json = new JsonObject(new String(body, StandardCharsets.UTF_8));
        assertThat(json.getString("text")).as("Slack and Teams show 'text'")
                .startsWith("Goal “Goal 101” is off track.").contains("https://goalpost.example.com/#/goals/101");
        assertThat(json.getString("event")).isEqualTo("goal_status");
        assertThat(json.getString("state")).isEqualTo("off_track");
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");

        // The same state goes on: nothing more.
        assertThat(evaluator.evaluate(at(120))).isEmpty();
        assertThat(evaluator.evaluate(at(600))).isEmpty();
        dispatcher.deliverDue(at(600));
        assertThat(received(path)).hasSize(1);

        // The channel shows its last delivery; the API never shows the secret nor the URL's path.
        String shown = editor.get("/api/notification-channels/" + channel).body();
        assertThat(shown).doesNotContain(SECRET).doesNotContain("path-credential");
        assertThat(new JsonObject(shown).getJsonObject("last_delivery").getString("status")).isEqualTo("sent");
        assertThat(new JsonObject(shown).getString("url")).isEqualTo("http://127.0.0.1:" + hook.port() + "/…");
        assertThat(editor.delete("/api/notification-channels/" + channel).status()).isEqualTo(204);
    }

    @Test
    void aTeamsChannelGetsTheAdaptiveCardMessageTeamsWorkflowsPost() throws Exception {
        // Teams' Workflows webhooks post only an Adaptive Card sent as {"type": "message", "attachments": [...]}.
        String path = "/workflows/abc123/triggers/manual/paths/invoke";
        hook.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(202)));
        Http.Reply r = editor.post("/api/notification-channels", new JsonObject().put("name", "Marketing Teams").put("kind", "webhook")
                .put("url", "http://127.0.0.1:" + hook.port() + path + "?sig=teams-key").put("secret", SECRET).put("format", "teams")
                .put("events", new JsonArray().add("goal_status")).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonObject channel = new JsonObject(r.body());
        assertThat(channel.getString("format")).isEqualTo("teams");
        changesAndHolds(111, "at_risk");
        dispatcher.deliverDue(at(61));

        List<LoggedRequest> got = received(path);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getHeader(WebhookSender.SIGNATURE_HEADER))
                .isEqualTo(WebhookSender.signature(SECRET.getBytes(StandardCharsets.UTF_8), got.get(0).getBody()));
        JsonObject json = new JsonObject(got.get(0).getBodyAsString());
        assertThat(json.getString("type")).isEqualTo("message");
        assertThat(json.getString("state")).as("Goalpost's own fields stay").isEqualTo("at_risk");
        JsonObject attachment = json.getJsonArray("attachments").getJsonObject(0);
        assertThat(attachment.getString("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonObject card = attachment.getJsonObject("content");
        assertThat(card.getString("type")).isEqualTo("AdaptiveCard");
        assertThat(card.getString("version")).isEqualTo("1.4");
        JsonArray blocks = card.getJsonArray("body");
        assertThat(blocks.getJsonObject(0).getString("type")).isEqualTo("TextBlock");
        assertThat(blocks.getJsonObject(0).getString("text")).isEqualTo("Goal “Goal 111” is at risk");
        assertThat(blocks.getJsonObject(1).getString("text")).isEqualTo("Views per 7 days would reach 900 by the deadline.");
        JsonObject open = card.getJsonArray("actions").getJsonObject(0);
        assertThat(open.getString("type")).isEqualTo("Action.OpenUrl");
        assertThat(open.getString("url")).isEqualTo("https://goalpost.example.com/#/goals/111");

        // A digest on Teams: one card listing every alert.
        Http.Reply put = editor.put("/api/notification-channels/" + channel.getLong("id"), new JsonObject().put("name", "Marketing Teams")
                .put("digest", true).put("events", new JsonArray().add("goal_status")).encode());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(new JsonObject(put.body()).getString("format")).as("kept when the URL is not sent").isEqualTo("teams");
        goal(112, "on_track");
        evaluator.evaluate(at(100));
        goal(111, "off_track");
        goal(112, "missed");
        evaluator.evaluate(at(101));
        assertThat(evaluator.evaluate(at(161))).hasSize(2);
        dispatcher.deliverDue(at(161).plus(Duration.ofDays(1)));
        got = received(path);
        assertThat(got).hasSize(2);
        JsonObject digest = new JsonObject(got.get(1).getBodyAsString());
        assertThat(digest.getString("event")).isEqualTo("digest");
        JsonArray digestBlocks = digest.getJsonArray("attachments").getJsonObject(0).getJsonObject("content").getJsonArray("body");
        assertThat(digestBlocks.getJsonObject(0).getString("text")).isEqualTo("Goalpost daily digest: 2 alerts");
        assertThat(digestBlocks).hasSize(3);
        // Each alert in a container of its own: its title, its text and its link.
        List<List<String>> alerts = digestBlocks.stream().skip(1).map(JsonObject.class::cast)
                .map(c -> c.getJsonArray("items").stream().map(t -> ((JsonObject) t).getString("text")).toList()).toList();
        assertThat(alerts).containsExactlyInAnyOrder(
                List.of("Goal “Goal 111” is off track", "Views per 7 days would reach 900 by the deadline.",
                        "[Open in Goalpost](https://goalpost.example.com/#/goals/111)"),
                List.of("Goal “Goal 112” is missed", "Views per 7 days would reach 900 by the deadline.",
                        "[Open in Goalpost](https://goalpost.example.com/#/goals/112)"));
        editor.delete("/api/notification-channels/" + channel.getLong("id"));
    }

    @Test
    void aStatusThatFlapsInsideTheHoldTimeSendsNothing() throws Exception {
        String path = "/services/T1/B1/path-credential";
        long channel = webhookChannel("Flaps", path, "[\"goal_status\"]");
        goal(202, "on_track");
        evaluator.evaluate(at(0));
        goal(202, "off_track");
        assertThat(evaluator.evaluate(at(10))).isEmpty();
        goal(202, "on_track");
        assertThat(evaluator.evaluate(at(40))).isEmpty();
        goal(202, "at_risk");
        assertThat(evaluator.evaluate(at(50))).isEmpty();
        goal(202, "on_track");
        assertThat(evaluator.evaluate(at(100))).isEmpty();
        assertThat(evaluator.evaluate(at(500))).as("back where it was: no change to report").isEmpty();
        dispatcher.deliverDue(at(500));
        assertThat(received(path)).isEmpty();
        assertThat(db.count("SELECT count(*) FROM notification WHERE subject = 'goal:202'")).isZero();
        editor.delete("/api/notification-channels/" + channel);
    }

    @Test
    void eachChangeAlertsOnceAndARecoveryIsRecordedSilently() throws Exception {
        goal(303, "on_track");
        evaluator.evaluate(at(0));
        goal(303, "off_track");
        evaluator.evaluate(at(1));
        assertThat(evaluator.evaluate(at(61))).hasSize(1);
        goal(303, "on_track");
        evaluator.evaluate(at(70));
        assertThat(evaluator.evaluate(at(130))).as("back on track does not alert").isEmpty();
        goal(303, "off_track");
        evaluator.evaluate(at(140));
        assertThat(evaluator.evaluate(at(200))).as("slipping again is a new change").hasSize(1);
        goal(303, "achieved");
        evaluator.evaluate(at(210));
        assertThat(evaluator.evaluate(at(270))).hasSize(1);
        assertThat(evaluator.evaluate(at(900))).isEmpty();
        assertThat(db.count("SELECT count(*) FROM notification WHERE subject = 'goal:303'")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM notification WHERE subject = 'goal:303' AND state = 'achieved'")).isEqualTo(1);
    }

    @Test
    void aFailedSendIsRetriedWithBackoffAndShownOnTheChannel() throws Exception {
        String path = "/hooks/flaky";
        hook.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503).withBody("try later")));
        long channel = webhookChannel("Flaky", path, "[\"goal_status\"]");
        changesAndHolds(404, "missed");
        dispatcher.deliverDue(at(61));
        assertThat(received(path)).hasSize(1);

        JsonObject d = new JsonObject(editor.get("/api/notification-channels/" + channel + "/deliveries").body())
                .getJsonArray("deliveries").getJsonObject(0);
        assertThat(d.getString("status")).isEqualTo("pending");
        assertThat(d.getInteger("attempts")).isEqualTo(1);
        assertThat(d.getString("last_error")).contains("HTTP 503").contains("try later").doesNotContain("flaky");
        assertThat(Instant.parse(d.getString("next_attempt_at"))).isEqualTo(at(62));
        JsonObject last = new JsonObject(editor.get("/api/notification-channels/" + channel).body()).getJsonObject("last_delivery");
        assertThat(last.getString("status")).isEqualTo("pending");
        assertThat(last.getString("error")).contains("HTTP 503");

        dispatcher.deliverDue(at(61).plusSeconds(30));
        assertThat(received(path)).as("not before the retry time").hasSize(1);
        hook.stubFor(post(urlPathEqualTo(path)).willReturn(ok()));
        dispatcher.deliverDue(at(62));
        assertThat(received(path)).hasSize(2);
        d = new JsonObject(editor.get("/api/notification-channels/" + channel + "/deliveries").body())
                .getJsonArray("deliveries").getJsonObject(0);
        assertThat(d.getString("status")).isEqualTo("sent");
        assertThat(d.getInteger("attempts")).isEqualTo(2);
        assertThat(d.getString("last_error")).isNull();
        editor.delete("/api/notification-channels/" + channel);
    }

    @Test
    void aSendThatKeepsFailingIsGivenUpAfterFiveAttempts() throws Exception {
        String path = "/hooks/down";
        hook.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)));
        long channel = webhookChannel("Down", path, "[\"goal_status\"]");
        changesAndHolds(505, "at_risk");
        Instant when = at(61);
        for (int i = 0; i < 6; i++) {
            dispatcher.deliverDue(when);
            when = when.plus(Duration.ofHours(3));
        }
        assertThat(received(path)).as("five attempts, then no more").hasSize(Dispatcher.MAX_ATTEMPTS);
        JsonObject d = new JsonObject(editor.get("/api/notification-channels/" + channel + "/deliveries").body())
                .getJsonArray("deliveries").getJsonObject(0);
        assertThat(d.getString("status")).isEqualTo("failed");
        assertThat(d.getInteger("attempts")).isEqualTo(5);
        editor.delete("/api/notification-channels/" + channel);
    }

    @Test
    void emailGoesThroughTheAdminsSmtpServer() throws Exception {
        Http.Reply set = smtpToGreenMail(false);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).doesNotContain("mail-password-1");
        assertThat(new JsonObject(admin.get("/api/settings/smtp").body()).getBoolean("password_set")).isTrue();
        assertThat(editor.get("/api/settings/smtp").status()).as("admins only").isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM smtp_settings WHERE position('mail-password-1' in encode(password, 'escape')) > 0"))
                .as("stored encrypted").isZero();

        Http.Reply ch = editor.post("/api/notification-channels", new JsonObject().put("name", "Managers").put("kind", "email")
                .put("recipients", new JsonArray().add("lead@example.com").add("analyst@example.com"))
                .put("events", new JsonArray().add("goal_status")).encode());
        assertThat(ch.status()).as(ch.body()).isEqualTo(201);
        changesAndHolds(606, "achieved");
        dispatcher.deliverDue(at(61));
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[0].getSubject()).isEqualTo("[Goalpost] Goal “Goal 606” is achieved");
        assertThat(got[0].getContent().toString()).contains("https://goalpost.example.com/#/goals/606");
        editor.delete("/api/notification-channels/" + new JsonObject(ch.body()).getLong("id"));
    }

    @Test
    void withStarttlsSetNothingIsSentToAServerThatCannotEncrypt() throws Exception {
        // GreenMail's SMTP offers no STARTTLS: with it required, the password and the message must not go in the clear.
        Http.Reply set = smtpToGreenMail(true);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(new JsonObject(set.body()).getBoolean("starttls")).isTrue();
        Http.Reply ch = editor.post("/api/notification-channels", new JsonObject().put("name", "Encrypted only").put("kind", "email")
                .put("recipients", new JsonArray().add("tls@example.com")).encode());
        assertThat(ch.status()).as(ch.body()).isEqualTo(201);
        long id = new JsonObject(ch.body()).getLong("id");
        int before = mail.getReceivedMessages().length;
        JsonObject test = new JsonObject(editor.post("/api/notification-channels/" + id + "/test", "{}").body());
        assertThat(test.getBoolean("delivered")).isFalse();
        assertThat(test.getString("error")).contains("STARTTLS").doesNotContain("mail-password-1");
        assertThat(mail.getReceivedMessages()).hasSize(before);
        editor.delete("/api/notification-channels/" + id);
    }

    @Test
    void aDigestChannelGetsTheDaysAlertsInOneMessageAtTheDigestHour() throws Exception {
        String path = "/hooks/digest";
        hook.stubFor(post(urlPathEqualTo(path)).willReturn(ok()));
        Http.Reply r = editor.post("/api/notification-channels", new JsonObject().put("name", "Digest").put("kind", "webhook")
                .put("url", "http://127.0.0.1:" + hook.port() + path).put("secret", SECRET).put("digest", true)
                .put("events", new JsonArray().add("goal_status")).encode());
        long channel = new JsonObject(r.body()).getLong("id");
        Instant now = Instant.now();
        goal(701, "on_track");
        goal(702, "on_track");
        evaluator.evaluate(now);
        goal(701, "off_track");
        goal(702, "achieved");
        evaluator.evaluate(now.plusSeconds(60));
        assertThat(evaluator.evaluate(now.plus(Duration.ofMinutes(61)))).hasSize(2);
        dispatcher.deliverDue(now.plus(Duration.ofMinutes(61)));
        assertThat(received(path)).as("waits for the digest hour").isEmpty();
        Instant later = now.plus(Duration.ofDays(2));
        dispatcher.deliverDue(later);
        dispatcher.deliverDue(later.plusSeconds(60));
        List<LoggedRequest> got = received(path);
        assertThat(got).as("one message").hasSize(1);
        JsonObject json = new JsonObject(got.get(0).getBodyAsString());
        assertThat(json.getString("event")).isEqualTo("digest");
        assertThat(json.getJsonArray("notifications")).hasSize(2);
        assertThat(json.getString("text")).startsWith("Goalpost daily digest: 2 alerts").contains("Goal 701").contains("Goal 702");
        assertThat(got.get(0).getHeader(WebhookSender.SIGNATURE_HEADER))
                .isEqualTo(WebhookSender.signature(SECRET.getBytes(StandardCharsets.UTF_8), got.get(0).getBody()));
        editor.delete("/api/notification-channels/" + channel);
    }

    @Test
    void anAccountThatNeedsReconnectingAlertsInTheAppList() throws Exception {
        long account;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("INSERT INTO account (network, name) VALUES ('facebook', 'Our Page') RETURNING id");
            rs.next();
            account = rs.getLong(1);
            s.execute("INSERT INTO sync_state (account_id, status, last_success_at, last_error) VALUES (" + account
                    + ", 'needs_reauth', now(), 'Facebook says the token was revoked.')");
        }
        AlertEvaluator real = new AlertEvaluator(pool, List.of(new AccountObserver(pool)));
        Instant now = Instant.now();
        assertThat(real.evaluate(now)).as("held for no time yet").isEmpty();
        List<Long> raised = real.evaluate(now.plus(Duration.ofMinutes(60)));
        assertThat(raised).hasSize(1);
        JsonObject list = new JsonObject(viewer.get("/api/notifications").body());
        JsonObject n = list.getJsonArray("notifications").stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("subject").equals("account:" + account + ":reconnect")).findFirst().orElseThrow();
        assertThat(n.getString("title")).isEqualTo("Account “Our Page” (facebook) needs reconnecting");
        assertThat(n.getString("body")).contains("token was revoked");
        assertThat(n.getBoolean("read")).isFalse();
        long unread = list.getLong("unread");
        assertThat(viewer.post("/api/notifications/" + n.getLong("id") + "/read", "{}").status()).isEqualTo(204);
        JsonObject after = new JsonObject(viewer.get("/api/notifications").body());
        assertThat(after.getLong("unread")).isEqualTo(unread - 1);
        assertThat(new JsonObject(editor.get("/api/notifications").body()).getLong("unread"))
                .as("read marks are per person").isGreaterThanOrEqualTo(unread);
        assertThat(viewer.post("/api/notifications/999999/read", "{}").status()).isEqualTo(404);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM account WHERE id = " + account);
        }
    }

    @Test
    void anAccountThatHasNotSyncedForADayAlertsOnceAndOneThatSyncsDoesNot() throws Exception {
        long quiet;
        long fresh;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("INSERT INTO account (network, name) VALUES ('instagram', 'Quiet Shop') RETURNING id");
            rs.next();
            quiet = rs.getLong(1);
            rs = s.executeQuery("INSERT INTO account (network, name) VALUES ('instagram', 'Busy Shop') RETURNING id");
            rs.next();
            fresh = rs.getLong(1);
            s.execute("INSERT INTO sync_state (account_id, status, last_success_at, last_error) VALUES (" + quiet
                    + ", 'error', now() - interval '25 hours', 'Instagram answered HTTP 500.'), (" + fresh
                    + ", 'ok', now() - interval '2 hours', NULL)");
        }
        AlertEvaluator real = new AlertEvaluator(pool, List.of(new AccountObserver(pool)));
        Instant now = Instant.now();
        real.evaluate(now);
        List<Long> raised = real.evaluate(now.plus(Duration.ofMinutes(60)));
        assertThat(raised).as("the quiet account only").hasSize(1);
        assertThat(real.evaluate(now.plus(Duration.ofMinutes(120)))).as("one alert per change").isEmpty();
        JsonObject n = new JsonObject(viewer.get("/api/notifications").body()).getJsonArray("notifications").stream()
                .map(JsonObject.class::cast).filter(o -> o.getLong("id") == raised.get(0)).findFirst().orElseThrow();
        assertThat(n.getString("event")).isEqualTo("account_stale");
        assertThat(n.getString("subject")).isEqualTo("account:" + quiet + ":stale");
        assertThat(n.getString("title")).isEqualTo("Account “Quiet Shop” (instagram) has not synced for a day");
        assertThat(n.getString("body")).contains("Its last successful sync was at").contains("Instagram answered HTTP 500.");
        assertThat(db.count("SELECT count(*) FROM notification WHERE subject = 'account:" + fresh + ":stale'")).isZero();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM account WHERE id IN (" + quiet + ", " + fresh + ")");
        }
    }

    @Test
    void webhookUrlsObeyTheOutboundRulesAndChannelsAreValidated() throws Exception {
        Http.Reply own = editor.post("/api/notification-channels", new JsonObject().put("name", "Self").put("kind", "webhook")
                .put("url", "http://127.0.0.1:" + server.port() + "/api/accounts").put("secret", SECRET).encode());
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body()).contains("Goalpost itself");
        Http.Reply metadata = editor.post("/api/notification-channels", new JsonObject().put("name", "Metadata").put("kind", "webhook")
                .put("url", "http://169.254.169.254/latest/meta-data").put("secret", SECRET).encode());
        assertThat(metadata.status()).isEqualTo(400);
        Http.Reply shortSecret = editor.post("/api/notification-channels", new JsonObject().put("name", "Short").put("kind", "webhook")
                .put("url", "http://127.0.0.1:" + hook.port() + "/x").put("secret", "short").encode());
        assertThat(shortSecret.status()).isEqualTo(400);
        assertThat(shortSecret.body()).contains("secret");
        Http.Reply badMail = editor.post("/api/notification-channels", new JsonObject().put("name", "Mail").put("kind", "email")
                .put("recipients", new JsonArray().add("not an address")).encode());
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(badMail.body()).contains("recipients");
        assertThat(viewer.post("/api/notification-channels", new JsonObject().put("name", "V").put("kind", "email")
                .put("recipients", new JsonArray().add("a@example.com")).encode()).status()).as("viewers read only").isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action LIKE 'notifications.channel_%' AND details::text LIKE '%"
                + SECRET + "%'")).as("never audited").isZero();
    }
}
