package io.goalpost.plugins.instagram.sandbox;

import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.instagram.InstagramAdapterFactory;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real adapter against the sandbox, wired through a direct {@code HttpPort}. */
final class InstagramSandboxTest {

    private static final String BASE = "http://sandbox.test";
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    /** 10:00 Pacific (PDT) on 2026-09-15. */
    private static final Instant NOW = Instant.parse("2026-09-15T17:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LocalDate TODAY = LocalDate.of(2026, 9, 15);
    private static final String COFFEE = "17841400000000101";

    private final InstagramSandbox sandbox = new InstagramSandbox();
    private final InstagramAdapterFactory factory = new InstagramAdapterFactory();
    private final ObjectMapper mapper = new ObjectMapper();

    // ---- the adapter over the full look-back ------------------------------------------------------

    @Test
    void demoAccountsConnectThroughTheSandbox() throws Exception {
        List<DemoAccount> accounts = sandbox.demoAccounts(BASE + "/");
        assertThat(accounts).hasSize(3);
        assertThat(sandbox.networkId()).isEqualTo(factory.descriptor().networkId());
        Map<String, String> logins = new LinkedHashMap<>();
        for (DemoAccount account : accounts) {
            assertThat(account.config()).containsEntry("api_base_url", BASE + "/v25.0");
            assertThat(account.config().get("access_token")).startsWith("sandbox-instagram-");
            assertThat(factory.descriptor().config().validate(account.config())).isEmpty();
            assertThat(factory.validate(resolve(account.config()))).isEmpty();
            CheckResult check = adapter(account.config(), context()).check();
            assertThat(account.name()).contains("@" + check.identity().handle());
            logins.put(check.identity().handle(), account.config().get("login_type"));
        }
        assertThat(logins).containsEntry("acme.coffee", "instagram_login")
                .containsEntry("acme.outdoor", "facebook_login").containsEntry("acme.bakery", "instagram_login");
    }

    @Test
    void fullLookBackOfAGrowingAccountIsCompleteAndRealistic() throws Exception {
        History coffee = fetchLookBack(demo("acme.coffee"));
        LocalDate firstServed = TODAY.minusDays(730);

        for (LocalDate d = firstServed; d.isBefore(TODAY); d = d.plusDays(1)) {
            for (String metric : List.of("reach", "views", "video_views", "engagements", "reactions", "comments",
                    "shares", "saves", "link_clicks", "follower_gains", "follower_losses", "instagram.accounts_engaged")) {
                assertThat(coffee.points).as(metric + " on " + d).containsKey(metric + "@" + d);
            }
        }
        assertThat(coffee.points).as("the API keeps two years").doesNotContainKey("views@" + firstServed.minusDays(1))
                .as("today's insights are not in yet").doesNotContainKey("views@" + TODAY);
        assertThat(coffee.points.keySet().stream().filter(k -> k.startsWith("followers@")))
                .as("followers level: today's snapshot only").containsExactly("followers@" + TODAY);

        double followersToday = coffee.points.get("followers@" + TODAY);
        double netGrowth = coffee.sum("follower_gains") - coffee.sum("follower_losses");
        assertThat(netGrowth).as("two years of net follows").isGreaterThan(5_000);
        assertThat(followersToday - netGrowth).as("followers two years ago").isBetween(5_000.0, 20_000.0);

        for (LocalDate d = firstServed; d.isBefore(TODAY); d = d.plusDays(1)) {
            assertThat(coffee.points.get("reach@" + d)).isLessThan(coffee.points.get("views@" + d));
            assertThat(coffee.points.get("video_views@" + d)).isLessThanOrEqualTo(coffee.points.get("views@" + d));
            assertThat(coffee.points.get("instagram.accounts_engaged@" + d))
                    .isLessThanOrEqualTo(coffee.points.get("engagements@" + d));
        }
        assertThat(coffee.weekdayAverage("views", DayOfWeek.WEDNESDAY))
                .as("busier midweek than on Saturdays").isGreaterThan(coffee.weekdayAverage("views", DayOfWeek.SATURDAY));
        assertThat(coffee.yearAverage("views", TODAY.minusDays(365)))
                .as("more views this year than last").isGreaterThan(coffee.yearAverage("views", firstServed));

        Map<LocalDate, Long> postsPerWeek = coffee.posts.values().stream().collect(Collectors.groupingBy(
                p -> p.publishedAt().atZone(PACIFIC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                TreeMap::new, Collectors.counting()));
        postsPerWeek.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(firstServed) && e.getKey().plusDays(6).isBefore(TODAY))
                .forEach(e -> assertThat(e.getValue()).as("posts in week of " + e.getKey()).isBetween(4L, 5L));
        for (PostSnapshot post : coffee.posts.values()) {
            assertThat(post.type()).isIn("reel", "carousel", "photo");
            assertThat(post.permalink()).startsWith("https://www.instagram.com/");
            assertThat(post.text()).as("the sandbox's caption").isNotBlank();
            assertThat(post.metrics()).containsKeys(CanonicalMetric.VIEWS.id(), CanonicalMetric.REACH.id(),
                    CanonicalMetric.REACTIONS.id(), CanonicalMetric.SAVES.id(), CanonicalMetric.ENGAGEMENTS.id());
            assertThat(post.metrics().get(CanonicalMetric.REACH.id()))
                    .isLessThanOrEqualTo(post.metrics().get(CanonicalMetric.VIEWS.id()));
            assertThat(post.metrics().containsKey(CanonicalMetric.VIDEO_VIEWS.id())).isEqualTo(post.type().equals("reel"));
            // Profile visits exist for feed posts; a Reel cannot be asked for them.
            assertThat(post.metrics().containsKey(CanonicalMetric.PROFILE_VIEWS.id())).isEqualTo(!post.type().equals("reel"));
        }
        assertThat(coffee.posts.values().stream().map(PostSnapshot::type).distinct()).hasSize(3);
    }

    @Test
    void repeatedAndOverlappingRequestsAgree() throws Exception {
        Map<String, String> config = demo("acme.outdoor");
        DateRange window = new DateRange(TODAY.minusDays(40), TODAY.minusDays(11));
        History first = fetch(config, List.of(window));
        History again = fetch(config, List.of(window));
        History overlapping = fetch(config, List.of(new DateRange(TODAY.minusDays(25), TODAY.minusDays(1))));

        assertThat(again.points).isEqualTo(first.points);
        assertThat(again.posts.keySet()).isEqualTo(first.posts.keySet());
        assertThat(first.posts).isNotEmpty();
        for (LocalDate d = TODAY.minusDays(25); !d.isAfter(TODAY.minusDays(11)); d = d.plusDays(1)) {
            for (String metric : List.of("views", "reach", "follower_gains", "engagements")) {
                assertThat(overlapping.points.get(metric + "@" + d)).as(metric + " on " + d)
                        .isEqualTo(first.points.get(metric + "@" + d));
            }
        }
    }

    @Test
    void theLastTwoDaysAreStillBeingCountedAndFinalFromTheThirdDayBack() throws Exception {
        Map<String, String> config = demo("acme.coffee");
        List<DateRange> recent = List.of(new DateRange(TODAY.minusDays(5), TODAY.minusDays(1)));
        History now = fetch(config, recent, CLOCK);
        History twoDaysLater = fetch(config, recent, Clock.offset(CLOCK, Duration.ofDays(2)));

        // The descriptor says insights are final through today - 3: the sandbox keeps to that.
        assertThat(factory.descriptor().reportingLagDays(CanonicalMetric.VIEWS.id())).isEqualTo(3);
        for (String metric : List.of("views", "reactions", "follower_gains", "reach")) {
            for (LocalDate d = TODAY.minusDays(2); d.isBefore(TODAY); d = d.plusDays(1)) {
                assertThat(now.points.get(metric + "@" + d)).as(metric + " on " + d + ", still being counted")
                        .isLessThan(twoDaysLater.points.get(metric + "@" + d));
            }
            for (LocalDate d = TODAY.minusDays(5); !d.isAfter(TODAY.minusDays(3)); d = d.plusDays(1)) {
                assertThat(now.points.get(metric + "@" + d)).as(metric + " on " + d + " is final")
                        .isEqualTo(twoDaysLater.points.get(metric + "@" + d));
            }
        }
    }

    @Test
    void smallAccountConvertedLastYearHasNoInsightsBeforeItsConversion() throws Exception {
        History bakery = fetchLookBack(demo("acme.bakery"));
        LocalDate converted = LocalDate.of(2025, 8, 1);

        assertThat(bakery.points.keySet())
                .noneMatch(k -> LocalDate.parse(k.substring(k.indexOf('@') + 1)).isBefore(converted));
        assertThat(bakery.points).containsKeys("views@" + converted, "reach@" + TODAY.minusDays(1));
        assertThat(bakery.points.keySet()).as("follows_and_unfollows needs 100 followers")
                .noneMatch(k -> k.startsWith("follower_gains@") || k.startsWith("follower_losses@"));
        assertThat(bakery.points.get("followers@" + TODAY)).isBetween(40.0, 99.0);

        List<PostSnapshot> beforeConversion = bakery.posts.values().stream()
                .filter(p -> p.publishedAt().atZone(PACIFIC).toLocalDate().isBefore(converted)).toList();
        assertThat(beforeConversion).isNotEmpty().allSatisfy(p -> assertThat(p.metrics())
                .containsOnlyKeys(CanonicalMetric.REACTIONS.id(), CanonicalMetric.COMMENTS.id()));
        assertThat(bakery.notes).anyMatch(n -> n.contains("before the account became a professional account"));
    }

    @Test
    void facebookLoginAccountSyncsOnTheSameWireFormat() throws Exception {
        History outdoor = fetchLookBack(demo("acme.outdoor"));
        assertThat(outdoor.points).containsKeys("followers@" + TODAY, "views@" + TODAY.minusDays(1),
                "follower_gains@" + TODAY.minusDays(730), "video_views@" + TODAY.minusDays(365));
        assertThat(outdoor.points.get("followers@" + TODAY)).isGreaterThan(41_000);
        assertThat(outdoor.posts).as("3 to 4 posts a week for two years").hasSizeBetween(310, 425);
        assertThat(outdoor.posts.values().stream().filter(p -> p.type().equals("reel")).count())
                .as("a Reels-heavy account").isGreaterThan(outdoor.posts.size() / 2);
    }

    // ---- tokens through the adapter --------------------------------------------------------------

    @Test
    void adapterRefreshesAnAgingTokenAndTheSandboxAcceptsTheNewOne() throws Exception {
        Map<String, String> config = new HashMap<>(demo("acme.coffee"));
        config.put("access_refreshed_at", NOW.minus(Duration.ofDays(3)).toString());
        TestAdapterContext context = context();

        FetchResult result = adapter(config, context)
                .fetch(FetchRequest.of(new DateRange(TODAY.minusDays(3), TODAY.minusDays(1))));

        assertThat(result.points()).isNotEmpty();
        String newToken = "sandbox-instagram-acme.coffee-r" + NOW.getEpochSecond();
        assertThat(context.storedCredentials()).containsExactly(
                Map.of("access_token", newToken, "access_refreshed_at", NOW.toString()));
        assertThat(context.http().requests().get(1).header("Authorization")).isEqualTo("Bearer " + newToken);
    }

    @Test
    void expiredRefreshedTokenCannotBeRefreshedAndMeansReconnect() {
        Map<String, String> config = new HashMap<>(demo("acme.coffee"));
        Instant issued = NOW.minus(Duration.ofDays(61));
        config.put("access_token", "sandbox-instagram-acme.coffee-r" + issued.getEpochSecond());
        config.put("access_refreshed_at", issued.toString());

        assertThatThrownBy(() -> adapter(config, context()).check()).isInstanceOf(AdapterException.AuthExpired.class)
                .hasMessageContaining("Reconnect").hasMessageNotContaining(config.get("access_token"));
    }

    @Test
    void wrongTokenIsAuthExpiredForBothLoginTypes() {
        for (String handle : List.of("acme.coffee", "acme.outdoor")) {
            Map<String, String> config = new HashMap<>(demo(handle));
            config.put("access_token", "not-a-sandbox-token");
            assertThatThrownBy(() -> adapter(config, context()).check()).as(handle)
                    .isInstanceOf(AdapterException.AuthExpired.class);
        }
    }

    // ---- limits the sandbox enforces like the real API -------------------------------------------

    @Test
    void rejectsWindowsLongerThanThirtyDaysWithTheRealError() throws Exception {
        long until = LocalDate.of(2026, 9, 1).atStartOfDay(PACIFIC).toEpochSecond();
        JsonNode error = error(get(COFFEE + "/insights?metric=reach&period=day&metric_type=time_series&since="
                + (until - 2_592_001) + "&until=" + until), 400);
        assertThat(error.path("code").asInt()).isEqualTo(100);
        assertThat(error.path("message").asText())
                .isEqualTo("(#100) There cannot be more than 30 days (2592000 s) between since and until");

        JsonNode ok = json(get(COFFEE + "/insights?metric=reach&period=day&metric_type=time_series&since="
                + (until - 2_592_000) + "&until=" + until), 200);
        assertThat(ok.path("data").get(0).path("values")).hasSize(30);
    }

    @Test
    void oneRemovedMetricFailsTheWholeRequest() throws Exception {
        String window = "&period=day&metric_type=total_value&since=1788000000&until=1788086400";
        JsonNode impressions = error(get(COFFEE + "/insights?metric=views,impressions" + window), 400);
        assertThat(impressions.path("code").asInt()).isEqualTo(100);
        assertThat(impressions.path("message").asText()).contains("impressions metric is no longer supported");

        JsonNode plays = error(get(COFFEE + "/insights?metric=reach,plays" + window), 400);
        assertThat(plays.path("message").asText()).startsWith("(#100) metric[1] must be one of the following values:");

        JsonNode media = error(get(postId() + "/insights?metric=views,impressions"), 400);
        assertThat(media.path("message").asText()).contains("does not support the impressions metric");
    }

    @Test
    void enforcesMetricTypesAndBreakdownsAsDocumented() throws Exception {
        String window = "&period=day&since=1788000000&until=1788086400";
        assertThat(error(get(COFFEE + "/insights?metric=views&metric_type=time_series" + window), 400)
                .path("message").asText()).contains("should be specified with parameter metric_type=total_value");
        assertThat(error(get(COFFEE + "/insights?metric=views&metric_type=total_value&breakdown=follow_type" + window),
                400).path("message").asText()).isEqualTo("(#100) Incompatible breakdowns (follow_type) for metric (views)");
        JsonNode follows = json(get(COFFEE + "/insights?metric=follows_and_unfollows&metric_type=total_value"
                + "&breakdown=follow_type" + window), 200);
        assertThat(follows.path("data").get(0).path("total_value").path("breakdowns").get(0).path("results"))
                .extracting(r -> r.path("dimension_values").get(0).asText()).containsExactly("FOLLOWER", "NON_FOLLOWER");
    }

    @Test
    void servesNothingOlderThanTwoYears() throws Exception {
        LocalDate old = TODAY.minusDays(740);
        long since = old.atStartOfDay(PACIFIC).toEpochSecond();
        JsonNode body = json(get(COFFEE + "/insights?metric=reach&period=day&metric_type=time_series&since=" + since
                + "&until=" + (since + 5 * 86_400)), 200);
        assertThat(body.path("data")).isEmpty();
    }

    @Test
    void checksTheTokenItIssued() throws Exception {
        HttpResponse none = sandbox.handle(HttpRequest.get(URI.create(BASE + "/v25.0/" + COFFEE)), CLOCK);
        assertThat(json(none, 400).path("error").path("code").asInt()).isEqualTo(104);
        assertThat(error(get(COFFEE, "IGQVJ-looks-real"), 400).path("code").asInt()).isEqualTo(190);
        JsonNode otherAccount = error(get("17841400000000202?fields=id", "sandbox-instagram-acme.coffee"), 400);
        assertThat(otherAccount.path("error_subcode").asInt()).isEqualTo(33);
        String expired = "sandbox-instagram-acme.coffee-r" + NOW.minus(Duration.ofDays(61)).getEpochSecond();
        JsonNode dead = error(get(COFFEE, expired), 400);
        assertThat(dead.path("code").asInt()).isEqualTo(190);
        assertThat(dead.path("error_subcode").asInt()).isEqualTo(463);
    }

    @Test
    void servesRefreshAccessTokenByTheRules() throws Exception {
        JsonNode refreshed = json(sandbox.handle(HttpRequest.get(URI.create(BASE + "/refresh_access_token"
                + "?grant_type=ig_refresh_token&access_token=sandbox-instagram-acme.coffee")), CLOCK), 200);
        String token = refreshed.path("access_token").asText();
        assertThat(token).isEqualTo("sandbox-instagram-acme.coffee-r" + NOW.getEpochSecond());
        assertThat(refreshed.path("expires_in").asLong()).isEqualTo(Duration.ofDays(60).toSeconds());
        assertThat(json(get("me?fields=user_id,username", token), 200).path("username").asText()).isEqualTo("acme.coffee");

        assertThat(json(sandbox.handle(HttpRequest.get(URI.create(BASE + "/refresh_access_token?grant_type=ig_refresh_token"
                + "&access_token=" + token)), CLOCK), 400).path("error").path("message").asText()).contains("24 hours");
        assertThat(json(sandbox.handle(HttpRequest.get(URI.create(BASE + "/refresh_access_token?grant_type=ig_refresh_token"
                + "&access_token=sandbox-instagram-acme.outdoor")), CLOCK), 400).path("error").path("code").asInt())
                .as("Facebook Login tokens cannot be refreshed").isEqualTo(190);
    }

    @Test
    void mediaPagesHoldAtMostOneHundredItemsNewestFirst() throws Exception {
        JsonNode page = json(get(COFFEE
                + "/media?fields=id,timestamp,media_product_type,children%7Bid,media_type%7D&limit=500"), 200);
        assertThat(page.path("data")).hasSize(100);
        List<Instant> times = new ArrayList<>();
        page.path("data").forEach(m -> times.add(Instant.parse(m.path("timestamp").asText().replace("+0000", "Z"))));
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(times.get(0)).isBefore(NOW);
        String after = page.path("paging").path("cursors").path("after").asText();
        JsonNode next = json(get(COFFEE + "/media?fields=id,timestamp&limit=100&after=" + after), 200);
        assertThat(Instant.parse(next.path("data").get(0).path("timestamp").asText().replace("+0000", "Z")))
                .isBefore(times.get(99));
        assertThat(error(get(COFFEE + "/media?fields=id,impressions"), 400).path("code").asInt()).isEqualTo(100);
        assertThat(error(get(reelId() + "/insights?metric=views,profile_visits"), 400).path("message").asText())
                .contains("does not support the profile_visits metric");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** What a sync stored: points by "metric@day", posts by id, notes. */
    private static final class History {
        final Map<String, Double> points = new HashMap<>();
        final Map<String, PostSnapshot> posts = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();

        double sum(String metric) {
            return points.entrySet().stream().filter(e -> e.getKey().startsWith(metric + "@"))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        double weekdayAverage(String metric, DayOfWeek dow) {
            return points.entrySet().stream().filter(e -> e.getKey().startsWith(metric + "@")
                    && LocalDate.parse(e.getKey().substring(metric.length() + 1)).getDayOfWeek() == dow)
                    .mapToDouble(Map.Entry::getValue).average().orElseThrow();
        }

        double yearAverage(String metric, LocalDate from) {
            return points.entrySet().stream().filter(e -> {
                if (!e.getKey().startsWith(metric + "@")) {
                    return false;
                }
                LocalDate d = LocalDate.parse(e.getKey().substring(metric.length() + 1));
                return !d.isBefore(from) && d.isBefore(from.plusDays(365));
            }).mapToDouble(Map.Entry::getValue).average().orElseThrow();
        }
    }

    /** Syncs the whole look-back the way the host does: 30-day windows from 730 days ago to today. */
    private History fetchLookBack(Map<String, String> config) throws AdapterException {
        int lookBack = factory.descriptor().history().maxLookbackDays();
        int window = factory.descriptor().history().maxDaysPerRequest();
        return fetch(config, new DateRange(TODAY.minusDays(lookBack), TODAY).split(window));
    }

    private History fetch(Map<String, String> config, List<DateRange> windows) throws AdapterException {
        return fetch(config, windows, CLOCK);
    }

    private History fetch(Map<String, String> config, List<DateRange> windows, Clock clock) throws AdapterException {
        History history = new History();
        NetworkAdapter adapter = adapter(config, new TestAdapterContext(new SandboxHttpPort(sandbox, clock), clock));
        for (DateRange window : windows) {
            FetchRequest request = FetchRequest.of(window);
            while (true) {
                FetchResult result = adapter.fetch(request);
                for (MetricPoint p : result.points()) {
                    assertThat(window.contains(p.day())).isTrue();
                    assertThat(history.points.put(p.metric() + "@" + p.day(), p.value())).as("repeated " + p).isNull();
                }
                for (PostSnapshot p : result.posts()) {
                    assertThat(history.posts.put(p.postId(), p)).as("repeated post " + p.postId()).isNull();
                }
                history.notes.addAll(result.notes());
                Optional<Cursor> next = result.next();
                if (next.isEmpty()) {
                    break;
                }
                request = FetchRequest.resume(window, next.get());
            }
        }
        return history;
    }

    private Map<String, String> demo(String handle) {
        return sandbox.demoAccounts(BASE).stream().filter(a -> a.name().contains("@" + handle + ")")).findFirst()
                .orElseThrow().config();
    }

    private TestAdapterContext context() {
        return new TestAdapterContext(new SandboxHttpPort(sandbox, CLOCK), CLOCK);
    }

    private NetworkAdapter adapter(Map<String, String> config, TestAdapterContext context) {
        return factory.create(context, resolve(config));
    }

    private ConfigValues resolve(Map<String, String> config) {
        return factory.descriptor().config().resolve(config);
    }

    private HttpResponse get(String pathAndQuery) {
        return get(pathAndQuery, "sandbox-instagram-acme.coffee");
    }

    private HttpResponse get(String pathAndQuery, String token) {
        return sandbox.handle(HttpRequest.get(URI.create(BASE + "/v25.0/" + pathAndQuery))
                .withHeader("Authorization", "Bearer " + token), CLOCK);
    }

    private JsonNode json(HttpResponse response, int status) throws IOException {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(status);
        return mapper.readTree(response.bodyText());
    }

    private JsonNode error(HttpResponse response, int status) throws IOException {
        JsonNode error = json(response, status).path("error");
        assertThat(error.path("type").asText()).isNotEmpty();
        assertThat(error.path("fbtrace_id").asText()).isNotEmpty();
        return error;
    }

    private String postId() throws IOException {
        return json(get(COFFEE + "/media?fields=id&limit=1"), 200).path("data").get(0).path("id").asText();
    }

    private String reelId() throws IOException {
        JsonNode page = json(get(COFFEE + "/media?fields=id,media_product_type&limit=20"), 200);
        for (JsonNode m : page.path("data")) {
            if (m.path("media_product_type").asText().equals("REELS")) {
                return m.path("id").asText();
            }
        }
        throw new AssertionError("no reel in the last 20 posts");
    }
}
