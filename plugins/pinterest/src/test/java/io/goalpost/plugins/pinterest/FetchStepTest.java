package io.goalpost.plugins.pinterest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The cursor token format: every step the adapter writes reads back as itself, anything else is refused. */
final class FetchStepTest {

    private static final DateRange RANGE = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));

    @Test
    void stepsRoundTripThroughTheirCursor() throws AdapterException {
        for (FetchStep step : new FetchStep[] {new FetchStep.Metrics(LocalDate.of(2026, 2, 1)),
                new FetchStep.Posts(null), new FetchStep.Posts("Y2JVSG81V2tzd|with|bars==")}) {
            Cursor cursor = step.cursor();
            assertThat(cursor.version()).isEqualTo(FetchStep.CURSOR_VERSION);
            assertThat(FetchStep.parse(cursor, RANGE)).isEqualTo(step);
        }
        assertThat(new FetchStep.Posts(null).token()).isEqualTo("posts|");
        assertThat(new FetchStep.Metrics(LocalDate.of(2026, 2, 1)).token()).isEqualTo("metrics|2026-02-01");
    }

    @Test
    void foreignOrCorruptCursorsAreCursorInvalid() {
        for (Cursor cursor : new Cursor[] {new Cursor(2, "posts|"), new Cursor(1, "%%not-a-cursor%%"),
                new Cursor(1, "metrics|2026-13-01"), new Cursor(1, "metrics|2025-12-31"), new Cursor(1, "metrics"),
                new Cursor(1, "boards|x")}) {
            assertThatThrownBy(() -> FetchStep.parse(cursor, RANGE)).as(cursor.toString())
                    .isInstanceOf(AdapterException.CursorInvalid.class)
                    .hasMessageContaining("Pinterest sync position");
        }
    }
}
