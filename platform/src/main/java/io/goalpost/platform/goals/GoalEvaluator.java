package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.Bucket;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.Coverage;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiService;
import io.goalpost.platform.kpis.KpiValue;
import io.goalpost.platform.kpis.Params;
import io.goalpost.platform.kpis.ResolvedScope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a goal's numbers from stored history, as of today (KPIS.md §4).
 *
 * <p>The goal's KPI is measured on a day as: the level on that day (last value in the 7 days ending
 * then, summed over accounts) for level KPIs; the KPI over the 7 days ending that day for every
 * other KPI (flows summed, ratios as ratio of sums); the day's own value for reach. The baseline is
 * the measure the day before the start, the current value the measure on the latest day with data
 * (no later than today or the deadline). Weekly values (ISO weeks) feed the forecast (last 4–8
 * weeks up to the current day) and the attainability check (the weeks before the start, as many as
 * the goal lasts).
 */
public final class GoalEvaluator {

    /** How far back the latest stored day is looked for. */
    public static final int AS_OF_LOOKBACK_DAYS = 35;
    /** Most weeks of history the attainability check reads. */
    public static final int MAX_HISTORY_WEEKS = 104;

    private final Pool pool;
    private final KpiService kpis;
    private final Capabilities caps;

    /** The numbers of one goal. */
    public record Evaluation(KpiDefinition kpi, ResolvedScope scope, String measure, LocalDate today, LocalDate asOf,
            LocalDate baselineDay, KpiValue baseline, KpiValue current, Double target, Double progress, double expected,
            GoalMath.Forecast forecast, GoalMath.StatusResult status, JsonObject attainability, String sentence) {

        /** Coverage of the current value. */
        public Coverage coverage() {
            return current.coverage();
        }
    }

    public GoalEvaluator(Pool pool, KpiService kpis, Capabilities caps) {
        this.pool = pool;
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

    /**
     * Evaluates a goal over a resolved scope as of {@code today}. The attainability check is made
     * from the history before the start when {@code storedAttainability} is null (creating or
     * changing a goal), else the stored check is kept.
     */
    public Future<Evaluation> evaluate(GoalSpec g, ResolvedScope scope, LocalDate today, JsonObject storedAttainability) {
        return evaluateGroup(List.of(g), List.of(java.util.Optional.ofNullable(storedAttainability)), scope, today)
                .map(l -> l.get(0));
    }

    /** The day a goal is measured up to at most: today, or the deadline once it has passed. */
    public static LocalDate cap(GoalSpec g, LocalDate today) {
        return today.isBefore(g.deadline()) ? today : g.deadline();
    }

    /**
     * Evaluates goals that share their KPI, scope and {@link #cap} in one roll-up query: the current
     * window and the forecast weeks are read once, each goal adds its baseline window (and, when it
     * has no stored attainability check, its history weeks).
     */
    public Future<List<Evaluation>> evaluateGroup(List<GoalSpec> goals, List<java.util.Optional<JsonObject>> stored,
            ResolvedScope scope, LocalDate today) {
        GoalSpec first = goals.get(0);
        KpiDefinition kpi = KpiCatalog.byId(first.kpi()).orElseThrow(() -> new IllegalStateException("unknown KPI " + first.kpi()));
        LocalDate cap = cap(first, today);
        return asOf(kpi, scope, cap).compose(asOf -> {
            String measure = measure(kpi);
            int len = measure.equals("daily") ? 1 : 7;
            List<Bucket> buckets = new ArrayList<>();
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            int current = bucket(buckets, index, asOf.minusDays(len - 1), asOf);
            LocalDate fSunday = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            int forecastWeeks = GoalMath.FORECAST_MAX_WEEKS;
            int[] weekIdx = weeks(buckets, index, fSunday, forecastWeeks, len);
            int[] baseIdx = new int[goals.size()];
            LocalDate[] baseDay = new LocalDate[goals.size()];
            int[][] histIdx = new int[goals.size()][];
            for (int i = 0; i < goals.size(); i++) {
                GoalSpec g = goals.get(i);
                baseDay[i] = g.start().minusDays(1).isBefore(asOf) ? g.start().minusDays(1) : asOf;
                baseIdx[i] = bucket(buckets, index, baseDay[i].minusDays(len - 1), baseDay[i]);
                if (stored.get(i).isEmpty()) {
                    long goalDays = ChronoUnit.DAYS.between(g.start(), g.deadline());
                    int historyWeeks = (int) Math.max(2, Math.min(MAX_HISTORY_WEEKS, (goalDays + 6) / 7));
                    LocalDate hSunday = g.start().minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
                    histIdx[i] = weeks(buckets, index, hSunday, historyWeeks, len);
                }
            }
            return kpis.values(null, kpi, scope, buckets).map(values -> {
                KpiValue cur = values.get(current);
                List<Double> weekly = new ArrayList<>();
                for (int w : weekIdx) {
                    weekly.add(values.get(w).value());
                }
                List<Evaluation> out = new ArrayList<>();
                GoalMath.Formatter fmt = v -> Numbers.format(v, kpi.unit());
                for (int i = 0; i < goals.size(); i++) {
                    GoalSpec g = goals.get(i);
                    KpiValue baseline = values.get(baseIdx[i]);
                    Double target = GoalMath.resolveTarget(g.targetType(), g.targetValue(), baseline.value());
                    Double progress = GoalMath.progress(baseline.value(), cur.value(), target);
                    double expected = GoalMath.expectedProgress(g.start(), g.deadline(), today);
                    GoalMath.Forecast forecast = GoalMath.forecast(cur.value(), asOf, g.deadline(), weekly);
                    GoalMath.StatusResult status = GoalMath.status(kpi.direction(), today, g.start(), g.deadline(),
                            baseline.value(), cur.value(), target, forecast, progress, expected, fmt);
                    JsonObject att;
                    if (stored.get(i).isPresent()) {
                        att = stored.get(i).get();
                    } else {
                        List<Double> history = new ArrayList<>();
                        for (int h : histIdx[i]) {
                            history.add(values.get(h).value());
                        }
                        att = attainabilityJson(GoalMath.attainability(kpi.direction(), baseline.value(), target, g.start(),
                                g.deadline(), history, fmt));
                    }
                    String sentence = GoalSentence.of(g, kpi, scope, caps, baseline.value(), target);
                    out.add(new Evaluation(kpi, scope, measure, today, asOf, baseDay[i], baseline, cur, target, progress,
                            expected, forecast, status, att, sentence));
                }
                return out;
            });
        });
    }

    private static int bucket(List<Bucket> buckets, java.util.Map<String, Integer> index, LocalDate from, LocalDate to) {
        return index.computeIfAbsent(from + "/" + to, k -> {
            buckets.add(new Bucket(buckets.size(), from, to));
            return buckets.size() - 1;
        });
    }

    /** Indexes of {@code n} weekly buckets ending on the Sundays up to {@code lastSunday}, oldest first. */
    private static int[] weeks(List<Bucket> buckets, java.util.Map<String, Integer> index, LocalDate lastSunday, int n,
            int len) {
        int[] out = new int[n];
        for (int k = n - 1, j = 0; k >= 0; k--, j++) {
            LocalDate end = lastSunday.minusWeeks(k);
            out[j] = bucket(buckets, index, len == 1 ? end : end.minusDays(6), end);
        }
        return out;
    }

    /** The latest day with stored data for the KPI's inputs in scope, no later than {@code cap}. */
    private Future<LocalDate> asOf(KpiDefinition kpi, ResolvedScope scope, LocalDate cap) {
        if (scope.accounts().isEmpty()) {
            return Future.succeededFuture(cap);
        }
        LocalDate lo = cap.minusDays(AS_OF_LOOKBACK_DAYS);
        Future<LocalDate> latest;
        if (kpi.source() == KpiDefinition.Source.POSTS) {
            latest = pool.preparedQuery("SELECT max(published_day) AS d FROM post WHERE account_id = ANY($1::bigint[]) "
                    + "AND published_day BETWEEN $2 AND $3")
                    .execute(Params.of(scope.ids(), lo, cap)).map(r -> r.iterator().next().getLocalDate("d"));
        } else {
            latest = pool.preparedQuery("SELECT max(last_day) AS d FROM metric_week WHERE metric = ANY($1::text[]) "
                    + "AND account_id = ANY($2::bigint[]) AND period BETWEEN $3 AND $4")
                    .execute(Params.of(kpi.inputs().toArray(String[]::new), scope.ids(),
                            lo.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                            cap.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))))
                    .map(r -> r.iterator().next().getLocalDate("d"));
        }
        return latest.map(d -> d == null || d.isAfter(cap) ? cap : d);
    }

    /** The attainability check as answered (and stored). */
    public static JsonObject attainabilityJson(GoalMath.Attainability a) {
        return new JsonObject().put("label", a.label())
                .put("required_weekly_change", a.requiredWeeklyChange())
                .put("historical_weekly_change", a.historicalWeeklyChange()).put("ratio", a.ratio())
                .put("history_weeks", a.historyWeeks()).put("reason", a.reason());
    }

    /** The goal as answered by the API. */
    public static JsonObject toJson(Goal goal, Evaluation e) {
        GoalSpec s = goal.spec();
        String objectiveName = Objectives.byId(s.objective()).map(Objective::name).orElse(s.objective());
        GoalMath.Forecast f = e.forecast();
        return new JsonObject()
                .put("id", goal.id())
                .put("title", s.title())
                .put("objective", new JsonObject().put("id", s.objective()).put("name", objectiveName))
                .put("kpi", e.kpi().toShortJson())
                .put("scope", new JsonObject().put("networks", new io.vertx.core.json.JsonArray(List.copyOf(s.networks())))
                        .put("accounts", new io.vertx.core.json.JsonArray(List.copyOf(s.accounts()))))
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
                        .put("reason", e.baseline().reason()))
                .put("current", new JsonObject().put("value", e.current().value()).put("as_of", e.asOf().toString())
                        .put("reason", e.current().reason()))
                .put("progress", e.progress())
                .put("expected_progress", e.expected())
                .put("forecast", new JsonObject().put("value", f.value()).put("at", s.deadline().toString())
                        .put("trend_per_week", f.trendPerWeek()).put("weeks_used", f.weeksUsed()).put("reason", f.reason()))
                .put("status", e.status().status().id())
                .put("status_reason", e.status().reason())
                .put("attainability", e.attainability().copy())
                .put("coverage", e.coverage().toJson())
                .put("tactic_count", goal.tacticCount());
    }
}
