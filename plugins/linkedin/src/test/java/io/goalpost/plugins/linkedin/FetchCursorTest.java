package io.goalpost.plugins.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.DateRange;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cursor tokens survive the round trip through the host unchanged in meaning. */
final class FetchCursorTest {

    private static final DateRange RANGE = new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31));

    @Test
    void everyStepRoundTrips() throws Exception {
        for (FetchCursor step : List.of(new FetchCursor.Stats(LocalDate.of(2026, 2, 1)), new FetchCursor.Followers(),
                new FetchCursor.Posts(0, null), new FetchCursor.Posts(150, 1767300000000L))) {
            assertThat(FetchCursor.parse(step.toCursor(), RANGE)).isEqualTo(step);
        }
        assertThat(new FetchCursor.Posts(50, 1767300000000L).token()).isEqualTo("posts|50|1767300000000");
        assertThat(new FetchCursor.Stats(LocalDate.of(2026, 2, 1)).token()).isEqualTo("stats|2026-02-01");
    }
}
