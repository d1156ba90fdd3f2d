package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting ranges into buckets and buckets into the fewest roll-up rows. */
class PeriodsTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void weeksAreIsoWeeksClippedToTheRange() {
        List<Bucket> b = Periods.split(d("2026-01-01"), d("2026-01-20"), Granularity.WEEK);
        assertThat(b).extracting(Bucket::from).containsExactly(d("2026-01-01"), d("2026-01-05"), d("2026-01-12"), d("2026-01-19"));
        assertThat(b).extracting(Bucket::to).containsExactly(d("2026-01-04"), d("2026-01-11"), d("2026-01-18"), d("2026-01-20"));
        assertThat(Periods.split(d("2026-01-30"), d("2026-03-02"), Granularity.MONTH)).extracting(Bucket::days)
                .containsExactly(2L, 28L, 2L);
        assertThat(Periods.previous(0, d("2026-02-01"), d("2026-02-28"))).isEqualTo(new Bucket(0, d("2026-01-04"), d("2026-01-31")));
    }

    @Test
    void aRangeIsCoveredByWholeMonthsThenWholeWeeksThenDays() {
        // 2026-01-08 (Thu) .. 2026-03-03 (Tue): February whole; Jan 12–25 whole weeks; the rest days.
        List<Periods.Segment> s = Periods.segments(new Bucket(0, d("2026-01-08"), d("2026-03-03")));
        assertThat(s).containsExactlyInAnyOrder(
                new Periods.Segment(0, Periods.MONTHS, d("2026-02-01"), d("2026-02-01")),
                new Periods.Segment(0, Periods.WEEKS, d("2026-01-12"), d("2026-01-19")),
                new Periods.Segment(0, Periods.DAYS, d("2026-01-08"), d("2026-01-11")),
                new Periods.Segment(0, Periods.DAYS, d("2026-01-26"), d("2026-01-31")),
                new Periods.Segment(0, Periods.DAYS, d("2026-03-01"), d("2026-03-03")));
        long covered = s.stream().mapToLong(seg -> switch (seg.source()) {
            case Periods.MONTHS -> 28;
            case Periods.WEEKS -> 14;
            default -> seg.to().toEpochDay() - seg.from().toEpochDay() + 1;
        }).sum();
        assertThat(covered).isEqualTo(55);
        assertThat(Periods.segments(new Bucket(3, d("2026-01-05"), d("2026-01-11"))))
                .containsExactly(new Periods.Segment(3, Periods.WEEKS, d("2026-01-05"), d("2026-01-05")));
    }

    @Test
    void nearbyDayRangesAreReadInOneScanAndFarOnesApart() {
        List<Periods.Segment> s = List.of(new Periods.Segment(0, Periods.DAYS, d("2026-01-01"), d("2026-01-03")),
                new Periods.Segment(1, Periods.DAYS, d("2026-01-06"), d("2026-01-07")),
                new Periods.Segment(2, Periods.DAYS, d("2026-05-01"), d("2026-05-02")));
        assertThat(Periods.ranges(s, Periods.DAYS)).containsExactly(new Periods.DayRange(d("2026-01-01"), d("2026-01-07")),
                new Periods.DayRange(d("2026-05-01"), d("2026-05-02")));
    }

    @Test
    void fiveOrSixDaysOfAWeekAreReadAsTheWeekLessItsOtherDays() {
        // 2026-01-07 (Wed) .. 2026-01-16 (Fri): Wed–Sun of one week (5 days), Mon–Fri of the next (5 days).
        Bucket b = new Bucket(2, d("2026-01-07"), d("2026-01-16"));
        assertThat(Periods.cover(b, false)).containsExactly(
                new Periods.Segment(2, Periods.WEEKS, d("2026-01-05"), d("2026-01-05")),
                new Periods.Segment(2, Periods.DAYS, d("2026-01-05"), d("2026-01-06"), true),
                new Periods.Segment(2, Periods.WEEKS, d("2026-01-12"), d("2026-01-12")),
                new Periods.Segment(2, Periods.DAYS, d("2026-01-17"), d("2026-01-18"), true));
        // With last values, the second week's other days come after the bucket: its days are read.
        assertThat(Periods.cover(b, true)).containsExactly(
                new Periods.Segment(2, Periods.WEEKS, d("2026-01-05"), d("2026-01-05")),
                new Periods.Segment(2, Periods.DAYS, d("2026-01-05"), d("2026-01-06"), true),
                new Periods.Segment(2, Periods.DAYS, d("2026-01-12"), d("2026-01-16")));
        // Four days or fewer stay days (a week and three others would be as many rows).
        assertThat(Periods.cover(new Bucket(0, d("2026-01-08"), d("2026-01-11")), false))
                .containsExactly(new Periods.Segment(0, Periods.DAYS, d("2026-01-08"), d("2026-01-11")));
    }
}
