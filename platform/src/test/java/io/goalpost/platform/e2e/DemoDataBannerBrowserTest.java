package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Demo data: simulated networks" on the demo, in a real browser: every page that shows numbers of the
 * demo's sandbox accounts says so in words (a status, not only a colour), the accounts list tags each
 * such account, a share link's visitor is told too, and a goal that counts only a manual source says nothing.
 */
class DemoDataBannerBrowserTest {

    private static final String TITLE = "Demo data: simulated networks";
    private static BrowserHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BrowserHarness.start();
        h.signIn("viewer");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static WebElement banner() {
        return h.waitFor().until(d -> d.findElements(By.id("demo-banner")).stream().findFirst().orElse(null));
    }

    @Test
    void everyPageWithSandboxNumbersSaysDemoDataInWords() throws Exception {
        List<JsonObject> accounts = new JsonArray(h.get("/api/accounts")).stream().map(JsonObject.class::cast)
                .filter(a -> !a.getString("network").equals("manual")).toList();
        assertTrue(accounts.size() > 5, "the demo connected its accounts");
        accounts.forEach(a -> assertEquals("sandbox", a.getString("origin"), a.encode()));
        long goal = new JsonObject(h.get("/api/dashboard")).getJsonArray("goals").getJsonObject(0).getLong("id");

        for (String page : List.of("#/dashboard", "#/goals/" + goal, "#/accounts", "#/posts", "#/report")) {
            h.open(page);
            WebElement banner = banner();
            assertEquals("status", banner.getAttribute("role"), page);
            assertTrue(banner.getText().startsWith(TITLE), page + ": " + banner.getText());
            assertTrue(banner.getText().contains("synthetic, not real network data"), page + ": " + banner.getText());
            assertEquals(1, h.driver().findElements(By.id("demo-banner")).size(), page + ": one banner");
        }
        h.open("#/accounts");
        h.waitFor().until(d -> !d.findElements(By.cssSelector("tr[data-account-id]")).isEmpty());
        assertEquals(accounts.size(), h.driver().findElements(By.cssSelector("tr[data-account-id] .demo-tag")).size(),
                "every demo account is tagged Demo data, and nothing else");
        h.screenshot("demo-data-banner.png");
    }

    @Test
    void aGoalCountingOnlyAManualSourceShowsNoBanner() throws Exception {
        long manual = new JsonObject(h.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Shop newsletter\"}", 201))
                .getLong("id");
        LocalDate today = LocalDate.now();
        JsonObject spec = new JsonObject().put("title", "Newsletter readers").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray())
                        .put("accounts", new JsonArray().add(manual)))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                .put("start", today.minusDays(7).toString()).put("deadline", today.plusDays(60).toString()).put("owner", "Dana");
        long goal = new JsonObject(h.post("/api/goals", spec.encode(), 201)).getLong("id");
        h.open("#/goals/" + goal);
        h.waitFor().until(d -> !d.findElements(By.cssSelector("h1.goal-title")).isEmpty());
        // The banner comes from a second request: give it time to (wrongly) appear.
        Thread.sleep(1500);
        assertEquals(0, h.driver().findElements(By.id("demo-banner")).size(), "no sandbox account counts in this goal");
        h.open("#/dashboard");
        assertTrue(banner().getText().startsWith(TITLE), "the dashboard still counts the demo's accounts");
    }

    @Test
    void aShareLinksVisitorIsToldToo() throws Exception {
        LocalDate today = LocalDate.now();
        JsonObject share = new JsonObject(h.post("/api/shares", new JsonObject().put("kind", "dashboard")
                .put("from", today.minusDays(27).toString()).put("to", today.toString()).encode(), 201));
        String token = share.getString("token");
        JsonObject info = new JsonObject(h.get("/api/shared/" + token));
        assertTrue(info.getJsonObject("demo_data").getInteger("accounts") > 5, info.encode());
        assertTrue(info.getJsonObject("demo_data").getJsonArray("networks").contains("Instagram"), info.encode());

        WebDriver stranger = BrowserHarness.newBrowser();
        try {
            stranger.get(h.base() + share.getString("path"));
            WebElement banner = new WebDriverWait(stranger, Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.id("demo-banner")).stream().findFirst().orElse(null));
            assertEquals("status", banner.getAttribute("role"));
            assertTrue(banner.getText().startsWith(TITLE), banner.getText());
        } finally {
            stranger.quit();
        }
    }
}
