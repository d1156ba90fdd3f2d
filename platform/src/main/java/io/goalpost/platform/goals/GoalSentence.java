package io.goalpost.platform.goals;

import io.goalpost.platform.kpis.AccountRef;
import io.goalpost.platform.kpis.Capabilities;
import io.goalpost.platform.kpis.KpiDefinition;
import io.goalpost.platform.kpis.KpiDefinition.Direction;
import io.goalpost.platform.kpis.KpiDefinition.Unit;
import io.goalpost.platform.kpis.ResolvedScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** States a goal as one SMART sentence: "Increase Facebook followers by 20 % from 1,200 to 1,440 between … and …". */
public final class GoalSentence {

    private GoalSentence() {
    }

    /** The sentence. */
    public static String of(GoalSpec g, KpiDefinition kpi, ResolvedScope scope, Capabilities caps, Double baseline,
            Double target) {
        String verb;
        String by = "";
        String points = kpi.unit() == Unit.PERCENT ? " points" : "";
        switch (g.targetType()) {
            case "increase_pct" -> {
                boolean up = g.targetValue() > 0;
                verb = up && g.targetValue() == 100 ? "Double" : up ? "Increase" : "Reduce";
                by = verb.equals("Double") ? "" : " by " + Numbers.plain(Math.abs(g.targetValue())) + " %";
            }
            case "increase_by" -> {
                verb = g.targetValue() > 0 ? "Increase" : "Reduce";
                by = " by " + (kpi.unit() == Unit.PERCENT ? Numbers.plain(Math.abs(g.targetValue())) + points
                        : Numbers.format(Math.abs(g.targetValue()), kpi.unit()));
            }
            default -> {
                if (baseline == null) {
                    verb = "Reach";
                } else {
                    verb = g.targetValue() >= baseline ? "Increase" : "Reduce";
                }
            }
        }
        if (verb.equals("Reach")) {
            return verb + " " + target(kpi, target) + " in " + what(g, kpi, scope, caps) + " between " + g.start()
                    + " and " + g.deadline();
        }
        StringBuilder sb = new StringBuilder(verb).append(' ').append(what(g, kpi, scope, caps)).append(by);
        if (baseline != null) {
            sb.append(" from ").append(Numbers.format(baseline, kpi.unit()));
        }
        if (target != null) {
            sb.append(" to ").append(Numbers.format(target, kpi.unit()));
        }
        sb.append(" between ").append(g.start()).append(" and ").append(g.deadline());
        return sb.toString();
    }

    private static String target(KpiDefinition kpi, Double target) {
        return target == null ? "the target" : Numbers.format(target, kpi.unit());
    }

    private static String what(GoalSpec g, KpiDefinition kpi, ResolvedScope scope, Capabilities caps) {
        String name = kpi.name().toLowerCase(Locale.ROOT);
        if (kpi.id().equals("cpm")) {
            name = "CPM";
        } else if (kpi.id().equals("csat")) {
            name = "CSAT";
        }
        String suffix;
        if (kpi.isLevel()) {
            suffix = "";
        } else if (kpi.isUnique()) {
            suffix = " per day";
        } else if (kpi.type() == KpiDefinition.Type.METRIC) {
            suffix = " per 7 days";
        } else {
            suffix = " over 7 days";
        }
        String where = where(g, scope, caps);
        if (where.isEmpty()) {
            return name + suffix + " across all accounts";
        }
        return where + " " + name + suffix;
    }

    private static String where(GoalSpec g, ResolvedScope scope, Capabilities caps) {
        List<String> parts = new ArrayList<>();
        g.networks().forEach(n -> parts.add(caps.displayName(n)));
        if (!g.accounts().isEmpty()) {
            List<String> names = scope.accounts().stream().filter(a -> g.accounts().contains(a.id()))
                    .map(AccountRef::name).toList();
            if (names.size() <= 3 && names.size() == g.accounts().size()) {
                parts.addAll(names);
            } else {
                parts.add(g.accounts().size() + " accounts");
            }
        }
        return join(parts);
    }

    /** "A", "A and B", "A, B and C". */
    public static String join(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** Direction word for messages. */
    static String better(Direction d) {
        return d == Direction.UP ? "above" : "below";
    }
}
