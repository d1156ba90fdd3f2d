package io.goalpost.platform.shares;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only link to a dashboard range or one goal.
 *
 * @param id the share's id
 * @param kind what it shows
 * @param from first day of a dashboard share
 * @param to last day of a dashboard share
 * @param goalId the goal of a goal share
 * @param goalTitle that goal's title, for the list of shares
 * @param createdBy who made it ({@code {"id", "username"}}, or null once they are deleted)
 * @param createdAt when
 * @param expiresAt when it stops working, if ever
 */
public record Share(long id, Kind kind, LocalDate from, LocalDate to, Long goalId, String goalTitle, JsonObject createdBy,
        OffsetDateTime createdAt, Optional<OffsetDateTime> expiresAt) {

    /** What a share shows. */
    public enum Kind {
        DASHBOARD, GOAL;

        /** The name in the API. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Share {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (kind == Kind.DASHBOARD && (from == null || to == null || to.isBefore(from))) {
            throw new IllegalArgumentException("a dashboard share needs a range");
        }
        if (kind == Kind.GOAL && goalId == null) {
            throw new IllegalArgumentException("a goal share needs a goal");
        }
    }

    /** The share as the people who manage it see it. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("kind", kind.id());
        if (kind == Kind.DASHBOARD) {
            json.put("from", from.toString()).put("to", to.toString());
        } else {
            json.put("goal", new JsonObject().put("id", goalId).put("name", goalTitle));
        }
        return json.put("created_by", createdBy).put("created_at", createdAt.toInstant().toString())
                .put("expires_at", expiresAt.map(t -> t.toInstant().toString()).orElse(null));
    }

    /** What a visitor of the link is told about it (nothing about who made it). */
    public JsonObject publicJson() {
        JsonObject json = new JsonObject().put("kind", kind.id());
        if (kind == Kind.DASHBOARD) {
            json.put("from", from.toString()).put("to", to.toString());
        } else {
            json.put("goal_id", goalId);
        }
        return json.put("expires_at", expiresAt.map(t -> t.toInstant().toString()).orElse(null));
    }
}
