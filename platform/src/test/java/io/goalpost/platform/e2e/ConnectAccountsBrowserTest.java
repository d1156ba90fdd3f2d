package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.goalpost.platform.demo.DemoUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Connect with …" as a person does it, in a real headless Chromium against the demo and its
 * sandboxes: the Settings page (the redirect URI to register, the secret never shown back), a sign-in
 * refused on the network's consent page coming back in words, reconnecting the demo's revoked
 * Facebook Page through its sign-in (same account, then it syncs), and an account of every network
 * connected through its consent page, picked from the accounts the sign-in found, backfilled and then
 * showing data; the accounts page and Settings at 390 px without sideways scrolling.
 *
 * <p>The browser uses {@code http://localhost:<port>/}: that is the redirect URI the server registers
 * (its public URL), and the session cookie belongs to the name the person signed in on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectAccountsBrowserTest {

    private static final List<String> NETWORKS = List.of("facebook", "instagram", "linkedin", "tiktok", "x", "pinterest");
    private static final String REVOKED = "Acme Legacy Page (access revoked)";

    private static BrowserHarness h;
    private static WebDriver driver;
    private static String base;

    @BeforeAll
    static void startAll() throws Exception {
        h = BrowserHarness.start();
        driver = h.driver();
        base = "http://localhost:" + h.server().port() + "/";
        signIn("admin");
        h.cspViolations(); // from a clean slate
    }

    @AfterAll
    static void stopAll() {
        if (h != null) {
            h.close();
        }
    }

    private static void signIn(String username) {
        driver.get(base + "styles.css");
        driver.manage().deleteAllCookies();
        driver.get(base + "#/sign-in");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("signin-username"))).sendKeys(username);
        driver.findElement(By.id("signin-password")).sendKeys(DemoUsers.PASSWORD);
        driver.findElement(By.id("signin-submit")).click();
        waitFor().until(d -> d.findElements(By.id("user-menu-button")).stream()
                .anyMatch(b -> b.isDisplayed() && b.getText().startsWith(username + " ")));
    }

    private static void open(String hash) {
        driver.get(base + hash);
        ((JavascriptExecutor) driver).executeScript("if (location.hash !== arguments[0]) location.hash = arguments[0];", hash);
    }

    private static WebDriverWait waitFor() {
        return BrowserHarness.waitFor(driver);
    }

    private static WebDriverWait waitLong() {
        return new WebDriverWait(driver, Duration.ofSeconds(150));
    }

    private static List<JsonObject> accounts() throws Exception {
        return new JsonArray(h.get("/api/accounts")).stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject account(long id) throws Exception {
        return new JsonObject(h.get("/api/accounts/" + id));
    }

    /** On the network's consent page (a sandbox on another port): approves, as a person clicks Approve. */
    private static void approve() {
        WebElement approve = waitFor().until(d -> {
            List<WebElement> link = d.findElements(By.cssSelector("a.approve"));
            if (!link.isEmpty()) {
                return link.get(0);
            }
            return d.findElements(By.xpath("//button[normalize-space()='Approve']")).stream().findFirst().orElse(null);
        });
        approve.click();
    }

    private static WebElement row(long id) {
        return waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-account-id='" + id + "']")));
    }

    /** Waits, while the accounts page refreshes itself, until the account's row shows {@code status}; answers the statuses seen. */
    private static Set<String> watchUntil(long id, String status) {
        Set<String> seen = new LinkedHashSet<>();
        waitLong().pollingEvery(Duration.ofMillis(100)).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("tr[data-account-id='" + id + "']"));
            if (rows.isEmpty()) {
                return false;
            }
            try {
                String now = rows.get(0).getAttribute("data-sync-status");
                seen.add(now);
                if (!rows.get(0).findElements(By.cssSelector("progress")).isEmpty()) {
                    seen.add("progress shown");
                }
                return status.equals(now);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false; // the list was just refreshed
            }
        });
        return seen;
    }

    @Test
    @Order(1)
    void settingsShowTheRedirectUriToRegisterAndNeverTheSecret() throws Exception {
        open("#/settings");
        WebElement card = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("app-facebook")));
        WebElement redirect = card.findElement(By.id("app-facebook-redirect"));
        assertEquals(base + "api/oauth/facebook/callback", redirect.getAttribute("value"));
        assertTrue(card.findElement(By.id("app-facebook-redirect-copy")).getText().equals("Copy"));
        WebElement secret = card.findElement(By.id("app-facebook-client-secret"));
        assertEquals("password", secret.getAttribute("type"));
        assertEquals("", secret.getAttribute("value"));
        assertEquals("sandbox-facebook-app", card.findElement(By.id("app-facebook-client-id")).getAttribute("value"));
        for (String network : NETWORKS) {
            WebElement c = driver.findElement(By.id("app-" + network));
            assertTrue(c.getText().contains("Set up"), network + ": " + c.getText());
        }
        assertFalse(driver.getPageSource().contains("sandbox-facebook-app-secret"), "the stored secret is never on the page");
        // Saving without typing a secret keeps the stored one: Connect with Facebook still works afterwards (test 3).
        card.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#app-facebook .app-msg"), "Saved the Facebook Pages app."));
        assertEquals("", driver.findElement(By.id("app-facebook-client-secret")).getAttribute("value"));
        h.screenshot("settings.png");
        // Settings are an admin's: an editor neither sees the link nor gets the page.
        signIn("editor");
        assertTrue(driver.findElements(By.cssSelector("#main-nav a[href='#/settings']")).stream().noneMatch(WebElement::isDisplayed));
        open("#/settings");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("role-refused")));
        signIn("admin");
    }

    @Test
    @Order(2)
    void aRefusedConsentComesBackInWords() {
        open("#/accounts");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.connect-button[data-network='linkedin']"))).click();
        WebElement deny = waitFor().until(d -> d.findElements(By.xpath("//a[normalize-space()='Deny']")).stream().findFirst().orElse(null));
        deny.click();
        waitFor().until(d -> d.getCurrentUrl().contains("#/accounts?connect_error="));
        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-error")));
        assertTrue(error.getText().startsWith("Nothing was connected."), error.getText());
        assertTrue(error.getText().contains("did not allow Goalpost"), error.getText());
        assertEquals("alert", error.getAttribute("role"));
    }

    @Test
    @Order(3)
    void theRevokedDemoPageIsReconnectedThroughItsSignInAndSyncs() throws Exception {
        long id = accounts().stream().filter(a -> a.getString("name").equals(REVOKED)).findFirst().orElseThrow().getLong("id");
        JsonObject before = account(id);
        assertFalse(before.getBoolean("canSync"), before.encode());
        // The API names what failed (the token was refused), not the status again.
        assertEquals("needs_reauth", before.getJsonObject("sync").getString("status"));
        assertEquals("auth_expired", before.getJsonObject("sync").getString("lastErrorKind"), before.encode());
        open("#/accounts");
        WebElement row = row(id);
        assertEquals("needs_reauth", row.getAttribute("data-sync-status"));
        // Sync now is disabled while it cannot sync, and says why; its name is its visible words.
        WebElement sync = row.findElement(By.id("sync-" + id));
        assertFalse(sync.isEnabled());
        assertEquals("Sync now", sync.getText());
        assertNull(sync.getAttribute("aria-label"));
        String describedBy = sync.getAttribute("aria-describedby");
        assertTrue(describedBy.contains("account-name-" + id) && describedBy.contains("sync-reason-" + id), describedBy);
        assertTrue(row.findElement(By.id("sync-reason-" + id)).getText().startsWith("Cannot sync now: "));
        h.screenshot("accounts-reconnect-needed.png");

        WebElement reconnect = row.findElement(By.id("reconnect-" + id));
        assertEquals("Reconnect with Facebook Pages", reconnect.getText());
        reconnect.click();
        approve();
        waitFor().until(d -> d.getCurrentUrl().contains("#/accounts/connect/facebook?state="));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "Reconnect account " + id));
        // The Page of this account is chosen; the others are connected as other accounts and cannot be.
        WebElement chosen = waitFor().until(d -> d.findElements(By.cssSelector("input[name=pick]:checked")).stream().findFirst().orElse(null));
        assertEquals("1048576000000019", chosen.getAttribute("value"));
        assertEquals(3, driver.findElements(By.cssSelector("input[name=pick]:disabled")).size());
        h.screenshot("connect-pick-reconnect.png");
        driver.findElement(By.id("pick-submit")).click();
        waitFor().until(d -> d.getCurrentUrl().contains("#/accounts?reconnected=" + id));
        assertTrue(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-result"))).getText()
                .contains("Reconnected “" + REVOKED + "”"));
        watchUntil(id, "ok");
        JsonObject after = account(id);
        assertEquals(REVOKED, after.getString("name"));
        assertTrue(after.getBoolean("canSync"));
        assertEquals("1048576000000019", after.getJsonObject("identity").getString("externalId"));
        assertTrue(row(id).findElement(By.id("sync-" + id)).isEnabled());
    }

    @Test
    @Order(4)
    void anAccountOfEveryNetworkIsConnectedThroughItsConsentPageBackfilledAndShowsData() throws Exception {
        List<String> several = new ArrayList<>();
        for (String network : NETWORKS) {
            // The demo connected the sandbox's accounts already: remove them so the sign-in finds some to connect.
            for (JsonObject a : accounts()) {
                if (a.getString("network").equals(network) && !a.getString("name").equals(REVOKED)) {
                    h.send("DELETE", "/api/accounts/" + a.getLong("id"), null, 204);
                }
            }
            open("#/accounts");
            waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.connect-button[data-network='" + network + "']"))).click();
            approve();
            waitFor().until(d -> d.getCurrentUrl().contains("#/accounts/connect/" + network + "?state="));
            waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pick-submit")));
            List<WebElement> free = driver.findElements(By.cssSelector("input[name=pick]:not(:disabled)"));
            assertFalse(free.isEmpty(), network + ": the sign-in found no account to connect");
            // Of several found, the last one; with one found it is already chosen.
            WebElement pick = free.get(free.size() - 1);
            if (free.size() > 1) {
                several.add(network);
                for (WebElement other : free) {
                    if (other.isSelected() && !other.equals(pick)) {
                        other.click();
                    }
                }
            }
            if (!pick.isSelected()) {
                pick.click();
            }
            String picked = pick.getAttribute("value");
            if (network.equals("facebook")) {
                h.screenshot("connect-pick.png");
            }
            driver.findElement(By.id("pick-submit")).click();
            waitFor().until(d -> d.getCurrentUrl().contains("#/accounts?connected="));
            String url = driver.getCurrentUrl();
            long id = Long.parseLong(url.substring(url.indexOf("connected=") + 10).split("[,&]")[0]);
            assertTrue(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("connect-result"))).getText()
                    .startsWith("Connected “"), network);
            Set<String> seen = watchUntil(id, "ok");
            JsonObject a = account(id);
            assertEquals(network, a.getString("network"));
            assertEquals("sandbox", a.getString("origin"), network + ": connected through the sandbox's demo app");
            assertEquals(picked, a.getJsonObject("identity").getString("externalId"), network);
            assertNull(a.getValue("backfill"), network + " finished its history: " + a.encode());
            assertTrue(a.getJsonObject("sync").getString("syncedThrough") != null, network);
            // Facebook's two years of history take a while: the page showed its progress before "up to date".
            if (network.equals("facebook")) {
                assertTrue(seen.contains("progress shown"), seen.toString());
                assertFalse(seen.iterator().next().equals("ok"), seen.toString());
            }
            // And the account shows data: its chart has days of followers or views.
            open("#/accounts/" + id);
            WebElement summary = waitFor().until(d -> d.findElements(By.id("chart-summary")).stream().findFirst()
                    .orElse(null));
            assertTrue(summary.getText().matches("(?s).*: [1-9][0-9]* days of followers.*|(?s).*, [1-9][0-9]* days of views.*"),
                    network + ": " + summary.getText());
        }
        assertFalse(several.isEmpty(), "a sign-in that finds several accounts (Facebook Pages, LinkedIn pages) offers a choice");
        assertTrue(several.contains("facebook"), several.toString());
        assertTrue(h.cspViolations().isEmpty());
    }

    @Test
    @Order(5)
    void accountsAndSettingsFitAPhoneWithoutSidewaysScrolling() throws Exception {
        h.setWidth(390);
        try {
            for (String page : List.of("#/accounts", "#/settings", "#/dashboard")) {
                open(page);
                waitFor().until(d -> d.findElements(By.cssSelector("#view .loading")).isEmpty()
                        && !d.findElements(By.cssSelector("#view h1")).isEmpty());
                Thread.sleep(300);
                assertEquals(0L, h.overflow(), page + " scrolls sideways at 390 px");
                String text = driver.findElement(By.id("view")).getText();
                assertFalse(text.matches("(?s)(.*\\n)?(null|undefined)(\\n.*)?"), page + " shows a missing value as text: " + text);
            }
            open("#/accounts");
            waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".accounts-table tbody tr")));
            h.screenshot("accounts-390.png");
        } finally {
            h.resetWidth();
        }
    }
    @Test
    @Order(6)
    void anAccountIsEditedInPlaceKeepingItsIdAndSettings() throws Exception {
        JsonObject a = accounts().stream().filter(x -> x.getString("network").equals("linkedin")).findFirst().orElseThrow();
        long id = a.getLong("id");
        open("#/accounts");
        WebElement edit = row(id).findElement(By.id("edit-" + id));
        assertEquals("Edit", edit.getText());
        edit.click();
        WebElement name = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-name")));
        assertEquals(a.getString("name"), name.getAttribute("value"));
        List<WebElement> secrets = driver.findElements(By.cssSelector("#account-edit input[type=password]"));
        assertFalse(secrets.isEmpty(), "the token fields are there, to paste a new token");
        for (WebElement secret : secrets) {
            assertEquals("", secret.getAttribute("value"), "a stored secret is never shown");
        }
        h.screenshot("account-edit.png");
        name.clear();
        name.sendKeys("Acme on LinkedIn (renamed)");
        driver.findElement(By.id("edit-submit")).click();
        waitFor().until(d -> d.findElements(By.id("account-edit")).isEmpty());
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-name-" + id), "Acme on LinkedIn (renamed)"));
        JsonObject after = account(id);
        assertEquals("Acme on LinkedIn (renamed)", after.getString("name"));
        assertEquals(a.getJsonObject("config"), after.getJsonObject("config"));
        assertEquals(a.getJsonObject("identity"), after.getJsonObject("identity"));
    }
    private static void sql(String statement) throws Exception {
        try (var c = h.server().database().jdbc().getConnection(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Test
    @Order(7)
    void aRunningBackfillAndASignInThatLapsesSoonAreShownOnTheAccountAndTheDashboard() throws Exception {
        long filling = accounts().stream().filter(x -> x.getString("network").equals("instagram")).findFirst().orElseThrow()
                .getLong("id");
        long lapsing = accounts().stream().filter(x -> x.getString("network").equals("tiktok")).findFirst().orElseThrow()
                .getLong("id");
        // As the host records a first sync 120 days into 730, running under its lease (its next regular sync
        // is hours away), and a sign-in whose refresh token ends in 5 days.
        sql("UPDATE sync_state SET status = 'backfilling', lease_expires_at = now() + interval '1 hour', "
                + "backfill_done_at = NULL, backfill_days_total = 730, "
                + "backfill_days_done = 120, backfill_posts = 85, backfill_started_at = now() - interval '2 minutes' "
                + "WHERE account_id = " + filling);
        sql("UPDATE account SET refresh_expires_at = now() + interval '5 days 1 hour' WHERE id = " + lapsing);

        open("#/dashboard");
        WebElement marked = waitFor().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#accounts-backfilling li[data-account-id='" + filling + "']")));
        assertTrue(marked.getText().contains("120 of 730 days, 85 posts so far"), marked.getText());

        open("#/accounts");
        WebElement progress = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("backfill-" + filling)));
        assertTrue(row(filling).getText().contains("fetching the account's history: 120 of 730 days, 85 posts so far; done in about "),
                row(filling).getText());
        WebElement bar = progress.findElement(By.tagName("progress"));
        assertEquals("730", bar.getAttribute("max"));
        assertEquals("120", bar.getAttribute("value"));
        assertEquals("backfilling", row(filling).getAttribute("data-sync-status"));

        WebElement warned = row(lapsing);
        assertEquals("needs_attention", warned.getAttribute("data-sync-status"));
        assertTrue(warned.getText().contains("Reconnect soon"), warned.getText());
        assertTrue(warned.getText().contains("in 5 days"), warned.getText());
        assertEquals("Reconnect with TikTok", warned.findElement(By.id("reconnect-" + lapsing)).getText());
        assertTrue(warned.findElement(By.id("sync-" + lapsing)).isEnabled(), "it still syncs until then");
        h.screenshot("accounts-backfill-and-warning.png");

        // The history is in: the page, refreshing itself, says so without a reload.
        sql("UPDATE sync_state SET status = 'ok', lease_expires_at = NULL, backfill_done_at = now(), backfill_days_done = 730 "
                + "WHERE account_id = " + filling);
        waitFor().until(d -> "ok".equals(d.findElement(By.cssSelector("tr[data-account-id='" + filling + "']"))
                .getAttribute("data-sync-status")));
        assertTrue(driver.findElements(By.id("backfill-" + filling)).isEmpty());
        sql("UPDATE account SET refresh_expires_at = NULL WHERE id = " + lapsing);
    }
}
