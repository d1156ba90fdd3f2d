package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.GoalpostServer;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.testing.TestDatabase;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill's turn ends between two batches of a window, not only between windows: one window of a
 * network that pages slowly (Instagram's posts, a call per post) held a sync thread for minutes while
 * connected accounts' regular syncs waited. The window is resumed from its stored cursor next turn,
 * every page fetched once.
 */
final class BackfillTurnTest {

    static final int PAGES = 12;
    static final Duration PAGE_TIME = Duration.ofMillis(700);

    /** A fetch the network answered: which page of whose window, and when. */
    record Fetched(String page, int batch, long nanos) {
    }

    /** One 30-day window per account, in {@value #PAGES} batches of {@link #PAGE_TIME} each. */
    record PagedNetwork(List<Fetched> seen) implements NetworkAdapterFactory {
        @Override
        public AdapterDescriptor descriptor() {
            return AdapterDescriptor.builder("tiktok", "TikTok").reports(CanonicalMetric.VIEWS)
                    .config(ConfigSpec.of(ConfigField.string("page", "Page", "which page")))
                    .history(new HistoryLimits(30, 30, 0, false)).build();
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            String page = config.get("page").orElseThrow();
            return new PageAdapter(page) {
                @Override
                public FetchResult fetch(FetchRequest request) {
                    int batch = request.cursor().map(c -> Integer.parseInt(c.token())).orElse(0);
                    seen.add(new Fetched(page, batch, System.nanoTime()));
                    try {
                        Thread.sleep(PAGE_TIME.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // Each batch carries every twelfth day of the window, so the batches together hold each day once.
                    List<MetricPoint> points = new ArrayList<>();
                    LocalDate d = request.range().from();
                    for (int i = 0; !d.isAfter(request.range().to()); d = d.plusDays(1), i++) {
                        if (i % PAGES == batch) {
                            points.add(MetricPoint.of(CanonicalMetric.VIEWS, d, 10));
                        }
                    }
                    return batch == PAGES - 1 ? FetchResult.last(points, List.of())
                            : FetchResult.partial(points, List.of(), new Cursor(1, Integer.toString(batch + 1)));
                }
            };
        }
    }

    /** A registry of its own per server: a server closes the registry it was given. */
    static PluginRegistry registry(List<Fetched> seen) {
        PagedNetwork network = new PagedNetwork(seen);
        return PluginRegistry.inProcess(List.of(new LoadedNetwork("tiktok", network.descriptor(), network,
                BackfillTurnTest.class.getClassLoader())));
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty("goalpost.sync.threads");
    }

    @Test
    void aLongWindowYieldsItsThreadMidWayAndResumesFromItsCursor(@TempDir Path dir) throws Exception {
        System.setProperty("goalpost.sync.threads", "1");
        List<Fetched> seen = Collections.synchronizedList(new ArrayList<>());
        try (TestDatabase db = new TestDatabase()) {
            GoalpostServer.start(QuotaSchedulingTest.config(dir, db), registry(seen)).close();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // Account 1 backfills its 30 days, due now; account 2 is backfilled, its regular sync due in 2 s.
                st.execute("INSERT INTO account (id, network, name, config, external_id) VALUES "
                        + "(1, 'tiktok', 'New', '{\"page\": \"new\"}', 'new'), (2, 'tiktok', 'Old', '{\"page\": \"old\"}', 'old')");
                st.execute("INSERT INTO sync_state (account_id, status) VALUES (1, 'pending')");
                st.execute("INSERT INTO sync_state (account_id, status, synced_through, history_from, backfill_done_at, "
                        + "last_success_at) VALUES (2, 'ok', current_date - 1, current_date - 29, now() - interval '30 days', "
                        + "now() - interval '1 day')");
                st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority) "
                        + "VALUES ('account-sync', '1', now(), false, 1, " + SyncScheduler.REGULAR + "), "
                        + "('account-sync', '2', now() + interval '2 seconds', false, 1, " + SyncScheduler.REGULAR + ")");
                st.execute("SELECT setval('account_id_seq', 2)");
            }
            try (GoalpostServer server = GoalpostServer.start(QuotaSchedulingTest.config(dir, db), registry(seen))) {
                QuotaSchedulingTest.awaitBackfilled(db, 2, Duration.ofSeconds(60));
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < until && db.count("SELECT count(*) FROM sync_state WHERE account_id = 2 "
                        + "AND last_success_at > now() - interval '1 minute'") == 0) {
                    Thread.sleep(100);
                }
            }
            List<Fetched> fresh = seen.stream().filter(f -> f.page().equals("new")).toList();
            long oldSynced = seen.stream().filter(f -> f.page().equals("old")).mapToLong(Fetched::nanos).min().orElseThrow();
            // Every batch of the window once, in order: resumed from the stored cursor, not started again.
            assertThat(fresh).extracting(Fetched::batch).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            // The connected account synced while the window was still open: after the turn's first
            // batches, before its last (held for the whole window, it synced only after the twelfth).
            assertThat(oldSynced).as("the regular sync, against the window's first and last batch")
                    .isGreaterThan(fresh.get(0).nanos()).isLessThan(fresh.get(PAGES - 1).nanos());
            assertThat(db.count("SELECT count(*) FROM metric_point WHERE account_id = 1")).isEqualTo(30);
            assertThat(db.count("SELECT count(*) FROM sync_state WHERE account_id = 1 AND backfill_done_at IS NOT NULL "
                    + "AND cursor_token IS NULL")).isEqualTo(1);
        }
    }

    @Test
    void syncNowPutsABackfillingAccountsNextTurnWithTheRegularSyncs(@TempDir Path dir) throws Exception {
        List<Fetched> seen = Collections.synchronizedList(new ArrayList<>());
        try (TestDatabase db = new TestDatabase()) {
            GoalpostServer.start(QuotaSchedulingTest.config(dir, db), registry(seen)).close();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                // Backfilling, its next turn of older history an hour away and behind the regular syncs.
                st.execute("INSERT INTO account (id, network, name, config, external_id) VALUES "
                        + "(1, 'tiktok', 'New', '{\"page\": \"new\"}', 'new')");
                st.execute("INSERT INTO sync_state (account_id, status, synced_through) VALUES (1, 'queued', current_date)");
                st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority) "
                        + "VALUES ('account-sync', '1', now() + interval '1 hour', false, 1, " + SyncScheduler.OLDER_HISTORY + ")");
                st.execute("SELECT setval('account_id_seq', 1)");
            }
            try (GoalpostServer server = GoalpostServer.start(QuotaSchedulingTest.config(dir, db), registry(seen))) {
                String token = Blocking.await(server.access().toolToken("person", io.goalpost.platform.access.Role.EDITOR, "t"));
                java.net.http.HttpResponse<String> asked = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                                + "/api/accounts/1/sync")).header("Authorization", "Bearer " + token)
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
                // Due now, and with the regular syncs: a person asked for it (its turn lasts seconds, so
                // the priority is read before the turn ends and sets it back for the rest of the history).
                assertThat(db.count("SELECT count(*) FROM scheduled_tasks WHERE task_instance = '1' AND priority = "
                        + SyncScheduler.REGULAR + " AND execution_time < now() + interval '1 minute'")).isEqualTo(1);
            }
        }
    }
}
