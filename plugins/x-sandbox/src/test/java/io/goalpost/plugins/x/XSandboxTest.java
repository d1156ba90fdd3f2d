package io.goalpost.plugins.x;

import static io.goalpost.plugins.x.XTesting.fetchAll;
import static io.goalpost.plugins.x.XTesting.notes;
import static io.goalpost.plugins.x.XTesting.points;
import static io.goalpost.plugins.x.XTesting.posts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.MovableClock;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugin.testkit.WithoutSandboxLimits;
import io.goalpost.plugins.x.sandbox.XSandbox;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real adapter against the sandbox, wired in-process through a tiny HttpPort. */
final class XSandboxTest {

    private static final String BASE = "http://sandbox.local";
    private static final Instant NOW = Instant.parse("2026-04-02T12:05:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 2);

    private final XAdapterFactory factory = new XAdapterFactory();
    private final ObjectMapper mapper = new ObjectMapper();

    /** Hands each request straight to the sandbox, as the host's local server would. */
    private record SandboxPort(XSandbox sandbox, Clock clock) implements HttpPort {
        @Override
        public HttpResponse send(HttpRequest request) {
            return sandbox.handle(request, clock);
        }
    }

    private NetworkAdapter adapter(XSandbox sandbox, Clock clock, Map<String, String> config) {
        return adapter(new TestAdapterContext(new SandboxPort(sandbox, clock), clock), config);
    }

    private NetworkAdapter adapter(TestAdapterContext context, Map<String, String> config) {
        return factory.create(context, XTesting.resolve(factory, config));
    }

    private static Map<String, String> demoConfig(XSandbox sandbox, String name) {
        return new LinkedHashMap<>(sandbox.demoAccounts(BASE).stream().filter(a -> a.name().equals(name))
                .findFirst().orElseThrow().config());
    }

    private HttpResponse get(XSandbox sandbox, Clock clock, String token, String path, Map<String, String> query) {
        HttpRequest request = HttpRequest.get(Urls.build(BASE + "/2", path, query));
        return sandbox.handle(token == null ? request : request.withHeader("Authorization", "Bearer " + token), clock);
    }

    private JsonNode json(HttpResponse response) throws IOException {
        return mapper.readTree(response.body());
    }

    /** The whole look-back, fetched in windows as the host would send them. */
    private List<FetchResult> backfill(NetworkAdapter adapter) throws AdapterException {
        List<FetchResult> all = new ArrayList<>();
        DateRange lookBack = new DateRange(TODAY.minusDays(XAdapterFactory.LOOKBACK_DAYS - 1L), TODAY);
        for (DateRange window : lookBack.split(XAdapterFactory.MAX_DAYS_PER_REQUEST)) {
            all.addAll(fetchAll(adapter, window));
        }
        return all;
    }

    @Test
    void demoAccountsConnectThroughTheSandboxWithObviouslyFakeTokens() throws Exception {
        XSandbox sandbox = new XSandbox();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<DemoAccount> demo = sandbox.demoAccounts(BASE + "/");

        assertThat(sandbox.networkId()).isEqualTo(factory.descriptor().networkId());
        assertThat(demo).extracting(DemoAccount::name).containsExactly("@acmecoffee", "@acmeoutdoor");
        for (DemoAccount account : demo) {
            assertThat(account.config()).containsEntry("api_base_url", BASE + "/2");
            assertThat(account.config().get("access_token")).startsWith("sandbox-x-" + account.name().substring(1));
            assertThat(account.config().get("refresh_token")).startsWith("sandbox-x-");
            assertThat(factory.validate(XTesting.resolve(factory, account.config()))).isEmpty();

            CheckResult check = adapter(sandbox, clock, account.config()).check();

            assertThat(check.identity().handle()).isEqualTo(account.name().substring(1));
            assertThat(check.identity().externalId()).isEqualTo(account.config().get("user_id"));
            assertThat(check.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
        }
    }

    @Test
    void aFullLookBackGivesAYearOfRealisticPostsAndTodaysFollowers() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        List<FetchResult> batches = backfill(adapter(new XSandbox(), clock, demoConfig(new XSandbox(), "@acmecoffee")));

        // Account levels: today only, X has no history.
        List<MetricPoint> points = points(batches);
        assertThat(points).extracting(MetricPoint::day).containsOnly(TODAY);
        double followers = points.stream().filter(p -> p.metric().equals(CanonicalMetric.FOLLOWERS.id()))
                .findFirst().orElseThrow().value();
        assertThat(followers).isBetween(14_000.0, 18_000.0);

        // Posts: 5 to 10 a week, each once, with plausible lifetime metrics.
        List<PostSnapshot> posts = posts(batches);
        assertThat(posts).extracting(PostSnapshot::postId).doesNotHaveDuplicates();
        Map<LocalDate, Long> perWeek = posts.stream().collect(Collectors.groupingBy(
                p -> day(p).with(DayOfWeek.MONDAY), TreeMap::new, Collectors.counting()));
        LocalDate firstFullWeek = TODAY.minusDays(XAdapterFactory.LOOKBACK_DAYS - 1L).with(DayOfWeek.MONDAY)
                .plusWeeks(1);
        perWeek.forEach((monday, count) -> {
            if (!monday.isBefore(firstFullWeek) && monday.plusDays(6).isBefore(TODAY)) {
                assertThat(count).as("posts in week of " + monday).isBetween(5L, 10L);
            }
        });
        assertThat(posts.size()).isBetween(52 * 5, 53 * 10);
        assertThat(posts).extracting(PostSnapshot::type).contains("text", "photo", "video");
        LocalDate recentStart = TODAY.minusDays(28);
        for (PostSnapshot p : posts) {
            Map<MetricId, Double> m = p.metrics();
            assertThat(m.get(CanonicalMetric.VIEWS.id())).as("views of " + p.postId()).isGreaterThan(0);
            assertThat(m.get(CanonicalMetric.ENGAGEMENTS.id())).isLessThan(m.get(CanonicalMetric.VIEWS.id()));
            assertThat(m.get(CanonicalMetric.SHARES.id()))
                    .isEqualTo(m.get(XMetrics.RETWEETS) + m.get(XMetrics.QUOTES));
            assertThat(m.containsKey(CanonicalMetric.PROFILE_VIEWS.id()))
                    .as("non-public metrics exactly for recent post " + p.postId() + " of " + day(p))
                    .isEqualTo(!day(p).isBefore(recentStart));
            assertThat(m.containsKey(CanonicalMetric.VIDEO_VIEWS.id())).isEqualTo(p.type().equals("video"));
        }
        // The adapter never asked for fields X would refuse: no partial errors came back.
        assertThat(notes(batches)).isEmpty();
    }

    @Test
    void theSameDayReadsTheSameDataAgainFromAFreshSandbox() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DateRange range = new DateRange(TODAY.minusDays(60), TODAY);
        List<FetchResult> first = fetchAll(adapter(new XSandbox(), clock, demoConfig(new XSandbox(), "@acmeoutdoor")),
                range);
        List<FetchResult> second = fetchAll(adapter(new XSandbox(), clock, demoConfig(new XSandbox(), "@acmeoutdoor")),
                range);

        assertThat(posts(second)).isEqualTo(posts(first)).isNotEmpty();
        assertThat(points(second)).isEqualTo(points(first)).isNotEmpty();
    }

    @Test
    void aYearOfDailySnapshotsGrowsWithAWeeklyRhythm() throws Exception {
        XSandbox sandbox = new XSandbox();
        LocalDate start = LocalDate.of(2025, 4, 1);
        MovableClock clock = new MovableClock(start.atTime(18, 0).toInstant(ZoneOffset.UTC));
        NetworkAdapter coffee = adapter(sandbox, clock, demoConfig(sandbox, "@acmecoffee"));
        NetworkAdapter outdoor = adapter(sandbox, clock, demoConfig(sandbox, "@acmeoutdoor"));
        Map<LocalDate, Double> coffeeFollowers = new TreeMap<>();
        Map<LocalDate, Double> outdoorFollowers = new TreeMap<>();

        for (int i = 0; i < 365; i++) {
            LocalDate day = start.plusDays(i);
            clock.set(day.atTime(18, 0).toInstant(ZoneOffset.UTC));
            DateRange today = new DateRange(day, day);
            coffeeFollowers.put(day, followers(fetchAll(coffee, today), day));
            outdoorFollowers.put(day, followers(fetchAll(outdoor, today), day));
        }

        assertThat(coffeeFollowers).hasSize(365);
        double coffeeGrowth = growth(coffeeFollowers);
        double outdoorGrowth = growth(outdoorFollowers);
        assertThat(coffeeGrowth).as("@acmecoffee growth over a year").isBetween(0.15, 0.30);
        assertThat(outdoorGrowth).as("@acmeoutdoor growth over a year").isBetween(0.35, 0.60);
        // Followers arrive on weekdays more than at weekends.
        Map<Boolean, Double> meanChange = dailyChanges(coffeeFollowers).entrySet().stream().collect(
                Collectors.partitioningBy(e -> e.getKey().getDayOfWeek().getValue() >= 6,
                        Collectors.averagingDouble(Map.Entry::getValue)));
        assertThat(meanChange.get(false)).isGreaterThan(meanChange.get(true) * 1.5);
        // Noise: not a straight line.
        assertThat(dailyChanges(coffeeFollowers).values().stream().distinct().count()).isGreaterThan(20);

        // Syncing a day again (a re-read) gives the same value.
        LocalDate someDay = start.plusDays(100);
        clock.set(someDay.atTime(7, 30).toInstant(ZoneOffset.UTC));
        assertThat(followers(fetchAll(coffee, new DateRange(someDay, someDay)), someDay))
                .isEqualTo(coffeeFollowers.get(someDay));
    }

    @Test
    void theSandboxEnforcesXsParameterRulesWithXsErrors() throws Exception {
        XSandbox sandbox = new XSandbox();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Map<String, String> coffee = demoConfig(sandbox, "@acmecoffee");
        String token = coffee.get("access_token");
        String timeline = "/users/" + coffee.get("user_id") + "/tweets";

        HttpResponse tooMany = get(sandbox, clock, token, timeline, Map.of("max_results", "500"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(json(tooMany).path("type").asText()).endsWith("/problems/invalid-request");
        assertThat(json(tooMany).path("errors").path(0).path("message").asText())
                .isEqualTo("The `max_results` query parameter value [500] is not between 5 and 100");

        HttpResponse unknownField = get(sandbox, clock, token, timeline, Map.of("tweet.fields", "impressions"));
        assertThat(unknownField.status()).isEqualTo(400);

        HttpResponse backwards = get(sandbox, clock, token, timeline,
                Map.of("start_time", "2026-03-02T00:00:00Z", "end_time", "2026-03-01T00:00:00Z"));
        assertThat(backwards.status()).isEqualTo(400);

        HttpResponse badPage = get(sandbox, clock, token, timeline, Map.of("pagination_token", "nope"));
        assertThat(badPage.status()).isEqualTo(400);

        HttpResponse unknownUser = get(sandbox, clock, token, "/users/123", Map.of());
        assertThat(unknownUser.status()).isEqualTo(200);
        assertThat(json(unknownUser).path("errors").path(0).path("type").asText()).endsWith("/resource-not-found");

        // Every answer, errors included, carries X's rate-limit headers.
        for (HttpResponse r : List.of(tooMany, unknownField, backwards, badPage, unknownUser,
                get(sandbox, clock, "sandbox-x-nobody", "/users/me", Map.of()))) {
            assertThat(r.header("x-rate-limit-limit")).isNotNull();
            assertThat(r.header("x-rate-limit-remaining")).isNotNull();
            assertThat(r.header("x-rate-limit-reset")).isEqualTo(Long.toString(
                    Instant.parse("2026-04-02T12:15:00Z").getEpochSecond()));
        }
    }

    @Test
    void aWrongTokenGetsXsUnauthorizedAndTheAdapterAsksToReconnect() throws Exception {
        XSandbox sandbox = new XSandbox();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        HttpResponse response = get(sandbox, clock, "AAAAAAAAAAAAAAAAAAAAAreal-looking", "/users/me", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).path("title").asText()).isEqualTo("Unauthorized");

        Map<String, String> config = demoConfig(sandbox, "@acmecoffee");
        config.put("access_token", "sandbox-x-acmecoffee-forged");
        config.remove("refresh_token");

        assertThatThrownBy(() -> adapter(sandbox, clock, config).check())
                .isInstanceOf(AdapterException.AuthExpired.class)
                .hasMessageNotContaining("sandbox-x-acmecoffee-forged");
    }

    @Test
    void theFifteenMinuteWindowIsEnforcedAndTheAdapterWaitsForItsReset() throws Exception {
        XSandbox sandbox = new XSandbox();
        MovableClock clock = new MovableClock(NOW);
        NetworkAdapter adapter = adapter(sandbox, clock, demoConfig(sandbox, "@acmeoutdoor"));
        for (int i = 0; i < 75; i++) {
            adapter.check(); // GET /2/users/me: 75 per user per 15 minutes
        }

        Instant reset = Instant.parse("2026-04-02T12:15:00Z");
        assertThatThrownBy(adapter::check).isInstanceOfSatisfying(AdapterException.RateLimited.class,
                e -> assertThat(e.retryAt()).isEqualTo(reset));
        // Other users and endpoints have their own budgets.
        assertThat(adapter(sandbox, clock, demoConfig(sandbox, "@acmecoffee")).check()).isNotNull();
        assertThat(fetchAll(adapter, new DateRange(TODAY, TODAY))).isNotEmpty();

        clock.set(reset);
        assertThat(adapter.check().identity().handle()).isEqualTo("acmeoutdoor");
    }

    @Test
    void aHostThatSimulatesTheQuotasItselfTurnsTheWindowsOff() throws Exception {
        XSandbox sandbox = new XSandbox();
        MovableClock clock = new MovableClock(NOW);
        NetworkAdapter adapter = adapter(sandbox, clock, demoConfig(sandbox, "@acmeoutdoor"));
        WithoutSandboxLimits.run(() -> {
            for (int i = 0; i < 150; i++) {
                assertThat(adapter.check().identity().handle()).isEqualTo("acmeoutdoor");
            }
        });
        for (int i = 0; i < 75; i++) {
            adapter.check();
        }
        assertThatThrownBy(adapter::check).as("on again, counting from the calls made since")
                .isInstanceOf(AdapterException.RateLimited.class);
    }

    @Test
    void anExpiredAccessTokenIsRenewedWithARotatingSingleUseRefreshToken() throws Exception {
        XSandbox sandbox = new XSandbox();
        MovableClock clock = new MovableClock(NOW);
        Map<String, String> config = demoConfig(sandbox, "@acmecoffee");
        // Tokens issued by the refresh endpoint expire after two hours, like X's.
        JsonNode issued = json(sandbox.handle(HttpRequest.postForm(URI.create(BASE + "/2/oauth2/token"), Map.of(
                "grant_type", "refresh_token", "refresh_token", config.get("refresh_token"),
                "client_id", config.get("client_id"))), clock));
        assertThat(issued.path("expires_in").asLong()).isEqualTo(7200);
        config.put("access_token", issued.path("access_token").asText());
        config.put("refresh_token", issued.path("refresh_token").asText());
        clock.set(NOW.plus(Duration.ofHours(3)));

        TestAdapterContext context = new TestAdapterContext(new SandboxPort(sandbox, clock), clock);
        CheckResult check = adapter(context, config).check();

        assertThat(check.identity().handle()).isEqualTo("acmecoffee");
        assertThat(context.storedCredentials()).singleElement().satisfies(stored -> {
            assertThat(stored.get("access_token")).startsWith("sandbox-x-acmecoffee-").isNotEqualTo(
                    config.get("access_token"));
            assertThat(stored.get("refresh_token")).isNotEqualTo(config.get("refresh_token"));
        });
        // The refresh token just used is spent: a second adapter holding it must reconnect.
        assertThatThrownBy(() -> adapter(sandbox, clock, config).check())
                .isInstanceOf(AdapterException.AuthExpired.class);
        // The rotated pair works.
        Map<String, String> rotated = new LinkedHashMap<>(config);
        rotated.putAll(context.storedCredentials().get(0));
        assertThat(adapter(sandbox, clock, rotated).check().identity().handle()).isEqualTo("acmecoffee");
    }

    @Test
    void nonPublicMetricsOfOldOrForeignPostsComeBackAsPartialErrors() throws Exception {
        XSandbox sandbox = new XSandbox();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Map<String, String> coffee = demoConfig(sandbox, "@acmecoffee");
        Map<String, String> query = Map.of("max_results", "100", "tweet.fields", XAdapter.TWEET_FIELDS_FULL,
                "start_time", "2026-02-01T00:00:00Z");

        JsonNode own = json(get(sandbox, clock, coffee.get("access_token"),
                "/users/" + coffee.get("user_id") + "/tweets", query));
        List<JsonNode> data = new ArrayList<>();
        own.path("data").forEach(data::add);
        assertThat(data).isNotEmpty();
        for (JsonNode tweet : data) {
            boolean recent = Duration.between(Instant.parse(tweet.path("created_at").asText()), NOW)
                    .compareTo(Duration.ofDays(30)) < 0;
            assertThat(tweet.has("non_public_metrics")).as(tweet.path("created_at").asText()).isEqualTo(recent);
            assertThat(tweet.has("public_metrics")).isTrue();
        }
        assertThat(own.path("errors").path(0).path("type").asText()).endsWith("/not-authorized-for-field");

        Map<String, String> outdoor = demoConfig(sandbox, "@acmeoutdoor");
        JsonNode foreign = json(get(sandbox, clock, outdoor.get("access_token"),
                "/users/" + coffee.get("user_id") + "/tweets", query));
        assertThat(foreign.path("data").size()).isEqualTo(data.size());
        assertThat(foreign.path("data").path(0).has("non_public_metrics")).isFalse();
        assertThat(foreign.path("errors").size()).isEqualTo(2 * data.size());
    }

    @Test
    void theTimelineServesOnlyThe3200MostRecentPosts() throws Exception {
        XSandbox sandbox = new XSandbox();
        Map<String, String> coffee = demoConfig(sandbox, "@acmecoffee");
        String timeline = "/users/" + coffee.get("user_id") + "/tweets";
        Map<String, String> firstMonths = Map.of("start_time", "2019-05-01T00:00:00Z",
                "end_time", "2019-08-01T00:00:00Z", "tweet.fields", "created_at", "max_results", "100");

        JsonNode in2026 = json(get(sandbox, Clock.fixed(NOW, ZoneOffset.UTC), coffee.get("access_token"), timeline,
                firstMonths));
        JsonNode in2032 = json(get(sandbox, Clock.fixed(Instant.parse("2032-06-01T00:00:00Z"), ZoneOffset.UTC),
                coffee.get("access_token"), timeline, firstMonths));

        assertThat(in2026.path("meta").path("result_count").asInt()).isGreaterThan(50);
        assertThat(in2032.path("meta").path("result_count").asInt()).isZero();
    }

    private static LocalDate day(PostSnapshot p) {
        return LocalDate.ofInstant(p.publishedAt(), ZoneOffset.UTC);
    }

    private static double followers(List<FetchResult> batches, LocalDate day) {
        List<MetricPoint> followers = points(batches).stream()
                .filter(p -> p.metric().equals(CanonicalMetric.FOLLOWERS.id())).toList();
        assertThat(followers).as("followers on " + day).singleElement()
                .satisfies(p -> assertThat(p.day()).isEqualTo(day));
        return followers.get(0).value();
    }

    private static double growth(Map<LocalDate, Double> series) {
        List<Double> values = new ArrayList<>(series.values());
        return values.get(values.size() - 1) / values.get(0) - 1;
    }

    private static Map<LocalDate, Double> dailyChanges(Map<LocalDate, Double> series) {
        Map<LocalDate, Double> changes = new HashMap<>();
        Double previous = null;
        for (Map.Entry<LocalDate, Double> e : series.entrySet()) {
            if (previous != null) {
                changes.put(e.getKey(), e.getValue() - previous);
            }
            previous = e.getValue();
        }
        return changes;
    }
}
