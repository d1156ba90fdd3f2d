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

    /** Accounts one extents statement reads at least, before the work is split over parallel statements. */
    static final int ACCOUNTS_PER_QUERY = 500;
    /** The most statements one load splits into. */
    static final int MAX_PARALLEL_QUERIES = 4;

    /** The kept extents (V180): one row per account and metric, counting every stored day. */
    private static final String KEPT_SQL = "SELECT e.account_id AS id, e.metric, e.first_day, e.last_day FROM metric_extent e\n"
            + "WHERE e.account_id = ANY($1::bigint[]) AND e.metric = ANY($2::text[])";
    /** The extents up to a day, read from the points themselves (for accounts with points after that day). */
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

    /**
     * Who in a scope is still reporting a KPI, and how far (docs/kpis.md §3).
     *
     * @param extents per account that stored every input, its extent (final data or not)
     * @param live accounts with final data that is at most {@link LikeForLike#STALE_DAYS} behind the
     *     freshest account's, in scope order
     * @param stale accounts with final data further behind: they stopped reporting
     * @param freshest the latest data-through day of any account, or null when none has final data
     * @param through the scope's data-through day: the earliest of the live accounts', and never past
     *     the last day any of them actually reported (levels stand only that far); null with no live account
     */
    public record Reporting(Map<Long, AccountExtent> extents, List<AccountRef> live, List<AccountRef> stale,
            LocalDate freshest, LocalDate through) {
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
        String[] metricIds = metrics.toArray(String[]::new);
        Future<Void> m = metrics.isEmpty() ? Future.succeededFuture()
                : client.preparedQuery(KEPT_SQL).execute(Params.of(ids, metricIds)).compose(rows -> {
                    // A kept extent that ends after upTo (a later day synced, a future day imported) is
                    // probed again up to upTo; the others are the answer as they are.
                    Set<Long> later = new LinkedHashSet<>();
                    rows.forEach(r -> {
                        if (r.getLocalDate("last_day").isAfter(upTo)) {
                            later.add(r.getLong("id"));
                        }
                    });
                    rows.forEach(r -> {
                        if (!later.contains(r.getLong("id"))) {
                            put(out, r, r.getString("metric"));
                        }
                    });
                    return probe(client, later.toArray(Long[]::new), metricIds, upTo, out);
                });
        Future<Void> p = !posts ? Future.succeededFuture()
                : client.preparedQuery(POSTS_SQL).execute(Params.of(ids, upTo)).map(rows -> {
                    rows.forEach(r -> put(out, r, POSTS));
                    return null;
                });
        return Future.all(m, p).map(done -> new ReportingExtents(out));
    }

    /**
     * The extents up to {@code upTo} read from metric_point: two index probes per account and metric.
     * For a thousand accounts one statement took 100-150 ms on one core, so parts of
     * {@link #ACCOUNTS_PER_QUERY} run side by side.
     */
    private static Future<Void> probe(SqlClient client, Long[] ids, String[] metricIds, LocalDate upTo,
            Map<Long, Map<String, Extent>> out) {
        List<Future<Void>> parts = new java.util.ArrayList<>();
        int n = Math.min(MAX_PARALLEL_QUERIES, (ids.length + ACCOUNTS_PER_QUERY - 1) / ACCOUNTS_PER_QUERY);
        for (int i = 0; i < n; i++) {
            Long[] part = java.util.Arrays.copyOfRange(ids, i * ids.length / n, (i + 1) * ids.length / n);
            parts.add(client.preparedQuery(METRICS_SQL).execute(Params.of(part, metricIds, upTo)).map(rows -> {
                rows.forEach(r -> put(out, r, r.getString("metric")));
                return null;
            }));
        }
        return Future.all(parts).mapEmpty();
    }

    private static synchronized void put(Map<Long, Map<String, Extent>> out, Row r, String key) {
        LocalDate first = r.getLocalDate("first_day");
        LocalDate last = r.getLocalDate("last_day");
        if (first != null && last != null) {
            out.computeIfAbsent(r.getLong("id"), k -> new HashMap<>()).put(key, new Extent(first, last));
        }
    }

    /**
     * Who in the scope is still reporting the KPI as of {@code today}, counting final data no later than
     * {@code cap} and, when {@code notBefore} is given, no earlier than it (a comparison's first day).
     */
    public Reporting reporting(KpiDefinition kpi, ResolvedScope scope, Capabilities caps, LocalDate today, LocalDate cap,
            LocalDate notBefore) {
        Map<Long, AccountExtent> ext = new java.util.HashMap<>();
        LocalDate freshest = null;
        for (AccountRef a : scope.accounts()) {
            AccountExtent e = forKpi(a, kpi, caps, today, cap);
            if (e == null) {
                continue;
            }
            ext.put(a.id(), e);
            if (hasFinal(e, notBefore) && (freshest == null || e.through().isAfter(freshest))) {
                freshest = e.through();
            }
        }
        List<AccountRef> live = new java.util.ArrayList<>();
        List<AccountRef> stale = new java.util.ArrayList<>();
        LocalDate through = null;
        LocalDate latestReported = null;
        for (AccountRef a : scope.accounts()) {
            AccountExtent e = ext.get(a.id());
            if (e == null || !hasFinal(e, notBefore)) {
                continue;
            }
            if (e.through().isBefore(freshest.minusDays(LikeForLike.STALE_DAYS))) {
                stale.add(a);
                continue;
            }
            live.add(a);
            through = through == null || e.through().isBefore(through) ? e.through() : through;
            latestReported = latestReported == null || e.lastReported().isAfter(latestReported) ? e.lastReported()
                    : latestReported;
        }
        // Levels stand for a few days after their last value, but never past the last day anyone reported.
        if (through != null && latestReported.isBefore(through) && (notBefore == null || !latestReported.isBefore(notBefore))) {
            through = latestReported;
        }
        return new Reporting(ext, List.copyOf(live), List.copyOf(stale), freshest, through);
    }

    private static boolean hasFinal(AccountExtent e, LocalDate notBefore) {
        return !e.through().isBefore(e.first()) && (notBefore == null || !e.through().isBefore(notBefore));
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
            LocalDate last = KpiCatalog.isLevel(key) ? e.last().plusDays(LEVEL_CARRY_DAYS) : e.last();
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
