package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Alerts page on the demo, end to end: the demo's webhook channel to its loopback sandbox, an
 * alert raised by the server's own scheduler round (the demo's revoked Facebook Page needs
 * reconnecting) reaching the in-app list, the header's unread count and the sandbox with a valid
 * signature; "Send test" and "Mark read" in the browser; no CSP violation, nothing wider than a phone.
 */
class AlertsBrowserTest {

    private static BrowserHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BrowserHarness.start();
        h.signIn("admin");
        h.cspViolations();
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    private static WebElement demoChannelRow() {
        return h.driver().findElements(By.cssSelector(".channels-table tbody tr")).stream()
                .filter(r -> r.getText().contains("Demo webhook (sandbox)")).findFirst().orElse(null);
    }

    @Test
    void anAlertReachesTheListTheHeaderAndTheSignedWebhook() throws Exception {
        JsonObject channel = new JsonObject(h.get("/api/notification-channels")).getJsonArray("channels").getJsonObject(0);
        assertEquals("Demo webhook (sandbox)", channel.getString("name"));
        String shownUrl = channel.getString("url");
        assertTrue(shownUrl.matches("http://127\\.0\\.0\\.1:\\d+/…"), shownUrl);
        // No hold: the scheduler's next round (one a minute) alerts on the revoked Page.
        h.send("PUT", "/api/notification-rules", "{\"hold_minutes\": 0, \"digest_hour\": 8}", 200);

        h.open("#/notifications");
        WebDriverWait slow = new WebDriverWait(h.driver(), Duration.ofSeconds(150));
        slow.pollingEvery(Duration.ofSeconds(5)).until(d -> {
            h.load("#/notifications"); // a fresh load: the list is read when the page renders
            return !new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> x.findElements(By.cssSelector("#notifications .notification, #notifications .empty")))
                    .stream().filter(e -> e.getText().contains("Acme Legacy Page (access revoked)")).toList().isEmpty();
        });
        WebElement badge = h.driver().findElement(By.id("unread-badge"));
        h.waitFor().until(d -> badge.isDisplayed() && !badge.getText().isBlank());
        int unread = Integer.parseInt(badge.getText());
        WebElement alert = h.driver().findElements(By.cssSelector("#notifications .notification.unread")).stream()
                .filter(e -> e.getText().contains("Acme Legacy Page (access revoked)")).findFirst().orElseThrow();
        assertTrue(alert.getText().contains("needs reconnecting"), alert.getText());
        alert.findElement(By.tagName("button")).click();
        h.waitFor().until(d -> unread == 1 ? !d.findElement(By.id("unread-badge")).isDisplayed()
                : d.findElement(By.id("unread-badge")).getText().equals(String.valueOf(unread - 1)));

        // The sandbox got it, signed with the channel's secret.
        String sandbox = shownUrl.replace("…", "");
        HttpResponse<String> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray received = new JsonObject(got.body()).getJsonArray("received");
        List<JsonObject> reconnect = received.stream().map(JsonObject.class::cast)
                .filter(o -> "account_reconnect".equals(o.getString("event"))).toList();
        assertFalse(reconnect.isEmpty(), got.body());
        assertTrue(reconnect.get(0).getBoolean("signature_valid"));
        assertTrue(reconnect.get(0).getString("text").contains("Acme Legacy Page (access revoked)"));

        // Send test from the page.
        h.waitFor().until(d -> demoChannelRow() != null);
        demoChannelRow().findElement(By.xpath(".//button[normalize-space()='Send test']")).click();
        h.waitFor().until(d -> d.findElement(By.id("channels-notice")).getText().contains("reached"));
        // The demo's weekly report is listed with its next run.
        h.waitFor().until(d -> d.findElements(By.cssSelector(".schedules-table tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("Weekly social summary (demo)") && r.getText().contains("marketing-team@example.com")));
        // An editor turns the channel off and on again, and pauses and resumes the schedule, from the page.
        demoChannelRow().findElement(By.xpath(".//button[normalize-space()='Turn off']")).click();
        h.waitFor().until(d -> demoChannelRow() != null && demoChannelRow().getText().contains("(off)"));
        assertFalse(new JsonObject(h.get("/api/notification-channels/" + channel.getLong("id"))).getBoolean("enabled"));
        demoChannelRow().findElement(By.xpath(".//button[normalize-space()='Turn on']")).click();
        h.waitFor().until(d -> demoChannelRow() != null && !demoChannelRow().getText().contains("(off)"));
        JsonObject on = new JsonObject(h.get("/api/notification-channels/" + channel.getLong("id")));
        assertTrue(on.getBoolean("enabled"));
        assertEquals(channel.getJsonArray("events"), on.getJsonArray("events"), "turning it off and on keeps what it receives");
        h.driver().findElements(By.cssSelector(".schedules-table tbody tr")).stream()
                .filter(r -> r.getText().contains("Weekly social summary (demo)")).findFirst().orElseThrow()
                .findElement(By.xpath(".//button[normalize-space()='Pause']")).click();
        h.waitFor().until(d -> d.findElements(By.cssSelector(".schedules-table tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("Weekly social summary (demo) (paused)")));
        JsonObject paused = new JsonObject(h.get("/api/report-schedules")).getJsonArray("schedules").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("name").equals("Weekly social summary (demo)")).findFirst().orElseThrow();
        assertFalse(paused.getBoolean("enabled"));
        assertEquals(List.of("marketing-team@example.com"), paused.getJsonArray("recipients").getList());
        h.driver().findElements(By.cssSelector(".schedules-table tbody tr")).stream()
                .filter(r -> r.getText().contains("Weekly social summary (demo)")).findFirst().orElseThrow()
                .findElement(By.xpath(".//button[normalize-space()='Resume']")).click();
        h.waitFor().until(d -> d.findElements(By.cssSelector(".schedules-table tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("Weekly social summary (demo)") && !r.getText().contains("(paused)")));
        // An editor edits the channel in place: no more 'not synced for a day', a daily digest; its URL and secret are kept.
        long cid = channel.getLong("id");
        demoChannelRow().findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
        h.waitFor().until(d -> !d.findElements(By.id("channel-" + cid + "-edit-form")).isEmpty());
        h.driver().findElement(By.id("channel-" + cid + "-edit-event-account_stale")).click();
        h.driver().findElement(By.id("channel-" + cid + "-edit-digest")).click();
        h.driver().findElement(By.id("channel-" + cid + "-edit-save")).click();
        h.waitFor().until(d -> d.findElement(By.id("channels-notice")).getText().contains("was saved"));
        h.waitFor().until(d -> d.findElements(By.id("channel-" + cid + "-edit-form")).isEmpty());
        JsonObject edited = new JsonObject(h.get("/api/notification-channels/" + cid));
        assertEquals(List.of("goal_status", "account_reconnect"), edited.getJsonArray("events").getList());
        assertTrue(edited.getBoolean("digest"));
        assertEquals(shownUrl, edited.getString("url"));
        assertEquals("standard", edited.getString("format"));
        h.waitFor().until(d -> demoChannelRow() != null && demoChannelRow().getText().contains("daily digest"));
        demoChannelRow().findElement(By.xpath(".//button[normalize-space()='Send test']")).click();
        h.waitFor().until(d -> d.findElement(By.id("channels-notice")).getText().contains("reached"));
        JsonArray after = new JsonObject(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).getJsonArray("received");
        JsonObject lastTest = after.getJsonObject(0); // newest first
        assertEquals("test", lastTest.getString("event"));
        assertTrue(lastTest.getBoolean("signature_valid"), "the kept secret still signs");
        // And the schedule: another hour.
        long sid = paused.getLong("id");
        h.driver().findElements(By.cssSelector(".schedules-table tbody tr")).stream()
                .filter(r -> r.getText().contains("Weekly social summary (demo)")).findFirst().orElseThrow()
                .findElement(By.xpath(".//button[normalize-space()='Edit']")).click();
        WebElement hour = h.waitFor().until(d -> d.findElement(By.id("schedule-" + sid + "-edit-hour")));
        hour.clear();
        hour.sendKeys("9");
        h.driver().findElement(By.id("schedule-" + sid + "-edit-save")).click();
        h.waitFor().until(d -> d.findElement(By.id("schedules-notice")).getText().contains("was saved"));
        JsonObject moved = new JsonObject(h.get("/api/report-schedules/" + sid));
        assertEquals(9, moved.getInteger("hour"));
        assertTrue(moved.getBoolean("enabled"));
        assertEquals(List.of("marketing-team@example.com"), moved.getJsonArray("recipients").getList());
        assertTrue(moved.getString("next_run_at").endsWith("T09:00:00Z"), moved.getString("next_run_at"));
        assertEquals(List.of(), h.cspViolations());
        h.screenshot("alerts.png");
    }

    @Test
    void theAlertsPageFitsAPhone() throws Exception {
        h.setWidth(390);
        try {
            h.open("#/notifications");
            h.waitFor().until(d -> demoChannelRow() != null);
            h.waitFor().until(d -> !d.findElements(By.id("smtp-form")).isEmpty());
            assertEquals(0L, h.overflow());
            h.screenshot("alerts-390.png");
        } finally {
            h.resetWidth();
        }
    }
}
