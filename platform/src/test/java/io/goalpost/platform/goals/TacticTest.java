package io.goalpost.platform.goals;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.platform.goals.Tactic.Quadrant;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quadrants and priority order of docs/kpis.md §6. */
class TacticTest {

    @Test
    void quadrantThresholds() {
        assertThat(Quadrant.of(3, 2)).isEqualTo(Quadrant.QUICK_WIN);
        assertThat(Quadrant.of(5, 1)).isEqualTo(Quadrant.QUICK_WIN);
        assertThat(Quadrant.of(3, 3)).isEqualTo(Quadrant.BIG_BET);
        assertThat(Quadrant.of(2, 2)).isEqualTo(Quadrant.FILL_IN);
        assertThat(Quadrant.of(2, 3)).isEqualTo(Quadrant.MONEY_PIT);
        assertThat(Quadrant.of(1, 5)).isEqualTo(Quadrant.MONEY_PIT);
    }

    static Tactic t(long id, int value, int complexity, LocalDate due) {
        return new Tactic(id, 1, new TacticSpec("t" + id, null, due, "todo", value, complexity));
    }

    @Test
    void priorityOrdersByQuadrantThenValueComplexityAndDueDate() {
        List<JsonObject> ranked = Tactic.ranked(List.of(
                t(1, 1, 5, null),                         // money pit
                t(2, 2, 1, null),                         // fill-in
                t(3, 5, 5, null),                         // big bet
                t(4, 3, 2, LocalDate.of(2026, 3, 1)),     // quick win, value 3
                t(5, 4, 2, null),                         // quick win, value 4
                t(6, 3, 2, LocalDate.of(2026, 2, 1))));   // quick win, value 3, earlier due
        assertThat(ranked.stream().map(o -> o.getLong("id")).toList()).containsExactly(5L, 6L, 4L, 3L, 2L, 1L);
        assertThat(ranked.get(0).getInteger("priority")).isEqualTo(1);
        assertThat(ranked.get(0).getString("quadrant")).isEqualTo("quick_win");
        assertThat(ranked.get(5).getString("quadrant")).isEqualTo("money_pit");
    }
}
