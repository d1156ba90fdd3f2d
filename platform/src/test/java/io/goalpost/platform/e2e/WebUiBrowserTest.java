package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.goalpost.platform.demo.DemoUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium against the product running in-process with the demo:
 * dashboard with the demo goals, the goal wizard, escaping of names from the API, the accounts
 * page's sync error in words, a goal page whose chart, headline and breakdown agree with the API,
 * like-for-like changes on the dashboard, removing an import, and every page under the server's
 * Content-Security-Policy without a violation. Every test signs in through the sign-in page (the demo's
 * users admin, editor and viewer); then sign-in itself, what a viewer and an editor may see and do,
 * users, API tokens and the audit log as an admin, and share links opened in a browser without a
 * cookie. Screenshots go to {@code target/screenshots/}; the server, browser and sign-in come from
 * {@link BrowserHarness}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    private static final List<String> STATUS_WORDS = List.of("On track", "At risk", "Off track", "Achieved", "Missed", "Collecting data", "No data", "Not started");
    private static final Map<String, String> STATUS_BY_ID = Map.of("on_track", "On track", "at_risk", "At risk",
            "off_track", "Off track", "achieved", "Achieved", "missed", "Missed", "collecting", "Collecting data",
            "no_data", "No data", "not_started", "Not started");
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static BrowserHarness h;
    private static WebDriver driver;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAll() throws Exception {
        h = BrowserHarness.start();
        driver = h.driver();
        base = h.base();
        signIn("admin");
    }

    private static void signIn(String username) {
        h.signIn(username);
    }

    @AfterAll
    static void stopAll() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @Order(1)
    void dashboardShowsTheDemoGoalsWithChartsAndKpiTable() throws IOException {
        open("#/dashboard");
        List<WebElement> cards = waitFor().until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".goal-card"));
            return found.size() >= 3 ? found : null;
        });
        String text = driver.findElement(By.id("view")).getText();
        assertTrue(text.contains("Grow our Facebook audience"), "a demo goal is on the dashboard:\n" + text);
        for (WebElement card : cards) {
            String status = card.findElement(By.cssSelector(".goal-status")).getText();
            assertTrue(STATUS_WORDS.stream().anyMatch(status::contains), "status in words: " + status);
            assertFalse(card.findElement(By.cssSelector(".goal-sentence")).getText().isBlank());
        }
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kpi-table tbody tr")));
        waitFor().until(d -> d.findElements(By.cssSelector(".chart-grid canvas")).size() >= 1
                && d.findElements(By.cssSelector(".chart-grid .loading")).isEmpty());
        assertNoAlert();
        screenshot("dashboard.png");
    }

    @Test
    @Order(2)
    void goalDetailShowsChartDefinitionAndTactics() throws IOException {
        open("#/dashboard");
        WebElement link = waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".goal-card .goal-title a")));
        String title = link.getText();
        link.click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.goal-title"), title));
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kpi-def p")));
        waitFor().until(d -> !d.findElements(By.cssSelector("#gchart-h ~ div canvas, .panel canvas")).isEmpty()
                || d.findElement(By.id("view")).getText().contains("No "));
        waitFor().until(d -> d.findElements(By.cssSelector(".breakdown-table tbody tr")).size() >= 1);
        String text = driver.findElement(By.id("view")).getText();
        assertTrue(text.contains("Actual vs target vs forecast"), text);
        assertTrue(text.contains("Tactics"), text);
        screenshot("goal-detail.png");
    }

    @Test
    @Order(3)
    void wizardCreatesAGoalThatAppearsOnTheDashboardWithItsStatus() throws IOException {
        String title = "Wizard goal " + UUID.randomUUID().toString().substring(0, 8);
        open("#/goals/new");
        Select objective = new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-objective"))));
        objective.selectByValue("brand_awareness");
        driver.findElement(By.id("wiz-next")).click();
        Select kpi = new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-kpi"))));
        kpi.selectByValue("followers");
        driver.findElement(By.id("wiz-next")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-net-facebook"))).click();
        driver.findElement(By.id("wiz-next")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-title"))).sendKeys(title);
        new Select(driver.findElement(By.id("wiz-target-type"))).selectByValue("increase_pct");
        // Before a target value: the server's baseline, and no "null" or "NaN" for the missing target.
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("wiz-no-target")));
        assertNoNullOrNaN(driver.findElement(By.id("wiz-preview")).getText());
        driver.findElement(By.id("wiz-target-value")).sendKeys("5");
        driver.findElement(By.id("wiz-owner")).sendKeys("E2E");
        // the server's preview (baseline, target, attainability) appears before saving
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("wiz-attainability")));
        String baseline = driver.findElement(By.id("wiz-baseline")).getText();
        assertNoNullOrNaN(driver.findElement(By.id("wiz-preview")).getText());
        screenshot("wizard.png");
        driver.findElement(By.id("wiz-save")).click();
        waitFor().until(d -> d.getCurrentUrl().matches(".*#/goals/\\d+$"));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.goal-title"), title));
        assertEquals(baseline, driver.findElement(By.id("goal-baseline-value")).getText(), "the saved goal has the previewed baseline");

        open("#/dashboard");
        WebElement card = waitFor().until(d -> d.findElements(By.cssSelector(".goal-card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".goal-title")).getText().equals(title)).findFirst().orElse(null));
        String status = card.findElement(By.cssSelector(".goal-status")).getText();
        assertTrue(STATUS_WORDS.stream().anyMatch(status::contains), "computed status in words: " + status);
        assertTrue(card.getText().contains("E2E"), card.getText());
    }

    @Test
    @Order(4)
    void wizardShowsServerValidationErrorsNextToTheField() {
        open("#/goals/new");
        new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-objective")))).selectByValue("brand_awareness");
        driver.findElement(By.id("wiz-next")).click();
        new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-kpi")))).selectByValue("followers");
        driver.findElement(By.id("wiz-next")).click();
        driver.findElement(By.id("wiz-next")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-title"))).sendKeys("Shrinking followers");
        driver.findElement(By.id("wiz-target-value")).sendKeys("-5");
        driver.findElement(By.id("wiz-save")).click();
        WebElement err = waitFor().until(d -> {
            WebElement e = d.findElement(By.id("wiz-target-value-error"));
            return e.getText().isBlank() ? null : e;
        });
        assertTrue(err.isDisplayed());
        assertTrue(driver.getCurrentUrl().endsWith("#/goals/new"));
    }

    @Test
    @Order(5)
    void namesFromTheApiAreShownAsTextNeverRunAsHtml() throws Exception {
        String evil = "<script>alert(1)</script>";
        String evilImg = "<img src=x onerror=alert(2)>";
        String today = LocalDate.now().toString();
        String deadline = LocalDate.now().plusDays(60).toString();
        post("/api/goals", "{\"title\":" + json(evil) + ",\"objective\":\"brand_awareness\",\"kpi\":\"followers\","
                + "\"scope\":{\"networks\":[\"facebook\"],\"accounts\":[]},\"target\":{\"type\":\"increase_pct\",\"value\":3},"
                + "\"start\":\"" + today + "\",\"deadline\":\"" + deadline + "\",\"owner\":" + json(evilImg) + "}", 201);
        post("/api/accounts", "{\"network\":\"manual\",\"name\":" + json(evil) + "}", 201);

        open("#/dashboard");
        WebElement card = waitFor().until(d -> d.findElements(By.cssSelector(".goal-card")).stream()
                .filter(c -> c.findElement(By.cssSelector(".goal-title")).getText().equals(evil)).findFirst().orElse(null));
        assertTrue(card.getText().contains(evilImg), card.getText());
        assertTrue(card.findElements(By.tagName("script")).isEmpty());
        assertTrue(card.findElements(By.tagName("img")).isEmpty());
        assertNoAlert();

        open("#/accounts");
        waitFor().until(d -> d.findElements(By.cssSelector(".accounts-table .account-name")).stream()
                .anyMatch(e -> e.getText().contains(evil)));
        assertTrue(driver.findElements(By.cssSelector("#view script")).isEmpty());
        assertNoAlert();
    }

    @Test
    @Order(6)
    void accountsPageShowsTheRevokedAccountsSyncErrorInWords() throws IOException {
        open("#/accounts");
        WebElement row = waitFor().until(d -> d.findElements(By.cssSelector(".accounts-table tbody tr")).stream()
                .filter(r -> r.getText().toLowerCase().contains("reconnect")).findFirst().orElse(null));
        String text = row.getText().toLowerCase();
        assertTrue(text.contains("token expired or revoked") || text.contains("reconnect"), text);
        assertTrue(row.findElement(By.cssSelector(".badge")).getText().length() > 3, "status badge has words");
        waitFor().until(d -> !d.findElements(By.cssSelector("#chart-h ~ div canvas")).isEmpty()
                || !d.findElements(By.cssSelector("section canvas")).isEmpty());
        screenshot("accounts.png");
    }

    @Test
    @Order(7)
    void accountsPageConnectFormHidesSecretsAndCsvImportListsRejectedRows() throws Exception {
        String website = "Website " + UUID.randomUUID().toString().substring(0, 6);
        long id = new io.vertx.core.json.JsonObject(post("/api/accounts", "{\"network\":\"manual\",\"name\":" + json(website) + "}", 201))
                .getLong("id");
        open("#/plugins");
        open("#/accounts"); // a fresh render that lists the new account
        // The connect form is generated from the network's declared fields; secrets are password inputs.
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#connect summary"))).click();
        new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("connect-network")))).selectByValue("facebook");
        WebElement token = waitFor().until(d -> d.findElements(By.cssSelector("#connect input[id^='cfg-']")).stream()
                .filter(e -> "password".equals(e.getAttribute("type"))).findFirst().orElse(null));
        assertTrue(token.getAttribute("value").isEmpty(), "a secret is never shown back");

        driver.findElement(By.cssSelector("#import summary")).click();
        Select into = new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("import-account"))));
        waitFor().until(d -> into.getOptions().stream().anyMatch(o -> o.getAttribute("value").equals(String.valueOf(id))));
        into.selectByValue(String.valueOf(id));
        driver.findElement(By.id("import-text")).sendKeys("day,metric,value\n2026-01-05,web_sessions,1200\n"
                + "2026-01-06,web_sessions,abc\n2026-01-07,web_sessions,1300\n");
        driver.findElement(By.cssSelector("#import button[type=submit]")).click();
        WebElement summary = waitFor().until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#import .import-summary"));
            return found.isEmpty() ? null : found.get(0);
        });
        String text = summary.getText();
        assertTrue(text.contains("2 of 3 rows accepted"), text);
        List<WebElement> rejected = summary.findElements(By.cssSelector(".rejected-table tbody tr"));
        assertEquals(1, rejected.size(), text);
        assertTrue(rejected.get(0).getText().startsWith("3"), "the rejected row's line number: " + rejected.get(0).getText());
        String stored = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/accounts/" + id
                + "/metrics?from=2026-01-01&to=2026-01-31")).header("Authorization", bearer()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(stored.contains("1300"), stored);
    }

    @Test
    @Order(8)
    void pluginsAndReportPagesRenderAndEveryPageIsReachableFromTheNavigation() throws IOException {
        open("#/dashboard");
        for (String nav : List.of("accounts", "plugins", "report", "new", "dashboard")) {
            waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-nav='" + nav + "']"))).click();
            waitFor().until(d -> "page".equals(d.findElement(By.cssSelector("[data-nav='" + nav + "']")).getAttribute("aria-current")));
            waitFor().until(d -> d.findElements(By.cssSelector("#view h1")).size() >= 1);
        }
        open("#/plugins");
        waitFor().until(d -> d.findElements(By.cssSelector(".plugin-card")).size() >= 1);
        assertTrue(driver.findElement(By.id("view")).getText().contains("Can report"));
        screenshot("plugins.png");
        open("#/report");
        waitFor().until(d -> d.findElements(By.cssSelector(".report-section .goal-card")).size() >= 1
                && d.findElements(By.cssSelector(".loading")).isEmpty());
        screenshot("report.png");
        // narrow (tablet) layout: nothing wider than the window
        driver.manage().window().setSize(new Dimension(768, 1000));
        open("#/dashboard");
        waitFor().until(d -> d.findElements(By.cssSelector(".goal-card")).size() >= 1);
        Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        screenshot("dashboard-768.png");
        driver.manage().window().setSize(new Dimension(1280, 1000));
        assertEquals(0L, overflow.longValue(), "no horizontal scroll at 768 px");
    }

    @Test
    @Order(9)
    void aYoungGoalsPageAddsUpItsChartHeadlineAndBreakdownAgreeWithTheApi() throws Exception {
        LocalDate today = LocalDate.now();
        String title = "Young views " + UUID.randomUUID().toString().substring(0, 6);
        long id = new JsonObject(post("/api/goals", "{\"title\":" + json(title) + ",\"objective\":\"brand_awareness\","
                + "\"kpi\":\"views\",\"scope\":{\"networks\":[],\"accounts\":[]},"
                + "\"target\":{\"type\":\"increase_pct\",\"value\":10},\"start\":\"" + today.minusDays(5)
                + "\",\"deadline\":\"" + today.plusDays(90) + "\"}", 201)).getLong("id");
        JsonObject goal = new JsonObject(get("/api/goals/" + id));
        JsonObject current = goal.getJsonObject("current");
        assertTrue(current.getValue("value") instanceof Number, "the demo stores views: " + current);

        open("#/goals/" + id);
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.goal-title"), title));
        String shownCurrent = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("goal-current-value"))).getText();
        assertEquals(current.getDouble("value"), number(shownCurrent), 0.005, "the headline is the API's current value");
        assertEquals(windowWords(goal.getString("measure"), current.getString("from"), current.getString("as_of")),
                driver.findElement(By.id("goal-current-window")).getText(), "the window the current value was measured over");

        // The chart's text alternative: its last actual point is the headline.
        WebElement numbers = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("goal-numbers-actual")));
        waitFor().until(d -> !d.findElements(By.cssSelector(".panel canvas")).isEmpty());
        driver.findElement(By.cssSelector("details.chart-numbers summary")).click();
        List<WebElement> points = numbers.findElements(By.cssSelector("tbody tr"));
        assertFalse(points.isEmpty());
        WebElement last = points.get(points.size() - 1);
        assertEquals(current.getString("as_of"), last.getAttribute("data-day"));
        assertEquals(shownCurrent, last.findElement(By.tagName("td")).getText(), "last plotted actual = headline current");

        // The breakdown is the server's: its rows add up to the headline, and its total row is the headline.
        JsonArray parts = goal.getJsonArray("breakdown");
        List<WebElement> rows = driver.findElements(By.cssSelector(".breakdown-table tbody tr"));
        assertEquals(parts.size(), rows.size());
        assertTrue(rows.size() >= 2, "the demo has views on several networks");
        double sum = 0;
        for (WebElement r : rows) {
            sum += number(r.findElement(By.cssSelector("td.bd-current")).getText());
        }
        assertEquals(number(shownCurrent), sum, 0.005, "the networks add up to the headline");
        assertEquals(shownCurrent, driver.findElement(By.cssSelector(".breakdown-table tfoot td.bd-current")).getText());
        assertEquals(driver.findElement(By.id("goal-baseline-value")).getText(),
                driver.findElement(By.cssSelector(".breakdown-table tfoot td.bd-baseline")).getText());

        // The status in words, as the API gives it; a collecting goal says when it is ready.
        String status = goal.getString("status");
        String badge = driver.findElement(By.cssSelector(".goal-status")).getText();
        assertTrue(badge.contains(STATUS_BY_ID.get(status)), status + " shown as " + badge);
        if ("collecting".equals(status)) {
            assertTrue(badge.contains("Collecting data"), badge);
            assertEquals(dayWords(goal.getString("ready_on")), driver.findElement(By.id("goal-ready-on")).getText());
        }
        assertEquals(daysInWords(goal.getJsonObject("comparison").getString("note")),
                driver.findElement(By.id("goal-comparison-note")).getText().replaceFirst("^Like for like: ", ""));
        assertNoAlert();
        screenshot("goal-young.png");
    }

    @Test
    @Order(10)
    void dashboardChangesAreLikeForLikeWithAQualifierAndPercentKpisChangeInPoints() throws Exception {
        JsonObject d = new JsonObject(get("/api/dashboard"));
        long days = ChronoUnit.DAYS.between(LocalDate.parse(d.getString("from")), LocalDate.parse(d.getString("to"))) + 1;
        JsonObject table = d.getJsonObject("kpi_table");
        open("#/dashboard");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kpi-table tbody tr")));
        int qualified = 0;
        for (Object o : table.getJsonArray("rows")) {
            JsonObject row = (JsonObject) o;
            JsonArray cells = row.getJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                JsonObject c = cells.getJsonObject(i);
                JsonObject kpi = table.getJsonArray("kpis").getJsonObject(i);
                if (c == null || c.getValue("value") == null) {
                    continue;
                }
                String where = row.getString("network") + "/" + kpi.getString("id");
                WebElement td = driver.findElement(By.cssSelector(".kpi-table tr[data-network='" + row.getString("network")
                        + "'] td[data-kpi='" + kpi.getString("id") + "']"));
                JsonObject cmp = c.getJsonObject("comparison");
                int left = cmp.getJsonArray("excluded").size();
                boolean partial = cmp.getInteger("days") == 0 || cmp.getInteger("days") != days || left > 0;
                List<WebElement> q = td.findElements(By.cssSelector("details.cmp summary"));
                assertEquals(partial, !q.isEmpty(), where + ": a qualifier exactly when the change is not the whole range over every account");
                if (partial) {
                    qualified++;
                    String words = q.get(0).getText();
                    if (cmp.getInteger("days") > 0 && cmp.getInteger("days") != days) {
                        assertTrue(words.contains(cmp.getInteger("days") + " vs " + cmp.getInteger("previous_days") + " days"), where + ": " + words);
                    }
                    if (left > 0) {
                        assertTrue(words.contains(left + (left == 1 ? " account left out" : " accounts left out")), where + ": " + words);
                    }
                    assertEquals(daysInWords(cmp.getString("note")), q.get(0).getAttribute("title"), where);
                }
                String change = td.findElement(By.cssSelector(".change")).getText();
                Object abs = c.getValue("change");
                if ("percent".equals(kpi.getString("unit"))) {
                    assertFalse(change.contains("%"), where + ": a change of a percentage is in points: " + change);
                    if (abs != null) {
                        assertTrue(change.contains(" pp"), where + ": " + change);
                    }
                } else if (abs instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() != 0) {
                    String exact = (n.doubleValue() > 0 ? "+" : "") + java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH).format(n.longValue());
                    assertTrue(change.contains(exact), where + ": the like-for-like change " + exact + " in " + change);
                }
            }
        }
        assertTrue(qualified >= 1, "the demo's networks report a day or more late, so some change compares fewer days than the range");
        WebElement first = driver.findElement(By.cssSelector(".kpi-table details.cmp summary"));
        first.click();
        WebElement details = first.findElement(By.xpath(".."));
        assertTrue(details.findElement(By.cssSelector(".cmp-note")).isDisplayed(), "the full note opens under the qualifier");
        assertEquals(first.getAttribute("title"), details.findElement(By.cssSelector(".cmp-note")).getText());
        screenshot("dashboard-like-for-like.png");
    }

    @Test
    @Order(11)
    void anImportIsRemovedFromTheAccountsPageAndTheCountIsShown() throws Exception {
        String website = "Undo site " + UUID.randomUUID().toString().substring(0, 6);
        long id = new JsonObject(post("/api/accounts", "{\"network\":\"manual\",\"name\":" + json(website) + "}", 201)).getLong("id");
        String day = LocalDate.now().minusDays(3).toString();
        open("#/plugins");
        open("#/accounts");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#import summary"))).click();
        Select into = new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("import-account"))));
        into.selectByValue(String.valueOf(id));
        driver.findElement(By.id("import-text")).sendKeys("day,metric,value\n" + day + ",web_sessions,4321\n");
        driver.findElement(By.cssSelector("#import button[type=submit]")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#import .import-summary"), "1 of 1 rows accepted"));
        String metrics = "/api/accounts/" + id + "/metrics?from=" + day + "&to=" + day;
        assertTrue(new JsonObject(get(metrics)).getJsonObject("series").containsKey("web_sessions"), "imported");

        driver.findElement(By.cssSelector("#remove-import summary")).click();
        new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("remove-account")))).selectByValue(String.valueOf(id));
        WebElement metric = waitFor().until(d -> {
            WebElement m = d.findElement(By.id("remove-metric"));
            return m.isEnabled() && new Select(m).getOptions().stream().anyMatch(o -> "web_sessions".equals(o.getAttribute("value"))) ? m : null;
        });
        new Select(metric).selectByValue("web_sessions");
        driver.findElement(By.cssSelector("#remove-import button[type=submit]")).click();
        waitFor().until(ExpectedConditions.alertIsPresent()).accept();
        WebElement result = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("remove-result-text")));
        assertTrue(result.getText().startsWith("Removed 1 imported point (web_sessions)"), result.getText());
        assertFalse(new JsonObject(get(metrics)).getJsonObject("series").containsKey("web_sessions"), "removed on the server");
        waitFor().until(d -> new Select(d.findElement(By.id("remove-metric"))).getOptions().stream()
                .noneMatch(o -> "web_sessions".equals(o.getAttribute("value"))));
        screenshot("accounts-remove-import.png");
    }

    @Test
    @Order(12)
    void theGoalPageAndTheDashboardAreReadableAt390Pixels() throws IOException {
        driver.manage().window().setSize(new Dimension(390, 900));
        try {
            open("#/dashboard");
            String goalPage = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".goal-card .goal-title a")))
                    .getAttribute("href").replaceFirst("^[^#]*", "");
            for (String page : List.of("#/dashboard", goalPage)) {
                open(page);
                waitFor().until(d -> d.findElements(By.cssSelector("#view .loading")).isEmpty()
                        && !d.findElements(By.cssSelector("#view canvas")).isEmpty());
                Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, overflow.longValue(), "no horizontal scroll at 390 px on " + page);
            }
            screenshot("goal-390.png");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(13)
    void everyPageRendersUnderTheContentSecurityPolicyWithoutAViolationAndChartsDraw() throws Exception {
        // The pages come with the policy: no inline script or style, no eval.
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
        String policy = index.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'")
                && !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), policy);

        // The check can see a violation: a style attribute, refused by the policy, is reported in the log.
        load("#/plugins");
        waitFor().until(d -> d.findElements(By.cssSelector(".plugin-card")).size() >= 1);
        cspViolations();
        Object applied = ((JavascriptExecutor) driver).executeScript("const p = document.createElement('p');"
                + " p.setAttribute('style', 'display: none'); document.body.append(p);"
                + " const shown = getComputedStyle(p).display; p.remove(); return shown;");
        assertEquals("block", applied, "the policy refuses style attributes");
        assertFalse(waitFor().until(d -> {
            List<String> seen = cspViolations();
            return seen.isEmpty() ? null : seen;
        }).isEmpty(), "a refused style attribute shows up in the browser log");

        JsonObject goal = new JsonObject(get("/api/goals")).getJsonArray("goals").getJsonObject(0);
        long account = new JsonArray(get("/api/accounts")).stream().map(JsonObject.class::cast)
                .filter(a -> "facebook".equals(a.getString("network"))).findFirst().orElseThrow().getLong("id");
        Map<String, Boolean> pages = new java.util.LinkedHashMap<>();
        pages.put("#/dashboard", true);
        pages.put("#/goals/" + goal.getLong("id"), true);
        pages.put("#/goals/" + goal.getLong("id") + "/edit", false);
        pages.put("#/goals/new", false);
        pages.put("#/accounts", true);
        pages.put("#/accounts/" + account, true);
        pages.put("#/plugins", false);
        pages.put("#/report", true);
        pages.put("#/users", false);
        pages.put("#/tokens", false);
        pages.put("#/audit", false);
        pages.put("#/password", false);
        pages.put("#/no-such-page", false);
        for (Map.Entry<String, Boolean> page : pages.entrySet()) {
            load(page.getKey());
            waitFor().until(d -> !d.findElements(By.cssSelector("#view h1")).isEmpty()
                    && d.findElements(By.cssSelector("#view .loading")).isEmpty());
            if (page.getValue()) {
                Long painted = waitFor().until(d -> {
                    Long n = (Long) ((JavascriptExecutor) d).executeScript(PAINTED_CANVASES);
                    return n > 0 ? n : null;
                });
                assertTrue(painted > 0, page.getKey());
            }
            if (page.getKey().equals("#/goals/new")) {
                // The wizard's later steps and its live preview, which sets progress bar widths.
                new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-objective"))))
                        .selectByValue("brand_awareness");
                driver.findElement(By.id("wiz-next")).click();
                new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-kpi")))).selectByValue("followers");
                driver.findElement(By.id("wiz-next")).click();
                waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-net-facebook"))).click();
                driver.findElement(By.id("wiz-next")).click();
                waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-target-value"))).sendKeys("5");
                waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("wiz-attainability")));
            }
            assertEquals(List.of(), cspViolations(), "no Content-Security-Policy violation on " + page.getKey());
        }
        // Inline styles through the CSSOM are allowed: the chart boxes have their heights, the progress bars their widths.
        load("#/dashboard");
        waitFor().until(d -> d.findElements(By.cssSelector(".goal-card")).size() >= 1);
        WebElement box = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart-box")));
        assertEquals("240px", box.getCssValue("height"));
        assertTrue(driver.findElement(By.cssSelector(".progress-fill")).getAttribute("style").contains("width"));
        assertEquals(List.of(), cspViolations());
        screenshot("dashboard-csp.png");
    }

    /** The goal the editor made, which the viewer then reads. */
    private static String editorGoalPage;
    private static final String EDITOR_TACTIC = "Answer every comment within a day";

    @Test
    @Order(14)
    void anAnonymousVisitorIsSentToSignInAndReturnsToThePageTheyAskedFor() throws IOException {
        signOutThroughTheMenu();
        load("#/accounts");
        waitFor().until(d -> d.getCurrentUrl().endsWith("#/sign-in?next=%23%2Faccounts"));
        WebElement note = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("demo-note")));
        assertEquals("Demo users: admin, editor, viewer — password goalpost-demo", note.getText());
        assertEquals("Sign in to Goalpost", driver.findElement(By.cssSelector("#view h1")).getText());
        assertNoneShown("#main-nav", "#user-menu", "[data-nav]");
        driver.findElement(By.id("signin-username")).sendKeys("admin");
        driver.findElement(By.id("signin-password")).sendKeys("not-the-password");
        driver.findElement(By.id("signin-submit")).click();
        WebElement error = waitFor().until(d -> d.findElements(By.cssSelector("#signin-message .alert-error")).stream().findFirst().orElse(null));
        assertEquals("Wrong username or password.", error.getText());
        assertEquals("", driver.findElement(By.id("signin-password")).getAttribute("value"), "the wrong password is cleared");
        screenshot("sign-in-wrong-password.png");
        driver.findElement(By.id("signin-password")).sendKeys(DemoUsers.PASSWORD);
        driver.findElement(By.id("signin-submit")).click();
        waitFor().until(d -> d.getCurrentUrl().endsWith("#/accounts"));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "Accounts"));
        assertEquals("admin (admin) ▾", driver.findElement(By.id("user-menu-button")).getText());
        assertTrue(driver.findElement(By.cssSelector("[data-nav='users']")).isDisplayed() && driver.findElement(By.cssSelector("[data-nav='audit']")).isDisplayed(),
                "an admin sees Users and Audit");
    }

    @Test
    @Order(15)
    void anEditorCreatesAGoalAndATacticButHasNoUsersOrAudit() throws IOException {
        signIn("editor");
        assertNoneShown("[data-nav='users']", "[data-nav='audit']");
        assertTrue(driver.findElement(By.cssSelector("[data-nav='new']")).isDisplayed(), "an editor may create goals");
        String title = "Editor goal " + UUID.randomUUID().toString().substring(0, 8);
        open("#/goals/new");
        fillWizard(title, "5");
        driver.findElement(By.id("wiz-save")).click();
        waitFor().until(d -> d.getCurrentUrl().matches(".*#/goals/\\d+$"));
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.goal-title"), title));
        editorGoalPage = driver.getCurrentUrl().replaceFirst("^[^#]*", "");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("tactic-title"))).sendKeys(EDITOR_TACTIC);
        driver.findElement(By.cssSelector(".tactic-form button[type=submit]")).click();
        waitFor().until(d -> d.findElements(By.cssSelector(".tactics-table tbody th")).stream().anyMatch(e -> e.getText().equals(EDITOR_TACTIC)));
        assertTrue(driver.findElement(By.id("share-open")).isDisplayed(), "an editor may share");
        screenshot("editor-goal.png");

        load("#/users");
        assertEquals("Your role (editor) cannot manage users: that needs the admin role. Ask an admin if you need it.",
                waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("role-refused"))).getText());
        load("#/audit");
        assertTrue(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("role-refused"))).getText()
                .startsWith("Your role (editor) cannot read the audit log"));
    }

    @Test
    @Order(16)
    void aViewerReadsTheDashboardAndAGoalWithoutAnyEditControlAndIsRefusedTheWizardInWords() throws IOException {
        signIn("viewer");
        open("#/dashboard");
        waitFor().until(d -> d.findElements(By.cssSelector(".goal-card")).size() >= 3);
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kpi-table tbody tr")));
        assertNoneShown("[data-nav='new']", "[data-nav='users']", "[data-nav='audit']", "a[href='#/goals/new']", "#share-open");
        assertTrue(driver.findElement(By.id("range-from")).isDisplayed(), "a viewer still picks the range");
        screenshot("viewer-dashboard.png");

        open(editorGoalPage);
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".breakdown-table")));
        waitFor().until(d -> d.findElements(By.cssSelector(".tactics-table tbody th")).stream().anyMatch(e -> e.getText().equals(EDITOR_TACTIC)));
        assertNoneShown(".page-head .actions", "a[href$='/edit']", "#share-open", ".tactic-form", "#tactic-title", ".tactics-table button");
        assertFalse(driver.findElement(By.cssSelector(".tactics-table thead")).getText().contains("Actions"));

        open("#/accounts");
        waitFor().until(d -> d.findElements(By.cssSelector(".accounts-table tbody tr")).size() >= 3);
        assertNoneShown("#connect", "#import", "#remove-import", ".accounts-table button", ".page-head .actions");
        assertFalse(driver.findElements(By.cssSelector(".accounts-table a.button")).isEmpty(), "the charts stay");

        load("#/goals/new");
        WebElement refused = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("role-refused")));
        assertEquals("Your role (viewer) cannot create goals: that needs the editor role. Ask an admin if you need it.", refused.getText());
        assertTrue(driver.findElements(By.id("wiz-objective")).isEmpty(), "no wizard");
        assertEquals("New goal", driver.findElement(By.cssSelector("#view h1")).getText());
        screenshot("viewer-wizard-refused.png");
        load(editorGoalPage + "/edit");
        assertTrue(waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("role-refused"))).getText()
                .startsWith("Your role (viewer) cannot edit goals"));
        load("#/users");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("role-refused")));
        assertTrue(driver.findElements(By.cssSelector(".users-table")).isEmpty());
    }

    @Test
    @Order(17)
    void anAdminCreatesAUserAndAnApiTokenShownOnceAndTheAuditLogListsBoth() throws Exception {
        signIn("admin");
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 6);
        driver.findElement(By.cssSelector("[data-nav='users']")).click();
        waitFor().until(d -> d.findElements(By.cssSelector(".users-table tbody tr")).size() >= 3);
        driver.findElement(By.id("new-user-name")).sendKeys(name);
        driver.findElement(By.id("new-user-password")).sendKeys("a long enough password");
        new Select(driver.findElement(By.id("new-user-role"))).selectByValue("editor");
        driver.findElement(By.cssSelector("#new-user-h ~ form button[type=submit]")).click();
        WebElement row = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".users-table tr[data-username='" + name + "']")));
        assertEquals("editor", new Select(row.findElement(By.cssSelector("select"))).getFirstSelectedOption().getAttribute("value"));
        assertTrue(row.getText().contains("Enabled") && row.getText().contains("never"), row.getText());
        assertTrue(driver.findElement(By.id("users-notice")).getText().contains("User " + name + " (editor) was created."));
        // taken names are refused in words
        driver.findElement(By.id("new-user-name")).sendKeys(name);
        driver.findElement(By.id("new-user-password")).sendKeys("a long enough password");
        driver.findElement(By.cssSelector("#new-user-h ~ form button[type=submit]")).click();
        waitFor().until(d -> !d.findElement(By.id("new-user-name-error")).getText().isBlank());
        screenshot("users.png");

        driver.findElement(By.id("user-menu-button")).click();
        assertEquals("true", driver.findElement(By.id("user-menu-button")).getAttribute("aria-expanded"));
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("menu-tokens"))).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "API tokens"));
        assertEquals("false", driver.findElement(By.id("user-menu-button")).getAttribute("aria-expanded"));
        driver.findElement(By.id("token-name")).sendKeys("E2E export");
        new Select(driver.findElement(By.id("token-role"))).selectByValue("viewer");
        driver.findElement(By.cssSelector("#new-token-h ~ form button[type=submit]")).click();
        WebElement shown = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token")));
        String secret = shown.getAttribute("value");
        assertTrue(secret.startsWith("gp_"), secret);
        assertTrue(shown.getAttribute("readonly") != null, "read-only");
        assertEquals("Copy it now, it will not be shown again.", driver.findElement(By.id("new-token-note")).getText());
        assertTrue(driver.findElement(By.id("new-token-copy")).isDisplayed());
        waitFor().until(d -> d.findElements(By.cssSelector(".tokens-table .token-name")).stream().anyMatch(e -> e.getText().equals("E2E export")));
        screenshot("token-created.png");
        // The token works, as a viewer, and is never shown again.
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/session")).header("Authorization", "Bearer " + secret).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("viewer", new JsonObject(me.body()).getJsonObject("user").getString("role"));
        load("#/tokens");
        waitFor().until(d -> d.findElements(By.cssSelector(".tokens-table .token-name")).stream().anyMatch(e -> e.getText().equals("E2E export")));
        assertTrue(driver.findElements(By.id("new-token")).isEmpty());
        assertFalse(driver.getPageSource().contains(secret), "the token is shown once");

        driver.findElement(By.cssSelector("[data-nav='audit']")).click();
        waitFor().until(d -> d.findElements(By.cssSelector(".audit-table tbody tr")).size() >= 2);
        WebElement created = waitFor().until(d -> d.findElements(By.cssSelector(".audit-table tr[data-action='user.created']")).stream()
                .filter(r -> r.getText().contains(name)).findFirst().orElse(null));
        assertTrue(created.getText().contains("admin") && created.getText().contains("session"), created.getText());
        WebElement tokenRow = waitFor().until(d -> d.findElements(By.cssSelector(".audit-table tr[data-action='token.created']")).stream()
                .filter(r -> r.getText().contains("E2E export")).findFirst().orElse(null));
        assertFalse(tokenRow.getText().contains(secret));
        List<WebElement> rows = driver.findElements(By.cssSelector(".audit-table tbody tr"));
        assertTrue(Long.parseLong(rows.get(0).getAttribute("data-event-id")) > Long.parseLong(rows.get(rows.size() - 1).getAttribute("data-event-id")),
                "newest first");
        driver.findElement(By.id("audit-action")).sendKeys("token.");
        driver.findElement(By.cssSelector(".audit-filter button[type=submit]")).click();
        waitFor().until(d -> {
            List<WebElement> r = d.findElements(By.cssSelector(".audit-table tbody tr"));
            return !r.isEmpty() && r.stream().allMatch(e -> e.getAttribute("data-action").startsWith("token."));
        });
        screenshot("audit.png");
    }

    @Test
    @Order(18)
    void aShareLinkOpensWithoutSignInShowsOnlyWhatWasSharedAndStopsWhenRevoked() throws Exception {
        signIn("admin");
        open("#/dashboard");
        waitFor().until(d -> d.findElements(By.cssSelector(".goal-card")).size() >= 1);
        String dashboardShare = createShareLink();
        assertTrue(dashboardShare.startsWith(base + "#/shared/"), dashboardShare);
        screenshot("share-dialog.png");
        // Escape closes the dialog and focus goes back to the Share button.
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        waitFor().until(d -> d.findElements(By.id("share-dialog")).isEmpty());
        assertEquals("share-open", driver.switchTo().activeElement().getAttribute("id"));

        open(editorGoalPage);
        String goalTitle = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1.goal-title"))).getText();
        String goalShare = createShareLink();
        driver.findElement(By.cssSelector("#share-dialog .dialog-close")).click();
        assertEquals(List.of(), cspViolations(), "the dialog under the Content-Security-Policy");

        WebDriver stranger = BrowserHarness.newBrowser();
        try {
            stranger.get(dashboardShare);
            WebDriverWait wait = new WebDriverWait(stranger, Duration.ofSeconds(30));
            wait.until(d -> d.findElements(By.cssSelector(".goal-card")).size() >= 1);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kpi-table tbody tr")));
            wait.until(d -> !d.findElements(By.cssSelector(".chart-grid canvas")).isEmpty() && d.findElements(By.cssSelector("#view .loading")).isEmpty());
            assertEquals("Goals dashboard", stranger.findElement(By.cssSelector("#view h1")).getText());
            assertTrue(stranger.findElement(By.id("shared-note")).isDisplayed());
            for (String hidden : List.of("#main-nav", "#user-menu", "#brand-link", "#range-from", "#share-open", ".page-head .actions a", ".goal-card a")) {
                assertTrue(stranger.findElements(By.cssSelector(hidden)).stream().noneMatch(WebElement::isDisplayed), hidden + " on a shared dashboard");
            }
            assertTrue(stranger.findElements(By.cssSelector("a[href^='#/']")).stream().noneMatch(WebElement::isDisplayed), "no way to other pages");
            assertEquals(List.of(), BrowserHarness.cspViolations(stranger), "the shared view under the Content-Security-Policy");
            BrowserHarness.screenshot(stranger, "shared-dashboard.png");
            // Anything else asks to sign in.
            ((JavascriptExecutor) stranger).executeScript("location.hash = '#/accounts';");
            wait.until(d -> d.getCurrentUrl().endsWith("#/sign-in?next=%23%2Faccounts"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "Sign in to Goalpost"));
            assertTrue(stranger.findElements(By.cssSelector(".accounts-table")).isEmpty());

            stranger.get("about:blank");
            stranger.get(goalShare);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1.goal-title"), goalTitle));
            wait.until(d -> d.findElements(By.cssSelector(".tactics-table tbody th")).stream().anyMatch(e -> e.getText().equals(EDITOR_TACTIC)));
            wait.until(d -> !d.findElements(By.cssSelector("#view canvas")).isEmpty() && d.findElements(By.cssSelector("#view .loading")).isEmpty());
            for (String hidden : List.of(".crumbs", ".page-head .actions", ".tactic-form", ".tactics-table button", "#main-nav")) {
                assertTrue(stranger.findElements(By.cssSelector(hidden)).stream().noneMatch(WebElement::isDisplayed), hidden + " on a shared goal");
            }
            BrowserHarness.screenshot(stranger, "shared-goal.png");

            // Revoked: the link is gone, in words.
            open("#/dashboard");
            waitFor().until(ExpectedConditions.elementToBeClickable(By.id("share-open"))).click();
            waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#share-dialog .share-items li button"))).click();
            waitFor().until(ExpectedConditions.alertIsPresent()).accept();
            waitFor().until(d -> d.findElements(By.cssSelector("#share-dialog .share-items li")).isEmpty());
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
            stranger.get("about:blank");
            stranger.get(dashboardShare);
            WebElement gone = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shared-gone")));
            assertEquals("This link does not exist or has expired.", gone.getText());
            assertTrue(stranger.findElements(By.cssSelector(".goal-card")).isEmpty());
        } finally {
            stranger.quit();
        }
    }

    @Test
    @Order(19)
    void theSignInAndAdminPagesAreReadableAt390PixelsUnderThePolicy() throws IOException {
        driver.manage().window().setSize(new Dimension(390, 900));
        try {
            cspViolations();
            for (String page : List.of("#/users", "#/tokens", "#/audit", "#/password")) {
                load(page);
                waitFor().until(d -> !d.findElements(By.cssSelector("#view h1")).isEmpty()
                        && d.findElements(By.cssSelector("#view .loading")).isEmpty());
                assertEquals(0L, overflow(), "no horizontal scroll at 390 px on " + page);
            }
            driver.findElement(By.id("user-menu-button")).click();
            WebElement panel = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("user-menu-panel")));
            assertTrue(panel.getRect().getX() >= 0 && panel.getRect().getX() + panel.getRect().getWidth() <= 390, "the menu fits");
            screenshot("user-menu-390.png");
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
            assertFalse(panel.isDisplayed(), "Escape closes the menu");
            assertEquals("user-menu-button", driver.switchTo().activeElement().getAttribute("id"));
            signOutThroughTheMenu();
            waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-username")));
            assertEquals(0L, overflow(), "no horizontal scroll at 390 px on the sign-in page");
            screenshot("sign-in-390.png");
            assertEquals(List.of(), cspViolations());
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
        signIn("admin");
    }

    /** Opens the Share dialog of the page, creates a link and answers it (shown once, with Copy). */
    private static String createShareLink() {
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("share-open"))).click();
        WebElement dialog = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("share-dialog")));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('share-dialog').contains(document.activeElement);"), "focus moves into the dialog");
        int before = dialog.findElements(By.cssSelector(".share-items li")).size();
        dialog.findElement(By.cssSelector("form button[type=submit]")).click();
        WebElement link = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("share-link")));
        assertEquals("Copy it now, it will not be shown again.", driver.findElement(By.id("share-link-note")).getText());
        waitFor().until(d -> d.findElements(By.cssSelector("#share-dialog .share-items li")).size() > before);
        return link.getAttribute("value");
    }

    private static void fillWizard(String title, String target) {
        new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-objective")))).selectByValue("brand_awareness");
        driver.findElement(By.id("wiz-next")).click();
        new Select(waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-kpi")))).selectByValue("followers");
        driver.findElement(By.id("wiz-next")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-net-facebook"))).click();
        driver.findElement(By.id("wiz-next")).click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-title"))).sendKeys(title);
        driver.findElement(By.id("wiz-target-value")).sendKeys(target);
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("wiz-attainability")));
    }

    private static void signOutThroughTheMenu() {
        WebElement button = waitFor().until(ExpectedConditions.elementToBeClickable(By.id("user-menu-button")));
        button.click();
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("menu-sign-out"))).click();
        waitFor().until(d -> d.getCurrentUrl().endsWith("#/sign-in"));
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-username")));
    }

    /** Fails when one of these is on the page and visible. */
    private static void assertNoneShown(String... selectors) {
        for (String css : selectors) {
            List<WebElement> shown = driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).toList();
            assertTrue(shown.isEmpty(), css + " is shown on " + driver.getCurrentUrl());
        }
    }

    private static long overflow() {
        return h.overflow();
    }

    /** How many canvases in the view have painted pixels. */
    private static final String PAINTED_CANVASES = "return [...document.querySelectorAll('#view canvas')].filter(c => {"
            + " if (!c.width || !c.height) return false;"
            + " const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + " for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;"
            + " return false; }).length;";

    private static void load(String hash) {
        h.load(hash);
    }

    private static List<String> cspViolations() {
        return h.cspViolations();
    }

    private static void assertNoNullOrNaN(String text) {
        assertFalse(text.contains("null") || text.contains("NaN") || text.contains("undefined"), text);
    }

    /** A number as the UI writes it exactly ("1,368,610", "4.12 %"). */
    private static double number(String shown) {
        return Double.parseDouble(shown.replace(",", "").replace("%", "").trim());
    }

    /** A day as the UI writes it: "4 Dec", with the year when it is not this year's. */
    private static String dayWords(String iso) {
        LocalDate d = LocalDate.parse(iso);
        return d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1] + (d.getYear() == LocalDate.now().getYear() ? "" : " " + d.getYear());
    }

    /** A server sentence as the UI shows it: its ISO days written as {@link #dayWords} does. */
    private static String daysInWords(String text) {
        return java.util.regex.Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b").matcher(text).replaceAll(m -> dayWords(m.group(1)));
    }

    /** The window of a goal's measure as the UI writes it: "7 days to 4 Dec", "level on 5 Dec". */
    private static String windowWords(String measure, String from, String asOf) {
        if ("level".equals(measure)) {
            return "level on " + dayWords(asOf);
        }
        if (from == null || from.equals(asOf)) {
            return "on " + dayWords(asOf);
        }
        return (ChronoUnit.DAYS.between(LocalDate.parse(from), LocalDate.parse(asOf)) + 1) + " days to " + dayWords(asOf);
    }

    private static void open(String hash) {
        h.open(hash);
    }

    private static WebDriverWait waitFor() {
        return h.waitFor();
    }

    private static void assertNoAlert() {
        try {
            driver.switchTo().alert();
            fail("an alert opened: HTML from the API was executed");
        } catch (NoAlertPresentException expected) {
            // good
        }
    }

    private static void screenshot(String name) throws IOException {
        h.screenshot(name);
    }

    private static String get(String path) throws Exception {
        return h.get(path);
    }

    private static String post(String path, String body, int expected) throws Exception {
        return h.post(path, body, expected);
    }

    private static String bearer() throws IOException {
        return h.bearer();
    }

    private static String json(String s) {
        return BrowserHarness.json(s);
    }
}
