package io.goalpost.platform.kpis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.api.ApiError;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ViewRangeTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    @Test
    void theLongestRangeIsAcceptedAndOneDayMoreIsRefusedInWords() {
        ViewRange longest = new ViewRange(DAY.minusDays(KpiRoutes.MAX_RANGE_DAYS - 1), DAY);
        assertThat(longest.from()).isEqualTo(DAY.minusDays(KpiRoutes.MAX_RANGE_DAYS - 1));
        assertThatThrownBy(() -> new ViewRange(DAY.minusDays(KpiRoutes.MAX_RANGE_DAYS), DAY))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("longer than " + KpiRoutes.MAX_RANGE_DAYS + " days");
    }

    @Test
    void aReversedRangeIsRefusedNamingBothDays() {
        assertThatThrownBy(() -> new ViewRange(DAY, DAY.minusDays(1)))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("2026-12-05").hasMessageContaining("2026-12-06");
        assertThat(new ViewRange(DAY, DAY).to()).isEqualTo(DAY);
    }
}
