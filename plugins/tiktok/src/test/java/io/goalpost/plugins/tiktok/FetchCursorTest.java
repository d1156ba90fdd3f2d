package io.goalpost.plugins.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class FetchCursorTest {

    private static final DateRange RANGE = new DateRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"));

    @Test
    void bothPhasesSurviveTheRoundTripThroughTheHost() throws Exception {
        FetchCursor metrics = new FetchCursor.MetricsFrom(LocalDate.parse("2026-01-31"));
        FetchCursor posts = new FetchCursor.PostsBefore(1772380800000L);

        assertThat(metrics.toCursor()).isEqualTo(new Cursor(1, "metrics|2026-01-31"));
        assertThat(posts.toCursor()).isEqualTo(new Cursor(1, "posts|1772380800000"));
        assertThat(FetchCursor.parse(metrics.toCursor(), RANGE)).isEqualTo(metrics);
        assertThat(FetchCursor.parse(posts.toCursor(), RANGE)).isEqualTo(posts);
    }

    @Test
    void anUnreadableCursorNamesItselfButStaysPrintable() {
        assertThatThrownBy(() -> FetchCursor.parse(new Cursor(1, "metrics|\u0000oops"), RANGE))
                .isInstanceOf(AdapterException.CursorInvalid.class)
                .hasMessageContaining("metrics|?oops")
                .hasMessageContaining("restarts");
    }

    @Test
    void aMetricsCursorOutsideTheRangeBelongsToAnotherRange() {
        assertThatThrownBy(() -> FetchCursor.parse(new Cursor(1, "metrics|2026-03-01"), RANGE))
                .isInstanceOf(AdapterException.CursorInvalid.class).hasMessageContaining("another date range");
    }
}
