package io.goalpost.platform.notifications;

import io.goalpost.platform.goals.GoalService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every goal's status as the goals API computes it ({@code GET /api/goals}, the same cached answer):
 * reaching at risk, off track, achieved or missed alerts.
 */
public final class GoalObserver implements Observer {

    /** The statuses whose arrival alerts. */
    static final Set<String> ALERTING = Set.of("at_risk", "off_track", "achieved", "missed");

    private final GoalService goals;

    public GoalObserver(GoalService goals) {
        this.goals = goals;
    }

    @Override
    public Future<List<Observation>> observe(Instant now) {
        return goals.listJson().map(text -> {
            JsonArray all = new JsonObject(text).getJsonArray("goals");
            List<Observation> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                JsonObject g = all.getJsonObject(i);
                String status = g.getString("status");
                String title = "Goal “" + g.getString("title") + "” is " + words(status);
                out.add(new Observation("goal:" + g.getLong("id"), AlertEvent.GOAL_STATUS, status, null, ALERTING.contains(status),
                        title, g.getString("status_reason", ""), "#/goals/" + g.getLong("id")));
            }
            return out;
        });
    }

    /** A status id in words: {@code off_track} → "off track". */
    static String words(String status) {
        return status.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
