package io.goalpost.platform.kpis;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each account's stored data begins and ends, per metric (and for posts), up to a day. With the
 * networks' declared reporting lags this gives every account its data-through day: the last day its
 * network has finished reporting and Goalpost has stored (docs/kpis.md §3).
 */
public final class ReportingExtents {

    /**
     * How long a level's last stored value stands for the days after it: a snapshot network that
     * missed a day's sync still has an audience size for that day (docs/kpis.md §3).
     */
    public static final int LEVEL_CARRY_DAYS = 7;

    /** The key under which posts are kept (published days). */
    static final String POSTS = "#posts";

    private static final String METRICS_SQL = "SELECT a.id, m.metric,\n"
            + "  (SELECT p.day FROM metric_point p WHERE p.account_id = a.id AND p.metric = m.metric AND p.day <= $3\n"
            + "    ORDER BY p.day LIMIT 1) AS first_day,\n"
            + "  (SELECT p.day FROM metric_point p WHERE p.account_id = a.id AND p.metric = m.metric AND p.day <= $3\n"
            + "    ORDER BY p.day DESC LIMIT 1) AS last_day\n"
            + "FROM unnest($1::bigint[]) AS a(id) CROSS JOIN unnest($2::text[]) AS m(metric)";
    private static final String POSTS_SQL = "SELECT a.id,\n"
            + "  (SELECT min(p.published_day) FROM post p WHERE p.account_id = a.id AND p.published_day <= $2) AS first_day,\n"
            + "  (SELECT max(p.published_day) FROM post p WHERE p.account_id = a.id AND p.published_day <= $2) AS last_day\n"
            + "FROM unnest($1::bigint[]) AS a(id)";

    /**
     * The stored days of one metric of one account.
     *
     * @param first the first stored day
     * @param last the last stored day (no later than the day asked for)
     */
    public record Extent(LocalDate first, LocalDate last) {
    }

    /**
     * One account's data for a KPI.
     *
     * @param first the first day on which it stored every input
     * @param through its data-through day: the last day stored for every input (a level's last value
     *     standing for {@link #LEVEL_CARRY_DAYS} more days), and no later than its network has finished
     *     reporting each of them
     * @param lastReported the same without carrying levels forward: the last day it actually reported
     *     (a comparison never runs past the latest such day of its accounts)
     */
    public record AccountExtent(LocalDate first, LocalDate through, LocalDate lastReported) {
    }

    private final Map<Long, Map<String, Extent>> byAccount;

    private ReportingExtents(Map<Long, Map<String, Extent>> byAccount) {
        this.byAccount = byAccount;
    }

    /** Loads the extents of the KPIs' inputs for some accounts, counting days up to {@code upTo}. */
    public static Future<ReportingExtents> load(SqlClient client, Collection<Long> accountIds,
            Collection<KpiDefinition> kpis, LocalDate upTo) {
        Set<String> metrics = new LinkedHashSet<>();
        boolean posts = false;
        for (KpiDefinition k : kpis) {
            if (k.source() == KpiDefinition.Source.POSTS) {
                posts = true;
            } else {
                metrics.addAll(k.inputs());
            }
        }
        Map<Long, Map<String, Extent>> out = new HashMap<>();
        Long[] ids = accountIds.toArray(Long[]::new);
        if (ids.length == 0) {
            return Future.succeededFuture(new ReportingExtents(out));
        }
        Future<Void> m = metrics.isEmpty() ? Future.succeededFuture()
                : client.preparedQuery(METRICS_SQL).execute(Params.of(ids, metrics.toArray(String[]::new), upTo))
                        .map(rows -> {
                            rows.forEach(r -> put(out, r, r.getString("metric")));
                            return null;
                        });
        Future<Void> p = !posts ? Future.succeededFuture()
                : client.preparedQuery(POSTS_SQL).execute(Params.of(ids, upTo)).map(rows -> {
                    rows.forEach(r -> put(out, r, POSTS));
                    return null;
                });
        return Future.all(m, p).map(done -> new ReportingExtents(out));
    }

    private static synchronized void put(Map<Long, Map<String, Extent>> out, Row r, String key) {
        LocalDate first = r.getLocalDate("first_day");
        LocalDate last = r.getLocalDate("last_day");
        if (first != null && last != null) {
            out.computeIfAbsent(r.getLong("id"), k -> new HashMap<>()).put(key, new Extent(first, last));
        }
    }

    /** The raw extent of one metric of one account, or null when nothing is stored. */
    public Extent extent(long accountId, String metric) {
        Map<String, Extent> m = byAccount.get(accountId);
        return m == null ? null : m.get(metric);
    }

    /**
     * An account's data for a KPI as of {@code today}, no later than {@code cap}; null when it stored
     * nothing for one of the inputs. Posts KPIs count the days from the first post; a post's lifetime
     * numbers are final once its network has finished reporting the inputs.
     */
    public AccountExtent forKpi(AccountRef account, KpiDefinition kpi, Capabilities caps, LocalDate today, LocalDate cap) {
        LocalDate first = null;
        LocalDate through = cap;
        LocalDate reported = cap;
        List<String> keys = kpi.source() == KpiDefinition.Source.POSTS ? List.of(POSTS) : kpi.inputs();
        for (String key : keys) {
            Extent e = extent(account.id(), key);
            if (e == null) {
                return null;
            }
            first = first == null || e.first().isAfter(first) ? e.first() : first;
            boolean level = KpiCatalog.kindOf(key).map(k -> k == io.goalpost.plugin.api.MetricKind.LEVEL).orElse(false);
            LocalDate last = level ? e.last().plusDays(LEVEL_CARRY_DAYS) : e.last();
            if (kpi.source() != KpiDefinition.Source.POSTS && last.isBefore(through)) {
                through = last;
            }
            if (kpi.source() != KpiDefinition.Source.POSTS && e.last().isBefore(reported)) {
                reported = e.last();
            }
        }
        for (String input : kpi.inputs()) {
            LocalDate finalDay = today.minusDays(caps.reportingLagDays(account.network(), input));
            if (finalDay.isBefore(through)) {
                through = finalDay;
            }
            if (finalDay.isBefore(reported)) {
                reported = finalDay;
            }
        }
        return new AccountExtent(first, through, reported);
    }
}
