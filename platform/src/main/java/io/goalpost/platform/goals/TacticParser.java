package io.goalpost.platform.goals;

import io.goalpost.platform.api.Inputs;
import java.time.LocalDate;
import java.util.Set;

/**
 * Reads a tactic body: {@code title} and {@code owner} single-line, at most 200 characters; {@code due}
 * a date within 2000-01-01..2100-12-31 (the rules of {@link Inputs}); value and complexity 1–5.
 */
public final class TacticParser {

    /** Tactic statuses. */
    public static final Set<String> STATUSES = Set.of("todo", "doing", "done", "dropped");

    private TacticParser() {
    }

    /** Parses into the problem map of {@code f}; null when a field is bad. */
    public static TacticSpec parse(Fields f) {
        int before = f.problems().size();
        String title = f.string("title", true, Inputs.NAME_MAX);
        String owner = f.string("owner", false, Inputs.NAME_MAX);
        LocalDate due = f.date("due", false);
        String status = f.string("status", false, 20);
        if (status == null) {
            status = "todo";
        } else if (!STATUSES.contains(status)) {
            f.problem("status", "must be todo, doing, done or dropped, got '" + status + "'");
        }
        Integer value = f.integer("value", true, 1, 5);
        Integer complexity = f.integer("complexity", true, 1, 5);
        if (f.problems().size() > before) {
            return null;
        }
        return new TacticSpec(title, owner, due, status, value, complexity);
    }
}
