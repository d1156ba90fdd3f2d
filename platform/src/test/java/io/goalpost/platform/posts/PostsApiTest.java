package io.goalpost.platform.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.platform.sync.MetricWriter;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.PostSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/posts}: the posts of a period best first, each with its latest lifetime metrics; a
 * metric a network did not report is absent (never 0), and a post that cannot be ranked comes last.
 */
class PostsApiTest {

    static AnalyticsHarness h;
    static long fb;
    static long x;

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(LocalDate.of(2026, 2, 14));
        fb = h.account("facebook", "Acme FB");
        x = h.account("x", "Acme X");
        LocalDate early = LocalDate.of(2026, 2, 5);
        LocalDate late = LocalDate.of(2026, 2, 13);
        PostFixtures.post(h, fb, "fb-1", LocalDate.of(2026, 2, 2), "video", "https://www.facebook.com/acme/posts/1",
                Map.of("engagements", 100.0, "views", 1000.0, "reach", 500.0), early);
        // Seen again later with more engagements: the latest value counts.
        PostFixtures.seen(h, fb, "fb-1", Map.of("engagements", 700.0, "views", 5000.0, "reach", 2000.0), late);
        PostFixtures.post(h, fb, "fb-2", LocalDate.of(2026, 2, 3), "photo", null, Map.of("engagements", 300.0, "reach", 600.0), late);
        PostFixtures.post(h, x, "x-1", LocalDate.of(2026, 2, 4), "post", "https://x.com/acme/status/1",
                Map.of("engagements", 500.0, "views", 4000.0), late);
        PostFixtures.post(h, x, "x-none", LocalDate.of(2026, 2, 6), "post", null, Map.of(), late);
        PostFixtures.post(h, fb, "fb-old", LocalDate.of(2026, 1, 2), "photo", null, Map.of("engagements", 9999.0), late);
        // A post with text, stored the way a sync stores it: through MetricWriter, which keeps the excerpt.
        PostSnapshot withText = new PostSnapshot("x-text", Instant.parse("2026-02-11T09:00:00Z"), "post", "https://x.com/acme/status/2",
                Map.of(new MetricId("engagements"), 42.0), "<b>Spring</b> & launch\u0000 " + "a".repeat(400));
        new MetricWriter(h.db().pool()).writeBatch(x, ZoneOffset.UTC, new DateRange(LocalDate.of(2026, 2, 11), LocalDate.of(2026, 2, 11)),
                FetchResult.last(List.of(), List.of(withText)), late, false).toCompletionStage().toCompletableFuture().get();
    }

    @AfterAll
    static void tearDown() throws Exception {
        h.close();
    }

    static List<String> ids(JsonObject answer) {
        return answer.getJsonArray("posts").stream().map(o -> ((JsonObject) o).getString("post_id")).toList();
    }

    @Test
    void postsOfThePeriodBestFirstByEngagementsWithTheirLatestMetrics() throws Exception {
        AnalyticsHarness.Reply r = h.get("/posts?from=2026-02-01&to=2026-02-10");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject a = r.json();
        assertThat(ids(a)).containsExactly("fb-1", "x-1", "fb-2", "x-none");
        assertThat(a.getLong("total")).isEqualTo(4);
        assertThat(a.getJsonObject("sort").getString("metric")).isEqualTo("engagements");
        JsonObject first = a.getJsonArray("posts").getJsonObject(0);
        assertThat(first.getJsonObject("metrics").getDouble("engagements")).isEqualTo(700.0);
        assertThat(first.getString("metrics_as_of")).isEqualTo("2026-02-13");
        assertThat(first.getDouble("score")).isEqualTo(700.0);
        assertThat(first.getString("permalink")).isEqualTo("https://www.facebook.com/acme/posts/1");
        assertThat(first.getString("published_day")).isEqualTo("2026-02-02");
        assertThat(first.getJsonObject("account").getString("network_name")).isEqualTo("Facebook");
        assertThat(first.getString("type")).isEqualTo("video");
        // A post whose plugin gave no text has none, and the answer says why rather than inventing one.
        assertThat(first.getValue("text")).isNull();
        assertThat(a.getString("text_note")).contains("without text");
        // X reports no reach for the post: absent, not 0.
        JsonObject xPost = a.getJsonArray("posts").getJsonObject(1);
        assertThat(xPost.getJsonObject("metrics").containsKey("reach")).isFalse();
        JsonObject none = a.getJsonArray("posts").getJsonObject(3);
        assertThat(none.getJsonObject("metrics").isEmpty()).isTrue();
        assertThat(none.getValue("score")).isNull();
        assertThat(none.getValue("permalink")).isNull();
    }

    @Test
    void aPostsTextComesAsItsExcerptAsTheNetworkWroteIt() throws Exception {
        JsonObject a = h.get("/posts?from=2026-02-11&to=2026-02-12").json();
        assertThat(ids(a)).containsExactly("x-text");
        String text = a.getJsonArray("posts").getJsonObject(0).getString("text");
        // Kept to the excerpt length, markup left as text (the page and the PDF escape it), a NUL dropped.
        assertThat(text).hasSize(PostSnapshot.TEXT_EXCERPT_LENGTH).startsWith("<b>Spring</b> & launch aaa");
        assertThat(a.containsKey("text_note")).as("every post shown has text: nothing to explain").isFalse();
    }

    @Test
    void aMetricNotReportedPutsThePostLastRatherThanCountingItAsZero() throws Exception {
        JsonObject a = h.get("/posts?from=2026-02-01&to=2026-02-10&sort=reach").json();
        // X reports no reach: its posts come after those ranked, newest first.
        assertThat(ids(a)).containsExactly("fb-1", "fb-2", "x-none", "x-1");
        JsonArray posts = a.getJsonArray("posts");
        assertThat(posts.getJsonObject(3).getValue("score")).isNull();
        assertThat(posts.getJsonObject(3).getJsonObject("metrics").getDouble("engagements")).isEqualTo(500.0);
    }

    @Test
    void aKpiSortRanksByItsPerPostRatio() throws Exception {
        JsonObject a = h.get("/posts?from=2026-02-01&to=2026-02-10&sort=engagement_rate_reach").json();
        // fb-2: 300 / 600 = 50 %; fb-1: 700 / 2,000 = 35 %; x-1 has no reach.
        assertThat(ids(a)).containsExactly("fb-2", "fb-1", "x-none", "x-1");
        assertThat(a.getJsonArray("posts").getJsonObject(0).getDouble("score")).isCloseTo(50.0, within(1e-9));
        assertThat(a.getJsonObject("sort").getString("per")).isEqualTo("reach");
        JsonObject followers = h.get("/posts?from=2026-02-01&to=2026-02-10&sort=followers").json();
        assertThat(followers.getJsonObject("sort").getString("metric")).isEqualTo("engagements");
        assertThat(followers.getJsonObject("sort").getString("note")).contains("not measured per post");
    }

    @Test
    void networksAccountsAndLimitNarrowTheList() throws Exception {
        assertThat(ids(h.get("/posts?from=2026-02-01&to=2026-02-10&networks=x").json())).containsExactly("x-1", "x-none");
        assertThat(ids(h.get("/posts?from=2026-02-01&to=2026-02-10&accounts=" + fb).json())).containsExactly("fb-1", "fb-2");
        JsonObject two = h.get("/posts?from=2026-02-01&to=2026-02-10&limit=2").json();
        assertThat(ids(two)).containsExactly("fb-1", "x-1");
        assertThat(two.getLong("total")).isEqualTo(4);
        assertThat(ids(h.get("/posts?from=2026-01-01&to=2026-01-31").json())).containsExactly("fb-old");
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        AnalyticsHarness.Reply sort = h.get("/posts?sort=likes_per_fortnight");
        assertThat(sort.status()).isEqualTo(400);
        assertThat(sort.json().getJsonObject("details").getString("sort")).isNotBlank();
        AnalyticsHarness.Reply limit = h.get("/posts?limit=101");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().getJsonObject("details").getString("limit")).isNotBlank();
        AnalyticsHarness.Reply acct = h.get("/posts?accounts=abc");
        assertThat(acct.status()).isEqualTo(400);
        AnalyticsHarness.Reply range = h.get("/posts?from=2026-02-10&to=2026-02-01");
        assertThat(range.status()).isEqualTo(400);
    }
}
