package io.goalpost.platform.kpis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a change between two periods compares (docs/kpis.md §3): the same number of days in both,
 * through the scope's data-through day, over the same accounts; accounts in only one of the periods
 * are named, never summed against nothing.
 *
 * @param through the last day compared in the current period (null when no day is final yet)
 * @param days days compared in the current period
 * @param previousDays days compared in the previous period (equal to {@code days})
 * @param accounts accounts compared in both periods
 * @param excluded accounts left out of the change, with why
 * @param note one sentence a person reads next to the change
 */
public record Comparison(LocalDate through, int days, int previousDays, int accounts, List<Excluded> excluded,
        String note) {

    /**
     * An account left out of a comparison.
     *
     * @param id account id
     * @param name account name
     * @param why why, in words
     */
    public record Excluded(long id, String name, String why) {
        public Excluded {
            Objects.requireNonNull(name);
            Objects.requireNonNull(why);
        }

        JsonObject toJson() {
            return new JsonObject().put("id", id).put("name", name).put("why", why);
        }
    }

    public Comparison {
        if (days < 0 || previousDays < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        excluded = List.copyOf(excluded);
        Objects.requireNonNull(note);
    }

    /** As answered. */
    public JsonObject toJson() {
        JsonArray ex = new JsonArray();
        excluded.forEach(e -> ex.add(e.toJson()));
        return new JsonObject().put("through", through == null ? null : through.toString()).put("days", days)
                .put("previous_days", previousDays).put("accounts", accounts).put("excluded", ex).put("note", note);
    }
}
