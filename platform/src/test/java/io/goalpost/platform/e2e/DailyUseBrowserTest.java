package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI as a person uses it every day (issue 14), in a real headless Chromium against the demo:
 * axe-core on every page of the nav (so pages added later are covered) and the goal, wizard, token,
 * password and not-found pages, at 1440 and 390 px, failing on any serious or critical violation,
 * with no sideways scroll at 390 px and a screenshot of each; the skip link; focus and title after a
 * page change; the range picker's recovery from a range too long; the range and filters in the
 * address; editing a tactic's status in place; the dashboard in at most two API calls; a server
 * error said in words with Retry; the wizard preview without a target.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DailyUseBrowserTest {

    private static BrowserHarness h;
    private static WebDriver driver;

    @BeforeAll
    static void startAll() throws Exception {
        h = BrowserHarness.start();
        driver = h.driver();
        h.signIn("admin");
    }

    @AfterAll
    static void stopAll() {
        if (h != null) {
            h.close();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the page's h1 is there and nothing in the page is loading any more. */
    private static void settled() {
        h.waitFor().until(d -> !d.findElements(By.cssSelector("#view h1")).isEmpty()
                && d.findElements(By.cssSelector("#view .loading")).isEmpty());
    }

    /** The pages to check: every link of the main nav (whatever pages exist by then) and the pages no nav links to. */
    private static Map<String, String> pages() throws Exception {
        h.open("#/dashboard");
        settled();
        Map<String, String> pages = new LinkedHashMap<>();
        for (WebElement a : driver.findElements(By.cssSelector("#main-nav a[href^='#/']"))) {
            String href = a.getAttribute("href");
            String hash = href.substring(href.indexOf('#'));
            pages.put(hash.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""), hash);
        }
        long goal = new JsonObject(h.get("/api/goals")).getJsonArray("goals").getJsonObject(0).getLong("id");
        pages.put("goal", "#/goals/" + goal);
        pages.put("goal-edit", "#/goals/" + goal + "/edit");
        long account = new JsonArray(h.get("/api/accounts")).getJsonObject(0).getLong("id");
        pages.put("account", "#/accounts/" + account);
        pages.put("tokens", "#/tokens");
        pages.put("password", "#/password");
        pages.put("goal-not-found", "#/goals/999999");
        pages.put("not-found", "#/no-such-page");
        return pages;
    }

    @Test
    @Order(1)
    void everyPagePassesAxeAtDesktopAndPhoneWidthWithoutSidewaysScroll() throws Exception {
        Map<String, String> pages = pages();
        assertTrue(pages.size() >= 10, "the nav and the extra pages: " + pages);
        List<String> problems = new ArrayList<>();
        Set<String> titles = new LinkedHashSet<>();
        for (int width : new int[] {1440, 390}) {
            h.setWidth(width);
            for (Map.Entry<String, String> p : pages.entrySet()) {
                h.open(p.getValue());
                settled();
                if (p.getKey().equals("dashboard")) {
                    h.waitFor().until(d -> !d.findElements(By.cssSelector(".chart-grid canvas")).isEmpty());
                }
                String where = p.getValue() + " at " + width + " px";
                for (String v : Axe.seriousViolations(driver)) {
                    problems.add(where + ": " + v);
                }
                if (width == 390 && h.overflow() > 0) {
                    problems.add(where + ": the page scrolls sideways by " + h.overflow() + " px");
                }
                String shown = driver.findElement(By.id("view")).getText();
                if (shown.matches("(?s).*\\b(null|undefined|NaN)\\b.*")) {
                    problems.add(where + ": the page shows a program's null, undefined or NaN as text");
                }
                // one date format ("4 Dec", "6 Dec 2026, 14:05 UTC"): no ISO day or 12/07/2026 in what a person reads
                java.util.regex.Matcher date = java.util.regex.Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4})\\b").matcher(shown);
                if (date.find()) {
                    problems.add(where + ": a date written another way: \"" + shown.substring(Math.max(0, date.start() - 40), Math.min(shown.length(), date.end() + 20)).replace('\n', ' ') + "\"");
                }
                String h1 = driver.findElement(By.cssSelector("#view h1")).getText().trim();
                String title = driver.getTitle();
                if (!title.equals(h1 + " · Goalpost")) {
                    problems.add(where + ": the title is \"" + title + "\", not the page's h1 \"" + h1 + "\"");
                }
                titles.add(title);
                if (width == 390) {
                    long header = (Long) js("return Math.round(document.querySelector('.topbar').getBoundingClientRect().height);");
                    if (header > 64) {
                        problems.add(where + ": the header is " + header + " px high");
                    }
                    // the server badge says a whole word on a phone, not "Ser…"
                    // what a sighted person sees (the sentence beside it is clipped to 1 px for screen readers)
                    String badge = ((String) js("return [...document.getElementById('health').children].filter(c => "
                            + "getComputedStyle(c).display !== 'none' && c.getBoundingClientRect().width > 1).map(c => c.textContent).join(' ');")).trim();
                    Boolean clipped = (Boolean) js("const b = document.getElementById('health'); return b.scrollWidth > b.clientWidth + 1;");
                    if (!badge.equals("OK") || clipped) {
                        problems.add(where + ": the header's server badge reads \"" + badge + "\"" + (clipped ? ", cut short" : ""));
                    }
                }
                fullPageScreenshot("daily-" + p.getKey() + "-" + width + ".png", width);
            }
        }
        h.resetWidth();
        // the check itself can fail: an image without a text alternative is a critical violation
        js("document.getElementById('view').append(Object.assign(document.createElement('img'), { src: '/favicon-missing.png' }));");
        assertTrue(Axe.seriousViolations(driver).stream().anyMatch(v -> v.startsWith("image-alt")), "axe runs and reports");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        assertTrue(titles.size() >= pages.size() - 2, "every page has a title of its own: " + titles);
    }

    /** The whole page, not only the window: the window is made as tall as the page for the picture, then put back. */
    private static void fullPageScreenshot(String name, int width) throws Exception {
        long height = (Long) js("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, (int) Math.min(Math.max(height, 600), 6000)));
        Thread.sleep(400); // the charts redraw at the new size
        h.screenshot(name);
        h.setWidth(width);
    }

    @Test
    @Order(2)
    void skipLinkIsTheFirstStopAndMovesFocusToTheContentWithoutChangingPage() {
        h.resetWidth();
        h.load("#/accounts");
        settled();
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement first = driver.switchTo().activeElement();
        assertEquals("Skip to content", first.getText(), "the first stop of the keyboard");
        first.sendKeys(Keys.ENTER);
        h.waitFor().until(d -> (Boolean) js("return document.getElementById('view').contains(document.activeElement);"));
        assertTrue(((String) js("return location.hash;")).startsWith("#/accounts"), "still on the accounts page");
        assertEquals("Accounts", driver.findElement(By.cssSelector("#view h1")).getText());
        assertFalse(driver.findElement(By.id("view")).getText().contains("Page not found"));
        assertEquals("H1", js("return document.activeElement.tagName;"), "focus is on the page's heading");
    }

    @Test
    @Order(3)
    void focusGoesToTheNewPagesHeadingAndTheTitleFollows() {
        h.open("#/dashboard");
        settled();
        driver.findElement(By.cssSelector("#main-nav a[data-nav='plugins']")).click();
        h.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "Plugins"));
        settled();
        h.waitFor().until(d -> "H1".equals(js("return document.activeElement.tagName;")));
        assertEquals("Plugins", driver.switchTo().activeElement().getText());
        assertEquals("Plugins · Goalpost", driver.getTitle());
        // the capability matrix says what each network can report, with reasons, not metric ids alone
        List<WebElement> no = driver.findElements(By.cssSelector(".cap-table td[data-state='no']"));
        assertFalse(driver.findElements(By.cssSelector(".cap-table tbody tr")).isEmpty(), "a row per KPI");
        assertFalse(no.isEmpty(), "some network cannot report some KPI in the demo");
        assertTrue(no.get(0).getText().contains("Cannot report") && no.get(0).findElement(By.cssSelector(".cell-note")).getText().contains(":"),
                "in words, with the reason: " + no.get(0).getText());
    }

    @Test
    @Order(4)
    void aRangeTooLongIsRefusedInWordsKeepingThePickerAndNeverSticks() {
        h.open("#/dashboard");
        settled();
        WebElement from = driver.findElement(By.id("range-from"));
        js("arguments[0].value = '2020-01-01'; arguments[1].value = '2026-01-01';", from, driver.findElement(By.id("range-to")));
        driver.findElement(By.id("range-apply")).click();
        String said = h.waitFor().until(d -> {
            String t = d.findElement(By.id("range-error")).getText();
            return t.isBlank() ? null : t;
        });
        assertTrue(said.contains("1,100 days"), said);
        assertTrue(driver.findElement(By.id("range-from")).isDisplayed(), "the picker stays");
        // A range too long kept from an earlier visit (the old bug) or given in the address: the page
        // says why it was not used, shows the default range with the picker, and a reload works.
        js("sessionStorage.setItem('goalpost.range', JSON.stringify({from: '2020-01-01', to: '2026-01-01'}));");
        h.load("#/dashboard");
        settled();
        assertTrue(driver.findElement(By.id("range-problem")).getText().contains("was not used"));
        assertTrue(driver.findElement(By.id("range-from")).isDisplayed());
        assertFalse(driver.findElements(By.cssSelector(".goal-card")).isEmpty(), "the goals are shown");
        h.load("#/dashboard");
        settled();
        assertTrue(driver.findElements(By.id("range-problem")).isEmpty(), "the bad range was not kept");
        h.load("#/dashboard?from=2020-01-01&to=2026-01-01");
        settled();
        assertTrue(driver.findElement(By.id("range-problem")).getText().contains("1,100"));
        assertTrue(driver.findElement(By.id("range-from")).isDisplayed());
        h.load("#/report?from=2020-01-01&to=2026-01-01");
        settled();
        assertTrue(driver.findElement(By.id("range-problem")).getText().contains("was not used"), "the report too");
    }

    @Test
    @Order(5)
    void theRangeAndFiltersAreInTheAddressSoAViewCanBeBookmarked() {
        JsonObject dash = new JsonObject(getQuietly("/api/dashboard"));
        LocalDate to = LocalDate.parse(dash.getString("today"));
        LocalDate from = to.minusDays(59);
        h.load("#/dashboard?from=" + from + "&to=" + to);
        settled();
        assertEquals(from.toString(), driver.findElement(By.id("range-from")).getAttribute("value"));
        assertEquals(to.toString(), driver.findElement(By.id("range-to")).getAttribute("value"));
        assertTrue(driver.findElement(By.id("goals-range-note")).getText().contains("its own period"), "cards say what range they use");
        // a status filter: the address carries it, and only goals of that status are shown
        String status = driver.findElement(By.cssSelector(".goal-card")).getAttribute("data-status");
        new Select(driver.findElement(By.id("filter-status"))).selectByValue(status);
        h.waitFor().until(d -> ((String) js("return location.hash;")).contains("status=" + status));
        settled();
        String hash = (String) js("return location.hash;");
        assertTrue(hash.contains("from=" + from) && hash.contains("to=" + to), hash);
        List<WebElement> cards = driver.findElements(By.cssSelector(".goal-card"));
        assertFalse(cards.isEmpty());
        cards.forEach(c -> assertEquals(status, c.getAttribute("data-status")));
        h.load(hash);
        settled();
        assertEquals(status, new Select(driver.findElement(By.id("filter-status"))).getFirstSelectedOption().getAttribute("value"),
                "the bookmarked address opens the same view");
        js("sessionStorage.clear();");
    }

    @Test
    @Order(6)
    void aTacticsStatusOwnerAndDueDateAreEditedInPlace() throws Exception {
        JsonArray goals = new JsonObject(h.get("/api/goals")).getJsonArray("goals");
        long goal = goals.getJsonObject(0).getLong("id");
        JsonObject tactic = new JsonObject(h.post("/api/goals/" + goal + "/tactics",
                "{\"title\":\"Post a reel every Friday\",\"value\":4,\"complexity\":2,\"status\":\"todo\"}", 201));
        long id = tactic.getLong("id");
        h.open("#/goals/" + goal);
        settled();
        String row = ".tactics-table tr[data-tactic-id='" + id + "'] ";
        WebElement select = h.waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector(row + ".tactic-status")));
        assertEquals("Status of Post a reel every Friday", select.getAttribute("aria-label"));
        new Select(select).selectByValue("done");
        h.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row + ".tactic-saved"), "Saved."));
        WebElement owner = driver.findElement(By.cssSelector(row + ".tactic-owner"));
        owner.sendKeys("Dana", Keys.TAB);
        h.waitFor().until(d -> "Dana".equals(stored(goal, id).getString("owner")));
        // a date input takes the keyboard's digits in the browser's order: set it as a picker does, then 'change'
        LocalDate due = LocalDate.parse(new JsonObject(h.get("/api/settings/team")).getString("today")).plusDays(10);
        js("const i = arguments[0]; i.value = arguments[1]; i.dispatchEvent(new Event('change', { bubbles: true }));",
                driver.findElement(By.cssSelector(row + ".tactic-due")), due.toString());
        h.waitFor().until(d -> due.toString().equals(stored(goal, id).getString("due")));
        JsonObject now = stored(goal, id);
        assertEquals("done", now.getString("status"));
        assertEquals("Dana", now.getString("owner"), "the owner is kept when the due date changes");
        assertEquals("Post a reel every Friday", now.getString("title"), "the other fields are kept");
        assertEquals(4, now.getInteger("value"));
        h.load("#/goals/" + goal);
        settled();
        assertEquals("done", new Select(h.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(row + ".tactic-status"))))
                .getFirstSelectedOption().getAttribute("value"));
        assertEquals(due.toString(), driver.findElement(By.cssSelector(row + ".tactic-due")).getAttribute("value"));
        // On a phone each tactic is a card: every control inside the window, each under its column's name.
        h.setWidth(390);
        try {
            h.load("#/goals/" + goal);
            settled();
            WebElement card = h.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tactics-table tr[data-tactic-id='" + id + "']")));
            assertEquals(0L, h.overflow(), "the goal page with tactics at 390 px");
            for (String control : List.of(".tactic-status", ".tactic-owner", ".tactic-due", "button.danger")) {
                WebElement c = card.findElement(By.cssSelector(control));
                long right = (Long) js("return Math.round(arguments[0].getBoundingClientRect().right);", c);
                assertTrue(c.isDisplayed() && right <= 390, control + " ends at " + right + " px");
            }
            assertEquals("Owner", js("return getComputedStyle(arguments[0], '::before').content.replace(/\"/g, '');",
                    card.findElement(By.cssSelector(".tactic-owner")).findElement(By.xpath(".."))));
            js("arguments[0].scrollIntoView({ block: 'start' });", card);
            h.screenshot("daily-goal-tactics-390.png");
        } finally {
            h.resetWidth();
        }
    }

    private static JsonObject stored(long goal, long id) {
        for (Object o : new JsonObject(getQuietly("/api/goals/" + goal + "/tactics")).getJsonArray("tactics")) {
            if (((JsonObject) o).getLong("id") == id) {
                return (JsonObject) o;
            }
        }
        throw new AssertionError("tactic " + id + " is gone");
    }

    private static String getQuietly(String path) {
        try {
            return h.get(path);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(7)
    void theDashboardLoadsWithAtMostTwoApiCalls() {
        h.open("#/plugins");
        settled();
        // only requests started by going to the dashboard count (one still finishing from an earlier page does not)
        js("performance.setResourceTimingBufferSize(1000); window.__t0 = performance.now();");
        driver.findElement(By.cssSelector("#main-nav a[data-nav='dashboard']")).click();
        settled();
        h.waitFor().until(d -> !d.findElements(By.cssSelector(".chart-grid canvas")).isEmpty());
        @SuppressWarnings("unchecked")
        List<String> calls = (List<String>) js("return performance.getEntriesByType('resource').filter(e => e.startTime >= window.__t0).map(e => e.name)"
                + ".filter(n => n.includes('/api/')).map(n => n.replace(location.origin, ''));");
        int charts = driver.findElements(By.cssSelector(".chart-grid .chart-card")).size();
        // The header's own requests on every page change (the Alerts badge, the health check) are not the dashboard's.
        List<String> header = calls.stream().filter(c -> c.startsWith("/api/notifications") || c.startsWith("/api/health")).toList();
        List<String> page = calls.stream().filter(c -> !header.contains(c)).toList();
        System.out.println("dashboard API calls: " + page.size() + " for " + charts + " charts: " + page + "; header: " + header);
        assertTrue(charts >= 2, "the demo's dashboard has charts: " + charts);
        assertTrue(page.stream().anyMatch(c -> c.startsWith("/api/dashboard/full")), "the dashboard comes in one answer: " + page);
        assertTrue(page.size() <= 2, "the dashboard in one or two API calls, not one per chart and network: " + page);
    }

    @Test
    @Order(8)
    void aServerErrorIsSaidInWordsWithRetryAndTheHeaderKnows() {
        h.open("#/accounts");
        settled();
        // The next dashboard request answers a proxy's 500 page (HTML), once.
        js("const real = window.fetch; window.fetch = (u, o) => { if (String(u).startsWith('/api/dashboard')) { window.fetch = real;"
                + " return Promise.resolve(new Response('<html><body><h1>500 Internal Server Error</h1></body></html>',"
                + " { status: 500, statusText: 'Internal Server Error', headers: { 'Content-Type': 'text/html' } })); } return real(u, o); };");
        driver.findElement(By.cssSelector("#main-nav a[data-nav='dashboard']")).click();
        WebElement alert = h.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view .alert-error")));
        String text = alert.getText();
        assertFalse(text.contains("<html") || text.contains("<h1>"), "no raw HTML: " + text);
        assertTrue(text.contains("server failed") && text.contains("500"), text);
        assertTrue(driver.findElement(By.id("health")).getText().contains("Server error"), "the header says so");
        alert.findElement(By.cssSelector("button.retry")).click();
        h.waitFor().until(d -> !d.findElements(By.cssSelector(".goal-card")).isEmpty());
        assertTrue(driver.findElements(By.cssSelector("#view .alert-error")).isEmpty());
    }

    @Test
    @Order(9)
    void theWizardPreviewWithoutATargetShowsNoNull() {
        h.open("#/goals/new");
        settled();
        for (int i = 0; i < 3; i++) {
            h.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("wiz-next"))).click();
        }
        WebElement preview = driver.findElement(By.id("wiz-preview"));
        h.waitFor().until(d -> preview.getText().contains("Baseline"));
        assertFalse(preview.getText().toLowerCase().contains("null"), preview.getText());
        assertTrue(driver.findElement(By.id("wiz-no-target")).isDisplayed());
        String today = new JsonObject(getQuietly("/api/settings/team")).getString("today");
        assertEquals(today, driver.findElement(By.id("wiz-start")).getAttribute("value"), "the wizard's today is the server's");
    }

    @Test
    @Order(10)
    void anImportWithMostRowsRejectedIsNotShownAsASuccess() throws Exception {
        long id = new JsonObject(h.post("/api/accounts", "{\"network\":\"manual\",\"name\":\"Shop site\"}", 201)).getLong("id");
        h.open("#/plugins");
        h.open("#/accounts");
        settled();
        driver.findElement(By.cssSelector("#import summary")).click();
        Select into = new Select(h.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("import-account"))));
        h.waitFor().until(d -> into.getOptions().stream().anyMatch(o -> o.getAttribute("value").equals(String.valueOf(id))));
        into.selectByValue(String.valueOf(id));
        driver.findElement(By.id("import-text")).sendKeys("day,metric,value\n2026-01-05,web_sessions,1200\n"
                + "2026-01-06,web_sessions,abc\n2026-01-07,web_sessions,x\n2026-01-08,web_sessions,n/a\n");
        driver.findElement(By.cssSelector("#import button[type=submit]")).click();
        WebElement summary = h.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("import-summary-text")));
        assertTrue(summary.getText().contains("75 % of the rows were rejected"), summary.getText());
        assertTrue(summary.getAttribute("class").contains("alert-error"), "red, not green: " + summary.getAttribute("class"));
    }

    @Test
    @Order(11)
    void anAdminSetsTheTeamsTimeZoneAndTimesAreShownInItWithItsName() throws Exception {
        h.open("#/users");
        settled();
        WebElement zone = h.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("team-zone")));
        zone.clear();
        zone.sendKeys("Mars/Olympus");
        driver.findElement(By.id("team-zone-save")).click();
        h.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-zone-error"), "not a time zone name"));
        zone.clear();
        zone.sendKeys("Asia/Tokyo");
        driver.findElement(By.id("team-zone-save")).click();
        h.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-settings"), "Times are now shown in Asia/Tokyo"));
        assertEquals("Asia/Tokyo", new JsonObject(h.get("/api/settings/team")).getString("time_zone"));
        h.open("#/audit");
        settled();
        String first = h.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".audit-table .audit-time"))).getText();
        assertTrue(first.endsWith("Asia/Tokyo"), "a time of day names the team's zone: " + first);
        h.send("PUT", "/api/settings/team", "{\"time_zone\":\"UTC\"}", 200);
    }

    @Test
    @Order(12)
    void everyDashboardChartHasATimeAxisDistinctNetworksAndItsNumbersInATable() {
        h.open("#/dashboard");
        settled();
        h.waitFor().until(d -> !d.findElements(By.cssSelector(".chart-grid canvas")).isEmpty()
                && d.findElements(By.cssSelector(".chart-grid .loading")).isEmpty());
        List<WebElement> cards = driver.findElements(By.cssSelector(".chart-grid .chart-card"));
        assertTrue(cards.size() >= 2, "the demo has charts");
        for (WebElement card : cards) {
            String kpi = card.getAttribute("data-kpi");
            // a text alternative: the canvas (or the small multiples' grid) is an image with a label
            List<WebElement> labelled = card.findElements(By.cssSelector("canvas[role=img][aria-label], .small-multiples[role=img][aria-label]"));
            assertFalse(labelled.isEmpty(), kpi + ": a chart with a text alternative");
            // the numbers behind it, as a table with a row per bucket and a column per network drawn
            card.findElement(By.cssSelector("details.chart-numbers summary")).click();
            WebElement table = card.findElement(By.cssSelector(".numbers-table"));
            assertFalse(table.findElements(By.cssSelector("tbody tr")).isEmpty(), kpi + ": numbers in the table");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> charts = (List<Map<String, Object>>) js("return [...arguments[0].querySelectorAll('canvas')].map(c => Chart.getChart(c))"
                    + ".filter(Boolean).map(ch => ({ x: ch.scales.x.type, sets: ch.data.datasets.map(s => ({ label: s.label, color: s.borderColor,"
                    + " cue: JSON.stringify(s.borderDash || []) + '/' + s.pointStyle, xs: s.data.map(p => p.x) })) }));", card);
            assertFalse(charts.isEmpty(), kpi + ": drawn");
            int columns = table.findElements(By.cssSelector("thead th")).size() - 1;
            int lines = 0;
            Set<String> colors = new LinkedHashSet<>();
            Set<String> cues = new LinkedHashSet<>();
            for (Map<String, Object> ch : charts) {
                assertEquals("linear", ch.get("x"), kpi + ": a time axis (days as numbers), not one category per label");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> sets = (List<Map<String, Object>>) ch.get("sets");
                for (Map<String, Object> set : sets) {
                    lines++;
                    colors.add((String) set.get("color"));
                    cues.add((String) set.get("cue"));
                    @SuppressWarnings("unchecked")
                    List<Number> xs = (List<Number>) set.get("xs");
                    for (int i = 1; i < xs.size(); i++) {
                        assertTrue(xs.get(i).longValue() > xs.get(i - 1).longValue(), kpi + ": points placed by their day");
                    }
                }
            }
            assertEquals(columns, lines, kpi + ": a table column per line drawn");
            assertEquals(lines, colors.size(), kpi + ": each network its own colour " + colors);
            assertEquals(lines, cues.size(), kpi + ": and its own line style and marker " + cues);
            if ("followers".equals(kpi) && lines > 1) {
                assertEquals(lines, card.findElements(By.cssSelector(".small-multiple canvas")).size(),
                        "followers of networks of different sizes: one small chart each, on its own axis");
            }
        }
        // Facebook's and LinkedIn's colours are far apart (they were nearly the same blue)
        Object distance = js("const m = { facebook: null, linkedin: null };"
                + "for (const c of document.querySelectorAll('.chart-grid canvas')) { const ch = Chart.getChart(c); if (!ch) continue;"
                + " for (const s of ch.data.datasets) { if (s.label.startsWith('Facebook')) m.facebook = s.borderColor; if (s.label.startsWith('LinkedIn')) m.linkedin = s.borderColor; } }"
                + "if (!m.facebook || !m.linkedin) return -1;"
                + "const rgb = h => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16));"
                + "const a = rgb(m.facebook), b = rgb(m.linkedin); return Math.round(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));");
        assertTrue(((Number) distance).longValue() > 120, "Facebook and LinkedIn lines are told apart: colour distance " + distance);
    }

    @Test
    @Order(13)
    void onAPhoneTheKpiTableKeepsItsNetworkColumnInViewAndCardsUseCompactNumbers() {
        h.setWidth(390);
        try {
            h.load("#/dashboard");
            settled();
            WebElement wrap = h.waitFor().until(d -> d.findElement(By.xpath("//table[contains(@class,'kpi-table')]/..")));
            WebElement firstHead = wrap.findElement(By.cssSelector("tbody tr th"));
            WebElement secondCell = wrap.findElement(By.cssSelector("tbody tr td"));
            long before = (Long) js("return Math.round(arguments[0].getBoundingClientRect().left);", secondCell);
            long scrollable = (Long) js("return arguments[0].scrollWidth - arguments[0].clientWidth;", wrap);
            assertTrue(scrollable > 0, "the table is wider than a phone and scrolls inside its box");
            js("arguments[0].scrollLeft = 250;", wrap);
            long wrapLeft = (Long) js("return Math.round(arguments[0].getBoundingClientRect().left);", wrap);
            long headLeft = (Long) js("return Math.round(arguments[0].getBoundingClientRect().left);", firstHead);
            long after = (Long) js("return Math.round(arguments[0].getBoundingClientRect().left);", secondCell);
            assertTrue(after < before - 100, "the values moved: " + before + " → " + after);
            assertTrue(Math.abs(headLeft - wrapLeft) <= 2, "the network names stay at the left edge: " + headLeft + " vs " + wrapLeft);
            assertEquals(0L, h.overflow(), "the page itself does not scroll sideways");
        } finally {
            h.resetWidth();
        }
        // A goal card writes big numbers short ("174 k"), the exact one in its title.
        h.load("#/dashboard");
        settled();
        List<WebElement> compact = driver.findElements(By.cssSelector(".goal-card .goal-facts dd[title]")).stream()
                .filter(dd -> dd.getText().matches("-?[0-9.]+ [kMBT]")).toList();
        assertFalse(compact.isEmpty(), "the demo's goals count in the thousands");
        assertTrue(compact.get(0).getAttribute("title").matches("-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?"), compact.get(0).getAttribute("title"));
    }

    @Test
    @Order(14)
    void goalsFilterByOwnerAndByNetworkInTheAddress() throws Exception {
        JsonArray goals = new JsonObject(h.get("/api/goals")).getJsonArray("goals");
        h.load("#/dashboard");
        settled();
        int all = driver.findElements(By.cssSelector(".goal-card")).size();
        assertEquals(goals.size(), all);
        String owner = goals.getJsonObject(0).getString("owner");
        long owned = goals.stream().map(JsonObject.class::cast).filter(g -> owner.equals(g.getString("owner"))).count();
        new Select(driver.findElement(By.id("filter-owner"))).selectByValue(owner);
        h.waitFor().until(d -> ((String) js("return location.hash;")).contains("owner=" + owner));
        settled();
        assertEquals(owned, driver.findElements(By.cssSelector(".goal-card")).size(), "the goals of " + owner);
        h.load("#/dashboard?network=tiktok");
        settled();
        List<String> titles = driver.findElements(By.cssSelector(".goal-card .goal-title")).stream().map(WebElement::getText).toList();
        assertTrue(titles.contains("Double TikTok views"), titles.toString());
        assertFalse(titles.contains("Grow our Facebook audience by 20 %"), titles.toString());
        assertTrue(titles.size() < all, "fewer goals for one network: " + titles);
        assertEquals("tiktok", new Select(driver.findElement(By.id("filter-network"))).getFirstSelectedOption().getAttribute("value"));
    }

    @Test
    @Order(15)
    void aChartWhoseSeriesFailsOnTheServerSaysSoWithRetryNotNotAvailable() {
        h.open("#/accounts");
        settled();
        // The dashboard's answer comes without its charts (as after a retry), so each chart asks GET
        // /api/kpis/{id}; the first request for views answers 500, once.
        js("const real = window.fetch; let failed = false; window.fetch = async (u, o) => { const url = String(u);"
                + " if (url.startsWith('/api/dashboard/full')) { const r = await real(u, o); const body = await r.json(); delete body.charts;"
                + "   return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }); }"
                + " if (url.startsWith('/api/kpis/views') && !failed) { failed = true;"
                + "   return new Response(JSON.stringify({ error: 'internal error' }), { status: 500, headers: { 'Content-Type': 'application/json' } }); }"
                + " return real(u, o); };");
        driver.findElement(By.cssSelector("#main-nav a[data-nav='dashboard']")).click();
        WebElement error = h.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".chart-card[data-kpi='views'] .chart-error")));
        String text = error.getText();
        assertTrue(text.contains("Could not load Views") && text.contains("server failed"), text);
        assertFalse(text.contains("not available"), "a failure is not a network that cannot report: " + text);
        error.findElement(By.cssSelector("button.retry")).click();
        h.waitFor().until(d -> d.findElements(By.cssSelector(".chart-card[data-kpi='views'] .chart-error")).isEmpty()
                && !d.findElements(By.cssSelector(".chart-card[data-kpi='views'] canvas")).isEmpty());
        js("location.reload();");
    }

    @Test
    @Order(17)
    void aGoalsLeftOutAccountIsExplainedWithItsDaysInWords() throws Exception {
        LocalDate today = LocalDate.now();
        long blog = manualAccountWithFollowers("Blog readers", today.minusDays(60), today.minusDays(1));
        long podcast = manualAccountWithFollowers("Podcast listeners", today.minusDays(60), today.minusDays(25));
        JsonObject spec = new JsonObject().put("title", "Owned audience").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray())
                        .put("accounts", new JsonArray().add(blog).add(podcast)))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                .put("start", today.minusDays(30).toString()).put("deadline", today.plusDays(60).toString()).put("owner", "Dana");
        long goal = new JsonObject(h.post("/api/goals", spec.encode(), 201)).getLong("id");
        String api = h.get("/api/goals/" + goal);
        assertTrue(api.contains("Podcast listeners") && api.contains(today.minusDays(25).toString()),
                "the API names the account that stopped reporting, and its last day: " + api);

        h.open("#/goals/" + goal);
        WebElement leftOut = h.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("goal-excluded")));
        String text = leftOut.getText();
        assertTrue(text.contains("Podcast listeners"), text);
        assertTrue(text.contains(today.minusDays(25).format(java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.ENGLISH))),
                "the day it stopped, in words: " + text);
        assertFalse(text.matches("(?s).*\\d{4}-\\d{2}-\\d{2}.*"), "no ISO day in what a person reads: " + text);
    }

    /** A manual account with a followers level on every day from {@code from} to {@code to}. */
    private static long manualAccountWithFollowers(String name, LocalDate from, LocalDate to) throws Exception {
        long id = new JsonObject(h.post("/api/accounts", new JsonObject().put("network", "manual").put("name", name).encode(), 201))
                .getLong("id");
        JsonArray points = new JsonArray();
        int followers = 1_000;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            points.add(new JsonObject().put("day", d.toString()).put("metric", "followers").put("value", followers += 7));
        }
        h.post("/api/accounts/" + id + "/metrics", new JsonObject().put("points", points).encode(), 200);
        return id;
    }

    @Test
    @Order(16)
    void theSignInAndShareLinkPagesPassAxeAtBothWidths() throws Exception {
        long goal = new JsonObject(h.get("/api/goals")).getJsonArray("goals").getJsonObject(0).getLong("id");
        JsonObject dash = new JsonObject(h.get("/api/dashboard"));
        String dashboardShare = new JsonObject(h.post("/api/shares", "{\"kind\":\"dashboard\",\"from\":\"" + dash.getString("from")
                + "\",\"to\":\"" + dash.getString("to") + "\"}", 201)).getString("path");
        String goalShare = new JsonObject(h.post("/api/shares", "{\"kind\":\"goal\",\"goal_id\":" + goal + "}", 201)).getString("path");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("sign-in", "#/sign-in");
        pages.put("shared-dashboard", dashboardShare);
        pages.put("shared-goal", goalShare);
        pages.put("shared-gone", "#/shared/no-such-token");
        WebDriver visitor = BrowserHarness.newBrowser();
        List<String> problems = new ArrayList<>();
        try {
            for (int width : new int[] {1440, 390}) {
                visitor.manage().window().setSize(new org.openqa.selenium.Dimension(width, width < 600 ? 900 : 1000));
                for (Map.Entry<String, String> p : pages.entrySet()) {
                    visitor.get("about:blank");
                    visitor.get(h.base() + p.getValue());
                    BrowserHarness.waitFor(visitor).until(d -> !d.findElements(By.cssSelector("#view h1")).isEmpty()
                            && d.findElements(By.cssSelector("#view .loading")).isEmpty());
                    if (p.getKey().startsWith("shared-") && !p.getKey().equals("shared-gone")) {
                        BrowserHarness.waitFor(visitor).until(d -> !d.findElements(By.cssSelector("#view canvas")).isEmpty());
                    }
                    String where = p.getKey() + " at " + width + " px";
                    for (String v : Axe.seriousViolations(visitor)) {
                        problems.add(where + ": " + v);
                    }
                    long overflow = (Long) ((JavascriptExecutor) visitor).executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    if (width == 390 && overflow > 0) {
                        problems.add(where + ": the page scrolls sideways by " + overflow + " px");
                    }
                    String h1 = visitor.findElement(By.cssSelector("#view h1")).getText().trim();
                    if (!visitor.getTitle().equals(h1 + " · Goalpost")) {
                        problems.add(where + ": the title is \"" + visitor.getTitle() + "\", not \"" + h1 + " · Goalpost\"");
                    }
                    BrowserHarness.screenshot(visitor, "daily-" + p.getKey() + "-" + width + ".png");
                }
            }
        } finally {
            visitor.quit();
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }
}
