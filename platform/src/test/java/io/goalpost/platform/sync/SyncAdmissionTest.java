package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.kpis.AnalyticsHarness;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.PostSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the host stores of a sync, with in-process plugins on real PostgreSQL: values a plugin returns
 * for a metric it declares unavailable are never stored (and the account says so), and follower
 * history is rebuilt from daily gains where the network reports only today's count. Today is
 * 2026-12-06.
 */
class SyncAdmissionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    static AnalyticsHarness h;
    static Vertx vertx;
    static WebClient web;
    static SyncService sync;

    /** A plugin that fills in 0 for saves, which its own descriptor says the network cannot report. */
    static final class ZeroFillingFactory implements NetworkAdapterFactory {
        @Override
        public AdapterDescriptor descriptor() {
            return AdapterDescriptor.builder("facebook", "Facebook")
                    .reports(CanonicalMetric.VIEWS)
                    .cannotReport(CanonicalMetric.SAVES, "Pages have no saves")
                    .history(new HistoryLimits(30, 30, 1, false)).allowedHosts("graph.facebook.com").build();
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            return new NetworkAdapter() {
                @Override
                public CheckResult check() {
                    return CheckResult.of(new AccountIdentity("page-1", "acme", "Acme", ZoneOffset.UTC));
                }

                @Override
                public FetchResult fetch(FetchRequest request) {
                    List<MetricPoint> points = new ArrayList<>();
                    for (LocalDate d = request.range().from(); !d.isAfter(request.range().to()); d = d.plusDays(1)) {
                        points.add(MetricPoint.of(CanonicalMetric.VIEWS, d, 100));
                        points.add(MetricPoint.of(CanonicalMetric.SAVES, d, 0));
                    }
                    PostSnapshot post = new PostSnapshot("p1", request.range().to().atStartOfDay(ZoneOffset.UTC).toInstant(),
                            "photo", null, Map.of(CanonicalMetric.VIEWS.id(), 50.0, CanonicalMetric.SAVES.id(), 0.0));
                    return FetchResult.last(points, List.of(post));
                }
            };
        }
    }

    static double gains(LocalDate d) {
        return 5 + (d.getDayOfMonth() % 2) * 2;
    }

    /** A network that reports today's follower count and daily gains (two days late), but no history of the count. */
    static final class SnapshotFactory implements NetworkAdapterFactory {
        @Override
        public AdapterDescriptor descriptor() {
            return AdapterDescriptor.builder("linkedin", "LinkedIn")
                    .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.FOLLOWER_GAINS)
                    .reportingLag(CanonicalMetric.FOLLOWER_GAINS, 3)
                    .cannotReport(CanonicalMetric.FOLLOWER_LOSSES, "LinkedIn reports gains only")
                    .history(new HistoryLimits(20, 20, 0, true)).allowedHosts("api.linkedin.com").build();
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            return new NetworkAdapter() {
                @Override
                public CheckResult check() {
                    return CheckResult.of(new AccountIdentity("org-1", "acme", "Acme", ZoneOffset.UTC));
                }

                @Override
                public FetchResult fetch(FetchRequest request) {
                    List<MetricPoint> points = new ArrayList<>();
                    for (LocalDate d = request.range().from(); !d.isAfter(request.range().to()); d = d.plusDays(1)) {
                        // 5 new followers a day, 2 more on odd days of the month; the last two days not reported yet.
                        if (d.isBefore(TODAY.minusDays(1))) {
                            points.add(MetricPoint.of(CanonicalMetric.FOLLOWER_GAINS, d, gains(d)));
                        }
                    }
                    if (request.range().contains(TODAY)) {
                        points.add(MetricPoint.of(CanonicalMetric.FOLLOWERS, TODAY, 1000));
                    }
                    return FetchResult.last(points, List.of());
                }
            };
        }
    }

    @BeforeAll
    static void setUp() throws Exception {
        h = AnalyticsHarness.start(TODAY);
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
        List<LoadedNetwork> networks = new ArrayList<>();
        for (NetworkAdapterFactory f : List.of(new ZeroFillingFactory(), new SnapshotFactory())) {
            networks.add(new LoadedNetwork(f.descriptor().networkId(), f.descriptor(), f,
                    SyncAdmissionTest.class.getClassLoader()));
        }
        SecretCipher cipher = SecretCipher.load(null, Files.createTempDirectory("goalpost-sync-test"));
        // These adapters send no request; the policy is the default one (no private addresses).
        sync = new SyncService(new AccountStore(h.db().pool()), PluginRegistry.inProcess(networks), new Credentials(cipher), web,
                new OutboundPolicy(false, Set.of(), () -> 0, OutboundPolicy.JDK_RESOLVER), h.db().pool());
    }

    @AfterAll
    static void tearDown() throws Exception {
        web.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        h.close();
    }

    static long account(String network, String name) throws Exception {
        long id = h.account(network, name);
        h.sql("INSERT INTO sync_state (account_id) VALUES (" + id + ")");
        return id;
    }

    static Clock at(LocalDate day) {
        return Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }

    static long count(String sql) throws Exception {
        try (Connection c = h.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void valuesOfAMetricThePluginDeclaresUnavailableAreNeverStoredAndTheAccountSaysSo() throws Exception {
        long id = account("facebook", "Acme Page");
        // A value stored by an older version of the plugin, before the host refused them.
        h.series(id, "saves", TODAY.minusDays(40), 0.0);
        SyncOutcome outcome = sync.sync(id, at(TODAY));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(count("SELECT count(*) FROM metric_point WHERE account_id = " + id + " AND metric = 'views'")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM metric_point WHERE account_id = " + id + " AND metric = 'saves'")).isZero();
        assertThat(count("SELECT count(*) FROM post_metric WHERE account_id = " + id + " AND metric = 'saves'")).isZero();
        assertThat(count("SELECT count(*) FROM post_metric WHERE account_id = " + id + " AND metric = 'views'")).isPositive();
        try (Connection c = h.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT warnings FROM sync_state WHERE account_id = " + id)) {
            rs.next();
            String[] warnings = (String[]) rs.getArray(1).getArray();
            assertThat(warnings).hasSize(1);
            assertThat(warnings[0]).contains("saves").contains("30 daily values").contains("1 post value")
                    .contains("declares it cannot report").contains("Pages have no saves");
        }
        // The KPI says "not available", never 0.
        JsonObject saves = h.get("/kpis/saves?from=2026-11-01&to=2026-11-30&accounts=" + id).json();
        assertThat(saves.getJsonObject("total").getValue("value")).isNull();
        assertThat(saves.getJsonObject("total").getString("reason")).contains("no account in scope reported saves");
    }

    @Test
    void followerHistoryIsRebuiltBackwardsFromDailyGainsAndMarkedDerived() throws Exception {
        long id = account("linkedin", "Acme LI");
        assertThat(sync.sync(id, at(TODAY)).succeeded()).isTrue();
        // 1,000 today; each earlier day is the day after minus that day's gains (no unfollows reported).
        // Today's and yesterday's gains are not reported yet: those two days count as no change.
        double level = 1000;
        LocalDate firstGain = TODAY.minusDays(19);
        for (LocalDate d = TODAY; !d.isBefore(firstGain); d = d.minusDays(1)) {
            level -= d.isBefore(TODAY.minusDays(1)) ? gains(d) : 0;
            try (Connection c = h.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT value, source FROM metric_point WHERE account_id = " + id + " AND metric = 'followers' AND day = '"
                            + d.minusDays(1) + "'")) {
                assertThat(rs.next()).as("followers on " + d.minusDays(1)).isTrue();
                assertThat(rs.getDouble(1)).as("followers on " + d.minusDays(1)).isEqualTo(level);
                assertThat(rs.getString(2)).isEqualTo("derived");
            }
        }
        // Back to the day before the first stored gain, no further; today's count stays the network's own.
        assertThat(count("SELECT min(day) - DATE '2026-12-06' FROM metric_point WHERE account_id = " + id
                + " AND metric = 'followers'")).isEqualTo(-20);
        assertThat(count("SELECT count(*) FROM metric_point WHERE account_id = " + id + " AND metric = 'followers'")).isEqualTo(21);
        assertThat(count("SELECT followers_derived_from - DATE '2026-12-06' FROM sync_state WHERE account_id = " + id)).isEqualTo(-20);
        assertThat(count("SELECT count(*) FROM metric_point WHERE account_id = " + id + " AND metric = 'followers' AND source = 'sync'"))
                .isEqualTo(1);
        // A second sync the next day rebuilds from the same first count: nothing moves.
        assertThat(sync.sync(id, at(TODAY.plusDays(1))).succeeded()).isTrue();
        assertThat(count("SELECT count(*) FROM metric_point WHERE account_id = " + id + " AND metric = 'followers' AND source = 'derived'"))
                .isEqualTo(20);
        // The goal dashboard can now compare LinkedIn followers with two weeks ago.
        JsonObject k = h.get("/kpis/followers?from=2026-11-30&to=2026-12-06&accounts=" + id).json();
        assertThat(k.getJsonObject("total").getDouble("value")).isEqualTo(1000.0);
        assertThat(k.getJsonObject("change").getValue("absolute")).isNotNull();
    }
}
