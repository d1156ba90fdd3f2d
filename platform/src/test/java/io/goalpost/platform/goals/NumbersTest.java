package io.goalpost.platform.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.kpis.KpiDefinition.Unit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Numbers and days as statuses, cards and axes write them. */
class NumbersTest {

    @Test
    void compactNumbersReadLikeAPersonWouldSayThem() {
        assertThat(Numbers.compact(5129.69, Unit.COUNT)).isEqualTo("5,130");
        assertThat(Numbers.compact(42.25, Unit.COUNT)).isEqualTo("42.3");
        assertThat(Numbers.compact(254_707.35, Unit.COUNT)).isEqualTo("255 k");
        assertThat(Numbers.compact(12_345, Unit.COUNT)).isEqualTo("12.3 k");
        assertThat(Numbers.compact(99_960, Unit.COUNT)).isEqualTo("100 k");
        assertThat(Numbers.compact(1_234_567, Unit.COUNT)).isEqualTo("1.2 M");
        assertThat(Numbers.compact(999_960, Unit.COUNT)).isEqualTo("1 M");
        assertThat(Numbers.compact(3.5e9, Unit.COUNT)).isEqualTo("3.5 B");
        assertThat(Numbers.compact(-28_400, Unit.COUNT)).isEqualTo("-28.4 k");
        assertThat(Numbers.compact(4.2, Unit.PERCENT)).isEqualTo("4.2 %");
        assertThat(Numbers.compact(1234.5, Unit.CURRENCY)).isEqualTo("1,234.50");
        assertThat(Numbers.compact(45_600, Unit.CURRENCY)).isEqualTo("45.6 k");
        // Exact numbers stay exact.
        assertThat(Numbers.format(254_707.35, Unit.COUNT)).isEqualTo("254,707.35");
    }

    @Test
    void daysAreWrittenInWordsWithTheYearOnlyWhenItDiffers() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        assertThat(Numbers.day(LocalDate.of(2026, 2, 4), today)).isEqualTo("4 Feb");
        assertThat(Numbers.day(LocalDate.of(2027, 2, 4), today)).isEqualTo("4 Feb 2027");
    }
}
