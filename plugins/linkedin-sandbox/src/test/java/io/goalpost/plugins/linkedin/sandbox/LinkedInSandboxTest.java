package io.goalpost.plugins.linkedin.sandbox;

import io.goalpost.plugin.sandbox.SandboxHttpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.goalpost.plugin.testkit.TestAdapterContext;
import io.goalpost.plugins.linkedin.LinkedInAdapterFactory;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The real adapter against the sandbox, wired through an in-process HTTP port. */
final class LinkedInSandboxTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ORG = "urn%3Ali%3Aorganization%3A90000001";

    private final LinkedInSandbox sandbox = new LinkedInSandbox();
    private final LinkedInAdapterFactory factory = new LinkedInAdapterFactory();

    @Test
    void demoAccountsConnectThroughTheSandbox() throws Exception {
        List<DemoAccount> accounts = sandbox.demoAccounts(SandboxHttpPort.BASE_URL + "/");
        assertThat(sandbox.networkId()).isEqualTo(factory.descriptor().networkId());
        assertThat(accounts).extracting(DemoAccount::name).containsExactly("Acme Corp (LinkedIn)", "Acme Careers (LinkedIn)");
        List<String> names = new ArrayList<>();
        for (DemoAccount account : accounts) {
            assertThat(account.config().get("api_base_url")).isEqualTo(SandboxHttpPort.BASE_URL + "/rest");
            assertThat(account.config().get("oauth_base_url")).isEqualTo(SandboxHttpPort.BASE_URL + "/oauth/v2");
            assertThat(account.config().get("access_token")).startsWith("sandbox-linkedin-");
            CheckResult check = adapter(account.config(), new TestAdapterContext(port(), CLOCK)).check();
            assertThat(check.identity().reportingZone()).isEqualTo(ZoneOffset.UTC);
            names.add(check.identity().displayName());
        }
        assertThat(names).containsExactly("Acme Corp", "Acme Careers");
    }

    @Test
    void theFullLookBackIsRealistic() throws Exception {
        int lookback = factory.descriptor().history().maxLookbackDays();
        DateRange range = new DateRange(TODAY.minusDays(lookback), TODAY);
        List<FetchResult> batches = fetchAll(demo(0), range);
        Map<MetricId, TreeMap<LocalDate, Double>> series = series(batches);

        // every day from the first available one to three days ago, nothing inside the lag
        TreeMap<LocalDate, Double> views = series.get(CanonicalMetric.VIEWS.id());
        assertThat(views.firstKey()).isEqualTo(TODAY.minusDays(lookback));
        assertThat(views.lastKey()).isEqualTo(TODAY.minusDays(3));
        assertThat(views).hasSize(lookback - 2);
        assertThat(series.get(CanonicalMetric.FOLLOWER_GAINS.id())).hasSize(lookback - 2);
        assertThat(series.get(CanonicalMetric.FOLLOWERS.id())).containsOnlyKeys(TODAY);

        // a weekly rhythm and growth over the year
        double weekday = mean(views, false);
        double weekend = mean(views, true);
        assertThat(weekday).isGreaterThan(1.6 * weekend);
        List<Double> values = new ArrayList<>(views.values());
        double firstWeeks = values.subList(0, 56).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double lastWeeks = values.subList(values.size() - 56, values.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertThat(lastWeeks).isGreaterThan(firstWeeks * 1.15);

        // the counts agree with one another
        for (LocalDate day : views.keySet()) {
            double parts = series.get(CanonicalMetric.REACTIONS.id()).get(day) + series.get(CanonicalMetric.COMMENTS.id()).get(day)
                    + series.get(CanonicalMetric.SHARES.id()).get(day) + series.get(CanonicalMetric.LINK_CLICKS.id()).get(day);
            assertThat(series.get(CanonicalMetric.ENGAGEMENTS.id()).get(day)).isEqualTo(parts);
            assertThat(series.get(CanonicalMetric.REACH.id()).get(day)).isLessThan(views.get(day));
        }
        // today's followers: a plausible page of ~50k that grew since the first synthetic day
        double followers = series.get(CanonicalMetric.FOLLOWERS.id()).get(TODAY);
        assertThat(followers).isEqualTo(SyntheticHistory.followersAt(SandboxOrganization.ACME_CORP, TODAY))
                .isBetween(50_000.0, 90_000.0);

        // 2 to 3 posts in every whole week, each with lifetime numbers
        List<PostSnapshot> posts = batches.stream().flatMap(b -> b.posts().stream()).toList();
        Map<Integer, Long> perWeek = posts.stream().filter(p -> day(p).isAfter(range.from().plusDays(7))
                        && day(p).isBefore(TODAY.minusDays(7)))
                .collect(Collectors.groupingBy(p -> day(p).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), Collectors.counting()));
        assertThat(perWeek.values()).allSatisfy(n -> assertThat(n).isBetween(2L, 3L));
        assertThat(posts.size()).isBetween(100, 160);
        assertThat(posts).allSatisfy(p -> {
            assertThat(range.contains(day(p))).isTrue();
            assertThat(p.metrics()).containsKeys(CanonicalMetric.VIEWS.id(), CanonicalMetric.REACH.id(),
                    CanonicalMetric.ENGAGEMENTS.id());
            assertThat(p.metrics().get(CanonicalMetric.VIEWS.id())).isPositive();
        });
        assertThat(posts).extracting(PostSnapshot::type).contains("video", "image", "article", "text");
        assertThat(posts).extracting(PostSnapshot::postId).doesNotHaveDuplicates();
    }

    @Test
    void repeatedAndOverlappingRequestsAgree() throws Exception {
        DateRange year = new DateRange(TODAY.minusDays(200), TODAY);
        DateRange month = new DateRange(TODAY.minusDays(60), TODAY.minusDays(30));
        Map<MetricId, TreeMap<LocalDate, Double>> first = series(fetchAll(demo(1), year));
        Map<MetricId, TreeMap<LocalDate, Double>> again = series(fetchAll(demo(1), year));
        Map<MetricId, TreeMap<LocalDate, Double>> part = series(fetchAll(demo(1), month));

        assertThat(again).isEqualTo(first);
        part.forEach((metric, days) -> assertThat(first.get(metric)).containsAllEntriesOf(days));
    }

    @Test
    void thePagesDiffer() throws Exception {
        DateRange range = new DateRange(TODAY.minusDays(30), TODAY);
        Map<MetricId, TreeMap<LocalDate, Double>> corp = series(fetchAll(demo(0), range));
        Map<MetricId, TreeMap<LocalDate, Double>> careers = series(fetchAll(demo(1), range));

        assertThat(careers.get(CanonicalMetric.FOLLOWERS.id()).get(TODAY))
                .isLessThan(corp.get(CanonicalMetric.FOLLOWERS.id()).get(TODAY) / 2);
        MetricId careersViews = new MetricId("linkedin.careers_page_views");
        assertThat(sum(careers.get(careersViews)) / sum(careers.get(CanonicalMetric.PROFILE_VIEWS.id())))
                .isGreaterThan(2 * sum(corp.get(careersViews)) / sum(corp.get(CanonicalMetric.PROFILE_VIEWS.id())));
    }

    // ---- limits ----

    @Test
    void refusesWindowsBeyondTwelveMonthsOrInsideTheLag() {
        long day = 86_400_000L;
        long thirteenMonthsAgo = TODAY.minusMonths(13).toEpochDay() * day;
        long lastAllowedEnd = TODAY.minusDays(2).toEpochDay() * day;
        assertThat(statistics(thirteenMonthsAgo, lastAllowedEnd).status()).isEqualTo(400);
        assertThat(statistics(thirteenMonthsAgo, lastAllowedEnd).bodyText()).contains("Invalid timeIntervals parameter");
        assertThat(statistics(lastAllowedEnd - 10 * day, lastAllowedEnd + day).status()).isEqualTo(400);
        HttpResponse ok = statistics(lastAllowedEnd - 10 * day, lastAllowedEnd);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.bodyText()).contains("\"followerGains\"");
    }

    @Test
    void insistsOnRestLiEncoding() {
        assertThat(get("/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity="
                + "urn:li:organization:90000001", token(0), "202606").status()).isEqualTo(400);
        assertThat(get("/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=" + ORG
                + "&timeIntervals=%28timeRange%3A%28start%3A1%2Cend%3A2%29%29", token(0), "202606").bodyText())
                .contains("unescaped parentheses");
        assertThat(get("/rest/posts?author=" + ORG + "&q=author&count=101", token(0), "202606").status()).isEqualTo(400);
        HttpResponse noProtocol = sandbox.handle(new HttpRequest("GET",
                URI.create(SandboxHttpPort.BASE_URL + "/rest/organizations/90000001"),
                Map.of("Authorization", "Bearer " + token(0), "LinkedIn-Version", "202606"), null), CLOCK);
        assertThat(noProtocol.status()).isEqualTo(400);
    }

    @Test
    void enforcesTheVersionHeader() {
        HttpResponse missing = sandbox.handle(new HttpRequest("GET", URI.create(SandboxHttpPort.BASE_URL
                + "/rest/organizations/90000001"), Map.of("Authorization", "Bearer " + token(0),
                "X-Restli-Protocol-Version", "2.0.0"), null), CLOCK);
        assertThat(missing.status()).isEqualTo(426);
        assertThat(missing.bodyText()).contains("NONEXISTENT_VERSION");
        assertThat(get("/rest/organizations/90000001", token(0), "202501").status()).isEqualTo(426);
        assertThat(get("/rest/organizations/90000001", token(0), "202701").status()).isEqualTo(426);
        assertThat(get("/rest/organizations/90000001", token(0), "20251201").status()).isEqualTo(200);

        Map<String, String> config = new HashMap<>(account(0).config());
        config.put("linkedin_version", "202501");
        assertThatThrownBy(() -> adapter(config, new TestAdapterContext(port(), CLOCK)).check())
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("LinkedIn API version");
    }

    @Test
    void checksTheTokenItIssued() {
        Map<String, String> wrong = withoutRefresh(account(0).config());
        wrong.put("access_token", "AQV-not-a-sandbox-token");
        assertThatThrownBy(() -> adapter(wrong, new TestAdapterContext(port(), CLOCK)).check())
                .isInstanceOf(AdapterException.AuthExpired.class).hasMessageNotContaining("AQV-not-a-sandbox-token");

        // Acme Careers' token on Acme Corp's page: not an administrator of it
        Map<String, String> other = withoutRefresh(account(0).config());
        other.put("access_token", account(1).config().get("access_token"));
        assertThatThrownBy(() -> adapter(other, new TestAdapterContext(port(), CLOCK)).check())
                .isInstanceOf(AdapterException.PermissionMissing.class);
    }

    @Test
    void refreshesAnExpiredTokenThroughItsTokenEndpoint() throws Exception {
        Map<String, String> config = new HashMap<>(account(0).config());
        config.put("access_token", "sandbox-linkedin-acme-corp-expired");
        TestAdapterContext context = new TestAdapterContext(port(), CLOCK);

        List<FetchResult> batches = fetchAll(adapter(config, context), new DateRange(TODAY.minusDays(10), TODAY));

        assertThat(batches.stream().mapToInt(b -> b.points().size()).sum()).isPositive();
        assertThat(context.storedCredentials()).singleElement().satisfies(stored -> {
            assertThat(stored.get("access_token")).isEqualTo("sandbox-linkedin-acme-corp-refreshed-" + TODAY.toEpochDay());
            assertThat(stored.get("refresh_token")).isEqualTo("sandbox-linkedin-acme-corp-refresh");
        });
        // and a refreshed token expires after 60 days
        HttpResponse old = get("/rest/organizations/90000001", "sandbox-linkedin-acme-corp-refreshed-"
                + TODAY.minusDays(61).toEpochDay(), "202606");
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.bodyText()).contains("65600");
    }

    @Test
    void givesPostStatisticsOnlyForThePagesOwnPostsInTheRightList() {
        SandboxPost careersPost = SyntheticHistory.posts(SandboxOrganization.ACME_CAREERS, TODAY.minusDays(14), TODAY)
                .stream().filter(p -> !p.isUgcPost()).findFirst().orElseThrow();
        HttpResponse foreign = get("/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity="
                + ORG + "&shares=List(" + careersPost.urn().replace(":", "%3A") + ")", token(0), "202606");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.bodyText()).contains("/shares[0]");

        SandboxPost video = SyntheticHistory.posts(SandboxOrganization.ACME_CORP, TODAY.minusDays(120), TODAY)
                .stream().filter(SandboxPost::isUgcPost).findFirst().orElseThrow();
        String asShare = "&shares=List(" + video.urn().replace(":", "%3A") + ")";
        String asUgc = "&ugcPosts=List(" + video.urn().replace(":", "%3A") + ")";
        String base = "/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=" + ORG;
        assertThat(get(base + asShare, token(0), "202606").status()).isEqualTo(403);
        HttpResponse right = get(base + asUgc, token(0), "202606");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.bodyText()).contains("\"ugcPost\":\"" + video.urn() + "\"").contains("impressionCount");
    }

    @Test
    void servesPostsOfTheLastTwelveMonthsOnly() {
        HttpResponse page = get("/rest/posts?author=" + ORG + "&q=author&count=100&start=0&sortBy=CREATED", token(0), "202606");
        int total = Integer.parseInt(page.bodyText().replaceAll(".*\"total\":(\\d+).*", "$1"));
        assertThat(total).isEqualTo(SyntheticHistory.posts(SandboxOrganization.ACME_CORP, TODAY.minusDays(365), TODAY)
                .stream().filter(p -> !p.publishedAt().isAfter(NOW)).count());
        assertThat(page.bodyText()).contains("\"rel\":\"next\"").contains("start=100");
    }

    // ---- helpers ----

    private HttpResponse statistics(long start, long end) {
        return get("/rest/organizationalEntityFollowerStatistics?q=organizationalEntity&organizationalEntity=" + ORG
                + "&timeIntervals=(timeRange:(start:" + start + ",end:" + end + "),timeGranularityType:DAY)", token(0), "202606");
    }

    private HttpResponse get(String pathAndQuery, String token, String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("LinkedIn-Version", version);
        headers.put("X-Restli-Protocol-Version", "2.0.0");
        return sandbox.handle(new HttpRequest("GET", URI.create(SandboxHttpPort.BASE_URL + pathAndQuery), headers, null), CLOCK);
    }

    private String token(int account) {
        return account(account).config().get("access_token");
    }

    private DemoAccount account(int index) {
        return sandbox.demoAccounts(SandboxHttpPort.BASE_URL).get(index);
    }

    private static Map<String, String> withoutRefresh(Map<String, String> config) {
        Map<String, String> copy = new HashMap<>(config);
        copy.remove("refresh_token");
        copy.remove("client_id");
        copy.remove("client_secret");
        return copy;
    }

    private NetworkAdapter demo(int index) {
        return adapter(account(index).config(), new TestAdapterContext(port(), CLOCK));
    }

    private SandboxHttpPort port() {
        return new SandboxHttpPort(sandbox, CLOCK);
    }

    private NetworkAdapter adapter(Map<String, String> raw, TestAdapterContext context) {
        assertThat(factory.descriptor().config().validate(raw)).isEmpty();
        ConfigValues values = factory.descriptor().config().resolve(raw);
        assertThat(factory.validate(values)).isEmpty();
        return factory.create(context, values);
    }

    private static List<FetchResult> fetchAll(NetworkAdapter adapter, DateRange range) throws AdapterException {
        List<FetchResult> batches = new ArrayList<>();
        FetchResult result = adapter.fetch(FetchRequest.of(range));
        batches.add(result);
        while (result.next().isPresent()) {
            assertThat(batches).hasSizeLessThan(50);
            result = adapter.fetch(FetchRequest.resume(range, result.next().get()));
            batches.add(result);
        }
        return batches;
    }

    private static Map<MetricId, TreeMap<LocalDate, Double>> series(List<FetchResult> batches) {
        Map<MetricId, TreeMap<LocalDate, Double>> series = new HashMap<>();
        for (FetchResult b : batches) {
            for (MetricPoint p : b.points()) {
                assertThat(series.computeIfAbsent(p.metric(), m -> new TreeMap<>()).put(p.day(), p.value()))
                        .as("one point per metric and day").isNull();
            }
        }
        return series;
    }

    private static LocalDate day(PostSnapshot post) {
        return post.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static double mean(Map<LocalDate, Double> values, boolean weekend) {
        return values.entrySet().stream().filter(e -> (e.getKey().getDayOfWeek() == DayOfWeek.SATURDAY
                        || e.getKey().getDayOfWeek() == DayOfWeek.SUNDAY) == weekend)
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
    }

    private static double sum(Map<LocalDate, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
