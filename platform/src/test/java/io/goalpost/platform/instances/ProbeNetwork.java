package io.goalpost.platform.instances;

import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network for the several-instances test: every fetch takes {@code latencyMs} (a network call)
 * and is written to the table {@code sync_probe} (instance, account, window, start and end), so the
 * test can tell which instance synced what, and whether two fetches of one account ever overlapped.
 * Once an instance has finished {@code holdAfterFetches} fetches, its later fetches start and never
 * answer, so the test kills it in mid-fetch for certain: timing alone missed that moment on a
 * loaded machine, where the instance had finished all its accounts before the test looked.
 */
final class ProbeNetwork implements NetworkAdapterFactory {

    static final int HISTORY_DAYS = 60;
    static final int DAYS_PER_FETCH = 10;

    private final String instance;
    private final String jdbcUrl;
    private final long latencyMs;
    private final int holdAfterFetches;
    private final AtomicInteger finishedFetches = new AtomicInteger();

    ProbeNetwork(String instance, String jdbcUrl, long latencyMs, int holdAfterFetches) {
        this.instance = instance;
        this.jdbcUrl = jdbcUrl;
        this.latencyMs = latencyMs;
        this.holdAfterFetches = holdAfterFetches;
    }

    /** A network whose fetches all answer after {@code latencyMs}. */
    static PluginRegistry registry(String instance, String jdbcUrl, long latencyMs) {
        return registry(instance, jdbcUrl, latencyMs, Integer.MAX_VALUE);
    }

    /** A network whose fetches after the first {@code holdAfterFetches} start and never answer. */
    static PluginRegistry registry(String instance, String jdbcUrl, long latencyMs, int holdAfterFetches) {
        ProbeNetwork f = new ProbeNetwork(instance, jdbcUrl, latencyMs, holdAfterFetches);
        return PluginRegistry.inProcess(List.of(new LoadedNetwork("facebook", f.descriptor(), f,
                ProbeNetwork.class.getClassLoader())));
    }

    @Override
    public AdapterDescriptor descriptor() {
        return AdapterDescriptor.builder("facebook", "Facebook").reports(CanonicalMetric.VIEWS)
                .config(ConfigSpec.of(ConfigField.string("page", "Page", "which page")))
                .history(new HistoryLimits(HISTORY_DAYS, DAYS_PER_FETCH, 0, false)).allowedHosts("graph.facebook.com").build();
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        return new NetworkAdapter() {
            @Override
            public CheckResult check() {
                return CheckResult.of(new AccountIdentity("page-" + config.get("page").orElse("?"), "acme", "Acme", ZoneOffset.UTC));
            }

            @Override
            public FetchResult fetch(FetchRequest request) {
                String page = config.get("page").orElse("?");
                long probe = begin(page, request);
                try {
                    Thread.sleep(finishedFetches.get() >= holdAfterFetches ? Long.MAX_VALUE : latencyMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("fetch interrupted", e);
                }
                List<MetricPoint> points = new ArrayList<>();
                for (LocalDate d = request.range().from(); !d.isAfter(request.range().to()); d = d.plusDays(1)) {
                    points.add(MetricPoint.of(CanonicalMetric.VIEWS, d, 100));
                }
                end(probe);
                finishedFetches.incrementAndGet();
                return FetchResult.last(points, List.of());
            }
        };
    }

    private long begin(String page, FetchRequest request) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_probe (instance, page, window_from, started_at) VALUES (?, ?, ?, clock_timestamp()) RETURNING id")) {
            ps.setString(1, instance);
            ps.setString(2, page);
            ps.setObject(3, request.range().from());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void end(long probe) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_probe SET ended_at = clock_timestamp() WHERE id = ?")) {
            ps.setLong(1, probe);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
