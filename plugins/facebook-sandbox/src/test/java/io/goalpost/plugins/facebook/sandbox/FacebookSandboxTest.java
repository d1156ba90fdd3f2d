package io.goalpost.plugins.facebook.sandbox;

import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugins.facebook.FacebookAdapterFactory;
import io.goalpost.plugin.testkit.TestAdapterContext;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real adapter against the sandbox: two years of believable, deterministic data, and the API's limits. */
final class FacebookSandboxTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final Instant NOW = Instant.parse("2026-09-15T18:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 9, 15);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final FacebookSandbox SANDBOX = new FacebookSandbox();
    private static final FacebookAdapterFactory FACTORY = new FacebookAdapterFactory();
    private static final Map<String, History> HISTORIES = new HashMap<>();

    /** Everything the adapter read for one account over the whole look-back. */
    private record History(Map<MetricId, TreeMap<LocalDate, Double>> series, List<PostSnapshot> posts,
            List<String> notes) {
        TreeMap<LocalDate, Double> of(CanonicalMetric metric) {
            return series.getOrDefault(metric.id(), new TreeMap<>());
        }
    }

    @BeforeAll
    static void readTwoYearsOfEveryDemoPage() throws AdapterException {
        DateRange lookback = new DateRange(TODAY.minusDays(730), TODAY.minusDays(1));
        for (DemoAccount account : SANDBOX.demoAccounts(SandboxHttpPort.BASE_URL)) {
            HISTORIES.put(account.name(), readLikeTheHost(account, lookback));
        }
    }

    @Test
    void demoAccountsAreThreePagesWithObviouslyFakeTokensPointingAtTheSandbox() {
        List<DemoAccount> accounts = SANDBOX.demoAccounts(SandboxHttpPort.BASE_URL + "/");
        assertThat(accounts).extracting(DemoAccount::name).containsExactly("Acme Coffee", "Acme Outdoor", "Acme Careers");
        for (DemoAccount account : accounts) {
            assertThat(FACTORY.descriptor().config().validate(account.config())).isEmpty();
            assertThat(account.config().get("page_access_token")).startsWith("sandbox-facebook-");
            assertThat(account.config().get("api_base_url")).isEqualTo(SandboxHttpPort.BASE_URL + "/v25.0");
        }
        assertThat(SANDBOX.networkId()).isEqualTo(FACTORY.descriptor().networkId());
    }

    @Test
    void checkIdentifiesEachPageInPacificTime() throws AdapterException {
        try (NetworkAdapter adapter = adapter(account("Acme Outdoor"))) {
            CheckResult result = adapter.check();
            assertThat(result.identity().externalId()).isEqualTo("104857600000002");
            assertThat(result.identity().handle()).isEqualTo("acmeoutdoor");
            assertThat(result.identity().displayName()).isEqualTo("Acme Outdoor");
            assertThat(result.identity().reportingZone()).isEqualTo(PACIFIC);
        }
    }

    @Test
    void twoYearsOfDailyInsightsArriveForEveryDay() {
        for (History history : HISTORIES.values()) {
            for (CanonicalMetric metric : List.of(CanonicalMetric.FOLLOWERS, CanonicalMetric.FOLLOWER_GAINS,
                    CanonicalMetric.FOLLOWER_LOSSES, CanonicalMetric.VIEWS, CanonicalMetric.REACH,
                    CanonicalMetric.ENGAGEMENTS, CanonicalMetric.PROFILE_VIEWS, CanonicalMetric.VIDEO_VIEWS,
                    CanonicalMetric.REACTIONS)) {
                TreeMap<LocalDate, Double> series = history.of(metric);
                assertThat(series).as(metric.name()).hasSize(730);
                assertThat(series.firstKey()).isEqualTo(TODAY.minusDays(730));
                assertThat(series.lastKey()).isEqualTo(TODAY.minusDays(1));
            }
        }
    }

    @Test
    void followersAreConsistentWithDailyGainsAndLosses() {
        for (History history : HISTORIES.values()) {
            TreeMap<LocalDate, Double> followers = history.of(CanonicalMetric.FOLLOWERS);
            TreeMap<LocalDate, Double> gains = history.of(CanonicalMetric.FOLLOWER_GAINS);
            TreeMap<LocalDate, Double> losses = history.of(CanonicalMetric.FOLLOWER_LOSSES);
            for (LocalDate day : followers.keySet()) {
                Double yesterday = followers.get(day.minusDays(1));
                if (yesterday != null) {
                    assertThat(followers.get(day)).as("followers on " + day)
                            .isEqualTo(yesterday + gains.get(day) - losses.get(day));
                }
            }
        }
    }

    @Test
    void dailyReactionsArePartOfEngagementsAndAQuietDayOfASmallPageHasNone() {
        for (History history : HISTORIES.values()) {
            TreeMap<LocalDate, Double> reactions = history.of(CanonicalMetric.REACTIONS);
            TreeMap<LocalDate, Double> engagements = history.of(CanonicalMetric.ENGAGEMENTS);
            reactions.forEach((day, value) -> assertThat(value).as("reactions on " + day)
                    .isLessThanOrEqualTo(engagements.get(day)));
        }
        // Acme Careers has a handful of engagements a day: the sandbox answers {} on its odd day without
        // reactions, which the adapter stores as 0 because Facebook returned the day.
        assertThat(HISTORIES.get("Acme Careers").of(CanonicalMetric.REACTIONS)).containsValue(0.0);
        assertThat(HISTORIES.get("Acme Coffee").of(CanonicalMetric.REACTIONS).values())
                .allSatisfy(v -> assertThat(v).isPositive());
    }

    @Test
    void yesterdayIsStillBeingCountedAndFinalOnceTheDayAfterIsOver() throws AdapterException {
        DemoAccount coffee = account("Acme Coffee");
        DateRange recent = new DateRange(TODAY.minusDays(4), TODAY.minusDays(1));
        History now = readLikeTheHost(coffee, recent);
        Clock tomorrow = Clock.offset(CLOCK, java.time.Duration.ofDays(1));
        History dayLater = readLikeTheHost(coffee, recent, tomorrow);

        // The descriptor says insights are final through today - 2: the sandbox keeps to that.
        assertThat(FACTORY.descriptor().reportingLagDays(CanonicalMetric.VIEWS.id())).isEqualTo(2);
        LocalDate yesterday = TODAY.minusDays(1);
        for (CanonicalMetric metric : List.of(CanonicalMetric.VIEWS, CanonicalMetric.FOLLOWER_GAINS,
                CanonicalMetric.ENGAGEMENTS)) {
            assertThat(now.of(metric).get(yesterday)).as(metric + " of yesterday, still being counted")
                    .isLessThan(dayLater.of(metric).get(yesterday));
            for (LocalDate day = recent.from(); day.isBefore(yesterday); day = day.plusDays(1)) {
                assertThat(now.of(metric).get(day)).as(metric + " on " + day + " is final")
                        .isEqualTo(dayLater.of(metric).get(day));
            }
        }
        // The provisional level still agrees with the provisional gains and losses.
        assertThat(now.of(CanonicalMetric.FOLLOWERS).get(yesterday)).isEqualTo(now.of(CanonicalMetric.FOLLOWERS)
                .get(yesterday.minusDays(1)) + now.of(CanonicalMetric.FOLLOWER_GAINS).get(yesterday)
                - now.of(CanonicalMetric.FOLLOWER_LOSSES).get(yesterday));
    }

    @Test
    void followersGrowFromAFewThousandWithAnAcceleratingTrend() {
        for (History history : HISTORIES.values()) {
            TreeMap<LocalDate, Double> followers = history.of(CanonicalMetric.FOLLOWERS);
            double first = followers.firstEntry().getValue();
            double middle = followers.get(TODAY.minusDays(365));
            double last = followers.lastEntry().getValue();
            assertThat(first).isBetween(2_000.0, 15_000.0);
            assertThat(last).isGreaterThan(first * 1.2);
            assertThat(last - middle).as("second year grows more than the first").isGreaterThan(middle - first);
        }
    }

    @Test
    void viewsFollowEachPagesWeeklyRhythm() {
        Map<DayOfWeek, Double> coffee = meanByWeekday(HISTORIES.get("Acme Coffee").of(CanonicalMetric.VIEWS));
        assertThat(coffee.get(DayOfWeek.SATURDAY)).isGreaterThan(coffee.get(DayOfWeek.MONDAY) * 1.2);
        Map<DayOfWeek, Double> careers = meanByWeekday(HISTORIES.get("Acme Careers").of(CanonicalMetric.VIEWS));
        assertThat(careers.get(DayOfWeek.TUESDAY)).isGreaterThan(careers.get(DayOfWeek.SATURDAY) * 1.5);
    }

    @Test
    void dailyValuesArePlausibleAndNoisy() {
        for (History history : HISTORIES.values()) {
            TreeMap<LocalDate, Double> views = history.of(CanonicalMetric.VIEWS);
            TreeMap<LocalDate, Double> reach = history.of(CanonicalMetric.REACH);
            TreeMap<LocalDate, Double> engagements = history.of(CanonicalMetric.ENGAGEMENTS);
            TreeMap<LocalDate, Double> videoViews = history.of(CanonicalMetric.VIDEO_VIEWS);
            for (LocalDate day : views.keySet()) {
                assertThat(reach.get(day)).as("reach <= views on " + day).isLessThanOrEqualTo(views.get(day));
                assertThat(engagements.get(day)).as("engagements < views on " + day).isLessThan(views.get(day));
                assertThat(videoViews.get(day)).isLessThanOrEqualTo(views.get(day));
            }
            assertThat(views.values().stream().distinct().count()).as("noise").isGreaterThan(600);
        }
    }

    @Test
    void pagesPublishThreeToFivePostsAWeekWithLifetimeMetrics() {
        for (History history : HISTORIES.values()) {
            Map<Long, Integer> perWeek = new TreeMap<>();
            for (PostSnapshot post : history.posts()) {
                LocalDate day = LocalDate.ofInstant(post.publishedAt(), PACIFIC);
                assertThat(day).isBetween(TODAY.minusDays(730), TODAY.minusDays(1));
                perWeek.merge(day.get(IsoFields.WEEK_BASED_YEAR) * 100L + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                        1, Integer::sum);
                assertThat(post.metrics()).containsKeys(CanonicalMetric.VIEWS.id(), CanonicalMetric.REACH.id(),
                        CanonicalMetric.REACTIONS.id(), CanonicalMetric.COMMENTS.id(), CanonicalMetric.LINK_CLICKS.id());
                assertThat(post.metrics().get(CanonicalMetric.REACH.id()))
                        .isLessThanOrEqualTo(post.metrics().get(CanonicalMetric.VIEWS.id()));
                assertThat(post.permalink()).startsWith("https://www.facebook.com/");
            }
            // Whole weeks only: the first and last week of the look-back are cut.
            List<Integer> counts = new ArrayList<>(perWeek.values()).subList(1, perWeek.size() - 1);
            assertThat(counts).allSatisfy(c -> assertThat(c).isBetween(3, 5));
            assertThat(history.posts()).extracting(PostSnapshot::postId).doesNotHaveDuplicates();
        }
    }

    @Test
    void somePostsWereNeverSharedAndHaveNoSharesValue() {
        List<PostSnapshot> posts = HISTORIES.get("Acme Coffee").posts();
        long withoutShares = posts.stream().filter(p -> !p.metrics().containsKey(CanonicalMetric.SHARES.id())).count();
        assertThat(withoutShares).isBetween(5L, posts.size() / 2L);
        assertThat(posts).filteredOn(p -> p.metrics().containsKey(CanonicalMetric.SHARES.id()))
                .allSatisfy(p -> assertThat(p.metrics().get(CanonicalMetric.SHARES.id())).isPositive());
        assertThat(posts).filteredOn(p -> p.type().equals("link"))
                .allSatisfy(p -> assertThat(p.metrics().get(CanonicalMetric.LINK_CLICKS.id())).isPositive());
        assertThat(posts).filteredOn(p -> p.type().equals("video"))
                .allSatisfy(p -> assertThat(p.metrics().get(CanonicalMetric.VIDEO_VIEWS.id())).isPositive());
    }

    @Test
    void repeatedAndOverlappingRequestsAgree() throws AdapterException {
        DemoAccount coffee = account("Acme Coffee");
        History again = readLikeTheHost(coffee, new DateRange(TODAY.minusDays(400), TODAY.minusDays(301)));
        History original = HISTORIES.get("Acme Coffee");
        for (Map.Entry<MetricId, TreeMap<LocalDate, Double>> e : again.series().entrySet()) {
            e.getValue().forEach((day, value) ->
                    assertThat(value).as(e.getKey() + " on " + day).isEqualTo(original.series().get(e.getKey()).get(day)));
        }
        assertThat(again.series().get(CanonicalMetric.FOLLOWERS.id())).hasSize(100);
    }

    @Test
    void nothingIsServedBeyondTheTwoYearLookback() throws AdapterException {
        History old = readLikeTheHost(account("Acme Careers"), new DateRange(TODAY.minusDays(760), TODAY.minusDays(731)));
        assertThat(old.series()).isEmpty();
        assertThat(old.notes()).anySatisfy(n -> assertThat(n).contains("last 2 years"));
    }

    @Test
    void todaysFollowerLevelComesFromThePageSnapshotBecauseInsightsLagADay() throws AdapterException {
        History recent = readLikeTheHost(account("Acme Coffee"), new DateRange(TODAY.minusDays(3), TODAY));
        TreeMap<LocalDate, Double> followers = recent.of(CanonicalMetric.FOLLOWERS);
        assertThat(followers.lastKey()).isEqualTo(TODAY);
        assertThat(recent.of(CanonicalMetric.VIEWS).lastKey()).isEqualTo(TODAY.minusDays(1));
        assertThat(followers.get(TODAY)).isGreaterThanOrEqualTo(followers.get(TODAY.minusDays(1)) - 20);
    }

    @Test
    void aWindowAcrossTheNovemberClockChangeIsSplitSoTheSandboxAcceptsIt() throws AdapterException {
        // 2025-09-20 .. 2025-12-18 is 90 Pacific days but 90 days and one hour (Nov 2 has 25 hours).
        History window = readLikeTheHost(account("Acme Outdoor"), new DateRange(LocalDate.of(2025, 9, 20),
                LocalDate.of(2025, 12, 18)));
        assertThat(window.of(CanonicalMetric.VIEWS)).hasSize(90);
    }

    @Test
    void theSandboxRejectsWindowsLongerThan90DaysWithFacebooksError() throws Exception {
        long since = LocalDate.of(2026, 1, 1).atStartOfDay(PACIFIC).toEpochSecond();
        HttpResponse response = get("/v25.0/104857600000001/insights?metric=page_follows&period=day&since=" + since
                + "&until=" + (since + 91 * 86_400L), "sandbox-facebook-acmecoffee");
        assertThat(response.status()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(response.bodyText()).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("message").asText()).contains("There cannot be more than 90 days");
    }

    @Test
    void theSandboxRejectsRemovedMetricsAndForeignOrFakeTokens() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpResponse removed = get("/v25.0/104857600000001/insights?metric=page_media_view,page_impressions&period=day",
                "sandbox-facebook-acmecoffee");
        assertThat(json.readTree(removed.bodyText()).at("/error/message").asText())
                .isEqualTo("(#100) The value must be a valid insights metric");
        HttpResponse fake = get("/v25.0/104857600000001?fields=id,name", "EAAB-not-a-sandbox-token");
        assertThat(json.readTree(fake.bodyText()).at("/error/code").asInt()).isEqualTo(190);
        HttpResponse foreign = get("/v25.0/104857600000001?fields=id,name", "sandbox-facebook-acmecareers");
        assertThat(json.readTree(foreign.bodyText()).at("/error/error_subcode").asInt()).isEqualTo(33);
        HttpResponse none = get("/v25.0/104857600000001?fields=id,name", null);
        assertThat(json.readTree(none.bodyText()).at("/error/code").asInt()).isEqualTo(104);
    }

    @Test
    void theAdapterSurfacesTheSandboxsAuthErrorAsAuthExpired() {
        Map<String, String> config = new HashMap<>(account("Acme Coffee").config());
        config.put("page_access_token", "sandbox-facebook-revoked");
        try (NetworkAdapter adapter = adapter(new DemoAccount("revoked", config))) {
            assertThatThrownBy(adapter::check).isInstanceOf(AdapterException.AuthExpired.class)
                    .hasMessageContaining("Reconnect the Page").hasMessageNotContaining("sandbox-facebook-revoked");
        }
    }

    @Test
    void postPagesHoldAtMost100AndCarryUsageHeaders() throws Exception {
        HttpResponse response = get("/v25.0/104857600000002/published_posts?fields=id,created_time&limit=500",
                "sandbox-facebook-acmeoutdoor");
        JsonNode root = new ObjectMapper().readTree(response.bodyText());
        assertThat(root.get("data")).hasSize(100);
        assertThat(root.at("/paging/next").asText()).doesNotContain("access_token").contains("after=");
        assertThat(response.header("X-App-Usage")).contains("call_count");
        assertThat(response.header("X-Business-Use-Case-Usage")).contains("104857600000002");
    }

    @Test
    void aRequestTheSandboxCannotReadGetsFacebooksUnknownErrorInsteadOfAnException() throws Exception {
        // Timestamps far outside what java.time can represent.
        HttpResponse response = get("/v25.0/104857600000001/insights?metric=page_follows"
                + "&since=-9000000000000000000&until=-8999999999999999000", "sandbox-facebook-acmecoffee");
        assertThat(response.status()).isEqualTo(500);
        assertThat(new ObjectMapper().readTree(response.bodyText()).at("/error/code").asInt()).isEqualTo(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static History readLikeTheHost(DemoAccount account, DateRange range) throws AdapterException {
        return readLikeTheHost(account, range, CLOCK);
    }

    private static History readLikeTheHost(DemoAccount account, DateRange range, Clock clock) throws AdapterException {
        Map<MetricId, TreeMap<LocalDate, Double>> series = new TreeMap<>();
        List<PostSnapshot> posts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (NetworkAdapter adapter = adapter(account, clock)) {
            for (DateRange window : range.split(FACTORY.descriptor().history().maxDaysPerRequest())) {
                FetchResult result = adapter.fetch(FetchRequest.of(window));
                while (true) {
                    for (MetricPoint p : result.points()) {
                        Double previous = series.computeIfAbsent(p.metric(), m -> new TreeMap<>()).put(p.day(), p.value());
                        assertThat(previous).as("one point per metric and day").isNull();
                    }
                    posts.addAll(result.posts());
                    notes.addAll(result.notes());
                    if (result.isLast()) {
                        break;
                    }
                    result = adapter.fetch(FetchRequest.resume(window, result.next().orElseThrow()));
                }
            }
        }
        return new History(series, posts, notes);
    }

    private static NetworkAdapter adapter(DemoAccount account) {
        return adapter(account, CLOCK);
    }

    private static NetworkAdapter adapter(DemoAccount account, Clock clock) {
        ConfigValues values = FACTORY.descriptor().config().resolve(account.config());
        return FACTORY.create(new TestAdapterContext(new SandboxHttpPort(SANDBOX, clock), clock), values);
    }

    private static DemoAccount account(String name) {
        return SANDBOX.demoAccounts(SandboxHttpPort.BASE_URL).stream().filter(a -> a.name().equals(name))
                .findFirst().orElseThrow();
    }

    private static HttpResponse get(String pathAndQuery, String token) {
        HttpRequest request = HttpRequest.get(URI.create(SandboxHttpPort.BASE_URL + pathAndQuery));
        if (token != null) {
            request = request.withHeader("Authorization", "Bearer " + token);
        }
        return SANDBOX.handle(request, CLOCK);
    }

    private static Map<DayOfWeek, Double> meanByWeekday(TreeMap<LocalDate, Double> series) {
        Map<DayOfWeek, double[]> sums = new HashMap<>();
        series.forEach((day, value) -> {
            double[] s = sums.computeIfAbsent(day.getDayOfWeek(), d -> new double[2]);
            s[0] += value;
            s[1]++;
        });
        Map<DayOfWeek, Double> means = new HashMap<>();
        sums.forEach((d, s) -> means.put(d, s[0] / s[1]));
        return means;
    }
}
