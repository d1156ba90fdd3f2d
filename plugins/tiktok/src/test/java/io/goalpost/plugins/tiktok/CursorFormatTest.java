package io.goalpost.plugins.tiktok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.support.PhasedCursor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Cursors stored by earlier versions of this plugin still resume: PhasedCursor reads the same tokens. */
final class CursorFormatTest {

    private static final DateRange RANGE = new DateRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"));

    private static PhasedCursor parse(String token) throws AdapterException.CursorInvalid {
        return PhasedCursor.parse(new Cursor(1, token), RANGE, TikTokAdapterFactory.CURSOR_VERSION, "TikTok");
    }

    @Test
    void bothPhasesOfStoredCursorsReadAsBefore() throws Exception {
        assertThat(parse("metrics|2026-01-31")).isEqualTo(PhasedCursor.metrics(LocalDate.parse("2026-01-31")));
        assertThat(TikTokAdapter.videoCursor(parse("posts|1772380800000"))).isEqualTo(1772380800000L);
    }

    @Test
    void unreadableOrForeignCursorsAreCursorInvalid() {
        assertThatThrownBy(() -> parse("metrics|\u0000oops")).isInstanceOf(AdapterException.CursorInvalid.class);
        assertThatThrownBy(() -> parse("metrics|2026-03-01")).isInstanceOf(AdapterException.CursorInvalid.class)
                .hasMessageContaining("outside the range");
        for (String token : new String[] {"posts|", "posts|soon", "posts|-5"}) {
            assertThatThrownBy(() -> TikTokAdapter.videoCursor(parse(token))).as(token)
                    .isInstanceOf(AdapterException.CursorInvalid.class).hasMessageContaining("TikTok sync position");
        }
    }
}
