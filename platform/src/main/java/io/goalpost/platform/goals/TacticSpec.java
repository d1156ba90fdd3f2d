package io.goalpost.platform.goals;

import java.time.LocalDate;

/**
 * A tactic as the user states it (docs/kpis.md §6).
 *
 * @param title what to do
 * @param owner who does it, or null
 * @param due when, or null
 * @param status todo, doing, done or dropped
 * @param value 1–5
 * @param complexity 1–5
 */
public record TacticSpec(String title, String owner, LocalDate due, String status, int value, int complexity) {
}
