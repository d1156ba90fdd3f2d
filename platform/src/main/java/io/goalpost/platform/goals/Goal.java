package io.goalpost.platform.goals;

import java.time.OffsetDateTime;

/**
 * A stored goal.
 *
 * @param id id
 * @param spec what the user stated
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param tacticCount number of tactics
 * @param attainability the attainability check made when the goal was saved (API shape), or null
 */
public record Goal(long id, GoalSpec spec, OffsetDateTime createdAt, OffsetDateTime updatedAt, int tacticCount,
        io.vertx.core.json.JsonObject attainability) {
}
