package io.goalpost.platform.goals;

import java.time.LocalDate;
import java.util.List;

/**
 * A goal as the user states it (docs/kpis.md §5); everything else is computed.
 *
 * @param title short title
 * @param objective objective template id
 * @param kpi KPI id
 * @param networks scope networks
 * @param accounts scope accounts
 * @param targetType absolute, increase_by or increase_pct
 * @param targetValue the number
 * @param start first day
 * @param deadline last day
 * @param owner who owns it, or null
 * @param why why it matters, or null
 * @param tactics tactics to create with the goal (create only)
 */
public record GoalSpec(String title, String objective, String kpi, List<String> networks, List<Long> accounts,
        String targetType, double targetValue, LocalDate start, LocalDate deadline, String owner, String why,
        List<TacticSpec> tactics) {

    public GoalSpec {
        networks = List.copyOf(networks);
        accounts = List.copyOf(accounts);
        tactics = List.copyOf(tactics);
    }
}
