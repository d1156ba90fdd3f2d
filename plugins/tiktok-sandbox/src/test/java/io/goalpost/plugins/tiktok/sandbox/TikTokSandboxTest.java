package io.goalpost.plugins.tiktok.sandbox;

import io.goalpost.plugin.sandbox.SandboxHttpPort;
import io.goalpost.plugin.testkit.RecordingContext;
import io.goalpost.plugin.testkit.WithoutSandboxLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugins.tiktok.TikTokAdapterFactory;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real adapter against the sandbox, wired through a direct {@link SandboxHttpPort}. */
final class TikTokSandboxTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-20");
    private static final DateRange LOOK_BACK = new DateRange(TODAY.minusDays(60), TODAY.minusDays(1));
    private static final String API = SandboxHttpPort.BASE_URL + TikTokSandbox.API_ROOT;

    private final TikTokAdapterFactory factory = new TikTokAdapterFactory();
    private final TikTokSandbox sandbox = new TikTokSandbox();
    private final AtomicReference<Clock> clock = new AtomicReference<>(Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<RecordingContext> hosts = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void demoAccountsPointEveryUrlAtTheSandboxAndPassTheFactorysValidation() {
        List<DemoAccount> demo = sandbox.demoAccounts(SandboxHttpPort.BASE_URL + "/");

        assertThat(demo).extracting(DemoAccount::name).containsExactly("Acme Coffee Roasters", "Acme Outdoor Gear");
        for (DemoAccount account : demo) {
            assertThat(account.config()).containsEntry("api_base_url", API);
            assertThat(account.config().get("access_token")).startsWith("sandbox-tiktok-");
            assertThat(account.config().get("refresh_token")).startsWith("sandbox-tiktok-");
            assertThat(factory.descriptor().config().validate(account.config())).isEmpty();
            assertThat(factory.validate(factory.descriptor().config().resolve(account.config()))).isEmpty();
        }
        assertThat(sandbox.networkId()).isEqualTo(factory.descriptor().networkId());
        assertThat(TikTokSandbox.class.isAnnotationPresent(org.pf4j.Extension.class)).as("a PF4J extension").isTrue();
    }

    @Test
    void theWholeLookBackOfEachAccountIsRealisticAndConsistent() throws Exception {
        for (DemoAccount account : sandbox.demoAccounts(SandboxHttpPort.BASE_URL)) {
            NetworkAdapter adapter = adapter(account.config());
            String username = account.config().get("business_id").replace("sandbox-openid-", "");
            assertThat(adapter.check().identity().handle()).isEqualTo(username);

            List<FetchResult> batches = fetchAll(adapter, LOOK_BACK);
            Map<String, TreeMap<LocalDate, Double>> series = series(batches);
            List<PostSnapshot> posts = batches.stream().flatMap(b -> b.posts().stream()).toList();

            TreeMap<LocalDate, Double> followers = series.get("followers");
            assertThat(followers).as(username).hasSize(60);
            assertThat(followers.firstKey()).isEqualTo(LOOK_BACK.from());
            assertThat(followers.lastKey()).isEqualTo(LOOK_BACK.to());
            assertThat(followers.lastEntry().getValue()).isGreaterThan(followers.firstEntry().getValue());
            for (LocalDate day : followers.keySet()) {
                double views = series.get("views").get(day);
                assertThat(views).isPositive().isEqualTo(series.get("video_views").get(day));
                assertThat(series.get("reach").get(day)).isLessThan(views);
                assertThat(series.get("engagements").get(day)).isEqualTo(series.get("reactions").get(day)
                        + series.get("comments").get(day) + series.get("shares").get(day));
                assertThat(series.get("tiktok.engaged_audience").get(day)).isLessThanOrEqualTo(
                        series.get("reach").get(day));
                LocalDate before = day.minusDays(1);
                if (followers.containsKey(before)) {
                    // followers_count per date moves by exactly that day's gains minus losses.
                    assertThat(followers.get(day) - followers.get(before)).isEqualTo(
                            series.get("follower_gains").get(day) - series.get("follower_losses").get(day));
                }
            }
            // Link clicks exist only for registered Business accounts: absent, never a made-up 0.
            if (username.equals("acmeoutdoor")) {
                assertThat(series).doesNotContainKey("link_clicks");
                assertThat(posts).allSatisfy(p -> assertThat(p.metrics()).doesNotContainKey(
                        CanonicalMetric.LINK_CLICKS.id()));
            } else {
                assertThat(series.get("link_clicks")).hasSize(60);
            }
            // Three or four videos a week, all inside the range, newest first, each once.
            assertThat(posts.size()).as(username + " videos in 60 days").isBetween(3 * 8, 4 * 9);
            assertThat(posts).extracting(PostSnapshot::postId).doesNotHaveDuplicates();
            assertThat(posts).allSatisfy(p -> {
                assertThat(LOOK_BACK.contains(LocalDate.ofInstant(p.publishedAt(), ZoneOffset.UTC))).isTrue();
                assertThat(p.permalink()).startsWith("https://www.tiktok.com/@" + username + "/video/");
                assertThat(p.text()).as("the sandbox video's caption").isNotBlank();
                assertThat(p.metrics().get(CanonicalMetric.VIEWS.id())).isPositive();
                assertThat(p.metrics().get(CanonicalMetric.REACH.id()))
                        .isLessThan(p.metrics().get(CanonicalMetric.VIEWS.id()));
            });
            assertThat(posts).isSortedAccordingTo((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
        }
    }

    @Test
    void theSameRequestGivesTheSameDataOnAnotherSandboxInstance() throws Exception {
        Map<String, String> config = sandbox.demoAccounts(SandboxHttpPort.BASE_URL).get(0).config();

        List<FetchResult> first = fetchAll(adapter(config), LOOK_BACK);
        List<FetchResult> second = fetchAll(factory.create(context(new SandboxHttpPort(new TikTokSandbox(), clock::get)),
                factory.descriptor().config().resolve(config)), LOOK_BACK);

        assertThat(points(second)).isEqualTo(points(first));
        assertThat(second.stream().flatMap(b -> b.posts().stream()).toList())
                .isEqualTo(first.stream().flatMap(b -> b.posts().stream()).toList());
    }

    private static double value(List<MetricPoint> points, CanonicalMetric metric, LocalDate day) {
        return points.stream().filter(p -> p.metric().equals(metric.id()) && p.day().equals(day)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " on " + day)).value();
    }

    @Test
    void steppingTheClockForwardExtendsTheHistoryWithoutChangingFinalDays() throws Exception {
        Map<String, String> config = sandbox.demoAccounts(SandboxHttpPort.BASE_URL).get(1).config();
        List<MetricPoint> earlier = points(fetchAll(adapter(config), LOOK_BACK));
        List<PostSnapshot> earlierPosts = fetchAll(adapter(config), LOOK_BACK).stream()
                .flatMap(b -> b.posts().stream()).toList();

        clock.set(Clock.fixed(NOW.plus(25, ChronoUnit.DAYS), ZoneOffset.UTC));
        DateRange later = new DateRange(TODAY.plusDays(25).minusDays(60), TODAY.plusDays(24));
        List<FetchResult> laterBatches = fetchAll(adapter(config), later);
        List<MetricPoint> laterPoints = points(laterBatches);

        // Days final at the earlier clock (the declared lag: through today - 3) never change.
        int lag = factory.descriptor().reportingLagDays(CanonicalMetric.VIEWS.id());
        DateRange finalThen = new DateRange(LOOK_BACK.from(), TODAY.minusDays(lag));
        List<MetricPoint> overlapEarlier = earlier.stream().filter(p -> later.contains(p.day()))
                .filter(p -> finalThen.contains(p.day())).toList();
        List<MetricPoint> overlapLater = laterPoints.stream().filter(p -> finalThen.contains(p.day())).toList();
        // 33 shared final days x 12 metrics (acmeoutdoor is not a registered Business account: no link clicks).
        assertThat(overlapEarlier).hasSize(33 * 12).containsExactlyInAnyOrderElementsOf(overlapLater);
        // Yesterday and the day before were still being counted: a later read has more.
        for (LocalDate day : List.of(TODAY.minusDays(2), TODAY.minusDays(1))) {
            assertThat(value(laterPoints, CanonicalMetric.VIEWS, day)).as("views of " + day + " once final")
                    .isGreaterThan(value(earlier, CanonicalMetric.VIEWS, day));
        }
        // Lifetime counts of a video only grow as it gets older.
        Map<String, PostSnapshot> laterPosts = laterBatches.stream().flatMap(b -> b.posts().stream())
                .collect(Collectors.toMap(PostSnapshot::postId, p -> p));
        List<PostSnapshot> seenTwice = earlierPosts.stream().filter(p -> laterPosts.containsKey(p.postId())).toList();
        assertThat(seenTwice).isNotEmpty().allSatisfy(p -> assertThat(
                laterPosts.get(p.postId()).metrics().get(CanonicalMetric.VIEWS.id()))
                .isGreaterThanOrEqualTo(p.metrics().get(CanonicalMetric.VIEWS.id())));
    }

    @Test
    void aYearOfHistoryHasGrowthAWeeklyRhythmAndThreeOrFourVideosAWeek() {
        SyntheticHistory history = new SyntheticHistory(SandboxAccount.byUsername("acmecoffee"));
        LocalDate monday = LocalDate.parse("2025-06-02");

        List<SyntheticHistory.Day> days = history.days(monday, monday.plusWeeks(52).minusDays(1));

        assertThat(days).hasSize(364);
        assertThat(days.get(363).followers()).isGreaterThan(days.get(0).followers() + 5_000);
        double weekend = average(days, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        double earlyWeek = average(days, DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
        assertThat(weekend).isGreaterThan(earlyWeek * 1.05);
        for (int week = 0; week < 52; week++) {
            LocalDate start = monday.plusWeeks(week);
            long videos = start.datesUntil(start.plusDays(7)).filter(d -> history.videoOn(d).isPresent()).count();
            assertThat(videos).as("videos in week of " + start).isBetween(3L, 4L);
        }
        assertThat(days).allSatisfy(d -> assertThat(d.gains()).isGreaterThan(d.losses()));
    }

    @Test
    void startDatesOlderThanSixtyDaysAndLongerSpansGetTikToksParameterError() {
        String token = "sandbox-tiktok-acmecoffee";
        String account = "sandbox-openid-acmecoffee";

        JsonNode tooOld = call("GET", "/business/get/", token, query(account, TODAY.minusDays(61), TODAY.minusDays(1)));
        JsonNode oldest = call("GET", "/business/get/", token, query(account, TODAY.minusDays(60), TODAY.minusDays(1)));
        JsonNode tooLong = call("GET", "/business/get/", token, query(account, TODAY.minusDays(30), TODAY.plusDays(31)));

        assertThat(tooOld.path("code").asInt()).isEqualTo(40002);
        assertThat(tooOld.path("message").asText()).contains("60 days");
        assertThat(oldest.path("code").asInt()).isZero();
        assertThat(oldest.path("data").path("metrics")).hasSize(60);
        assertThat(tooLong.path("code").asInt()).isEqualTo(40002);
    }

    @Test
    void videoPagesHoldAtMostTwentyAndPageBackwardsWithTheCursor() {
        String token = "sandbox-tiktok-acmecoffee";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("business_id", "sandbox-openid-acmecoffee");
        params.put("fields", "[\"item_id\",\"create_time\"]");
        params.put("max_count", "21");
        assertThat(call("GET", "/business/video/list/", token, params).path("code").asInt()).isEqualTo(40002);

        params.put("max_count", "20");
        JsonNode first = call("GET", "/business/video/list/", token, params).path("data");
        params.put("cursor", first.path("cursor").asText());
        JsonNode second = call("GET", "/business/video/list/", token, params).path("data");

        assertThat(first.path("videos")).hasSize(20);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("cursor").asLong()).isEqualTo(first.path("videos").get(19).path("create_time").asLong()
                * 1000);
        assertThat(second.path("videos").get(0).path("create_time").asLong())
                .isLessThan(first.path("videos").get(19).path("create_time").asLong());
        assertThat(first.path("videos").get(0).has("reach")).as("only requested fields").isFalse();
    }

    @Test
    void theAccessTokenIsCheckedLikeTikTokDoesWithErrorsInsideHttp200() {
        Map<String, String> coffee = Map.of("business_id", "sandbox-openid-acmecoffee");
        HttpResponse missing = sandbox.handle(HttpRequest.get(Urls.build(API, "/business/get/", coffee)), clock.get());

        assertThat(missing.status()).isEqualTo(200);
        assertThat(code(missing)).isEqualTo(40104);
        assertThat(call("GET", "/business/get/", "act.real-looking-token", coffee).path("code").asInt()).isEqualTo(40105);
        assertThat(call("GET", "/business/get/", "sandbox-tiktok-acmeoutdoor", coffee).path("code").asInt())
                .isEqualTo(40001);
        assertThat(call("GET", "/business/get/", "sandbox-tiktok-acmecoffee-act-"
                + NOW.minusSeconds(86_400).getEpochSecond() + "-1", coffee).path("code").asInt()).isEqualTo(40102);
        assertThat(sandbox.handle(HttpRequest.get(URI.create(SandboxHttpPort.BASE_URL + "/v2/user/info/")), clock.get())
                .status()).isEqualTo(404);
    }

    @Test
    void anExpiredTokenIsRenewedThroughTheSandboxAndTheSpentRefreshTokenIsRejectedAfterwards() throws Exception {
        Map<String, String> config = new HashMap<>(sandbox.demoAccounts(SandboxHttpPort.BASE_URL).get(0).config());
        config.put("access_token", "sandbox-tiktok-acmecoffee-act-" + NOW.minus(2, ChronoUnit.DAYS).getEpochSecond()
                + "-7");
        NetworkAdapter adapter = adapter(config);

        assertThat(adapter.check().identity().handle()).isEqualTo("acmecoffee");

        List<Map<String, String>> stored = hosts.stream().flatMap(h -> h.stored().stream()).toList();
        assertThat(stored).hasSize(1);
        String renewedAccess = stored.get(0).get("access_token");
        String renewedRefresh = stored.get(0).get("refresh_token");
        assertThat(renewedAccess).startsWith("sandbox-tiktok-acmecoffee-act-" + NOW.getEpochSecond());
        assertThat(renewedRefresh).startsWith("sandbox-tiktok-acmecoffee-rft-").isNotEqualTo(config.get("refresh_token"));
        // The spent refresh token cannot be used again; the new one can, once.
        assertThat(refresh(config.get("refresh_token")).path("code").asInt()).isEqualTo(40105);
        assertThat(refresh(renewedRefresh).path("code").asInt()).isZero();
        assertThat(refresh(renewedRefresh).path("code").asInt()).isEqualTo(40105);
        // A day later the renewed access token has expired as TikTok's would.
        clock.set(Clock.fixed(NOW.plus(1, ChronoUnit.DAYS), ZoneOffset.UTC));
        assertThat(call("GET", "/business/get/", renewedAccess, Map.of("business_id", "sandbox-openid-acmecoffee"))
                .path("code").asInt()).isEqualTo(40102);
    }

    @Test
    void aWrongTokenWithoutRefreshIsAuthExpiredForTheAdapter() {
        Map<String, String> config = Map.of("business_id", "sandbox-openid-acmeoutdoor", "access_token", "wrong-token",
                "api_base_url", API);

        assertThatThrownBy(() -> adapter(config).check()).isInstanceOf(AdapterException.AuthExpired.class)
                .hasMessageContaining("40105").hasMessageNotContaining("wrong-token");
    }

    @Test
    void fortyCallsAMinutePerAccountAndEndpointThenTheAdapterIsRateLimited() throws Exception {
        NetworkAdapter adapter = adapter(sandbox.demoAccounts(SandboxHttpPort.BASE_URL).get(0).config());
        for (int i = 0; i < 40; i++) {
            adapter.check();
        }

        AdapterException.RateLimited e = catchThrowableOfType(AdapterException.RateLimited.class, adapter::check);

        assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(60));
        // Another endpoint has its own budget; the next minute a new one.
        assertThat(adapter.fetch(FetchRequest.resume(LOOK_BACK,
                new Cursor(1, "posts|" + NOW.toEpochMilli()))).posts()).isNotEmpty();
        clock.set(Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        assertThat(adapter.check().identity().handle()).isEqualTo("acmecoffee");
    }

    @Test
    void aHostThatSimulatesTheQuotasItselfTurnsTheSandboxsOwnLimitOff() throws Exception {
        NetworkAdapter adapter = adapter(sandbox.demoAccounts(SandboxHttpPort.BASE_URL).get(0).config());
        WithoutSandboxLimits.run(() -> {
            for (int i = 0; i < 100; i++) {
                assertThat(adapter.check().identity().handle()).isEqualTo("acmecoffee");
            }
        });
        assertThat(catchThrowableOfType(AdapterException.RateLimited.class, adapter::check))
                .as("on again: the 100 calls of this minute count").isNotNull();
    }

    private NetworkAdapter adapter(Map<String, String> raw) {
        assertThat(factory.descriptor().config().validate(raw)).isEmpty();
        ConfigValues values = factory.descriptor().config().resolve(raw);
        return factory.create(context(new SandboxHttpPort(sandbox, clock::get)), values);
    }

    /** A host on the test's clock that records what the adapter stores; {@link #hosts} keeps every one made. */
    private AdapterContext context(HttpPort http) {
        RecordingContext host = new RecordingContext(http, clock::get);
        hosts.add(host);
        return host;
    }

    private JsonNode call(String method, String path, String token, Map<String, String> query) {
        HttpRequest request = new HttpRequest(method, Urls.build(API, path, query), Map.of("Access-Token", token), null);
        return json(sandbox.handle(request, clock.get()));
    }

    private JsonNode refresh(String refreshToken) {
        String body = "{\"client_id\":\"sandbox-tiktok-app\",\"client_secret\":\"sandbox-tiktok-app-secret\","
                + "\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}";
        return json(sandbox.handle(HttpRequest.postJson(Urls.build(API, "/tt_user/oauth2/refresh_token/"), body),
                clock.get()));
    }

    private JsonNode json(HttpResponse response) {
        assertThat(response.status()).isEqualTo(200);
        try {
            return mapper.readTree(response.bodyText());
        } catch (java.io.IOException e) {
            throw new AssertionError("sandbox answered with invalid JSON", e);
        }
    }

    private int code(HttpResponse response) {
        return json(response).path("code").asInt();
    }

    private static Map<String, String> query(String businessId, LocalDate from, LocalDate to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("business_id", businessId);
        query.put("start_date", from.toString());
        query.put("end_date", to.toString());
        query.put("fields", "[\"followers_count\",\"video_views\"]");
        return query;
    }

    private static List<FetchResult> fetchAll(NetworkAdapter adapter, DateRange range) throws AdapterException {
        List<FetchResult> batches = new ArrayList<>();
        Optional<Cursor> cursor = Optional.empty();
        do {
            FetchResult batch = adapter.fetch(new FetchRequest(range, cursor));
            batches.add(batch);
            cursor = batch.next();
        } while (cursor.isPresent() && batches.size() < 100);
        assertThat(cursor).as("fetch of " + range + " finished").isEmpty();
        return batches;
    }

    private static List<MetricPoint> points(List<FetchResult> batches) {
        return batches.stream().flatMap(b -> b.points().stream()).toList();
    }

    private static Map<String, TreeMap<LocalDate, Double>> series(List<FetchResult> batches) {
        Map<String, TreeMap<LocalDate, Double>> series = new HashMap<>();
        for (MetricPoint p : points(batches)) {
            series.computeIfAbsent(p.metric().value(), k -> new TreeMap<>()).put(p.day(), p.value());
        }
        return series;
    }

    private static double average(List<SyntheticHistory.Day> days, DayOfWeek... weekdays) {
        List<DayOfWeek> wanted = List.of(weekdays);
        return days.stream().filter(d -> wanted.contains(d.date().getDayOfWeek()))
                .mapToLong(SyntheticHistory.Day::videoViews).average().orElseThrow();
    }
}
