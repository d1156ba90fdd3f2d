package io.goalpost.platform.goals;

import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.kpis.KpiCatalog;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiDefinition.Direction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks a goal body (the checks that need no data); 400 naming every bad field. Text, dates
 * and numbers follow {@link Inputs}: {@code title} and {@code owner} single-line (at most 200
 * characters), {@code why} free text (line breaks allowed, at most 2,000), {@code start} and
 * {@code deadline} within 2000-01-01..2100-12-31, {@code target.value} at most 10^15 in magnitude and,
 * for {@code increase_pct}, above −100 and at most {@link #MAX_INCREASE_PCT}.
 */
public final class GoalParser {

    /** Target types. */
    public static final Set<String> TARGET_TYPES = Set.of("absolute", "increase_by", "increase_pct");

    /**
     * The largest {@code increase_pct} (1,000,000 %: a target 10,001 times the baseline). A baseline is a
     * sum of stored values of at most 10^15 each, so the resolved target stays many orders of magnitude
     * below the largest double; a bigger change is better stated as an {@code absolute} target.
     */
    public static final double MAX_INCREASE_PCT = 1_000_000;

    private GoalParser() {
    }

    /** Parses a goal; {@code withTactics} allows a "tactics" array (create). */
    public static GoalSpec parse(JsonObject body, boolean withTactics) {
        Fields f = Fields.of(body);
        String title = f.string("title", true, Inputs.NAME_MAX);
        String objective = f.string("objective", true, Inputs.ID_MAX);
        if (objective != null && Objectives.byId(objective).isEmpty()) {
            f.problem("objective", "unknown objective '" + objective + "' (see GET /api/objectives)");
        }
        String kpiId = f.string("kpi", true, Inputs.ID_MAX);
        Optional<KpiDefinition> kpi = KpiCatalog.byId(kpiId);
        if (kpiId != null && kpi.isEmpty()) {
            f.problem("kpi", "unknown KPI '" + kpiId + "' (see GET /api/kpis)");
        }
        List<String> networks = new ArrayList<>();
        List<Long> accounts = new ArrayList<>();
        JsonObject scope = f.object("scope", false);
        if (scope != null) {
            Object nets = scope.getValue("networks");
            if (nets != null) {
                if (nets instanceof JsonArray a && a.stream().allMatch(x -> x instanceof String)) {
                    for (int i = 0; i < a.size(); i++) {
                        try {
                            networks.add(Inputs.line(a.getString(i), Inputs.ID_MAX).trim());
                        } catch (Inputs.Invalid e) {
                            f.problem("scope", "networks[" + i + "] " + e.problem());
                        }
                    }
                } else {
                    f.problem("scope", "networks must be an array of network ids");
                }
            }
            Object accs = scope.getValue("accounts");
            if (accs != null) {
                if (accs instanceof JsonArray a && a.stream().allMatch(x -> x instanceof Number n
                        && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0)) {
                    a.forEach(x -> accounts.add(((Number) x).longValue()));
                } else {
                    f.problem("scope", "accounts must be an array of account ids");
                }
            }
        }
        LocalDate start = f.date("start", true);
        LocalDate deadline = f.date("deadline", true);
        if (start != null && deadline != null && !deadline.isAfter(start)) {
            f.problem("deadline", "must be after start (" + start + ")");
        }
        if (start != null && deadline != null && deadline.isAfter(start.plusYears(5))) {
            f.problem("deadline", "must be at most 5 years after start");
        }
        String type = null;
        Double value = null;
        JsonObject target = f.object("target", true);
        if (target != null) {
            Fields t = f.nested(target, "target");
            type = t.string("type", true, 20);
            if (type != null && !TARGET_TYPES.contains(type)) {
                t.problem("type", "must be absolute, increase_by or increase_pct, got '" + type + "'");
                type = null;
            }
            value = t.number("value", true);
            if (type != null && value != null && kpi.isPresent()) {
                checkDirection(t, kpi.get(), type, value);
            }
        }
        String owner = f.string("owner", false, Inputs.NAME_MAX);
        String why = f.text("why", false, Inputs.TEXT_MAX);
        List<TacticSpec> tactics = new ArrayList<>();
        if (withTactics) {
            JsonArray arr = f.array("tactics");
            if (arr != null) {
                for (int i = 0; i < arr.size(); i++) {
                    Object o = arr.getValue(i);
                    if (!(o instanceof JsonObject tj)) {
                        f.problem("tactics[" + i + "]", "must be an object");
                        continue;
                    }
                    TacticSpec ts = TacticParser.parse(new Fields(tj, "tactics[" + i + "].", f.problems()));
                    if (ts != null) {
                        tactics.add(ts);
                    }
                }
            }
        } else if (body.containsKey("tactics")) {
            f.problem("tactics", "are managed under /api/goals/{id}/tactics");
        }
        f.throwIfAny("the goal");
        return new GoalSpec(title, objective, kpiId, networks, accounts, type, value, start, deadline, owner, why, tactics);
    }

    private static void checkDirection(Fields t, KpiDefinition kpi, String type, double value) {
        boolean up = kpi.direction() == Direction.UP;
        switch (type) {
            case "increase_by", "increase_pct" -> {
                if (value == 0) {
                    t.problem("value", "must not be 0: the target must be a change in " + kpi.name());
                } else if (up && value < 0) {
                    t.problem("value", "must be positive: higher " + kpi.name() + " is better");
                } else if (!up && value > 0) {
                    t.problem("value", "must be negative (a reduction): lower " + kpi.name() + " is better");
                } else if (type.equals("increase_pct") && value <= -100) {
                    t.problem("value", "a reduction must be less than 100 %");
                } else if (type.equals("increase_pct") && value > MAX_INCREASE_PCT) {
                    t.problem("value", "must be at most 1,000,000 (%, a target 10,001 times the baseline); state a bigger change as an absolute target");
                }
            }
            default -> {
                if (value < 0) {
                    t.problem("value", "must not be negative");
                }
            }
        }
    }
}
