package io.goalpost.platform.kpis;

import io.goalpost.platform.kpis.ReportingExtents.AccountExtent;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Like-for-like comparison of a period with the one before it (docs/kpis.md §3). The current period
 * runs from its first day through the scope's data-through day (the last day every account still
 * reporting has finished reporting, never after today); the previous period covers the same number of
 * days at the same position one period earlier; the change is computed over the accounts with data
 * in both. An account that stopped reporting (its data ends more than {@link #STALE_DAYS} before the
 * others') does not hold the comparison back: it is left out and named.
 */
public final class LikeForLike {

    /** How far behind the freshest account an account may be and still hold the comparison back. */
    public static final int STALE_DAYS = 7;

    /**
     * The days to compare.
     *
     * @param from first day asked
     * @param to last day asked
     * @param through last day compared, or null when no day of the range is final for any account
     * @param current [from, through] as bucket 0 (null when {@code through} is)
     * @param previous the same days one period earlier as bucket 1; when {@code through} is null, the
     *     whole previous period as bucket 0 (shown for reference, not compared)
     * @param extents per account of the scope with data, its extent for the KPI
     * @param live accounts whose data-through day bounds the comparison
     * @param throughWhy why the comparison stops before {@code to}, or null when it does not
     * @param nothingStored true when no account in scope stored the KPI's inputs at all up to the range's end
     */
    public record Plan(LocalDate from, LocalDate to, LocalDate through, Bucket current, Bucket previous,
            Map<Long, AccountExtent> extents, Set<Long> live, String throughWhy, boolean nothingStored) {

        /** Days compared in each period. */
        public int days() {
            return through == null ? 0 : (int) current.days();
        }

        /** The buckets to query: current and previous, or only the whole previous period. */
        public List<Bucket> buckets() {
            return through == null ? List.of(previous) : List.of(current, previous);
        }

        /** Whether a bucket of a series is complete: it ends on or before the data-through day. */
        public boolean complete(Bucket b) {
            return through != null && !b.to().isAfter(through);
        }
    }

    /**
     * A compared total.
     *
     * @param value the KPI over the current period, over every account with data in it
     * @param previous the KPI over the previous period, over the compared accounts
     * @param compared the KPI over the current period, over the compared accounts (what {@code change} starts from)
     * @param change {"absolute", "percent"}: compared − previous, or nulls
     * @param comparison what was compared
     */
    public record Result(KpiValue value, KpiValue previous, Double compared, JsonObject change, Comparison comparison) {
    }

    private LikeForLike() {
    }

    /** Plans the comparison of [from, to] for a KPI and scope as of {@code today}. */
    public static Plan plan(KpiDefinition kpi, LocalDate from, LocalDate to, LocalDate today, ResolvedScope scope,
            ReportingExtents extents, Capabilities caps) {
        LocalDate end = to.isAfter(today) ? today : to;
        ReportingExtents.Reporting rep = end.isBefore(from)
                ? new ReportingExtents.Reporting(Map.of(), List.of(), List.of(), null, null)
                : extents.reporting(kpi, scope, caps, today, end, from);
        Map<Long, AccountExtent> ext = rep.extents();
        if (rep.through() == null) {
            String why = end.isBefore(from) ? "the range is in the future" : notFinalYet(kpi, ext, from);
            Bucket wholePrevious = Periods.previous(0, from, to);
            return new Plan(from, to, null, null, wholePrevious, ext, Set.of(), why, ext.isEmpty() && !end.isBefore(from));
        }
        Set<Long> live = new LinkedHashSet<>();
        rep.live().forEach(a -> live.add(a.id()));
        LocalDate through = rep.through();
        long length = ChronoUnit.DAYS.between(from, to) + 1;
        long days = ChronoUnit.DAYS.between(from, through) + 1;
        LocalDate prevFrom = from.minusDays(length);
        Bucket current = new Bucket(0, from, through);
        Bucket previous = new Bucket(1, prevFrom, prevFrom.plusDays(days - 1));
        String why = null;
        if (through.isBefore(to)) {
            LocalDate last = through;
            List<String> behind = scope.accounts().stream()
                    .filter(a -> live.contains(a.id()) && ext.get(a.id()).through().equals(last)).map(AccountRef::name).toList();
            if (!through.isBefore(end)) {
                why = "the days after " + through + " are in the future";
            } else if (behind.isEmpty()) {
                why = "the latest day any account in scope reported " + kpi.name() + " is " + through;
            } else {
                why = names(behind) + (behind.size() == 1 ? " has" : " have") + " finished reporting " + kpi.name()
                        + " only through " + through;
            }
        }
        return new Plan(from, to, through, current, previous, ext, live, why, false);
    }

    private static String notFinalYet(KpiDefinition kpi, Map<Long, AccountExtent> ext, LocalDate from) {
        LocalDate latest = null;
        LocalDate stored = null;
        for (AccountExtent e : ext.values()) {
            if (!e.through().isBefore(e.first()) && (latest == null || e.through().isAfter(latest))) {
                latest = e.through();
            }
            stored = stored == null || e.first().isAfter(stored) ? e.first() : stored;
        }
        if (latest == null) {
            return "no account in scope has finished reporting a day of " + kpi.name() + " yet";
        }
        return "no account in scope has final " + kpi.name() + " from " + from + " on (the latest final day is " + latest + ")";
    }

    /**
     * Compares from the per-account rows of the plan's two buckets (as {@link KpiService#accountRows}
     * answers for {@link Plan#buckets()}).
     */
    public static Result compare(KpiDefinition kpi, Plan plan, ResolvedScope scope, Capabilities caps, List<AccountRow> rows) {
        if (plan.through() == null) {
            LocalDate last = plan.to().isBefore(plan.from()) ? plan.from() : plan.to();
            KpiValue nothing = KpiMath.combine(kpi, new Bucket(0, plan.from(), last), scope, caps, List.of());
            KpiValue value = plan.nothingStored() ? nothing
                    : new KpiValue(null, "not available: " + plan.throughWhy(), null, nothing.coverage());
            Map<Long, AccountRow> before = new HashMap<>();
            rows.stream().filter(AccountRow::hasAll).forEach(r -> before.put(r.accountId(), r));
            KpiValue previous = KpiMath.combine(kpi, plan.previous(), scope, caps,
                    groupRows(rows, plan.previous().index(), scope, before.keySet()));
            Comparison c = new Comparison(null, 0, (int) plan.previous().days(), 0, List.of(),
                    "Nothing to compare: " + plan.throughWhy() + ". The previous period (" + plan.previous().from() + " to "
                            + plan.previous().to() + ") is shown whole, for reference.");
            return new Result(value, previous, null, change(null, null), c);
        }
        Map<Long, AccountRow> cur = new HashMap<>();
        Map<Long, AccountRow> prev = new HashMap<>();
        for (AccountRow r : rows) {
            if (r.hasAll()) {
                (r.bucket() == plan.current().index() ? cur : prev).put(r.accountId(), r);
            }
        }
        Set<Long> both = new LinkedHashSet<>();
        List<Comparison.Excluded> excluded = new ArrayList<>();
        String inputs = String.join(" and ", kpi.source() == KpiDefinition.Source.POSTS ? List.of("posts with " + kpi.inputs().get(0)
                + " and " + kpi.inputs().get(1)) : kpi.inputs());
        for (AccountRef a : scope.accounts()) {
            boolean inCur = cur.containsKey(a.id());
            boolean inPrev = prev.containsKey(a.id());
            AccountExtent e = plan.extents().get(a.id());
            if (inCur && inPrev && plan.live().contains(a.id())) {
                both.add(a.id());
            } else if (inCur && !plan.live().contains(a.id())) {
                excluded.add(new Comparison.Excluded(a.id(), a.name(), "it has finished reporting only through "
                        + (e == null ? "an earlier day" : e.through().toString()) + ", so its current period is short of days"));
            } else if (inCur && !inPrev) {
                excluded.add(new Comparison.Excluded(a.id(), a.name(), "no " + inputs + " stored "
                        + KpiMath.when(plan.previous()) + (e != null && e.first().isAfter(plan.previous().to())
                                ? " (its data starts on " + e.first() + ")" : "")));
            } else if (inPrev && !inCur) {
                excluded.add(new Comparison.Excluded(a.id(), a.name(), "no " + inputs + " stored " + KpiMath.when(plan.current())
                        + (e != null && e.through().isBefore(plan.current().from()) ? " (its data ends on " + e.through() + ")" : "")));
            }
        }
        KpiValue value = KpiMath.combine(kpi, plan.current(), scope, caps, groupRows(rows, plan.current().index(), scope, cur.keySet()));
        KpiValue compared = KpiMath.combine(kpi, plan.current(), scope, caps, groupRows(rows, plan.current().index(), scope, both));
        KpiValue previous = KpiMath.combine(kpi, plan.previous(), scope, caps, groupRows(rows, plan.previous().index(), scope, both));
        if (both.isEmpty() && previous.value() == null) {
            previous = new KpiValue(null, "no account in scope has " + inputs + " stored in both periods", null, previous.coverage());
        }
        JsonObject change = change(compared.value(), previous.value());
        Comparison comparison = new Comparison(plan.through(), plan.days(), plan.days(), both.size(), excluded,
                note(plan, both.size(), excluded));
        return new Result(value, previous, compared.value(), change, comparison);
    }

    /** Sums per network of the rows of one bucket, over the given accounts. */
    static List<GroupRow> groupRows(List<AccountRow> rows, int bucket, ResolvedScope scope, Set<Long> include) {
        Map<String, GroupRow> out = new LinkedHashMap<>();
        for (AccountRow r : rows) {
            String net = r.bucket() == bucket && r.hasAll() && include.contains(r.accountId()) ? scope.networkOf(r.accountId()) : null;
            if (net == null) {
                continue;
            }
            GroupRow g = new GroupRow(bucket, net, 1, r.complete() ? 1 : 0, r.num(), r.den());
            out.merge(net, g, (a, b) -> new GroupRow(bucket, net, a.reporting() + b.reporting(), a.complete() + b.complete(),
                    sum(a.num(), b.num()), sum(a.den(), b.den())));
        }
        return List.copyOf(out.values());
    }

    private static Double sum(Double a, Double b) {
        return a == null ? b : b == null ? a : a + b;
    }

    /** {"absolute", "percent"} between two values, nulls when either is missing (percent also when before is 0). */
    public static JsonObject change(Double now, Double before) {
        Double abs = now == null || before == null ? null : now - before;
        Double pct = abs == null || before == 0 ? null : abs / Math.abs(before) * 100;
        return new JsonObject().put("absolute", abs).put("percent", pct);
    }

    private static String note(Plan plan, int accounts, List<Comparison.Excluded> excluded) {
        long length = ChronoUnit.DAYS.between(plan.from(), plan.to()) + 1;
        StringBuilder sb = new StringBuilder();
        Bucket p = plan.previous();
        if (plan.days() == length) {
            sb.append("Compared with the previous ").append(days(length)).append(" (").append(p.from()).append(" to ")
                    .append(p.to()).append(')');
        } else {
            sb.append("Through ").append(plan.through()).append(": ").append(plan.throughWhy()).append(". The ")
                    .append(days(plan.days())).append(" to then are compared with the first ").append(days(plan.days()))
                    .append(" of the previous period (").append(p.from()).append(" to ").append(p.to()).append(')');
        }
        sb.append(", over the same ").append(accounts).append(accounts == 1 ? " account" : " accounts");
        if (!excluded.isEmpty()) {
            sb.append("; ").append(excluded.size()).append(excluded.size() == 1 ? " account is" : " accounts are")
                    .append(" left out of the change: ")
                    .append(names(excluded.stream().map(Comparison.Excluded::name).toList()));
        }
        return sb.append('.').toString();
    }

    private static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }

    /** "A", "A and B", "A, B, C and 2 more". */
    static String names(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "no account" : names.get(0);
        }
        if (names.size() > 4) {
            return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
