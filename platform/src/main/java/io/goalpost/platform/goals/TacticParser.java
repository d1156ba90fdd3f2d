package io.goalpost.platform.goals;

import java.time.LocalDate;
import java.util.Set;

/** Reads a tactic body. */
public final class TacticParser {

    /** Tactic statuses. */
    public static final Set<String> STATUSES = Set.of("todo", "doing", "done", "dropped");

    private TacticParser() {
    }

    /** Parses into the problem map of {@code f}; null when a field is bad. */
    public static TacticSpec parse(Fields f) {
        int before = f.problems().size();
        String title = f.string("title", true, 200);
        String owner = f.string("owner", false, 200);
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
