package io.goalpost.plugins.pinterest.sandbox;

import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.goalpost.plugins.pinterest.PinterestAdapterFactory;
import io.goalpost.plugin.testkit.TestAdapterContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real adapter against the sandbox, wired without a server: what the demo shows. */
final class PinterestSandboxTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final DateRange LOOK_BACK = new DateRange(TODAY.minusDays(90), TODAY);
    private static final MetricId VIEWS = CanonicalMetric.VIEWS.id();

    private final PinterestSandbox sandbox = new PinterestSandbox();
    private final PinterestAdapterFactory factory = new PinterestAdapterFactory();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fullLookBackGivesEveryFinalDayTodaysFollowersAndNotesTheProcessingDays() throws Exception {
        Fetched coffee = fetch("acmecoffee", LOOK_BACK, NOW);

        // The descriptor says analytics are final through today - 3: the sandbox marks nothing later READY.
        int lag = factory.descriptor().reportingLagDays(VIEWS);
        assertThat(lag).isEqualTo(3);
        Map<LocalDate, Double> views = coffee.series(VIEWS);
        assertThat(views.keySet()).as("one views point per final day of the 90-day look-back")
                .containsExactlyElementsOf(new DateRange(TODAY.minusDays(90), TODAY.minusDays(lag)).split(1).stream()
                        .map(DateRange::from).toList());
        String processing = coffee.notes.stream().filter(n -> n.contains("still processing"))
                .collect(Collectors.joining(" "));
        assertThat(processing).as("the notes name each day that is still processing")
                .contains(TODAY.minusDays(2).toString(), TODAY.minusDays(1).toString(), TODAY.toString())
                .doesNotContain(TODAY.minusDays(3).toString());

        Map<LocalDate, Double> followers = coffee.series(CanonicalMetric.FOLLOWERS.id());
        assertThat(followers).as("followers is a snapshot: today only").containsOnlyKeys(TODAY);
        assertThat(followers.get(TODAY)).isEqualTo(userAccount("acmecoffee").get("follower_count").asDouble())
                .isBetween(3_000.0, 20_000.0);
    }

    @Test
    void accountMetricsAreRealisticWithAWeekendPeak() throws AdapterException {
        Fetched outdoor = fetch("acmeoutdoor", LOOK_BACK, NOW);
        Map<LocalDate, Double> views = outdoor.series(VIEWS);
        Map<LocalDate, Double> saves = outdoor.series(CanonicalMetric.SAVES.id());
        Map<LocalDate, Double> clicks = outdoor.series(CanonicalMetric.LINK_CLICKS.id());
        Map<LocalDate, Double> pinClicks = outdoor.series(new MetricId("pinterest.pin_clicks"));
        Map<LocalDate, Double> engagements = outdoor.series(CanonicalMetric.ENGAGEMENTS.id());

        for (LocalDate day : views.keySet()) {
            assertThat(views.get(day)).as("views on " + day).isBetween(5_000.0, 80_000.0);
            assertThat(engagements.get(day)).as("engagements include saves and clicks on " + day)
                    .isGreaterThanOrEqualTo(saves.get(day) + clicks.get(day) + pinClicks.get(day));
            assertThat(clicks.get(day) / views.get(day)).as("outbound click rate on " + day).isBetween(0.003, 0.05);
        }
        double weekend = average(views, Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        double midweek = average(views, Set.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY));
        assertThat(weekend).as("Pinterest traffic peaks at the weekend").isGreaterThan(midweek * 1.05);
    }

    @Test
    void pinsComeThreeToFivePerWeekWithLifetimeMetrics() throws AdapterException {
        Fetched coffee = fetch("acmecoffee", LOOK_BACK, NOW);

        Map<LocalDate, Long> perWeek = coffee.posts.stream().collect(Collectors.groupingBy(
                p -> LocalDate.ofInstant(p.publishedAt(), ZoneOffset.UTC).with(DayOfWeek.MONDAY), TreeMap::new,
                Collectors.counting()));
        LocalDate firstFullWeek = LOOK_BACK.from().with(DayOfWeek.MONDAY).plusWeeks(1);
        LocalDate lastFullWeek = TODAY.with(DayOfWeek.MONDAY).minusWeeks(1);
        perWeek.forEach((week, count) -> {
            if (!week.isBefore(firstFullWeek) && !week.isAfter(lastFullWeek)) {
                assertThat(count).as("own pins in the week of " + week).isBetween(3L, 5L);
            }
        });
        assertThat(perWeek.keySet()).as("weeks with pins").hasSizeGreaterThanOrEqualTo(12);

        for (PostSnapshot post : coffee.posts) {
            LocalDate day = LocalDate.ofInstant(post.publishedAt(), ZoneOffset.UTC);
            assertThat(LOOK_BACK.contains(day)).as("post " + post.postId() + " is in the range").isTrue();
            assertThat(post.postId()).as("pins saved from others are not posts").endsWith("1");
            assertThat(post.permalink()).isEqualTo("https://www.pinterest.com/pin/" + post.postId() + "/");
            assertThat(post.text()).as("the sandbox pin's title").isNotBlank();
            if (day.isAfter(TODAY.minusDays(3))) {
                assertThat(post.metrics()).as("a pin of the last three days has no final numbers yet").isEmpty();
                continue;
            }
            assertThat(post.metrics().get(VIEWS)).as("views of " + post.postId()).isPositive();
            assertThat(post.metrics().get(CanonicalMetric.ENGAGEMENTS.id())).as("engagements of " + post.postId())
                    .isPositive().isGreaterThanOrEqualTo(post.metrics().get(CanonicalMetric.SAVES.id()));
            assertThat(post.metrics().get(CanonicalMetric.SAVES.id())).isLessThan(post.metrics().get(VIEWS));
            assertThat(post.metrics()).containsKeys(CanonicalMetric.COMMENTS.id(), CanonicalMetric.REACTIONS.id());
            if (post.type().equals("video")) {
                assertThat(post.metrics()).containsKey(CanonicalMetric.VIDEO_VIEWS.id());
            } else {
                assertThat(post.metrics()).as("an image pin has no video views, not 0")
                        .doesNotContainKey(CanonicalMetric.VIDEO_VIEWS.id());
            }
        }
        assertThat(coffee.posts).extracting(PostSnapshot::type).contains("video", "image");
    }

    @Test
    void repeatedOverlappingAndClockSteppedFetchesAgree() throws AdapterException {
        Fetched first = fetch("acmecoffee", LOOK_BACK, NOW);
        Fetched again = fetch("acmecoffee", LOOK_BACK, NOW);
        assertThat(again.points).containsExactlyInAnyOrderElementsOf(first.points);

        DateRange middle = new DateRange(TODAY.minusDays(40), TODAY.minusDays(20));
        Fetched part = fetch("acmecoffee", middle, NOW);
        assertThat(part.points).as("an overlapping window gives the same values")
                .isNotEmpty().isSubsetOf(first.points);

        Instant weekLater = NOW.plus(Duration.ofDays(7));
        Fetched later = fetch("acmecoffee", new DateRange(TODAY.minusDays(83), TODAY.plusDays(7)), weekLater);
        Map<LocalDate, Double> before = first.series(VIEWS);
        Map<LocalDate, Double> after = later.series(VIEWS);
        assertThat(after.get(TODAY.minusDays(10))).as("a past day keeps its value when the clock moves on")
                .isEqualTo(before.get(TODAY.minusDays(10)));
        assertThat(after).as("the days that were processing are final a week later")
                .containsKeys(TODAY.minusDays(1), TODAY);

        double followersNow = first.series(CanonicalMetric.FOLLOWERS.id()).get(TODAY);
        double followersInTwoMonths = fetch("acmecoffee", new DateRange(TODAY.plusDays(60), TODAY.plusDays(60)),
                NOW.plus(Duration.ofDays(60))).series(CanonicalMetric.FOLLOWERS.id()).get(TODAY.plusDays(60));
        assertThat(followersInTwoMonths).as("the audience grows").isGreaterThan(followersNow + 60);
    }

    @Test
    void rangeBeforeTheLookBackIsClampedAndExplained() throws AdapterException {
        Fetched fetched = fetch("acmeoutdoor", new DateRange(TODAY.minusDays(120), TODAY.minusDays(80)), NOW);
        assertThat(fetched.series(VIEWS).keySet()).as("only days Pinterest still serves")
                .allSatisfy(day -> assertThat(day).isAfterOrEqualTo(TODAY.minusDays(90)))
                .contains(TODAY.minusDays(90), TODAY.minusDays(80));
        assertThat(fetched.notes).anySatisfy(note -> assertThat(note).contains("90 days"));
    }

    @Test
    void sandboxRejectsWhatPinterestRejects() throws Exception {
        String token = "sandbox-pinterest-acmecoffee";
        assertError(get("/v5/user_account/analytics?start_date=" + TODAY.minusDays(91) + "&end_date=" + TODAY
                + "&metric_types=IMPRESSION", token), 400, 1, "90 days before today");
        assertError(get("/v5/user_account/analytics?start_date=" + TODAY.minusDays(90) + "&end_date="
                + TODAY.plusDays(1) + "&metric_types=IMPRESSION", token), 400, 1, "90 days after start_date");
        assertError(get("/v5/user_account/analytics?start_date=" + TODAY + "&end_date=" + TODAY.minusDays(1)
                + "&metric_types=IMPRESSION", token), 400, 1, "before start_date");
        assertError(get("/v5/user_account/analytics?start_date=" + TODAY.minusDays(5) + "&end_date=" + TODAY
                + "&metric_types=IMPRESSION,impression", token), 400, 1, "'impression'");
        assertError(get("/v5/pins?page_size=251", token), 400, 1, "page_size");
        assertError(get("/v5/pins/1/analytics?start_date=" + TODAY.minusDays(5) + "&end_date=" + TODAY
                + "&metric_types=IMPRESSION", token), 404, 50, "Pin not found");

        assertError(get("/v5/user_account", "not-a-sandbox-token"), 401, 2, "Authentication failed");
        assertError(get("/v5/user_account", "sandbox-pinterest-acmecoffee-expired"), 401, 2, "Authentication");
        assertError(sandbox.handle(HttpRequest.get(URI.create(SandboxHttpPort.BASE_URL + "/v5/user_account")),
                Clock.fixed(NOW, ZoneOffset.UTC)), 401, 2, "Authentication");

        Map<String, String> form = Map.of("grant_type", "refresh_token",
                "refresh_token", "sandbox-pinterest-acmecoffee-refresh");
        HttpRequest noBasic = HttpRequest.postForm(URI.create(SandboxHttpPort.BASE_URL + "/v5/oauth/token"), form);
        assertError(sandbox.handle(noBasic, Clock.fixed(NOW, ZoneOffset.UTC)), 401, 2, "Authentication");
        HttpResponse renewed = sandbox.handle(noBasic.withHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("sandbox-pinterest-client:sandbox-pinterest-client-secret"
                        .getBytes(StandardCharsets.UTF_8))), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(json.readTree(renewed.body()).get("access_token").asText()).isEqualTo(token);
    }

    @Test
    void pinsArePagedWithBookmarksUntilNull() throws Exception {
        String token = "sandbox-pinterest-acmeoutdoor";
        List<String> ids = new ArrayList<>();
        String bookmark = null;
        int pages = 0;
        do {
            HttpResponse page = get("/v5/pins?page_size=100" + (bookmark == null ? "" : "&bookmark=" + bookmark), token);
            assertThat(page.status()).isEqualTo(200);
            JsonNode body = json.readTree(page.body());
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
            bookmark = body.get("bookmark").isNull() ? null : body.get("bookmark").asText();
            pages++;
        } while (bookmark != null && pages < 50);
        assertThat(bookmark).as("the last page's bookmark is null").isNull();
        assertThat(pages).as("several pages of 100").isGreaterThan(1);
        assertThat(ids).as("no pin twice across pages").doesNotHaveDuplicates();
        long weeks = ChronoUnit.WEEKS.between(LocalDate.of(2025, 3, 3), TODAY);
        assertThat(ids.size()).as("3-5 own pins a week plus some saved ones").isBetween((int) (3 * weeks),
                (int) (5.5 * weeks) + 6);
    }

    @Test
    void expiredTokenIsRenewedAtTheSandboxTokenEndpointAndStored() throws AdapterException {
        DemoAccount demo = demo("acmecoffee");
        Map<String, String> config = new java.util.HashMap<>(demo.config());
        config.put("access_token", "sandbox-pinterest-acmecoffee-expired");
        TestAdapterContext context = context(NOW);
        try (NetworkAdapter adapter = factory.create(context, resolve(config))) {
            assertThat(adapter.check().identity().handle()).isEqualTo("acmecoffee");
        }
        assertThat(context.storedCredentials()).singleElement()
                .satisfies(stored -> assertThat(stored).containsEntry("access_token", "sandbox-pinterest-acmecoffee"));
    }

    @Test
    void everyDemoAccountConnectsAsItself() throws AdapterException {
        List<DemoAccount> demos = sandbox.demoAccounts(SandboxHttpPort.BASE_URL + "/");
        assertThat(demos).hasSize(2);
        Set<String> ids = new java.util.HashSet<>();
        for (DemoAccount demo : demos) {
            assertThat(factory.descriptor().config().validate(demo.config())).as(demo.name()).isEmpty();
            assertThat(demo.config()).containsEntry("api_base_url", SandboxHttpPort.BASE_URL + "/v5");
            assertThat(demo.config().get("access_token")).startsWith("sandbox-pinterest-");
            ConfigValues values = resolve(demo.config());
            assertThat(factory.validate(values)).isEmpty();
            try (NetworkAdapter adapter = factory.create(context(NOW), values)) {
                CheckResult check = adapter.check();
                assertThat(check.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
                assertThat(check.missingOptionalPermissions()).isEmpty();
                ids.add(check.identity().externalId());
            }
        }
        assertThat(ids).hasSize(2);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Fetched fetch(String handle, DateRange range, Instant now) throws AdapterException {
        Fetched fetched = new Fetched();
        try (NetworkAdapter adapter = factory.create(context(now), resolve(demo(handle).config()))) {
            FetchRequest request = FetchRequest.of(range);
            for (int batch = 0; batch < 100; batch++) {
                FetchResult result = adapter.fetch(request);
                fetched.points.addAll(result.points());
                fetched.posts.addAll(result.posts());
                fetched.notes.addAll(result.notes());
                if (result.isLast()) {
                    return fetched;
                }
                request = FetchRequest.resume(range, result.next().orElseThrow());
            }
        }
        throw new AssertionError("fetch of " + range + " did not finish");
    }

    private TestAdapterContext context(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new TestAdapterContext(new SandboxHttpPort(sandbox, clock), clock);
    }

    private DemoAccount demo(String handle) {
        return sandbox.demoAccounts(SandboxHttpPort.BASE_URL).stream()
                .filter(d -> d.config().get("access_token").equals("sandbox-pinterest-" + handle))
                .findFirst().orElseThrow();
    }

    private ConfigValues resolve(Map<String, String> raw) {
        return factory.descriptor().config().resolve(raw);
    }

    private HttpResponse get(String pathAndQuery, String token) {
        HttpRequest request = HttpRequest.get(URI.create(SandboxHttpPort.BASE_URL + pathAndQuery))
                .withHeader("Authorization", "Bearer " + token);
        return sandbox.handle(request, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JsonNode userAccount(String handle) throws Exception {
        return json.readTree(get("/v5/user_account", "sandbox-pinterest-" + handle).body());
    }

    private void assertError(HttpResponse response, int status, int code, String messagePart) throws Exception {
        assertThat(response.status()).as("status").isEqualTo(status);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("code").asInt()).as("Pinterest error code").isEqualTo(code);
        assertThat(body.get("message").asText()).contains(messagePart);
    }

    private static double average(Map<LocalDate, Double> series, Set<DayOfWeek> days) {
        return series.entrySet().stream().filter(e -> days.contains(e.getKey().getDayOfWeek()))
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
    }

    /** Everything one full fetch returned. */
    private static final class Fetched {
        final List<MetricPoint> points = new ArrayList<>();
        final List<PostSnapshot> posts = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Map<LocalDate, Double> series(MetricId metric) {
            Map<LocalDate, Double> series = new TreeMap<>();
            for (MetricPoint p : points) {
                if (p.metric().equals(metric)) {
                    assertThat(series.put(p.day(), p.value())).as("one " + metric + " point on " + p.day()).isNull();
                }
            }
            return series;
        }
    }
}
