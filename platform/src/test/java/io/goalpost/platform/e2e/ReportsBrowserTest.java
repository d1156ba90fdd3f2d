package io.goalpost.platform.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages of issue 13 in a real browser on the demo: the Posts page (best first, absent metrics in
 * words, each post's text excerpt), a goal's top posts and annotations (added by an editor, marked on its
 * chart), and the report page (the server's PDF, the commentary that goes on its cover).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsBrowserTest {

    private static BrowserHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BrowserHarness.start();
        h.signIn("editor");
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static List<String> shownPosts() {
        return h.driver().findElements(By.cssSelector("#posts-table tbody tr")).stream().map(r -> r.getAttribute("data-post")).toList();
    }

    private static List<String> apiPosts(String query) throws Exception {
        return new JsonObject(h.get("/api/posts?" + query)).getJsonArray("posts").stream()
                .map(o -> ((JsonObject) o).getString("post_id")).toList();
    }

    @Test
    @Order(1)
    void postsPageListsThePostsBestFirstAsTheApiRanksThem() throws Exception {
        h.open("#/dashboard");
        h.waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-nav='posts']"))).click();
        h.waitFor().until(d -> !d.findElements(By.cssSelector("#posts-table tbody tr")).isEmpty());
        assertEquals("page", h.driver().findElement(By.cssSelector("[data-nav='posts']")).getAttribute("aria-current"));
        String from = h.driver().findElement(By.id("posts-from")).getAttribute("value");
        String to = h.driver().findElement(By.id("posts-to")).getAttribute("value");
        assertEquals(apiPosts("from=" + from + "&to=" + to + "&limit=20"), shownPosts());
        // Each post's text excerpt as the demo's networks wrote it, and "no text" for a post without any.
        assertEquals(1, h.driver().findElements(By.xpath("//table[@id='posts-table']//th[normalize-space()='Text']")).size());
        List<String> apiTexts = new JsonObject(h.get("/api/posts?from=" + from + "&to=" + to + "&limit=20")).getJsonArray("posts").stream()
                .map(o -> ((JsonObject) o).getString("text")).toList();
        List<String> shownTexts = h.driver().findElements(By.cssSelector("#posts-table tbody td.post-text")).stream()
                .map(td -> td.getText()).toList();
        assertTrue(apiTexts.stream().anyMatch(t -> t != null), "the demo's posts carry text: " + apiTexts);
        assertEquals(apiTexts.stream().map(t -> t == null ? "no text" : t.replaceAll("\\s*\\n\\s*", "\n").strip()).toList(),
                shownTexts.stream().map(t -> t.replaceAll("\\s*\\n\\s*", "\n").strip()).toList());
        h.screenshot("posts.png");
        // On a phone each post is a card of its own: neither the page nor the table's box scrolls sideways.
        h.setWidth(390);
        try {
            h.open("#/posts");
            h.waitFor().until(d -> !d.findElements(By.cssSelector("#posts-table tbody tr")).isEmpty());
            assertEquals(0L, h.overflow(), "no horizontal scroll at 390 px on #/posts");
            Number hiddenWidth = (Number) ((JavascriptExecutor) h.driver()).executeScript(
                    "const w = document.querySelector('#posts-table').closest('.table-wrap'); return w.scrollWidth - w.clientWidth;");
            assertEquals(0L, hiddenWidth.longValue(), "the posts table does not scroll sideways inside its box at 390 px");
            assertEquals("Published", h.driver().findElement(By.cssSelector("#posts-table tbody tr td:nth-child(2)")).getAttribute("data-label"),
                    "each card names its fields");
            h.screenshot("posts-390.png");
        } finally {
            h.resetWidth();
        }
        h.open("#/posts");
        h.waitFor().until(d -> !d.findElements(By.cssSelector("#posts-table tbody tr")).isEmpty());

        new Select(h.driver().findElement(By.id("posts-sort"))).selectByValue("views");
        h.driver().findElement(By.id("posts-apply")).click();
        List<String> byViews = apiPosts("from=" + from + "&to=" + to + "&limit=20&sort=views");
        h.waitFor().until(d -> shownPosts().equals(byViews));
        assertEquals("descending", h.driver().findElement(By.cssSelector("#posts-table th.sorted")).getAttribute("aria-sort"));
        // A metric a network does not report for a post reads "not reported", never 0.
        JsonObject answer = new JsonObject(h.get("/api/posts?from=" + from + "&to=" + to + "&limit=20&sort=views"));
        for (Object o : answer.getJsonArray("posts")) {
            JsonObject p = (JsonObject) o;
            if (!p.getJsonObject("metrics").containsKey("reach")
                    && !h.driver().findElements(By.xpath("//table[@id='posts-table']//th[normalize-space()='Reach']")).isEmpty()) {
                WebElement row = h.driver().findElement(By.cssSelector("#posts-table tr[data-post='" + p.getString("post_id") + "']"));
                assertTrue(row.getText().contains("not reported"), row.getText());
                break;
            }
        }
    }

    @Test
    @Order(2)
    void aGoalPageShowsItsTopPostsAndItsAnnotationsAndAnEditorAddsOne() throws Exception {
        JsonObject goal = new JsonObject(h.get("/api/goals")).getJsonArray("goals").stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("title").startsWith("Grow our Facebook audience")).findFirst().orElseThrow();
        long id = goal.getLong("id");
        h.open("#/goals/" + id);
        h.waitFor().until(d -> d.findElements(By.cssSelector("#annotation-list li[data-annotation]")).size() >= 2);
        String notes = h.driver().findElement(By.id("annotation-list")).getText();
        assertTrue(notes.contains("Spring campaign starts") && notes.contains("Facebook algorithm change"), notes);
        h.waitFor().until(d -> !d.findElements(By.cssSelector("#goal-posts #posts-table, #goal-posts #posts-empty")).isEmpty());
        assertTrue(h.driver().findElement(By.id("goal-posts")).getText().contains("best first by"));
        assertEquals("/api/goals/" + id + "/report.pdf", URI(h.driver().findElement(By.id("goal-report-pdf")).getAttribute("href")));

        String day = goal.getString("start");
        ((JavascriptExecutor) h.driver()).executeScript("document.getElementById('annotation-day').value = arguments[0];", day);
        h.driver().findElement(By.id("annotation-text")).sendKeys("Influencer post went live");
        h.driver().findElement(By.id("annotation-add")).click();
        h.waitFor().until(d -> d.findElement(By.id("annotation-list")).getText().contains("Influencer post went live"));
        JsonArray stored = new JsonObject(h.get("/api/annotations?goal=" + id)).getJsonArray("annotations");
        assertTrue(stored.stream().map(JsonObject.class::cast).anyMatch(a -> a.getString("text").equals("Influencer post went live")
                && a.getLong("goal_id") == id && a.getString("day").equals(day)), stored.encode());
        // The goal's chart marks the notes: the marker plugin is on the chart and its notes include the new one.
        h.waitFor().until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const c = Object.values(window.Chart.instances)[0];"
                        + " return !!c && c.config.plugins.some(p => p.id === 'goalpostAnnotations');")));
        h.screenshot("goal-annotations.png");
        // A missing day is refused next to the field.
        h.driver().findElement(By.id("annotation-text")).sendKeys("No day");
        ((JavascriptExecutor) h.driver()).executeScript("document.getElementById('annotation-day').value = '';"
                + " document.getElementById('annotation-day').required = false;");
        h.driver().findElement(By.id("annotation-add")).click();
        h.waitFor().until(d -> !d.findElement(By.id("annotation-day-error")).getText().isBlank());

        // An editor corrects a note in place: Edit opens its fields, Save stores it (PUT) and the list shows it.
        long added = stored.stream().map(JsonObject.class::cast).filter(a -> a.getString("text").equals("Influencer post went live"))
                .findFirst().orElseThrow().getLong("id");
        h.driver().findElement(By.cssSelector("li[data-annotation='" + added + "'] .annotation-edit")).click();
        WebElement editText = h.driver().findElement(By.id("annotation-" + added + "-text"));
        editText.clear();
        editText.sendKeys("Influencer video went live");
        h.driver().findElement(By.id("annotation-" + added + "-save")).click();
        h.waitFor().until(d -> d.findElement(By.id("annotation-list")).getText().contains("Influencer video went live"));
        JsonObject edited = new JsonObject(h.get("/api/annotations?goal=" + id)).getJsonArray("annotations").stream()
                .map(JsonObject.class::cast).filter(a -> a.getLong("id") == added).findFirst().orElseThrow();
        assertEquals("Influencer video went live", edited.getString("text"));
        assertEquals(id, edited.getLong("goal_id"));
        assertEquals(day, edited.getString("day"));
    }

    @Test
    @Order(3)
    void theReportPageDownloadsTheServersPdfAndSavesTheCommentary() throws Exception {
        h.open("#/report");
        h.waitFor().until(d -> !d.findElements(By.id("commentary-save")).isEmpty());
        String href = h.driver().findElement(By.id("report-pdf")).getAttribute("href");
        assertTrue(URI(href).startsWith("/api/reports/summary.pdf?from="), href);
        // The link works with the browser's own session: a PDF comes back.
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) ((JavascriptExecutor) h.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
                        + "   const b = new Uint8Array(await r.arrayBuffer());"
                        + "   done({status: r.status, type: r.headers.get('Content-Type'), magic: String.fromCharCode(...b.slice(0, 5)), size: b.length});"
                        + " }).catch(e => done({error: String(e)}));", href);
        assertEquals(200L, got.get("status"), String.valueOf(got));
        assertEquals("application/pdf", got.get("type"));
        assertEquals("%PDF-", got.get("magic"));

        WebElement text = h.driver().findElement(By.id("commentary-text"));
        text.clear();
        text.sendKeys("A strong month for video.");
        // The report names the team time zone (one setting for the whole UI) instead of asking for its own.
        assertTrue(h.driver().findElements(By.id("commentary-zone")).isEmpty());
        String zoneNote = h.driver().findElement(By.id("report-zone")).getText();
        assertTrue(zoneNote.contains("Team time zone: " + new JsonObject(h.get("/api/settings/team")).getString("time_zone")), zoneNote);
        h.driver().findElement(By.id("commentary-save")).click();
        h.waitFor().until(d -> d.findElement(By.id("commentary-status")).getText().startsWith("Saved."));
        JsonObject saved = new JsonObject(h.get("/api/reports/commentary"));
        assertEquals("A strong month for video.", saved.getString("commentary"));
        assertFalse(saved.containsKey("time_zone"));
        assertEquals("editor", saved.getString("updated_by"));
        assertFalse(h.cspViolations().stream().anyMatch(v -> !v.isBlank()), String.valueOf(h.cspViolations()));
        h.screenshot("report-commentary.png");
    }

    @Test
    @Order(4)
    void theDemosReportsRenderInSecondsWithNumberedPages() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String today = new JsonObject(h.get("/api/dashboard")).getString("today");
        java.time.LocalDate to = java.time.LocalDate.parse(today);
        long goal = new JsonObject(h.get("/api/goals")).getJsonArray("goals").getJsonObject(0).getLong("id");
        for (String path : List.of("/api/reports/summary.pdf?from=" + to.minusDays(27) + "&to=" + to,
                "/api/reports/summary.pdf?from=" + to.minusDays(364) + "&to=" + to, "/api/goals/" + goal + "/report.pdf")) {
            long start = System.nanoTime();
            java.net.http.HttpResponse<byte[]> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.base()
                    + path.substring(1))).header("Authorization", h.bearer()).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, r.statusCode(), path);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "report-test"));
            java.nio.file.Files.write(java.nio.file.Path.of("target", "report-test", "demo-" + path.replaceAll("[^a-z0-9]+", "-") + ".pdf"), r.body());
            try (var doc = org.apache.pdfbox.Loader.loadPDF(r.body())) {
                String first = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
                assertTrue(first.contains("Page 1 of " + doc.getNumberOfPages()), path);
                System.out.printf("report %s: %d pages, %d KB, %d ms%n", path, doc.getNumberOfPages(), r.body().length / 1024, ms);
            }
            assertTrue(ms < 60_000, path + " took " + ms + " ms");
        }
    }

    /** The path and query of an absolute URL. */
    private static String URI(String href) {
        java.net.URI u = java.net.URI.create(href);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
