package io.goalpost.platform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.platform.posts.PostFixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-rendered PDF reports, read back with PDFBox: the pages and text a reader expects (cover
 * with period, team time zone and commentary; goals with status; the KPI table; top posts;
 * annotations), "Page n of N" on every page, no heading left alone at the bottom of a page, and every
 * chart image inside the page box.
 */
class ReportPdfTest {

    static final LocalDate JAN1 = LocalDate.of(2026, 1, 1);
    static final LocalDate LAST = LocalDate.of(2026, 2, 13);
    static final Set<String> HEADINGS = Set.of("Commentary", "Goals", "KPIs across networks", "KPI trends", "Top posts", "Annotations",
            "Per network", "Tactics", "Top posts of the goal's period");
    static AnalyticsHarness h;
    static long audienceGoal;
    static long engagementGoal;

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 2, 14));
        long fb1 = h.account("facebook", "Acme FB");
        long x1 = h.account("x", "Acme X");
        h.daily(fb1, "followers", JAN1, LAST, i -> 1000 + 10 * i);
        h.daily(fb1, "engagements", JAN1, LAST, i -> 50 + i);
        h.daily(fb1, "views", JAN1, LAST, i -> 1000 + 5 * i);
        h.daily(x1, "followers", JAN1, LAST, i -> 300 + i);
        h.daily(x1, "engagements", JAN1, LAST, i -> 20);
        h.daily(x1, "views", JAN1, LAST, i -> 500);
        audienceGoal = h.post("/goals", new JsonObject().put("title", "Grow the Facebook audience").put("objective", "brand_awareness")
                .put("kpi", "followers").put("scope", new JsonObject().put("networks", new JsonArray().add("facebook")))
                .put("target", new JsonObject().put("type", "increase_pct").put("value", 10))
                .put("start", "2026-01-15").put("deadline", "2026-03-31")).json().getLong("id");
        engagementGoal = h.post("/goals", new JsonObject().put("title", "Engagement per view").put("objective", "community_engagement")
                .put("kpi", "engagement_rate_views")
                .put("target", new JsonObject().put("type", "absolute").put("value", 10))
                .put("start", "2026-01-15").put("deadline", "2026-06-30")).json().getLong("id");
        LocalDate seen = LocalDate.of(2026, 2, 13);
        PostFixtures.post(h, fb1, "fb-launch", LocalDate.of(2026, 2, 3), "video", "https://www.facebook.com/acme/posts/1",
                Map.of("engagements", 9876.0, "views", 120000.0, "reach", 80000.0), seen);
        PostFixtures.post(h, x1, "x-thread", LocalDate.of(2026, 2, 4), "post", "https://x.com/acme/status/2",
                Map.of("engagements", 5432.0, "views", 60000.0), seen);
        PostFixtures.post(h, fb1, "fb-quiet", LocalDate.of(2026, 2, 6), "photo", null, Map.of("engagements", 1234.0), seen);
        // The launch post's text (what a plugin's PostSnapshot.text becomes), with markup that must stay text.
        h.sql("UPDATE post SET text = 'Launch day <b>live</b> & Q&A' WHERE post_id = 'fb-launch'");
        assertThat(h.post("/annotations", new JsonObject().put("day", "2026-02-03").put("text", "Spring campaign starts")).status())
                .isEqualTo(201);
        assertThat(h.post("/annotations", new JsonObject().put("day", "2026-02-05").put("text", "Algorithm change on Facebook")
                .put("goal_id", audienceGoal)).status()).isEqualTo(201);
        assertThat(h.post("/annotations", new JsonObject().put("day", "2026-02-07").put("text", "Only about engagement")
                .put("goal_id", engagementGoal)).status()).isEqualTo(201);
        // The team's time zone (what PUT /api/settings/team stores, TeamSettingsApiTest): the report states it.
        h.sql("UPDATE team_settings SET time_zone = 'Europe/Berlin'");
        AnalyticsHarness.Reply put = h.put("/reports/commentary",
                new JsonObject().put("commentary", "February went well: the launch video carried the month.\n\nNext: more video."));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    @Test
    void summaryReportHasTheCoverGoalsKpisPostsAndAnnotationsOnNumberedPages() throws Exception {
        AnalyticsHarness.BytesReply r = h.getBytes("/reports/summary.pdf?from=2026-02-01&to=2026-02-10");
        assertThat(r.status()).as(new String(r.body())).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/pdf");
        keep("summary.pdf", r.body());
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            List<String> pages = pages(doc);
            assertThat(pages.size()).as("cover, goals, KPI table and the rest").isGreaterThanOrEqualTo(3);
            String cover = pages.get(0).replaceAll("\\s+", " ");
            assertThat(cover).contains("1 Feb 2026 to 10 Feb 2026").contains("Team time zone: Europe/Berlin")
                    .contains("Compared with 22 Jan 2026 to 31 Jan 2026, like for like")
                    .contains("February went well: the launch video carried the month.").contains("Next: more video.")
                    .contains("UTC (2 accounts)");
            String all = String.join("\n", pages).replaceAll("\\s+", " ");
            assertThat(all).contains("Grow the Facebook audience").contains("Engagement per view")
                    .contains("KPIs across networks").contains("Engagement rate (views)").contains("All networks")
                    .contains("Top posts").contains("Launch day <b>live</b> & Q&A").contains("A post without text")
                    .contains("Spring campaign starts").contains("Algorithm change on Facebook").contains("Only about engagement");
            // Each goal with its status as GET /api/goals computes it, printed under its title.
            for (Object o : h.get("/goals").json().getJsonArray("goals")) {
                JsonObject g = (JsonObject) o;
                int at = all.indexOf(g.getString("title") + " " + ReportFormat.status(g.getString("status")));
                assertThat(at).as("%s with its status %s", g.getString("title"), g.getString("status")).isNotNegative();
            }
            // The top posts, best first by engagements; a post without a link says so.
            assertThat(all.indexOf("9,876")).isPositive().isLessThan(all.indexOf("5,432"));
            assertThat(all.indexOf("5,432")).isLessThan(all.indexOf("1,234"));
            assertPageNumbers(pages);
            assertNoStrandedHeading(pages);
            List<float[]> images = images(doc);
            assertThat(images).as("two goal charts and a chart per KPI").hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void goalReportRanksTheGoalsPostsByItsKpiAndListsOnlyItsAnnotations() throws Exception {
        AnalyticsHarness.BytesReply r = h.getBytes("/goals/" + engagementGoal + "/report.pdf");
        assertThat(r.status()).as(new String(r.body())).isEqualTo(200);
        keep("goal.pdf", r.body());
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            List<String> pages = pages(doc);
            String all = String.join("\n", pages).replaceAll("\\s+", " ");
            assertThat(all).contains("Goalpost goal report").contains("Engagement per view").contains("Team time zone: Europe/Berlin")
                    .contains("Top posts of the goal's period").contains("best first by engagement rate (views)")
                    .contains("Spring campaign starts").contains("Only about engagement")
                    .doesNotContain("Algorithm change on Facebook");
            // engagements / views × 100: x-thread 9.05 %, fb-launch 8.23 %; fb-quiet has no views: not available, last.
            assertThat(all.indexOf("9.05 %")).isPositive().isLessThan(all.indexOf("8.23 %"));
            assertThat(all).contains("3 6 Feb 2026 Facebook: Acme photo not available");
            assertThat(all).contains("Posts published by the goal's accounts from 15 Jan 2026 to 14 Feb 2026");
            assertPageNumbers(pages);
            assertNoStrandedHeading(pages);
            assertThat(images(doc)).hasSize(1);
        }
    }

    @Test
    void aGoalKpiThatPostsDoNotHaveSaysWhatThePostsAreRankedByInstead() throws Exception {
        AnalyticsHarness.BytesReply r = h.getBytes("/goals/" + audienceGoal + "/report.pdf");
        assertThat(r.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            String all = String.join("\n", pages(doc));
            assertThat(all.replaceAll("\\s+", " ")).contains("Followers is not measured per post: ranked by engagements instead")
                    .contains("Algorithm change on Facebook").doesNotContain("Only about engagement");
        }
    }

    @Test
    void unknownGoalAndBadRangeAreRefusedInJson() throws Exception {
        AnalyticsHarness.BytesReply missing = h.getBytes("/goals/999999/report.pdf");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(new String(missing.body())).contains("goal 999999 not found");
        AnalyticsHarness.BytesReply backwards = h.getBytes("/reports/summary.pdf?from=2026-02-10&to=2026-02-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(new JsonObject(new String(backwards.body())).getJsonObject("details").getString("to")).isNotBlank();
    }

    @Test
    void commentaryIsValidatedAndCarriesNoTimeZoneOfItsOwn() throws Exception {
        AnalyticsHarness.Reply tooLong = h.put("/reports/commentary", new JsonObject().put("commentary", "x".repeat(5001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getJsonObject("details").getString("commentary")).isNotBlank();
        // A time zone sent here is refused, pointing to where the team's zone is set.
        AnalyticsHarness.Reply zone = h.put("/reports/commentary", new JsonObject().put("time_zone", "Asia/Tokyo").put("commentary", "x"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.json().getJsonObject("details").getString("time_zone")).contains("/api/settings/team");
        AnalyticsHarness.Reply now = h.get("/reports/commentary");
        assertThat(now.json().containsKey("time_zone")).isFalse();
        assertThat(now.json().getString("commentary")).startsWith("February went well");
        try (var c = h.jdbc(); var st = c.createStatement(); var rs = st.executeQuery("SELECT time_zone FROM team_settings")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Europe/Berlin");
        }
    }

    // ---- reading the PDF ----

    static List<String> pages(PDDocument doc) throws IOException {
        List<String> out = new ArrayList<>();
        PDFTextStripper s = new PDFTextStripper();
        s.setSortByPosition(true);
        for (int i = 1; i <= doc.getNumberOfPages(); i++) {
            s.setStartPage(i);
            s.setEndPage(i);
            out.add(s.getText(doc));
        }
        return out;
    }

    static void assertPageNumbers(List<String> pages) {
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).as("page %d", i + 1).contains("Page " + (i + 1) + " of " + pages.size());
        }
    }

    /** The last line of a page's own content (above the footer) is never a section heading. */
    static void assertNoStrandedHeading(List<String> pages) {
        for (int i = 0; i < pages.size() - 1; i++) {
            String footer = "Page " + (i + 1) + " of";
            List<String> lines = Arrays.stream(pages.get(i).split("\\R")).map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.contains(footer)).toList();
            assertThat(lines).as("page %d has content", i + 1).isNotEmpty();
            String last = lines.get(lines.size() - 1);
            assertThat(HEADINGS).as("last line of page %d: %s", i + 1, last).doesNotContain(last);
        }
    }

    /** Every image drawn, as [x, y, width, height] in points, each asserted inside its page's box (with the margins). */
    static List<float[]> images(PDDocument doc) throws IOException {
        List<float[]> out = new ArrayList<>();
        for (PDPage page : doc.getPages()) {
            PDRectangle box = page.getMediaBox();
            ImageFinder f = new ImageFinder();
            f.processPage(page);
            for (float[] b : f.found) {
                assertThat(b[0]).as("left edge").isGreaterThanOrEqualTo(box.getLowerLeftX() + 30);
                assertThat(b[1]).as("bottom edge").isGreaterThanOrEqualTo(box.getLowerLeftY() + 30);
                assertThat(b[0] + b[2]).as("right edge inside the page (width %s)", box.getWidth())
                        .isLessThanOrEqualTo(box.getUpperRightX() - 30);
                assertThat(b[1] + b[3]).as("top edge").isLessThanOrEqualTo(box.getUpperRightY() - 30);
                assertThat(b[2]).as("a chart spans most of the content width").isGreaterThan(box.getWidth() * 0.7f);
            }
            out.addAll(f.found);
        }
        return out;
    }

    /** Finds where images are painted: the current transformation matrix at each {@code Do} of an image. */
    static final class ImageFinder extends PDFStreamEngine {
        final List<float[]> found = new ArrayList<>();

        ImageFinder() {
            addOperator(new Concatenate(this));
            addOperator(new DrawObject(this));
            addOperator(new SetGraphicsStateParameters(this));
            addOperator(new Save(this));
            addOperator(new Restore(this));
            addOperator(new SetMatrix(this));
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if ("Do".equals(operator.getName())) {
                COSName name = (COSName) operands.get(0);
                PDXObject x = getResources().getXObject(name);
                if (x instanceof PDImageXObject) {
                    Matrix m = getGraphicsState().getCurrentTransformationMatrix();
                    found.add(new float[] {m.getTranslateX(), m.getTranslateY(), m.getScalingFactorX(), m.getScalingFactorY()});
                    return;
                }
                if (x instanceof PDFormXObject form) {
                    showForm(form);
                    return;
                }
            }
            super.processOperator(operator, operands);
        }
    }

    static void keep(String name, byte[] pdf) throws IOException {
        Path dir = Path.of("target", "report-test");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), pdf);
    }
}
