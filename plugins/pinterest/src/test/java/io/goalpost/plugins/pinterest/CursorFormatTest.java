package io.goalpost.plugins.pinterest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.support.PhasedCursor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Cursors stored by earlier versions of this plugin (its own FetchStep tokens) still resume: the
 * shared PhasedCursor reads the same format, so moving onto it needed no cursor version bump.
 */
final class CursorFormatTest {

    private static final DateRange RANGE = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));

    @Test
    void storedTokensReadAsTheSameSteps() throws AdapterException {
        assertThat(PhasedCursor.parse(new Cursor(1, "metrics|2026-02-01"), RANGE, PinterestAdapterFactory.CURSOR_VERSION,
                "Pinterest")).isEqualTo(PhasedCursor.metrics(LocalDate.of(2026, 2, 1)));
        assertThat(PhasedCursor.parse(new Cursor(1, "posts|"), RANGE, 1, "Pinterest")).isEqualTo(PhasedCursor.firstPostsPage());
        assertThat(PhasedCursor.parse(new Cursor(1, "posts|Y2JVSG81V2tzd|with|bars=="), RANGE, 1, "Pinterest"))
                .isEqualTo(PhasedCursor.postsPage("Y2JVSG81V2tzd|with|bars=="));
        assertThat(PinterestAdapterFactory.CURSOR_VERSION).isEqualTo(1);
    }

    @Test
    void foreignOrCorruptCursorsAreCursorInvalid() {
        for (Cursor cursor : new Cursor[] {new Cursor(2, "posts|"), new Cursor(1, "%%not-a-cursor%%"),
                new Cursor(1, "metrics|2026-13-01"), new Cursor(1, "metrics|2025-12-31"), new Cursor(1, "metrics"),
                new Cursor(1, "boards|x")}) {
            assertThatThrownBy(() -> PhasedCursor.parse(cursor, RANGE, PinterestAdapterFactory.CURSOR_VERSION, "Pinterest"))
                    .as(cursor.toString()).isInstanceOf(AdapterException.CursorInvalid.class)
                    .hasMessageContaining("Pinterest sync position");
        }
    }
}
