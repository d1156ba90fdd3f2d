package io.goalpost.platform.kpis;

import io.goalpost.platform.kpis.Term.Add;
import io.goalpost.platform.kpis.Term.Days;
import io.goalpost.platform.kpis.Term.Last;
import io.goalpost.platform.kpis.Term.Mul;
import io.goalpost.platform.kpis.Term.Start;
import io.goalpost.platform.kpis.Term.Sub;
import io.goalpost.platform.kpis.Term.Sum;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The SQL of a KPI roll-up: per account and bucket, the input metrics summed (flows), their last
 * value (levels), their first level (growth) and the days reported, read from the fewest rows of
 * metric_month, metric_week and metric_point that cover each bucket exactly; then the KPI's numerator
 * and denominator per account, kept only for accounts that reported every input, and summed per
 * network (ratio of sums) or returned per account.
 */
public final class KpiSql {

    /** How the answer is grouped. */
    public enum Mode {
        BY_NETWORK, BY_ACCOUNT,
        /**
         * Per request, bucket and network: several roll-ups of one KPI over different accounts and
         * buckets answered by one query over the union of their accounts and buckets (goals that share
         * a KPI but not their scope). Takes {@link #requestParams} after the usual parameters.
         */
        BY_REQUEST
    }

    private static final Pattern SAFE_METRIC = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 1024;

    private KpiSql() {
    }

    /** The SQL for a KPI and mode (cached: the text is constant per KPI). */
    public static String sql(KpiDefinition kpi, Mode mode) {
        return CACHE.computeIfAbsent(kpi.id() + "/" + mode, k -> kpi.source() == KpiDefinition.Source.POSTS
                ? postsSql(kpi, mode) : metricsSql(kpi, mode));
    }

    /**
     * The SQL of {@link Mode#BY_ACCOUNT} for several metric KPIs over the same buckets and accounts, in
     * one statement that reads each input metric once (the dashboard's KPI table takes several KPIs that
     * share inputs, e.g. views). Per bucket and account that stored at least one input of any of them:
     * {@code b, account_id, network}, then per KPI k (in the given order) {@code has_all<k>, present<k>,
     * full<k>, num<k>, den<k>}. Takes {@link #params(List, List, ResolvedScope, int[][])}.
     */
    public static String accountRowsSql(List<KpiDefinition> kpis) {
        if (kpis.size() < 2 || kpis.stream().anyMatch(k -> k.source() == KpiDefinition.Source.POSTS)) {
            throw new IllegalArgumentException("several KPIs, each read from metrics");
        }
        String key = String.join(",", kpis.stream().map(KpiDefinition::id).toList()) + "/" + Mode.BY_ACCOUNT;
        String cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        String sql = metricsSql(kpis, Mode.BY_ACCOUNT);
        // Sets of KPIs come from the goals people save; past a bound, new sets are rendered each time.
        if (CACHE.size() < MAX_CACHED) {
            CACHE.put(key, sql);
        }
        return sql;
    }

    /**
     * The parameters for {@link #sql} over some buckets and the accounts of a scope.
     *
     * @param dailyMasks per account of the scope (in its order), its {@link Capabilities#completenessMask}
     */
    public static Tuple params(KpiDefinition kpi, List<Bucket> buckets, ResolvedScope scope, int[] dailyMasks) {
        return params(List.of(kpi), buckets, scope, new int[][] {dailyMasks});
    }

    /**
     * The parameters for {@link #sql} or {@link #accountRowsSql} over some buckets and the accounts of a scope.
     *
     * @param dailyMasks per KPI, per account of the scope (in its order), its {@link Capabilities#completenessMask}
     */
    public static Tuple params(List<KpiDefinition> kpis, List<Bucket> buckets, ResolvedScope scope, int[][] dailyMasks) {
        LocalDate[] bFrom = new LocalDate[buckets.size()];
        LocalDate[] bTo = new LocalDate[buckets.size()];
        Integer[] bIdx = new Integer[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            if (b.index() != i) {
                throw new IllegalArgumentException("bucket indexes must be 0..n-1 in order");
            }
            bIdx[i] = i;
            bFrom[i] = b.from();
            bTo[i] = b.to();
        }
        Long[] ids = scope.ids();
        String[] nets = scope.accounts().stream().map(AccountRef::network).toArray(String[]::new);
        if (dailyMasks.length != kpis.size() || Arrays.stream(dailyMasks).anyMatch(m -> m.length != ids.length)) {
            throw new IllegalArgumentException("one daily mask per KPI and account in scope");
        }
        if (kpis.size() > 1 && kpis.stream().anyMatch(k -> k.source() == KpiDefinition.Source.POSTS)) {
            throw new IllegalArgumentException("a KPI read from posts is rolled up alone");
        }
        if (kpis.get(0).source() == KpiDefinition.Source.POSTS) {
            return Params.of(bIdx, bFrom, bTo, ids, nets);
        }
        boolean lastValues = kpis.stream().anyMatch(KpiSql::readsLastValues);
        List<Periods.Segment> segs = new ArrayList<>();
        buckets.forEach(b -> segs.addAll(Periods.cover(b, lastValues)));
        Tuple t = Tuple.tuple();
        for (int src : new int[] {Periods.MONTHS, Periods.WEEKS, Periods.DAYS}) {
            List<Integer> pb = new ArrayList<>();
            List<LocalDate> pp = new ArrayList<>();
            for (Periods.Segment sg : segs) {
                if (sg.source() != src) {
                    continue;
                }
                for (LocalDate d = sg.from(); !d.isAfter(sg.to()); d = step(d, src)) {
                    // A subtracted day's bucket b is sent as -1 - b (see the raw CTE of metricsSql).
                    pb.add(sg.subtracted() ? -1 - sg.bucket() : sg.bucket());
                    pp.add(d);
                }
            }
            t.addValue(pb.toArray(Integer[]::new));
            t.addValue(pp.toArray(LocalDate[]::new));
        }
        t.addValue(ids);
        t.addValue(nets);
        for (int src : new int[] {Periods.MONTHS, Periods.WEEKS, Periods.DAYS}) {
            List<Periods.DayRange> ranges = Periods.ranges(segs, src);
            t.addValue(ranges.stream().map(Periods.DayRange::from).toArray(LocalDate[]::new));
            t.addValue(ranges.stream().map(Periods.DayRange::to).toArray(LocalDate[]::new));
        }
        for (int[] perAccount : dailyMasks) {
            t.addValue(Arrays.stream(perAccount).boxed().toArray(Integer[]::new));
        }
        t.addValue(buckets.stream().map(b -> (int) b.days()).toArray(Integer[]::new));
        if (kpis.stream().anyMatch(KpiSql::usesStart)) {
            t.addValue(bFrom);
        }
        return t;
    }

    private static LocalDate step(LocalDate d, int src) {
        return switch (src) {
            case Periods.MONTHS -> d.plusMonths(1);
            case Periods.WEEKS -> d.plusWeeks(1);
            default -> d.plusDays(1);
        };
    }

    /** True when the KPI takes an input's last value in a bucket (a level such as followers). */
    private static boolean readsLastValues(KpiDefinition kpi) {
        Set<String> lasts = new HashSet<>();
        uses(kpi, new HashSet<>(), lasts);
        return !lasts.isEmpty();
    }

    private static boolean usesStart(KpiDefinition kpi) {
        return kpi.numerator().usesStart() || (kpi.denominator() != null && kpi.denominator().usesStart());
    }

    private static String lit(String metric) {
        if (!SAFE_METRIC.matcher(metric).matches()) {
            throw new IllegalArgumentException("unsafe metric id " + metric);
        }
        return "'" + metric + "'";
    }

    private static String metricsSql(KpiDefinition kpi, Mode mode) {
        return metricsSql(List.of(kpi), mode);
    }

    /**
     * The roll-up of several metric KPIs over the same buckets and accounts: each input metric is read
     * once, however many of the KPIs take it, and every KPI's columns are computed from the same pivot.
     * With one KPI the columns carry no suffix ({@code has_all, present, full, num, den}); with several,
     * KPI k's carry the suffix k ({@code has_all0, num0, …}).
     */
    private static String metricsSql(List<KpiDefinition> kpis, Mode mode) {
        List<String> inputs = new ArrayList<>();
        kpis.forEach(k -> k.inputs().stream().filter(m -> !inputs.contains(m)).forEach(inputs::add));
        String in = String.join(", ", inputs.stream().map(KpiSql::lit).toList());
        Set<String> sums = new HashSet<>();
        Set<String> lasts = new HashSet<>();
        Set<String> starts = new LinkedHashSet<>();
        for (KpiDefinition kpi : kpis) {
            uses(kpi, sums, lasts);
            if (usesStart(kpi)) {
                starts.addAll(kpi.inputs());
            }
        }
        // $15.. one completeness mask per KPI, then the bucket lengths and (when a KPI needs them) starts.
        int daysParam = 15 + kpis.size();
        int startParam = daysParam + 1;
        StringBuilder sb = new StringBuilder();
        sb.append("WITH sc AS MATERIALIZED (SELECT * FROM unnest($7::bigint[], $8::text[]");
        for (int k = 0; k < kpis.size(); k++) {
            sb.append(", $").append(15 + k).append("::int[]");
        }
        sb.append(") AS sc(id, network");
        for (int k = 0; k < kpis.size(); k++) {
            sb.append(", mask").append(suffix(kpis, k));
        }
        sb.append(")),\n");
        String[][] sources = {{"mo", "metric_month", "9", "10"}, {"wk", "metric_week", "11", "12"}};
        for (String[] src : sources) {
            sb.append(src[0]).append(" AS MATERIALIZED (\n  SELECT r.account_id, r.metric, r.period, r.total, r.days, r.last_day, r.last_value\n")
                    .append("    FROM unnest($").append(src[2]).append("::date[], $").append(src[3]).append("::date[]) AS q(lo, hi)\n")
                    .append("    JOIN ").append(src[1]).append(" r ON r.account_id = ANY($7::bigint[]) AND r.metric IN (").append(in)
                    .append(") AND r.period BETWEEN q.lo AND q.hi),\n");
        }
        sb.append("dy AS MATERIALIZED (\n  SELECT p.account_id, p.metric, p.day AS period, p.value AS total, 1 AS days, p.day AS last_day, "
                + "p.value AS last_value\n    FROM unnest($13::date[], $14::date[]) AS q(lo, hi)\n"
                + "    JOIN metric_point p ON p.account_id = ANY($7::bigint[]) AND p.metric IN (").append(in)
                .append(") AND p.day BETWEEN q.lo AND q.hi),\n");
        // sg is -1 for the days taken out of a week read whole (Periods.cover), sent with bucket -1 - b.
        sb.append("raw AS (\n"
                + "  SELECT s.b, 1 AS sg, x.* FROM mo x JOIN unnest($1::int[], $2::date[]) AS s(b, p) ON s.p = x.period\n  UNION ALL\n"
                + "  SELECT s.b, 1 AS sg, x.* FROM wk x JOIN unnest($3::int[], $4::date[]) AS s(b, p) ON s.p = x.period\n  UNION ALL\n"
                + "  SELECT CASE WHEN s.b < 0 THEN -1 - s.b ELSE s.b END, CASE WHEN s.b < 0 THEN -1 ELSE 1 END, x.*\n"
                + "    FROM dy x JOIN unnest($5::int[], $6::date[]) AS s(b, p) ON s.p = x.period\n),\n");
        // With days taken out of a week, a metric's rows can net to zero days: it then counts as not
        // reported (coalesce(d, 0) > 0 is false), as when none of its rows were read; its s and l are
        // not used then. A group of no stored day at all is dropped, as when it had no rows.
        sb.append("acc AS (\n  SELECT b, account_id");
        for (int i = 0; i < inputs.size(); i++) {
            String m = lit(inputs.get(i));
            sb.append(",\n    sum(sg * days) FILTER (WHERE metric = ").append(m).append(") AS d").append(i);
            if (sums.contains(inputs.get(i))) {
                sb.append(",\n    sum(sg * total) FILTER (WHERE metric = ").append(m).append(") AS s").append(i);
            }
            if (lasts.contains(inputs.get(i))) {
                sb.append(",\n    (max(ARRAY[(last_day - DATE '2000-01-01')::float8, last_value]) FILTER (WHERE metric = ")
                        .append(m).append("))[2] AS l").append(i);
            }
        }
        sb.append("\n  FROM raw GROUP BY b, account_id HAVING sum(sg * days) > 0\n),\n");
        sb.append("calc AS (\n  SELECT acc.*, sc.network");
        for (String metric : starts) {
            int i = inputs.indexOf(metric);
            String m = lit(metric);
            sb.append(",\n    CASE WHEN coalesce(d").append(i).append(", 0) > 0 THEN COALESCE(")
                    .append("(SELECT p.value FROM metric_point p WHERE p.account_id = acc.account_id AND p.metric = ")
                    .append(m).append(" AND p.day < ($").append(startParam).append("::date[])[acc.b + 1] ORDER BY p.day DESC LIMIT 1), ")
                    .append("(SELECT p.value FROM metric_point p WHERE p.account_id = acc.account_id AND p.metric = ")
                    .append(m).append(" AND p.day >= ($").append(startParam).append("::date[])[acc.b + 1] ORDER BY p.day LIMIT 1)) END AS st")
                    .append(i);
        }
        for (int k = 0; k < kpis.size(); k++) {
            List<Integer> own = kpis.get(k).inputs().stream().map(inputs::indexOf).toList();
            String sfx = suffix(kpis, k);
            sb.append(",\n    (");
            for (int j = 0; j < own.size(); j++) {
                sb.append(j > 0 ? " AND " : "").append("coalesce(d").append(own.get(j)).append(", 0) > 0");
            }
            sb.append(") AS has_all").append(sfx).append(",\n    ARRAY[");
            for (int j = 0; j < own.size(); j++) {
                sb.append(j > 0 ? ", " : "").append("coalesce(d").append(own.get(j)).append(", 0) > 0");
            }
            sb.append("] AS present").append(sfx).append(",\n    (");
            // Complete: the account counts for completeness, and every input its network reports daily was
            // stored on every day of the bucket. The mask's bit j is the KPI's own input j.
            sb.append("(sc.mask").append(sfx).append(" & ").append(Capabilities.REQUIRED).append(") <> 0");
            for (int j = 0; j < own.size(); j++) {
                sb.append(" AND ((sc.mask").append(sfx).append(" & ").append(1 << j).append(") = 0 OR coalesce(d")
                        .append(own.get(j)).append(", 0) >= ($").append(daysParam).append("::int[])[acc.b + 1])");
            }
            sb.append(") AS full").append(sfx);
        }
        sb.append("\n  FROM acc JOIN sc ON sc.id = acc.account_id\n),\n");
        sb.append(finHead(mode)).append("  SELECT calc.b, calc.account_id, calc.network");
        for (int k = 0; k < kpis.size(); k++) {
            KpiDefinition kpi = kpis.get(k);
            String sfx = suffix(kpis, k);
            sb.append(",\n    calc.has_all").append(sfx).append(", calc.present").append(sfx).append(", calc.has_all").append(sfx)
                    .append(" AND calc.full").append(sfx).append(" AS full").append(sfx).append(", (")
                    .append(render(kpi.numerator(), inputs)).append(")::float8 AS num").append(sfx).append(", (")
                    .append(kpi.denominator() == null ? "1" : render(kpi.denominator(), inputs)).append(")::float8 AS den").append(sfx);
        }
        sb.append("\n  FROM calc\n)\n");
        if (kpis.size() > 1) {
            sb.append("SELECT * FROM fin ORDER BY fin.b, fin.account_id");
        } else {
            sb.append(finalSelect(mode, starts.isEmpty() ? startParam : startParam + 1, true));
        }
        return sb.toString();
    }

    /** The column suffix of KPI k: none when there is one KPI (the single-KPI modes' columns). */
    private static String suffix(List<KpiDefinition> kpis, int k) {
        return kpis.size() == 1 ? "" : Integer.toString(k);
    }

    /** Adds the metrics a KPI sums and those it takes the last value of. */
    private static void uses(KpiDefinition kpi, Set<String> sums, Set<String> lasts) {
        uses(kpi.numerator(), sums, lasts);
        if (kpi.denominator() != null) {
            uses(kpi.denominator(), sums, lasts);
        }
    }

    private static void uses(Term t, Set<String> sums, Set<String> lasts) {
        if (t instanceof Sum s) {
            sums.add(s.metric());
        } else if (t instanceof Last l) {
            lasts.add(l.metric());
        } else if (t instanceof Add x) {
            uses(x.a(), sums, lasts);
            uses(x.b(), sums, lasts);
        } else if (t instanceof Sub x) {
            uses(x.a(), sums, lasts);
            uses(x.b(), sums, lasts);
        } else if (t instanceof Mul x) {
            uses(x.a(), sums, lasts);
            uses(x.b(), sums, lasts);
        }
    }

    private static String postsSql(KpiDefinition kpi, Mode mode) {
        if (kpi.inputs().size() != 2) {
            throw new IllegalStateException("post KPIs take two inputs");
        }
        String num = lit(kpi.inputs().get(0));
        String den = lit(kpi.inputs().get(1));
        return "WITH sc AS MATERIALIZED (SELECT * FROM unnest($4::bigint[], $5::text[]) AS sc(id, network)),\n"
                + "bk AS (SELECT * FROM unnest($1::int[], $2::date[], $3::date[]) AS k(b, lo, hi)),\n"
                + finHead(mode)
                + "  SELECT k.b, p.account_id, sum(e.value)::float8 AS num, sum(r.value)::float8 AS den, true AS has_all,\n"
                + "         ARRAY[true, true] AS present, true AS full\n"
                + "    FROM bk k JOIN post p ON p.account_id = ANY($4::bigint[]) AND p.published_day BETWEEN k.lo AND k.hi\n"
                + "    JOIN LATERAL (SELECT pm.value FROM post_metric pm WHERE pm.account_id = p.account_id\n"
                + "                     AND pm.post_id = p.post_id AND pm.metric = " + num + " ORDER BY pm.seen_on DESC LIMIT 1) e ON true\n"
                + "    JOIN LATERAL (SELECT pm.value FROM post_metric pm WHERE pm.account_id = p.account_id\n"
                + "                     AND pm.post_id = p.post_id AND pm.metric = " + den + " ORDER BY pm.seen_on DESC LIMIT 1) r ON true\n"
                + "   GROUP BY k.b, p.account_id\n)\n"
                + finalSelect(mode, 6, false);
    }

    /**
     * The head of the {@code fin} CTE. {@link Mode#BY_REQUEST} joins fin with the requests' accounts and
     * buckets, and left inline PostgreSQL planned that join first: it cannot estimate the rows of the
     * unnest joins, guessed one, and matched every account of calc's join with sc in a nested loop
     * (1,800 rows × 200 accounts compared: some 40 of the 58 ms of a goal batch over 200 accounts; 15.6 ms
     * with fin kept apart). Kept apart, each join is planned on its own.
     */
    private static String finHead(Mode mode) {
        return mode == Mode.BY_REQUEST ? "fin AS MATERIALIZED (\n" : "fin AS (\n";
    }

    /**
     * Appends the parameters of {@link Mode#BY_REQUEST} to {@code t}: which request wants which account
     * ({@code reqOfAccount[i]} wants {@code accountOfRequest[i]}), and which union bucket each request
     * knows under which of its own bucket numbers.
     */
    public static Tuple requestParams(Tuple t, Integer[] reqOfAccount, Long[] accountOfRequest, Integer[] reqOfBucket,
            Integer[] unionBucket, Integer[] ownBucket) {
        return t.addValue(reqOfAccount).addValue(accountOfRequest).addValue(reqOfBucket).addValue(unionBucket).addValue(ownBucket);
    }

    /**
     * The last SELECT. {@code finHasNetwork}: fin already carries each account's network (the metric
     * KPIs join sc in calc). Joining sc a second time here made PostgreSQL, which cannot estimate the
     * rows of the unnest joins, plan a nested loop over every fin row × every account in scope:
     * 400,000 comparisons and 200 of 250 ms for one batch of 200 accounts, 25 times that at 1,000.
     */
    private static String finalSelect(Mode mode, int firstExtra, boolean finHasNetwork) {
        String net = finHasNetwork ? "fin.network" : "sc.network";
        String from = finHasNetwork ? "  FROM fin\n" : "  FROM fin JOIN sc ON sc.id = fin.account_id\n";
        if (mode == Mode.BY_REQUEST) {
            int x = firstExtra;
            return "SELECT rb.r, rb.lb AS b, " + net + " AS network, count(*) FILTER (WHERE fin.has_all) AS reporting,\n"
                    + "       count(*) FILTER (WHERE fin.full) AS complete,\n"
                    + "       sum(fin.num) FILTER (WHERE fin.has_all) AS num, sum(fin.den) FILTER (WHERE fin.has_all) AS den\n"
                    + from
                    + "  JOIN unnest($" + x + "::int[], $" + (x + 1) + "::bigint[]) AS rq(r, id) ON rq.id = fin.account_id\n"
                    + "  JOIN unnest($" + (x + 2) + "::int[], $" + (x + 3) + "::int[], $" + (x + 4) + "::int[]) AS rb(r, b, lb)\n"
                    + "    ON rb.r = rq.r AND rb.b = fin.b\n"
                    + " GROUP BY rb.r, rb.lb, " + net;
        }
        if (mode == Mode.BY_ACCOUNT) {
            return "SELECT fin.b, fin.account_id, fin.has_all, fin.present, fin.full, fin.num, fin.den FROM fin "
                    + "ORDER BY fin.b, fin.account_id";
        }
        return "SELECT fin.b, " + net + " AS network, count(*) FILTER (WHERE fin.has_all) AS reporting,\n"
                + "       count(*) FILTER (WHERE fin.full) AS complete,\n"
                + "       sum(fin.num) FILTER (WHERE fin.has_all) AS num, sum(fin.den) FILTER (WHERE fin.has_all) AS den\n"
                + from
                + " GROUP BY fin.b, " + net;
    }

    /** Renders a term over the pivot columns s{i}, d{i}, l{i}, st{i}. */
    static String render(Term t, List<String> inputs) {
        if (t instanceof Sum s) {
            return "s" + idx(s.metric(), inputs);
        }
        if (t instanceof Last l) {
            return "l" + idx(l.metric(), inputs);
        }
        if (t instanceof Start s) {
            return "st" + idx(s.metric(), inputs);
        }
        if (t instanceof Days d) {
            return "d" + idx(d.metric(), inputs);
        }
        if (t instanceof Add x) {
            return "(" + render(x.a(), inputs) + " + " + render(x.b(), inputs) + ")";
        }
        if (t instanceof Sub x) {
            return "(" + render(x.a(), inputs) + " - " + render(x.b(), inputs) + ")";
        }
        if (t instanceof Mul x) {
            return "(" + render(x.a(), inputs) + " * " + render(x.b(), inputs) + ")";
        }
        throw new IllegalArgumentException("unknown term " + t);
    }

    private static int idx(String metric, List<String> inputs) {
        int i = inputs.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException(metric + " is not an input");
        }
        return i;
    }
}
