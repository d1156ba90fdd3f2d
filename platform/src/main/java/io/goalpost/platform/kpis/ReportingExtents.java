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
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * Account metrics one statement reads from the points at least, before the work is split over
     * parallel statements.
     */
    static final int PAIRS_PER_QUERY = 1000;
    /** The most statements one load splits into. */
    static final int MAX_PARALLEL_QUERIES = 4;

    /** The kept extents (V180): one row per account and metric, counting every stored day. */
    private static final String KEPT_SQL = "SELECT e.account_id AS id, e.metric, e.first_day, e.last_day FROM metric_extent e\n"
            + "WHERE e.account_id = ANY($1::bigint[]) AND e.metric = ANY($2::text[])";
    /**
     * The roll-up week of a day, for accounts whose kept extent ends after it: a week whose seven days
     * are all stored, or whose last stored day is no later than the day, says how far the data goes up
     * to that day without reading the points (one index range per metric, V170).
     */
    private static final String WEEK_SQL = "SELECT w.account_id AS id, w.metric, w.days, w.last_day FROM metric_week w\n"
            + "WHERE w.metric = ANY($2::text[]) AND w.period = $3 AND w.account_id = ANY($1::bigint[])";
    /** The last stored day up to a day, read from the points, per account and metric (the pairs left over). */
    private static final String LAST_SQL = "SELECT x.id, x.metric,\n"
            + "  (SELECT p.day FROM metric_point p WHERE p.account_id = x.id AND p.metric = x.metric AND p.day <= $3\n"
            + "    ORDER BY p.day DESC LIMIT 1) AS last_day\n"
            + "FROM unnest($1::bigint[], $2::text[]) AS x(id, metric)";
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

    /** The most (KPI, day) pairs whose accounts' extents one instance keeps (see {@link #reporting}). */
    static final int MAX_REMEMBERED = 64;
    /** Stands for "stored nothing for an input" in the remembered extents, which take no nulls. */
    private static final AccountExtent NOTHING = new AccountExtent(LocalDate.MIN, LocalDate.MIN, LocalDate.MIN);

    private final Map<Long, Map<String, Extent>> byAccount;
    private final Map<ForKpi, Map<Long, AccountExtent>> remembered = new ConcurrentHashMap<>();

    /** What an account's extent for a KPI depends on besides the account. */
    private record ForKpi(KpiDefinition kpi, Capabilities caps, LocalDate today, LocalDate cap) {
    }

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
                    // A kept extent that ends after upTo (a later day synced, a future day imported, or a
                    // range that ends in the past) is read again up to upTo; the others are the answer.
                    // Its first day stands when it is no later than upTo; with none by then, no extent.
                    Map<Pair, LocalDate> later = new java.util.LinkedHashMap<>();
                    rows.forEach(r -> {
                        LocalDate first = r.getLocalDate("first_day");
                        if (!r.getLocalDate("last_day").isAfter(upTo)) {
                            put(out, r.getLong("id"), r.getString("metric"), first, r.getLocalDate("last_day"));
                        } else if (!first.isAfter(upTo)) {
                            later.put(new Pair(r.getLong("id"), r.getString("metric")), first);
                        }
                    });
                    return later.isEmpty() ? Future.succeededFuture() : lastDays(client, later, metricIds, upTo, out);
                });
        Future<Void> p = !posts ? Future.succeededFuture()
                : client.preparedQuery(POSTS_SQL).execute(Params.of(ids, upTo)).map(rows -> {
                    rows.forEach(r -> put(out, r, POSTS));
                    return null;
                });
        return Future.all(m, p).map(done -> new ReportingExtents(out));
    }

    /** An account's metric. */
    private record Pair(long id, String metric) {
    }

    /**
     * The last stored day up to {@code upTo} of each pair, whose first stored day is known. The roll-up
     * week of upTo answers most pairs. The rest are read from metric_point, an index probe per pair, in
     * parts of {@link #PAIRS_PER_QUERY} side by side. Two probes a pair, for every pair of a thousand
     * accounts, took 100-150 ms a statement on one core: a range that ended in the past paid that.
     */
    private static Future<Void> lastDays(SqlClient client, Map<Pair, LocalDate> firsts, String[] metricIds, LocalDate upTo,
            Map<Long, Map<String, Extent>> out) {
        Long[] ids = firsts.keySet().stream().map(Pair::id).distinct().toArray(Long[]::new);
        return client.preparedQuery(WEEK_SQL).execute(Params.of(ids, metricIds, Periods.weekStart(upTo))).compose(weeks -> {
            Map<Pair, LocalDate> unknown = new java.util.LinkedHashMap<>(firsts);
            weeks.forEach(w -> {
                Pair pair = new Pair(w.getLong("id"), w.getString("metric"));
                LocalDate weekLast = w.getLocalDate("last_day");
                // Every day of the week stored: the data reaches upTo. None stored after upTo: it ends there.
                LocalDate last = w.getInteger("days") == 7 ? upTo : weekLast.isAfter(upTo) ? null : weekLast;
                LocalDate first = unknown.get(pair);
                if (first != null && last != null) {
                    put(out, pair.id(), pair.metric(), first, last);
                    unknown.remove(pair);
                }
            });
            return probeLast(client, unknown, upTo, out);
        });
    }

    private static Future<Void> probeLast(SqlClient client, Map<Pair, LocalDate> firsts, LocalDate upTo,
            Map<Long, Map<String, Extent>> out) {
        List<Pair> pairs = new java.util.ArrayList<>(firsts.keySet());
        List<Future<Void>> parts = new java.util.ArrayList<>();
        int n = Math.min(MAX_PARALLEL_QUERIES, (pairs.size() + PAIRS_PER_QUERY - 1) / PAIRS_PER_QUERY);
        for (int i = 0; i < n; i++) {
            List<Pair> part = pairs.subList(i * pairs.size() / n, (i + 1) * pairs.size() / n);
            Long[] ids = part.stream().map(Pair::id).toArray(Long[]::new);
            String[] metrics = part.stream().map(Pair::metric).toArray(String[]::new);
            parts.add(client.preparedQuery(LAST_SQL).execute(Params.of(ids, metrics, upTo)).map(rows -> {
                rows.forEach(r -> put(out, r.getLong("id"), r.getString("metric"),
                        firsts.get(new Pair(r.getLong("id"), r.getString("metric"))), r.getLocalDate("last_day")));
                return null;
            }));
        }
        return Future.all(parts).mapEmpty();
    }

    private static void put(Map<Long, Map<String, Extent>> out, Row r, String key) {
        put(out, r.getLong("id"), key, r.getLocalDate("first_day"), r.getLocalDate("last_day"));
    }

    private static synchronized void put(Map<Long, Map<String, Extent>> out, long id, String key, LocalDate first,
            LocalDate last) {
        if (first != null && last != null) {
            out.computeIfAbsent(id, k -> new HashMap<>()).put(key, new Extent(first, last));
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
        // A dashboard asks for the same accounts again and again (each network's cell, then all
        // networks, then every goal's scope): their extents are worked out once per KPI and day.
        ForKpi key = new ForKpi(kpi, caps, today, cap);
        Map<Long, AccountExtent> known = remembered.size() < MAX_REMEMBERED
                ? remembered.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                : remembered.getOrDefault(key, new HashMap<>());
        for (AccountRef a : scope.accounts()) {
            AccountExtent e = known.computeIfAbsent(a.id(),
                    id -> java.util.Objects.requireNonNullElse(forKpi(a, kpi, caps, today, cap), NOTHING));
            if (e == NOTHING) {
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
