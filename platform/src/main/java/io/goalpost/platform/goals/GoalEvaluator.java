package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.AccountRef;
import io.goalpost.platform.kpis.Bucket;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.Comparison;
import io.goalpost.platform.kpis.Coverage;
import io.goalpost.platform.kpis.GroupRow;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiMath;
import io.goalpost.platform.kpis.KpiService;
import io.goalpost.platform.kpis.KpiValue;
import io.goalpost.platform.kpis.LikeForLike;
import io.goalpost.platform.kpis.ReportingExtents;
import io.goalpost.platform.kpis.ReportingExtents.AccountExtent;
import io.goalpost.platform.kpis.ResolvedScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a goal's numbers from stored history, as of today (docs/kpis.md §5).
 *
 * <p>The goal's measure on a day is: the level (last value in the 7 days ending then, summed over
 * accounts) for level KPIs; the KPI over the 7 days ending that day for every other KPI (flows summed,
 * ratios as ratio of sums); the day's own value for reach. A window counts only when it is complete:
 * every account measured stored every day of it for each metric its network reports daily.
 *
 * <p>Like for like: the accounts measured are those still reporting (their data-through day is
 * within {@link LikeForLike#STALE_DAYS} of the freshest account's) that have data at the baseline;
 * the others are named in {@code excluded}. The current value is the latest complete window ending by
 * the scope's data-through day; the baseline the latest complete window ending the day before the
 * start (or, when no account has data before the start, the first complete window after it). The
 * forecast and the attainability check use only complete ISO weeks.
 */
public final class GoalEvaluator {

    /** How many days back the latest complete window (current or baseline) is looked for. */
    public static final int WINDOW_SEARCH_DAYS = 14;
    /** Most weeks of history the attainability check reads. */
    public static final int MAX_HISTORY_WEEKS = 104;
    /** Days of history before the start that the goal's series shows. */
    public static final int SERIES_HISTORY_DAYS = 28;

    private final KpiService kpis;
    private final Capabilities caps;

    /** One day of a series: the measure on that day, or null when its window is incomplete. */
    public record Point(LocalDate day, Double value) {
        JsonObject toJson() {
            return new JsonObject().put("day", day.toString()).put("value", value);
        }
    }

    /**
     * The headline numbers of one network's accounts, over the same days and accounts as the goal's.
     *
     * @param network network id
     * @param name display name
     * @param accounts the accounts measured
     * @param baseline their baseline
     * @param current their current value
     */
    public record NetworkPart(String network, String name, List<AccountRef> accounts, KpiValue baseline, KpiValue current) {
    }

    /** The numbers of one goal. */
    public record Evaluation(KpiDefinition kpi, ResolvedScope scope, String measure, LocalDate today, LocalDate asOf,
            LocalDate currentFrom, LocalDate baselineDay, LocalDate baselineFrom, KpiValue baseline, KpiValue current,
            Double target, Double progress, double expected, GoalMath.Forecast forecast, GoalMath.StatusResult status,
            JsonObject attainability, String sentence, Comparison comparison, List<NetworkPart> breakdown,
            List<AccountRef> measured, LocalDate readyOn, List<Point> weekly, List<Point> series) {

        /** Coverage of the current value. */
        public Coverage coverage() {
            return current.coverage();
        }
    }

    public GoalEvaluator(KpiService kpis, Capabilities caps) {
        this.kpis = kpis;
        this.caps = caps;
    }

    /** The measure's name for a KPI: level, per_7_days or daily. */
    public static String measure(KpiDefinition kpi) {
        if (kpi.isLevel()) {
            return "level";
        }
        return kpi.isUnique() ? "daily" : "per_7_days";
    }

    /** Days in the measure's window: 1 for a daily value, 7 otherwise (a level is the last value in 7 days). */
    static int windowDays(KpiDefinition kpi) {
        return kpi.isUnique() ? 1 : 7;
    }

    /** The day a goal is measured up to at most: today, or the deadline once it has passed. */
    public static LocalDate cap(GoalSpec g, LocalDate today) {
        return today.isBefore(g.deadline()) ? today : g.deadline();
    }

    /**
     * Evaluates a goal over a resolved scope as of {@code today}. The attainability check is made
     * from the history before the start when {@code storedAttainability} is null (creating or
     * changing a goal), else the stored check is kept. With {@code withSeries}, the evaluation carries
     * the goal's measure per day.
     */
    public Future<Evaluation> evaluate(GoalSpec g, ResolvedScope scope, LocalDate today, JsonObject storedAttainability,
            boolean withSeries) {
        return evaluateGroup(List.of(g), List.of(Optional.ofNullable(storedAttainability)), scope, today, null, withSeries)
                .map(l -> l.get(0));
    }

    /**
     * Evaluates goals that share their KPI, scope and {@link #cap}: goals measured over the same
     * accounts share one roll-up query. {@code extents} may be preloaded (the dashboard loads them
     * once for every goal), else they are read here.
     */
    public Future<List<Evaluation>> evaluateGroup(List<GoalSpec> goals, List<Optional<JsonObject>> stored,
            ResolvedScope scope, LocalDate today, ReportingExtents extents, boolean withSeries) {
        GoalSpec first = goals.get(0);
        KpiDefinition kpi = KpiCatalog.byId(first.kpi()).orElseThrow(() -> new IllegalStateException("unknown KPI " + first.kpi()));
        LocalDate cap = cap(first, today);
        Future<ReportingExtents> loaded = extents != null ? Future.succeededFuture(extents)
                : ReportingExtents.load(kpis.pool(), List.of(scope.ids()), List.of(kpi), today);
        return loaded.compose(x -> {
            Reporting rep = reporting(kpi, scope, x, today, cap);
            List<GoalPlan> plans = new ArrayList<>();
            Map<Set<Long>, List<Integer>> bySet = new LinkedHashMap<>();
            for (int i = 0; i < goals.size(); i++) {
                GoalPlan p = plan(kpi, goals.get(i), stored.get(i).orElse(null), scope, rep, today);
                plans.add(p);
                bySet.computeIfAbsent(p.measured(), k -> new ArrayList<>()).add(i);
            }
            Evaluation[] out = new Evaluation[goals.size()];
            List<Future<Void>> work = new ArrayList<>();
            for (List<Integer> idx : bySet.values()) {
                List<GoalPlan> part = idx.stream().map(plans::get).toList();
                work.add(new Run(kpi, scope, rep, part, today, withSeries).evaluate().map(evs -> {
                    for (int j = 0; j < idx.size(); j++) {
                        out[idx.get(j)] = evs.get(j);
                    }
                    return null;
                }));
            }
            return Future.all(work).map(done -> List.of(out));
        });
    }

    /**
     * Who is still reporting the KPI in scope.
     *
     * @param extents per account with data, its extent
     * @param live accounts still reporting, in scope order
     * @param stale accounts whose data stopped, with why
     * @param through the scope's data-through day (the earliest of the live accounts'), or null
     */
    private record Reporting(Map<Long, AccountExtent> extents, List<AccountRef> live, List<Comparison.Excluded> stale,
            LocalDate through) {
    }

    private Reporting reporting(KpiDefinition kpi, ResolvedScope scope, ReportingExtents x, LocalDate today, LocalDate cap) {
        ReportingExtents.Reporting rep = x.reporting(kpi, scope, caps, today, cap, null);
        Map<Long, AccountExtent> ext = new HashMap<>();
        rep.live().forEach(a -> ext.put(a.id(), rep.extents().get(a.id())));
        List<Comparison.Excluded> stale = new ArrayList<>();
        for (AccountRef a : rep.stale()) {
            ext.put(a.id(), rep.extents().get(a.id()));
            stale.add(new Comparison.Excluded(a.id(), a.name(), "no final " + kpi.name() + " since "
                    + rep.extents().get(a.id()).lastReported() + ", while other accounts report through " + rep.freshest()));
        }
        return new Reporting(ext, rep.live(), stale, rep.through());
    }

    /**
     * One goal's windows and accounts.
     *
     * @param measured the accounts measured (ids in scope order)
     * @param baseEnd the day the baseline window ends on before any search for a complete one
     * @param baselineAfterStart true when no account had data before the start, so the baseline is
     *     the first complete window after it
     * @param excluded accounts left out, with why
     */
    private record GoalPlan(GoalSpec goal, JsonObject storedAttainability, Set<Long> measured, LocalDate baseEnd,
            boolean baselineAfterStart, List<Comparison.Excluded> excluded) {
    }

    private static GoalPlan plan(KpiDefinition kpi, GoalSpec g, JsonObject stored, ResolvedScope scope, Reporting rep,
            LocalDate today) {
        List<Comparison.Excluded> excluded = new ArrayList<>(rep.stale());
        if (rep.through() == null) {
            return new GoalPlan(g, stored, Set.of(), g.start().minusDays(1), false, excluded);
        }
        int len = windowDays(kpi);
        LocalDate baseEnd = today.isBefore(g.start()) ? rep.through() : g.start().minusDays(1);
        if (baseEnd.isAfter(rep.through())) {
            baseEnd = rep.through();
        }
        LocalDate needFrom = kpi.isLevel() ? baseEnd : baseEnd.minusDays(len - 1L);
        Set<Long> measured = new LinkedHashSet<>();
        List<Comparison.Excluded> newcomers = new ArrayList<>();
        for (AccountRef a : rep.live()) {
            AccountExtent e = rep.extents().get(a.id());
            if (!e.first().isAfter(needFrom)) {
                measured.add(a.id());
            } else {
                newcomers.add(new Comparison.Excluded(a.id(), a.name(), "its " + kpi.name() + " data starts on " + e.first()
                        + ", after the baseline (" + (kpi.isLevel() ? baseEnd : needFrom + " to " + baseEnd) + ")"));
            }
        }
        boolean afterStart = false;
        if (measured.isEmpty()) {
            // Nobody has data before the start: measure from the first window every account has.
            afterStart = true;
            LocalDate latestFirst = null;
            for (AccountRef a : rep.live()) {
                measured.add(a.id());
                LocalDate f = rep.extents().get(a.id()).first();
                latestFirst = latestFirst == null || f.isAfter(latestFirst) ? f : latestFirst;
            }
            baseEnd = kpi.isLevel() ? latestFirst : latestFirst.plusDays(len - 1L);
            if (baseEnd.isBefore(g.start()) && !today.isBefore(g.start())) {
                baseEnd = g.start();
            }
        } else {
            excluded.addAll(newcomers);
        }
        return new GoalPlan(g, stored, measured, baseEnd, afterStart, excluded);
    }

    /** The roll-ups of goals measured over the same accounts, and what is made of them. */
    private final class Run {
        private final KpiDefinition kpi;
        private final ResolvedScope scope;
        private final ResolvedScope measuredScope;
        private final Reporting rep;
        private final List<GoalPlan> plans;
        private final LocalDate today;
        private final boolean withSeries;
        private final int len;
        private final int required;
        private final List<Bucket> buckets = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final List<GroupRow> rows = new ArrayList<>();
        private int queried;

        Run(KpiDefinition kpi, ResolvedScope scope, Reporting rep, List<GoalPlan> plans, LocalDate today, boolean withSeries) {
            this.kpi = kpi;
            this.scope = scope;
            this.rep = rep;
            this.plans = plans;
            this.today = today;
            this.withSeries = withSeries;
            this.len = windowDays(kpi);
            this.measuredScope = scope.only(plans.get(0).measured());
            int r = 0;
            for (AccountRef a : measuredScope.accounts()) {
                if ((caps.completenessMask(a.network(), kpi.inputs()) & Capabilities.REQUIRED) != 0) {
                    r++;
                }
            }
            this.required = r;
        }

        Future<List<Evaluation>> evaluate() {
            LocalDate through = rep.through();
            if (through == null || measuredScope.accounts().isEmpty()) {
                return Future.succeededFuture(plans.stream().map(p -> empty(p)).toList());
            }
            window(through);
            plans.forEach(p -> {
                if (!p.baseEnd().isAfter(through)) {
                    window(p.baseEnd());
                }
            });
            LocalDate lastSunday = through.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            weeks(lastSunday, GoalMath.FORECAST_MAX_WEEKS);
            for (GoalPlan p : plans) {
                if (p.storedAttainability() == null) {
                    weeks(historySunday(p.goal()), historyWeeks(p.goal()));
                }
            }
            if (withSeries) {
                for (LocalDate d = seriesFrom(plans.get(0)); !d.isAfter(through); d = d.plusDays(1)) {
                    window(d);
                }
            }
            return query().compose(v -> {
                // Second pass, only when a latest window has a gap: look back for a complete one.
                boolean more = !complete(window(through));
                for (GoalPlan p : plans) {
                    if (!p.baseEnd().isAfter(through) && !complete(window(p.baseEnd()))) {
                        more = true;
                    }
                }
                if (!more) {
                    return Future.succeededFuture();
                }
                for (int k = 1; k < WINDOW_SEARCH_DAYS; k++) {
                    window(through.minusDays(k));
                    for (GoalPlan p : plans) {
                        if (!p.baseEnd().isAfter(through)) {
                            LocalDate d = p.baselineAfterStart() ? p.baseEnd().plusDays(k) : p.baseEnd().minusDays(k);
                            if (!d.isAfter(through)) {
                                window(d);
                            }
                        }
                    }
                }
                return query();
            }).map(v -> plans.stream().map(this::evaluation).toList());
        }

        private Future<Void> query() {
            if (queried == buckets.size()) {
                return Future.succeededFuture();
            }
            List<Bucket> fresh = new ArrayList<>();
            for (int i = queried; i < buckets.size(); i++) {
                Bucket b = buckets.get(i);
                fresh.add(new Bucket(i - queried, b.from(), b.to()));
            }
            int offset = queried;
            queried = buckets.size();
            return kpis.groupRowsBatched(kpi, measuredScope, fresh).map(rs -> {
                rs.forEach(r -> rows.add(new GroupRow(r.bucket() + offset, r.network(), r.reporting(), r.complete(),
                        r.num(), r.den())));
                return null;
            });
        }

        /** The index of the measure's window ending on a day (added when new). */
        private int window(LocalDate end) {
            LocalDate from = end.minusDays(len - 1L);
            return index.computeIfAbsent(from + "/" + end, k -> {
                buckets.add(new Bucket(buckets.size(), from, end));
                return buckets.size() - 1;
            });
        }

        private int[] weeks(LocalDate lastSunday, int n) {
            int[] out = new int[n];
            for (int k = n - 1, j = 0; k >= 0; k--, j++) {
                out[j] = window(lastSunday.minusWeeks(k));
            }
            return out;
        }

        private boolean complete(int b) {
            if (b >= queried) {
                return false;
            }
            if (kpi.source() == KpiDefinition.Source.POSTS) {
                return rows.stream().anyMatch(r -> r.bucket() == b && r.reporting() > 0);
            }
            long done = rows.stream().filter(r -> r.bucket() == b).mapToLong(GroupRow::complete).sum();
            return required > 0 ? done >= required
                    : rows.stream().filter(r -> r.bucket() == b).mapToLong(GroupRow::reporting).sum() > 0;
        }

        private KpiValue value(int b) {
            return KpiMath.combine(kpi, buckets.get(b), scope, caps, rows);
        }

        /** The latest complete window ending on one of the days searched from {@code end}, or -1. */
        private int latestComplete(LocalDate end, boolean forward, LocalDate limit) {
            for (int k = 0; k < WINDOW_SEARCH_DAYS; k++) {
                LocalDate d = forward ? end.plusDays(k) : end.minusDays(k);
                if (d.isAfter(limit)) {
                    break;
                }
                Integer b = index.get(d.minusDays(len - 1L) + "/" + d);
                if (b != null && complete(b)) {
                    return b;
                }
            }
            return -1;
        }

        private Evaluation empty(GoalPlan p) {
            Bucket none = new Bucket(0, p.goal().start(), p.goal().start());
            KpiValue nothing = KpiMath.combine(kpi, none, scope, caps, List.of());
            String inputs = String.join(" and ", kpi.inputs());
            String reason = rep.live().isEmpty() ? "no " + inputs + " stored for this goal's accounts"
                    : "no account has " + inputs + " stored for the baseline yet";
            KpiValue empty = new KpiValue(null, reason, null, nothing.coverage());
            return build(p, null, null, empty, empty, List.of(), List.of());
        }

        private Evaluation evaluation(GoalPlan p) {
            LocalDate through = rep.through();
            int cur = latestComplete(through, false, through);
            int base = p.baseEnd().isAfter(through) ? -1 : latestComplete(p.baseEnd(), p.baselineAfterStart(), through);
            KpiValue current = cur < 0 ? missing("no complete " + windowText() + " in the " + WINDOW_SEARCH_DAYS
                    + " days to " + through + ": an account misses days in each") : value(cur);
            KpiValue baseline;
            if (base >= 0) {
                baseline = value(base);
            } else if (p.baseEnd().isAfter(through)) {
                baseline = missing("the first complete " + windowText() + " of this goal's accounts ends on " + p.baseEnd()
                        + ", after the latest final day (" + through + ")");
            } else {
                baseline = missing("no complete " + windowText() + " ends in the " + WINDOW_SEARCH_DAYS + " days "
                        + (p.baselineAfterStart() ? "from " : "to ") + p.baseEnd());
            }
            List<Point> weekly = new ArrayList<>();
            LocalDate lastSunday = through.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            for (int k = GoalMath.FORECAST_MAX_WEEKS - 1; k >= 0; k--) {
                int w = window(lastSunday.minusWeeks(k));
                weekly.add(new Point(lastSunday.minusWeeks(k), complete(w) ? value(w).value() : null));
            }
            List<Point> series = new ArrayList<>();
            if (withSeries && cur >= 0) {
                LocalDate asOf = buckets.get(cur).to();
                for (LocalDate d = seriesFrom(p); !d.isAfter(asOf); d = d.plusDays(1)) {
                    int b = window(d);
                    series.add(new Point(d, b < queried && complete(b) ? value(b).value() : null));
                }
            }
            return build(p, cur < 0 ? null : buckets.get(cur), base < 0 ? null : buckets.get(base), baseline, current,
                    weekly, series);
        }

        private KpiValue missing(String reason) {
            int latest = window(rep.through());
            return new KpiValue(null, reason, null, latest < queried ? value(latest).coverage()
                    : KpiMath.combine(kpi, buckets.get(latest), scope, caps, List.of()).coverage());
        }

        private String windowText() {
            return kpi.isLevel() ? "day with every account's level" : len == 1 ? "day" : len + "-day window";
        }

        private Evaluation build(GoalPlan p, Bucket cur, Bucket base, KpiValue baseline, KpiValue current,
                List<Point> weekly, List<Point> series) {
            GoalSpec g = p.goal();
            GoalMath.Formatter exact = v -> Numbers.format(v, kpi.unit());
            Double target = GoalMath.resolveTarget(g.targetType(), g.targetValue(), baseline.value());
            Double progress = GoalMath.progress(baseline.value(), current.value(), target);
            double expected = GoalMath.expectedProgress(g.start(), g.deadline(), today);
            LocalDate asOf = cur != null ? cur.to() : rep.through() != null ? rep.through() : cap(g, today);
            List<Double> weeklyValues = weekly.stream().map(Point::value).toList();
            GoalMath.Forecast forecast = GoalMath.forecast(current.value(), asOf, g.deadline(), weeklyValues);
            LocalDate readyOn = readyOn(p);
            String collecting = collecting(p, cur, readyOn);
            GoalMath.Phrasing phrasing = new GoalMath.Phrasing(what(), kpi.direction(), v -> Numbers.compact(v, kpi.unit()),
                    d -> Numbers.day(d, today));
            GoalMath.StatusResult status = GoalMath.status(phrasing, today, g.start(), g.deadline(), baseline.value(),
                    current.value(), target, forecast, progress, expected, collecting);
            JsonObject att = p.storedAttainability();
            if (att == null) {
                List<Double> history = new ArrayList<>();
                if (rep.through() != null && !measuredScope.accounts().isEmpty()) {
                    LocalDate hSunday = historySunday(g);
                    int n = historyWeeks(g);
                    for (int k = n - 1; k >= 0; k--) {
                        int w = window(hSunday.minusWeeks(k));
                        history.add(w < queried && complete(w) ? value(w).value() : null);
                    }
                }
                att = attainabilityJson(GoalMath.attainability(kpi.direction(), baseline.value(), target, g.start(),
                        g.deadline(), history, exact));
            }
            String sentence = GoalSentence.of(g, kpi, scope, caps, baseline.value(), target);
            List<AccountRef> measured = measuredScope.accounts();
            Comparison comparison = new Comparison(cur == null ? null : cur.to(), cur == null ? 0 : measureDays(),
                    base == null ? 0 : measureDays(), measured.size(), p.excluded(), note(p, cur, base, measured.size()));
            List<NetworkPart> breakdown = breakdown(cur, base);
            return new Evaluation(kpi, scope, measure(kpi), today, asOf, cur == null ? null : cur.from(),
                    base == null ? p.baseEnd() : base.to(), base == null ? null : base.from(), baseline, current, target,
                    progress, expected, forecast, status, att, sentence, comparison, breakdown, measured, readyOn, weekly,
                    series);
        }

        private int measureDays() {
            return kpi.isLevel() ? 1 : len;
        }

        private List<NetworkPart> breakdown(Bucket cur, Bucket base) {
            List<NetworkPart> out = new ArrayList<>();
            Map<String, List<AccountRef>> byNet = new LinkedHashMap<>();
            measuredScope.accounts().forEach(a -> byNet.computeIfAbsent(a.network(), k -> new ArrayList<>()).add(a));
            Map<String, KpiValue> now = cur == null ? Map.of() : KpiMath.combineByNetwork(kpi, cur, measuredScope, caps, rows);
            Map<String, KpiValue> then = base == null ? Map.of() : KpiMath.combineByNetwork(kpi, base, measuredScope, caps, rows);
            byNet.forEach((net, accounts) -> out.add(new NetworkPart(net, caps.displayName(net), accounts,
                    then.getOrDefault(net, new KpiValue(null, "no complete baseline window", null, null)),
                    now.getOrDefault(net, new KpiValue(null, "no complete current window", null, null)))));
            return out;
        }

        private String note(GoalPlan p, Bucket cur, Bucket base, int accounts) {
            StringBuilder sb = new StringBuilder();
            if (cur != null) {
                sb.append("Current: ").append(span(cur));
            } else {
                sb.append("No complete current window yet");
            }
            sb.append("; baseline: ").append(base == null ? "not available" : span(base));
            if (p.baselineAfterStart() && base != null) {
                sb.append(" (the first complete window: no account has data before the start)");
            }
            sb.append("; over the same ").append(accounts).append(accounts == 1 ? " account" : " accounts");
            if (!p.excluded().isEmpty()) {
                sb.append("; left out: ").append(String.join(", ", p.excluded().stream().map(Comparison.Excluded::name).toList()));
            }
            return sb.append('.').toString();
        }

        private String span(Bucket b) {
            return b.days() == 1 || kpi.isLevel() ? "on " + b.to() : b.from() + " to " + b.to();
        }

        private String what() {
            String name = kpi.name();
            return switch (measure(kpi)) {
                case "per_7_days" -> name + (kpi.type() == KpiDefinition.Type.METRIC ? " per 7 days" : " over 7 days");
                case "daily" -> name + " per day";
                default -> name;
            };
        }

        /** The day the first complete window after the start should be final, given the networks' lags. */
        private LocalDate readyOn(GoalPlan p) {
            LocalDate windowEnd = kpi.isLevel() || len == 1 ? p.goal().start() : p.goal().start().plusDays(len - 1L);
            if (p.baselineAfterStart() && p.baseEnd().isAfter(windowEnd)) {
                windowEnd = p.baseEnd();
            }
            int lag = 0;
            for (AccountRef a : measuredScope.accounts()) {
                for (String input : kpi.inputs()) {
                    lag = Math.max(lag, caps.reportingLagDays(a.network(), input));
                }
            }
            return windowEnd.plusDays(lag);
        }

        private String collecting(GoalPlan p, Bucket cur, LocalDate readyOn) {
            GoalSpec g = p.goal();
            LocalDate firstWindowEnd = kpi.isLevel() || len == 1 ? g.start() : g.start().plusDays(len - 1L);
            boolean waiting = cur == null || cur.to().isBefore(firstWindowEnd)
                    || (p.baselineAfterStart() && (rep.through() == null || p.baseEnd().isAfter(rep.through())));
            if (today.isBefore(g.start()) || !waiting || today.isAfter(readyOn.plusDays(WINDOW_SEARCH_DAYS))) {
                return null;
            }
            String first = kpi.isLevel() ? "the first " + kpi.name().toLowerCase(java.util.Locale.ROOT) + " level after the start"
                    : len == 1 ? "the first day of the goal" : "the first full " + len + " days of the goal (to "
                            + Numbers.day(firstWindowEnd, today) + ")";
            return "Collecting data: " + first + " should be reported in full by " + Numbers.day(readyOn, today)
                    + "; until then there is nothing to judge progress on.";
        }

        private LocalDate seriesFrom(GoalPlan p) {
            GoalSpec g = p.goal();
            LocalDate from = today.isBefore(g.start()) ? rep.through().minusDays(89) : g.start().minusDays(SERIES_HISTORY_DAYS);
            LocalDate earliest = rep.through().minusDays(io.goalpost.platform.kpis.KpiRoutes.MAX_RANGE_DAYS - 1L);
            return from.isBefore(earliest) ? earliest : from;
        }
    }

    private static LocalDate historySunday(GoalSpec g) {
        return g.start().minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
    }

    private static int historyWeeks(GoalSpec g) {
        long goalDays = ChronoUnit.DAYS.between(g.start(), g.deadline());
        return (int) Math.max(2, Math.min(MAX_HISTORY_WEEKS, (goalDays + 6) / 7));
    }

    /** The attainability check as answered (and stored). */
    public static JsonObject attainabilityJson(GoalMath.Attainability a) {
        return new JsonObject().put("label", a.label())
                .put("required_weekly_change", a.requiredWeeklyChange())
                .put("historical_weekly_change", a.historicalWeeklyChange()).put("ratio", a.ratio())
                .put("history_weeks", a.historyWeeks()).put("reason", a.reason());
    }

    /**
     * The goal as answered by the API. The per-network breakdown (with every measured account) only
     * comes with one goal ({@code detail}): lists and the dashboard carry many goals over many accounts.
     */
    public static JsonObject toJson(Goal goal, Evaluation e, boolean detail) {
        GoalSpec s = goal.spec();
        String objectiveName = Objectives.byId(s.objective()).map(Objective::name).orElse(s.objective());
        GoalMath.Forecast f = e.forecast();
        JsonArray breakdown = new JsonArray();
        for (NetworkPart part : e.breakdown()) {
            JsonArray accounts = new JsonArray();
            part.accounts().forEach(a -> accounts.add(new JsonObject().put("id", a.id()).put("name", a.name())));
            breakdown.add(new JsonObject().put("network", part.network()).put("name", part.name()).put("accounts", accounts)
                    .put("baseline", part.baseline().value()).put("baseline_reason", part.baseline().reason())
                    .put("current", part.current().value()).put("current_reason", part.current().reason())
                    .put("change", part.baseline().value() == null || part.current().value() == null ? null
                            : part.current().value() - part.baseline().value()));
        }
        JsonArray weekly = new JsonArray();
        e.weekly().forEach(p -> weekly.add(p.toJson()));
        return new JsonObject()
                .put("id", goal.id())
                .put("title", s.title())
                .put("objective", new JsonObject().put("id", s.objective()).put("name", objectiveName))
                .put("kpi", e.kpi().toShortJson())
                .put("scope", new JsonObject().put("networks", new JsonArray(List.copyOf(s.networks())))
                        .put("accounts", new JsonArray(List.copyOf(s.accounts()))))
                .put("target", new JsonObject().put("type", s.targetType()).put("value", s.targetValue())
                        .put("resolved", e.target()))
                .put("start", s.start().toString())
                .put("deadline", s.deadline().toString())
                .put("owner", s.owner())
                .put("why", s.why())
                .put("created_at", goal.createdAt() == null ? null : goal.createdAt().toInstant().toString())
                .put("updated_at", goal.updatedAt() == null ? null : goal.updatedAt().toInstant().toString())
                .put("measure", e.measure())
                .put("sentence", e.sentence())
                .put("baseline", new JsonObject().put("value", e.baseline().value()).put("as_of", e.baselineDay().toString())
                        .put("from", e.baselineFrom() == null ? null : e.baselineFrom().toString())
                        .put("reason", e.baseline().reason()))
                .put("current", new JsonObject().put("value", e.current().value()).put("as_of", e.asOf().toString())
                        .put("from", e.currentFrom() == null ? null : e.currentFrom().toString())
                        .put("reason", e.current().reason()))
                .put("progress", e.progress())
                .put("expected_progress", e.expected())
                .put("forecast", new JsonObject().put("value", f.value()).put("at", s.deadline().toString())
                        .put("trend_per_week", f.trendPerWeek()).put("weeks_used", f.weeksUsed()).put("reason", f.reason())
                        .put("weekly", weekly))
                .put("status", e.status().status().id())
                .put("status_reason", e.status().reason())
                .put("ready_on", e.readyOn() == null ? null : e.readyOn().toString())
                .put("attainability", e.attainability().copy())
                .put("coverage", e.coverage().toJson())
                .put("comparison", e.comparison().toJson())
                .put("breakdown", detail ? breakdown : null)
                .put("tactic_count", goal.tacticCount());
    }

    /** {@code GET /api/goals/{id}/series}: the goal's measure per day, and the lines it is judged against. */
    public static JsonObject seriesJson(Goal goal, Evaluation e) {
        GoalSpec s = goal.spec();
        JsonArray actual = new JsonArray();
        e.series().forEach(p -> actual.add(p.toJson()));
        JsonArray target = new JsonArray();
        JsonArray expected = new JsonArray();
        JsonArray forecast = new JsonArray();
        if (e.target() != null) {
            target.add(point(s.start(), e.target())).add(point(s.deadline(), e.target()));
            if (e.baseline().value() != null) {
                expected.add(point(s.start(), e.baseline().value())).add(point(s.deadline(), e.target()));
            }
        }
        if (e.forecast().value() != null && e.current().value() != null) {
            forecast.add(point(e.asOf(), e.current().value())).add(point(s.deadline(), e.forecast().value()));
        }
        return new JsonObject().put("goal_id", goal.id()).put("kpi", e.kpi().toShortJson()).put("measure", e.measure())
                .put("start", s.start().toString()).put("deadline", s.deadline().toString())
                .put("current", new JsonObject().put("value", e.current().value()).put("as_of", e.asOf().toString()))
                .put("baseline", new JsonObject().put("value", e.baseline().value()).put("as_of", e.baselineDay().toString()))
                .put("actual", actual).put("target", target).put("expected", expected).put("forecast", forecast);
    }

    private static JsonObject point(LocalDate day, double value) {
        return new JsonObject().put("day", day.toString()).put("value", value);
    }
}
