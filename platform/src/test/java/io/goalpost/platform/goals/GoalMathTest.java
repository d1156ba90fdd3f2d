package io.goalpost.platform.goals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.goalpost.platform.goals.GoalMath.Status;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiDefinition.Direction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Goal arithmetic of docs/kpis.md §5 against hand-computed examples. */
class GoalMathTest {

    static final GoalMath.Formatter FMT = Numbers::plain;
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate DEADLINE = LocalDate.of(2026, 3, 31);

    static List<Double> weeks(Double... v) {
        return new ArrayList<>(Arrays.asList(v));
    }

    @Test
    void targetsResolveFromTheBaseline() {
        assertThat(GoalMath.resolveTarget("absolute", 5000, 1200.0)).isEqualTo(5000.0);
        assertThat(GoalMath.resolveTarget("increase_by", 300, 1200.0)).isEqualTo(1500.0);
        assertThat(GoalMath.resolveTarget("increase_pct", 20, 1200.0)).isCloseTo(1440.0, within(1e-9));
        assertThat(GoalMath.resolveTarget("increase_pct", -10, 40.0)).isCloseTo(36.0, within(1e-9));
        assertThat(GoalMath.resolveTarget("increase_pct", 20, null)).isNull();
        assertThat(GoalMath.resolveTarget("absolute", 5000, null)).isEqualTo(5000.0);
    }

    @Test
    void progressAndLinearPacing() {
        // 1,200 → 1,440, now 1,310: 110 / 240.
        assertThat(GoalMath.progress(1200.0, 1310.0, 1440.0)).isCloseTo(45.8333, within(1e-3));
        // A reduction goal: bounce rate 50 → 40, now 45: half way.
        assertThat(GoalMath.progress(50.0, 45.0, 40.0)).isCloseTo(50.0, within(1e-9));
        assertThat(GoalMath.progress(1200.0, 1100.0, 1440.0)).isCloseTo(-41.667, within(1e-3));
        assertThat(GoalMath.progress(null, 1310.0, 1440.0)).isNull();
        // Jan 1 → Mar 31 is 89 days; Feb 14 is day 44.
        assertThat(GoalMath.expectedProgress(START, DEADLINE, LocalDate.of(2026, 2, 14))).isCloseTo(44 * 100.0 / 89, within(1e-9));
        assertThat(GoalMath.expectedProgress(START, DEADLINE, LocalDate.of(2025, 12, 1))).isZero();
        assertThat(GoalMath.expectedProgress(START, DEADLINE, LocalDate.of(2026, 6, 1))).isEqualTo(100.0);
    }

    @Test
    void leastSquaresSlopeSkipsWeeksWithoutData() {
        assertThat(GoalMath.slope(weeks(10.0, 20.0, 30.0, 40.0))).isCloseTo(10.0, within(1e-9));
        assertThat(GoalMath.slope(weeks(10.0, null, 30.0, 40.0))).isCloseTo(10.0, within(1e-9));
        // y = 1, 3, 2, 4: slope = Σ(x−1.5)(y−2.5) / Σ(x−1.5)² = 4 / 5.
        assertThat(GoalMath.slope(weeks(1.0, 3.0, 2.0, 4.0))).isCloseTo(0.8, within(1e-9));
        assertThat(GoalMath.slope(weeks(5.0))).isNull();
    }

    @Test
    void forecastProjectsTheRecentTrendToTheDeadline() {
        LocalDate asOf = LocalDate.of(2026, 3, 3);
        // 4 weeks left; +15 a week.
        GoalMath.Forecast f = GoalMath.forecast(1300.0, asOf, asOf.plusWeeks(4),
                weeks(1195.0, 1210.0, 1225.0, 1240.0, 1255.0, 1270.0, 1285.0, 1300.0));
        assertThat(f.trendPerWeek()).isCloseTo(15.0, within(1e-9));
        assertThat(f.value()).isCloseTo(1360.0, within(1e-9));
        assertThat(f.weeksUsed()).isEqualTo(8);
        // Only the last 8 weeks count: an old jump does not move the trend.
        List<Double> longer = weeks(0.0, 0.0, 1195.0, 1210.0, 1225.0, 1240.0, 1255.0, 1270.0, 1285.0, 1300.0);
        assertThat(GoalMath.forecast(1300.0, asOf, asOf.plusWeeks(4), longer).trendPerWeek()).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void forecastEdgeCases() {
        LocalDate asOf = LocalDate.of(2026, 3, 3);
        GoalMath.Forecast none = GoalMath.forecast(null, asOf, DEADLINE, weeks(null, null, null, null, null, null, null, null));
        assertThat(none.value()).isNull();
        assertThat(none.reason()).contains("at least 4 complete weeks");
        GoalMath.Forecast three = GoalMath.forecast(100.0, asOf, DEADLINE, weeks(null, null, null, null, null, 90.0, 95.0, 100.0));
        assertThat(three.value()).isNull();
        assertThat(three.weeksUsed()).isEqualTo(3);
        GoalMath.Forecast flat = GoalMath.forecast(100.0, asOf, DEADLINE, weeks(100.0, 100.0, 100.0, 100.0, 100.0));
        assertThat(flat.trendPerWeek()).isZero();
        assertThat(flat.value()).isEqualTo(100.0);
        // A drop of 10 a week, 4 weeks left.
        GoalMath.Forecast drop = GoalMath.forecast(110.0, asOf, asOf.plusWeeks(4), weeks(140.0, 130.0, 120.0, 110.0));
        assertThat(drop.trendPerWeek()).isCloseTo(-10.0, within(1e-9));
        assertThat(drop.value()).isCloseTo(70.0, within(1e-9));
        // Deadline passed: no weeks left, the forecast is the current value.
        GoalMath.Forecast past = GoalMath.forecast(110.0, asOf, asOf.minusDays(3), weeks(140.0, 130.0, 120.0, 110.0));
        assertThat(past.value()).isEqualTo(110.0);
    }

    static GoalMath.StatusResult status(LocalDate today, Double baseline, Double current, Double target, Double forecast) {
        GoalMath.Forecast f = new GoalMath.Forecast(forecast, forecast == null ? null : 1.0, forecast == null ? 0 : 8,
                forecast == null ? "none" : null);
        Double progress = GoalMath.progress(baseline, current, target);
        return GoalMath.status(phrasing(Direction.UP), today, START, DEADLINE, baseline, current, target, f, progress,
                GoalMath.expectedProgress(START, DEADLINE, today), null);
    }

    static GoalMath.Phrasing phrasing(Direction dir) {
        return new GoalMath.Phrasing("Followers", dir, v -> Numbers.compact(v, KpiDefinition.Unit.COUNT),
                d -> Numbers.day(d, LocalDate.of(2026, 1, 1)));
    }

    @Test
    void statusFollowsTheForecast() {
        LocalDate feb = LocalDate.of(2026, 2, 14);
        assertThat(status(feb, 1200.0, 1300.0, 1440.0, 1450.0).status()).isEqualTo(Status.ON_TRACK);
        // Needed 240; forecast 1,400 covers 200/240 = 83 % → at risk.
        GoalMath.StatusResult risk = status(feb, 1200.0, 1300.0, 1440.0, 1400.0);
        assertThat(risk.status()).isEqualTo(Status.AT_RISK);
        assertThat(risk.reason()).isEqualTo("Followers would reach about 1,400 by 31 Mar at the recent pace, short of the "
                + "target of 1,440 (83 % of the change needed).");
        // Exactly 80 % (1,392) is still at risk; 1,391 is off track.
        assertThat(status(feb, 1200.0, 1300.0, 1440.0, 1392.0).status()).isEqualTo(Status.AT_RISK);
        assertThat(status(feb, 1200.0, 1300.0, 1440.0, 1391.0).status()).isEqualTo(Status.OFF_TRACK);
        assertThat(status(feb, 1200.0, 1450.0, 1440.0, 1500.0).status()).isEqualTo(Status.ACHIEVED);
    }

    @Test
    void aForecastMovingAwayFromTheTargetSaysSo() {
        GoalMath.StatusResult away = status(LocalDate.of(2026, 2, 14), 1200.0, 1150.0, 1440.0, 1100.0);
        assertThat(away.status()).isEqualTo(Status.OFF_TRACK);
        assertThat(away.reason()).isEqualTo("Followers would reach about 1,100 by 31 Mar at the recent pace, moving away from "
                + "the target of 1,440.");
    }

    @Test
    void statusEdgeCases() {
        // Target met at creation (start in the past, the level already above the target).
        assertThat(status(START.plusDays(1), 1200.0, 1500.0, 1440.0, null).status()).isEqualTo(Status.ACHIEVED);
        // Deadline passed and not met.
        GoalMath.StatusResult missed = status(DEADLINE.plusDays(1), 1200.0, 1300.0, 1440.0, 1300.0);
        assertThat(missed.status()).isEqualTo(Status.MISSED);
        assertThat(missed.reason()).isEqualTo("The deadline (31 Mar) passed with followers at 1,300; the target was 1,440.");
        // Deadline passed and met stays achieved.
        assertThat(status(DEADLINE.plusDays(10), 1200.0, 1440.0, 1440.0, null).status()).isEqualTo(Status.ACHIEVED);
        // No history at all.
        assertThat(status(LocalDate.of(2026, 2, 1), null, null, null, null).status()).isEqualTo(Status.NO_DATA);
        assertThat(status(LocalDate.of(2025, 12, 20), 1200.0, 1200.0, 1440.0, null).status()).isEqualTo(Status.NOT_STARTED);
        // No forecast yet: linear pacing. Feb 14 is 49 % of the time; progress 50 % → on track.
        assertThat(status(LocalDate.of(2026, 2, 14), 1200.0, 1320.0, 1440.0, null).status()).isEqualTo(Status.ON_TRACK);
        // 41.7 % of 49.4 % expected = 84 % → at risk; 25 % → off track.
        assertThat(status(LocalDate.of(2026, 2, 14), 1200.0, 1300.0, 1440.0, null).status()).isEqualTo(Status.AT_RISK);
        assertThat(status(LocalDate.of(2026, 2, 14), 1200.0, 1260.0, 1440.0, null).status()).isEqualTo(Status.OFF_TRACK);
    }

    @Test
    void statusForAKpiWhereLowerIsBetter() {
        LocalDate feb = LocalDate.of(2026, 2, 14);
        GoalMath.Forecast f = new GoalMath.Forecast(38.0, -1.0, 8, null);
        assertThat(GoalMath.status(phrasing(Direction.DOWN), feb, START, DEADLINE, 50.0, 45.0, 40.0, f,
                GoalMath.progress(50.0, 45.0, 40.0), 49, null).status()).isEqualTo(Status.ON_TRACK);
        GoalMath.Forecast worse = new GoalMath.Forecast(52.0, 1.0, 8, null);
        assertThat(GoalMath.status(phrasing(Direction.DOWN), feb, START, DEADLINE, 50.0, 51.0, 40.0, worse,
                GoalMath.progress(50.0, 51.0, 40.0), 49, null).status()).isEqualTo(Status.OFF_TRACK);
        assertThat(GoalMath.status(phrasing(Direction.DOWN), feb, START, DEADLINE, 50.0, 39.0, 40.0, worse,
                GoalMath.progress(50.0, 39.0, 40.0), 49, null).status()).isEqualTo(Status.ACHIEVED);
    }

    /** A history of weekly levels growing by {@code perWeek}. */
    static List<Double> growth(int n, double perWeek) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(1000 + perWeek * i);
        }
        return out;
    }

    @Test
    void attainabilityComparesRequiredWithHistoricalWeeklyChange() {
        // 13 weeks (91 days), from 1,000: the guides' account gains 100 followers a week.
        LocalDate start = LocalDate.of(2026, 1, 5);
        LocalDate deadline = start.plusDays(91);
        List<Double> history = growth(13, 100);
        GoalMath.Attainability real = GoalMath.attainability(Direction.UP, 1000.0, 1000.0 + 13 * 150, start, deadline, history, FMT);
        assertThat(real.requiredWeeklyChange()).isCloseTo(150.0, within(1e-9));
        assertThat(real.historicalWeeklyChange()).isCloseTo(100.0, within(1e-9));
        assertThat(real.ratio()).isCloseTo(1.5, within(1e-9));
        assertThat(real.label()).isEqualTo("realistic");
        assertThat(GoalMath.attainability(Direction.UP, 1000.0, 1000.0 + 13 * 151, start, deadline, history, FMT).label())
                .isEqualTo("ambitious");
        assertThat(GoalMath.attainability(Direction.UP, 1000.0, 1000.0 + 13 * 250, start, deadline, history, FMT).label())
                .isEqualTo("ambitious");
        GoalMath.Attainability five = GoalMath.attainability(Direction.UP, 1000.0, 1000.0 + 13 * 500, start, deadline, history, FMT);
        assertThat(five.label()).isEqualTo("unrealistic");
        assertThat(five.ratio()).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void attainabilityEdgeCases() {
        LocalDate start = LocalDate.of(2026, 1, 5);
        LocalDate deadline = start.plusDays(91);
        List<Double> one = new ArrayList<>(Collections.nCopies(12, (Double) null));
        one.add(1000.0);
        GoalMath.Attainability none = GoalMath.attainability(Direction.UP, 1000.0, 2000.0, start, deadline, one, FMT);
        assertThat(none.label()).isEqualTo("no_history");
        assertThat(none.requiredWeeklyChange()).isCloseTo(1000.0 / 13, within(1e-9));
        assertThat(none.historyWeeks()).isEqualTo(1);
        GoalMath.Attainability falling = GoalMath.attainability(Direction.UP, 1000.0, 1100.0, start, deadline, growth(13, -5), FMT);
        assertThat(falling.label()).isEqualTo("unrealistic");
        assertThat(falling.ratio()).isNull();
        assertThat(falling.reason()).isEqualTo("in the 13 complete weeks before the start it did not move in the good direction");
        GoalMath.Attainability met = GoalMath.attainability(Direction.UP, 1000.0, 900.0, start, deadline, growth(13, 10), FMT);
        assertThat(met.label()).isEqualTo("realistic");
        assertThat(met.ratio()).isZero();
        // Lower is better: bounce rate falling 1 point a week, 1.2 points a week needed.
        GoalMath.Attainability down = GoalMath.attainability(Direction.DOWN, 50.0, 50.0 - 13 * 1.2, start, deadline,
                growth(13, -1), FMT);
        assertThat(down.ratio()).isCloseTo(1.2, within(1e-9));
        assertThat(down.label()).isEqualTo("realistic");
        assertThat(GoalMath.attainability(Direction.UP, null, null, start, deadline, growth(13, 10), FMT).label())
                .isEqualTo("no_history");
    }
}
