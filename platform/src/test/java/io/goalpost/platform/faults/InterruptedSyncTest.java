package io.goalpost.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.testing.Http;
import io.goalpost.platform.testing.TcpProxy;
import io.goalpost.platform.testing.TestDatabase;
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
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database outage in the middle of a backfill: afterwards the account no longer shows a sync
 * running once its lease lapses, and "Sync now" starts a sync that really runs (before: "syncing
 * now" for 3.3 minutes, and 202 from "Sync now" with nothing started).
 */
final class InterruptedSyncTest {

    static final CountDownLatch FIRST_FETCH_ENTERED = new CountDownLatch(1);
    static final CountDownLatch FIRST_FETCH_MAY_RETURN = new CountDownLatch(1);
    static final AtomicInteger FETCHES = new AtomicInteger();

    /** A network whose first fetch waits until the test has cut the database off. */
    static final class StallingFactory implements NetworkAdapterFactory {
        @Override
        public AdapterDescriptor descriptor() {
            return AdapterDescriptor.builder("facebook", "Facebook").reports(CanonicalMetric.VIEWS)
                    .history(new HistoryLimits(30, 10, 0, false)).allowedHosts("graph.facebook.com").build();
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
                    if (FETCHES.incrementAndGet() == 1) {
                        FIRST_FETCH_ENTERED.countDown();
                        try {
                            FIRST_FETCH_MAY_RETURN.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    List<MetricPoint> points = new ArrayList<>();
                    for (LocalDate d = request.range().from(); !d.isAfter(request.range().to()); d = d.plusDays(1)) {
                        points.add(MetricPoint.of(CanonicalMetric.VIEWS, d, 100));
                    }
                    return FetchResult.last(points, List.of());
                }
            };
        }
    }

    @Test
    void afterAnOutageTheAccountStopsShowingSyncingAndSyncNowRuns(@TempDir Path dataDir) throws Exception {
        NetworkAdapterFactory f = new StallingFactory();
        PluginRegistry networks = PluginRegistry.inProcess(List.of(new LoadedNetwork("facebook", f.descriptor(), f,
                InterruptedSyncTest.class.getClassLoader())));
        try (TestDatabase db = new TestDatabase(); TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            String url = db.url().replace(":5432/", ":" + proxy.port() + "/");
            ServerConfig config = new ServerConfig(0, dataDir, Optional.of(url), Path.of("target/no-plugins"),
                    Set.of(), false, Duration.ofHours(6));
            try (GoalpostServer server = GoalpostServer.start(config, networks)) {
                Http http = Http.admin(server);
                Http.Reply created = http.post("/api/accounts", "{\"network\":\"facebook\",\"name\":\"Acme\",\"config\":{}}");
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                long id = new JsonObject(created.body()).getLong("id");
                assertThat(FIRST_FETCH_ENTERED.await(30, TimeUnit.SECONDS)).as("the backfill started").isTrue();
                assertThat(status(http, id)).isEqualTo("backfilling");

                proxy.down();
                long outageStarted = System.nanoTime();
                FIRST_FETCH_MAY_RETURN.countDown(); // its points cannot be stored: the sync fails
                Thread.sleep(5_000);
                proxy.up();

                String shown = status(http, id);
                while (shown.equals("backfilling") || shown.equals("syncing")) {
                    assertThat(seconds(outageStarted)).as("seconds the interrupted sync is still shown running").isLessThan(40);
                    Thread.sleep(250);
                    shown = status(http, id);
                }
                System.out.printf("interrupted sync shown running for %.1f s after the outage began; then '%s'%n",
                        seconds(outageStarted), shown);

                int before = FETCHES.get();
                Http.Reply now = http.post("/api/accounts/" + id + "/sync", "{}");
                // 409 only when db-scheduler has revived the run by itself meanwhile: a sync does run.
                assertThat(now.status()).as(now.body()).isIn(202, 409);
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < until && !(FETCHES.get() > before && status(http, id).equals("ok"))) {
                    Thread.sleep(250);
                }
                assertThat(FETCHES.get()).as("fetches after Sync now").isGreaterThan(before);
                assertThat(status(http, id)).isEqualTo("ok");
                assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = " + id)).isEqualTo(30);
            }
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String status(Http http, long id) throws Exception {
        Http.Reply r = http.get("/api/accounts/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonObject("sync").getString("status");
    }
}
