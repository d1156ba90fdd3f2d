package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class PhasedCursorTest {

    private static final DateRange RANGE = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));

    @Test
    void aRangeStartsWithItsFirstMetricsWindowAndEndsWithThePosts() throws AdapterException {
        PhasedCursor start = PhasedCursor.of(FetchRequest.of(RANGE), 1, "Mastodon");
        assertThat(start).isEqualTo(PhasedCursor.metrics(RANGE.from()));
        assertThat(start.window(RANGE, 30)).isEqualTo(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 30)));

        DateRange last = PhasedCursor.metrics(LocalDate.of(2026, 3, 20)).window(RANGE, 30);
        assertThat(last.to()).as("clipped to the range").isEqualTo(RANGE.to());
        assertThat(PhasedCursor.afterMetrics(LocalDate.of(2026, 1, 30), RANGE)).isEqualTo(PhasedCursor.metrics(LocalDate.of(2026, 1, 31)));
        assertThat(PhasedCursor.afterMetrics(RANGE.to(), RANGE)).isEqualTo(PhasedCursor.firstPostsPage());
    }

    @Test
    void everyStepSurvivesTheRoundTripThroughACursor() throws AdapterException {
        for (PhasedCursor step : new PhasedCursor[] {PhasedCursor.metrics(LocalDate.of(2026, 2, 1)),
                PhasedCursor.firstPostsPage(), PhasedCursor.postsPage("max_id=1099|x")}) {
            Cursor cursor = step.toCursor(2);
            assertThat(PhasedCursor.of(FetchRequest.resume(RANGE, cursor), 2, "Mastodon")).isEqualTo(step);
        }
    }

    @Test
    void aCursorOfAnotherVersionFormatOrRangeIsCursorInvalid() {
        assertThatThrownBy(() -> PhasedCursor.parse(new Cursor(1, "metrics|2026-02-01"), RANGE, 2, "Mastodon"))
                .isInstanceOf(AdapterException.CursorInvalid.class).hasMessageContaining("version 1");
        assertThatThrownBy(() -> PhasedCursor.parse(new Cursor(2, "%%not-a-cursor%%"), RANGE, 2, "Mastodon"))
                .isInstanceOf(AdapterException.CursorInvalid.class);
        assertThatThrownBy(() -> PhasedCursor.parse(new Cursor(2, "metrics|2025-12-31"), RANGE, 2, "Mastodon"))
                .isInstanceOf(AdapterException.CursorInvalid.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> PhasedCursor.parse(new Cursor(2, "metrics|soon"), RANGE, 2, "Mastodon"))
                .isInstanceOf(AdapterException.CursorInvalid.class);
    }
}
