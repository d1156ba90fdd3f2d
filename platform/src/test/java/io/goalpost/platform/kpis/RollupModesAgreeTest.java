package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three ways a KPI roll-up is answered agree on uneven data: per network for one scope
 * ({@code BY_NETWORK}, the KPI routes and a lone goal), per request for many scopes in one query
 * ({@code BY_REQUEST}, the dashboard's goals) and per account ({@code BY_ACCOUNT}, the KPI table's
 * like-for-like cells) summed per network. The accounts have gaps, late and stale days, different
 * starts, a reporting lag and a network that cannot report an input; the buckets mix days, ISO weeks,
 * months and unaligned windows. The batched query is the fast path of the dashboard; the per-network
 * query is the path every goal took before it.
 */
class RollupModesAgreeTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    static AnalyticsHarness h;
    static KpiService kpis;
    static Vertx vertx;
    static List<AccountRef> all = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(TODAY);
        vertx = Vertx.vertx();
        kpis = new KpiService(h.db().pool(), new Capabilities(AnalyticsHarness.catalog()));
        LocalDate from = LocalDate.of(2025, 10, 1);
        // Full history to two days ago.
        long fb1 = add("facebook", "FB full");
        for (String m : List.of("views", "engagements", "link_clicks")) {
            h.daily(fb1, m, from, TODAY.minusDays(2), i -> 100 + (i * 37 + m.length()) % 90);
        }
        h.daily(fb1, "followers", from, TODAY.minusDays(1), i -> 5000 + 7 * i);
        // Starts late, misses every fifth day of views and stores its level only every third day.
        long fb2 = add("facebook", "FB late, gaps");
        LocalDate fb2From = LocalDate.of(2026, 1, 10);
        h.series(fb2, "views", fb2From, gaps(48, 5, i -> 300.0 + i));
        h.daily(fb2, "engagements", fb2From, TODAY.minusDays(2), i -> 12 + i % 4);
        h.series(fb2, "followers", fb2From, gaps(48, 3, i -> 800.0 + 2 * i));
        // Stops eight days early (late days), links only in January.
        long x1 = add("x", "X behind");
        h.daily(x1, "views", from, TODAY.minusDays(9), i -> 40 + i % 11);
        h.daily(x1, "engagements", from, TODAY.minusDays(9), i -> 3 + i % 5);
        h.daily(x1, "followers", from, TODAY.minusDays(9), i -> 2000 - i);
        h.daily(x1, "link_clicks", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31), i -> 2);
        // A network that reports views and engagements three days late; followers since December.
        long li = add("linkedin", "LI lagging");
        h.daily(li, "views", from, TODAY.minusDays(4), i -> 700 + (i * 13) % 50);
        h.daily(li, "engagements", from, TODAY.minusDays(4), i -> 20 + i % 9);
        h.daily(li, "followers", LocalDate.of(2025, 12, 1), TODAY.minusDays(1), i -> 10_000 + 30 * i);
        // Stopped reporting in December.
        long stale = add("x", "X stale");
        h.daily(stale, "views", from, LocalDate.of(2025, 12, 15), i -> 55);
        h.daily(stale, "engagements", from, LocalDate.of(2025, 12, 15), i -> 5);
        h.daily(stale, "followers", from, LocalDate.of(2025, 12, 15), i -> 900);
        // A manual account with a few scattered points.
        long web = add("manual", "Website");
        h.series(web, "views", LocalDate.of(2026, 2, 10), 10.0, null, 30.0, null, null, 60.0);
        h.series(web, "link_clicks", LocalDate.of(2026, 2, 12), 4.0, 5.0, null, null, 1.0);
        h.account("facebook", "FB nothing stored");
    }

    static long add(String network, String name) throws Exception {
        long id = h.account(network, name);
        all.add(new AccountRef(id, network, name));
        return id;
    }

    /** {@code n} daily values, every {@code every}-th one missing. */
    static Double[] gaps(int n, int every, java.util.function.IntToDoubleFunction f) {
        Double[] out = new Double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % every == every - 1 ? null : f.applyAsDouble(i);
        }
        return out;
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        h.close();
    }

    static List<Bucket> buckets(String... ranges) {
        List<Bucket> out = new ArrayList<>();
        for (String r : ranges) {
            String[] p = r.split("/");
            out.add(new Bucket(out.size(), LocalDate.parse(p[0]), LocalDate.parse(p.length > 1 ? p[1] : p[0])));
        }
        return out;
    }

    record Request(ResolvedScope scope, List<Bucket> buckets) {
    }

    static ResolvedScope scope(String... names) {
        Set<String> want = Set.of(names);
        return new ResolvedScope(List.of(), List.of(), all.stream().filter(a -> want.isEmpty() || want.contains(a.name())).toList());
    }

    static List<Request> requests() {
        return List.of(
                // Every account: 7-day windows ending on different days, as goals ask.
                new Request(scope(), buckets("2026-02-21/2026-02-27", "2026-02-14/2026-02-20", "2026-01-25/2026-01-31",
                        "2026-02-23/2026-03-01")),
                // One network: an ISO week, a month, a 28-day range, a quarter-long range.
                new Request(scope("FB full", "FB late, gaps", "FB nothing stored"), buckets("2026-02-16/2026-02-22",
                        "2026-01-01/2026-01-31", "2026-02-01/2026-02-28", "2025-11-17/2026-02-27")),
                // Accounts of different networks, behind and lagging: the same windows as the first request.
                new Request(scope("X behind", "LI lagging", "X stale"), buckets("2026-02-21/2026-02-27", "2026-01-25/2026-01-31",
                        "2025-12-09/2025-12-15")),
                // Single days, and a range before anything was stored.
                new Request(scope("FB late, gaps", "Website", "X behind"), buckets("2026-02-12", "2026-02-13", "2026-02-15",
                        "2025-09-01/2025-09-30")));
    }

    @Test
    void perNetworkPerRequestAndPerAccountAnswersAgree() throws Exception {
        List<Request> reqs = requests();
        int compared = 0;
        for (String id : List.of("views", "followers", "link_clicks", "engagement_rate_views", "click_through_rate",
                "audience_growth_rate")) {
            KpiDefinition kpi = KpiCatalog.byId(id).orElseThrow();
            List<List<GroupRow>> perNetwork = new ArrayList<>();
            List<List<GroupRow>> fromAccounts = new ArrayList<>();
            for (Request r : reqs) {
                perNetwork.add(await(kpis.groupRows(null, kpi, r.scope(), r.buckets())));
                List<AccountRow> rows = await(kpis.accountRows(null, kpi, r.scope(), r.buckets()));
                Set<Long> ids = new HashSet<>(List.of(r.scope().ids()));
                List<GroupRow> summed = new ArrayList<>();
                for (Bucket b : r.buckets()) {
                    summed.addAll(LikeForLike.groupRows(rows, b.index(), r.scope(), ids));
                }
                fromAccounts.add(summed);
            }
            long before = KpiService.rollupQueries();
            List<List<GroupRow>> batched = batched(kpi, reqs);
            assertThat(KpiService.rollupQueries() - before).as("%s: one query for every request", id).isEqualTo(1);
            for (int i = 0; i < reqs.size(); i++) {
                assertSame(id + " request " + i + " batched vs per network", batched.get(i), perNetwork.get(i));
                assertSame(id + " request " + i + " per account vs per network", fromAccounts.get(i), perNetwork.get(i));
                compared += perNetwork.get(i).size();
            }
        }
        assertThat(compared).as("rows compared").isGreaterThan(100);
    }

    /**
     * The dashboard's KPI table rolls several KPIs up in one statement that reads each input once; each
     * KPI's rows must be exactly what its own statement answers: which accounts, whether each reported
     * every input, whether complete, and the numbers (sums, last levels, start levels).
     */
    @Test
    void severalKpisInOneStatementAnswerAsEachAlone() throws Exception {
        List<KpiDefinition> kpiSet = java.util.stream.Stream.of("views", "engagement_rate_views", "followers",
                "click_through_rate", "audience_growth_rate", "link_clicks", "engagement_rate_reach")
                .map(id -> KpiCatalog.byId(id).orElseThrow()).toList();
        int compared = 0;
        for (Request r : requests()) {
            java.util.Map<String, List<AccountRow>> together = await(kpis.accountRows(null, kpiSet, r.scope(), r.buckets()));
            assertThat(together.keySet()).containsExactlyElementsOf(kpiSet.stream().map(KpiDefinition::id).toList());
            for (KpiDefinition kpi : kpiSet) {
                List<AccountRow> alone = await(kpis.accountRows(null, kpi, r.scope(), r.buckets()));
                List<AccountRow> shared = together.get(kpi.id());
                Comparator<AccountRow> order = Comparator.comparingInt(AccountRow::bucket).thenComparingLong(AccountRow::accountId);
                alone = alone.stream().sorted(order).toList();
                shared = shared.stream().sorted(order).toList();
                assertThat(shared).as(kpi.id() + ": the same accounts and buckets").extracting(a -> a.bucket() + "/" + a.accountId())
                        .containsExactlyElementsOf(alone.stream().map(a -> a.bucket() + "/" + a.accountId()).toList());
                for (int i = 0; i < alone.size(); i++) {
                    AccountRow e = alone.get(i);
                    AccountRow a = shared.get(i);
                    String what = kpi.id() + " bucket " + e.bucket() + " account " + e.accountId();
                    assertThat(a.hasAll()).as(what + " has all").isEqualTo(e.hasAll());
                    assertThat(a.present()).as(what + " present").isEqualTo(e.present());
                    assertThat(a.complete()).as(what + " complete").isEqualTo(e.complete());
                    assertClose(what + " num", a.num(), e.num());
                    assertClose(what + " den", a.den(), e.den());
                    compared++;
                }
            }
        }
        assertThat(compared).as("rows compared").isGreaterThan(100);
    }

    @Test
    void theBatchedAnswerIsTheStoredNumbers() throws Exception {
        // Views of the facebook accounts in the week of 2026-02-16: FB full every day; FB late misses every fifth day.
        KpiDefinition views = KpiCatalog.byId("views").orElseThrow();
        List<GroupRow> rows = batched(views, requests()).get(1);
        GroupRow week = rows.stream().filter(r -> r.bucket() == 0).findFirst().orElseThrow();
        double fbFull = 0;
        double fbLate = 0;
        int lateDays = 0;
        LocalDate start = LocalDate.of(2025, 10, 1);
        for (LocalDate d = LocalDate.of(2026, 2, 16); !d.isAfter(LocalDate.of(2026, 2, 22)); d = d.plusDays(1)) {
            int i = (int) java.time.temporal.ChronoUnit.DAYS.between(start, d);
            fbFull += 100 + (i * 37 + "views".length()) % 90;
            int j = (int) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 10), d);
            if (j % 5 != 4) {
                fbLate += 300 + j;
                lateDays++;
            }
        }
        assertThat(lateDays).isLessThan(7);
        assertThat(week.network()).isEqualTo("facebook");
        assertThat(week.reporting()).isEqualTo(2);
        assertThat(week.complete()).as("FB late misses a day of the week").isEqualTo(1);
        assertThat(week.num()).isEqualTo(fbFull + fbLate);
    }

    /** Every request made in one event-loop task, so they join one batch. */
    static List<List<GroupRow>> batched(KpiDefinition kpi, List<Request> reqs) throws Exception {
        CompletableFuture<List<List<GroupRow>>> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            List<Future<List<GroupRow>>> fs = new ArrayList<>();
            reqs.forEach(r -> fs.add(kpis.groupRowsBatched(kpi, r.scope(), r.buckets())));
            Future.all(fs).onComplete(ar -> {
                if (ar.failed()) {
                    done.completeExceptionally(ar.cause());
                } else {
                    List<List<GroupRow>> out = new ArrayList<>();
                    fs.forEach(f -> out.add(f.result()));
                    done.complete(out);
                }
            });
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    static void assertSame(String what, List<GroupRow> actual, List<GroupRow> expected) {
        Comparator<GroupRow> order = Comparator.comparingInt(GroupRow::bucket).thenComparing(GroupRow::network);
        List<GroupRow> a = actual.stream().filter(r -> r.reporting() > 0 || r.num() != null).sorted(order).toList();
        List<GroupRow> e = expected.stream().filter(r -> r.reporting() > 0 || r.num() != null).sorted(order).toList();
        assertThat(a).as(what).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            GroupRow x = a.get(i);
            GroupRow y = e.get(i);
            assertThat(x.bucket()).as(what).isEqualTo(y.bucket());
            assertThat(x.network()).as(what).isEqualTo(y.network());
            assertThat(x.reporting()).as(what + " reporting, bucket " + y.bucket() + " " + y.network()).isEqualTo(y.reporting());
            assertThat(x.complete()).as(what + " complete, bucket " + y.bucket() + " " + y.network()).isEqualTo(y.complete());
            assertClose(what + " num, bucket " + y.bucket() + " " + y.network(), x.num(), y.num());
            assertClose(what + " den, bucket " + y.bucket() + " " + y.network(), x.den(), y.den());
        }
    }

    static void assertClose(String what, Double x, Double y) {
        if (y == null) {
            assertThat(x).as(what).isNull();
        } else {
            assertThat(x).as(what).isNotNull();
            assertThat(x).as(what).isCloseTo(y, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(y))));
        }
    }
}
