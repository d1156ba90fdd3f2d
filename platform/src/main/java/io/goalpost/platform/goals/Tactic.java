package io.goalpost.platform.goals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A stored tactic.
 *
 * @param id id
 * @param goalId its goal
 * @param spec what the user stated
 */
public record Tactic(long id, long goalId, TacticSpec spec) {

    /** The value/complexity quadrants of docs/kpis.md §6, highest priority first. */
    public enum Quadrant {
        QUICK_WIN, BIG_BET, FILL_IN, MONEY_PIT;

        /** The API id. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Quick win (value ≥ 3, complexity < 3), big bet (≥ 3, ≥ 3), fill-in (< 3, < 3), money pit (< 3, ≥ 3). */
        public static Quadrant of(int value, int complexity) {
            boolean valuable = value >= 3;
            boolean complex = complexity >= 3;
            if (valuable) {
                return complex ? BIG_BET : QUICK_WIN;
            }
            return complex ? MONEY_PIT : FILL_IN;
        }
    }

    /** This tactic's quadrant. */
    public Quadrant quadrant() {
        return Quadrant.of(spec.value(), spec.complexity());
    }

    /** Priority order: quadrant, then higher value, lower complexity, earlier due date (none last), lower id. */
    public static final Comparator<Tactic> PRIORITY = Comparator.comparing(Tactic::quadrant)
            .thenComparing(t -> -t.spec().value())
            .thenComparing(t -> t.spec().complexity())
            .thenComparing(t -> t.spec().due(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Tactic::id);

    /** Sorts by priority and numbers them from 1. */
    public static List<JsonObject> ranked(List<Tactic> tactics) {
        List<Tactic> sorted = new ArrayList<>(tactics);
        sorted.sort(PRIORITY);
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.add(sorted.get(i).toJson(i + 1));
        }
        return out;
    }

    /** As JSON with its priority rank. */
    public JsonObject toJson(int priority) {
        return new JsonObject().put("id", id).put("goal_id", goalId).put("title", spec.title())
                .put("owner", spec.owner()).put("due", spec.due() == null ? null : spec.due().toString())
                .put("status", spec.status()).put("value", spec.value()).put("complexity", spec.complexity())
                .put("quadrant", quadrant().id()).put("priority", priority);
    }
}
