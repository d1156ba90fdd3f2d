package io.goalpost.platform.posts;

import io.goalpost.platform.kpis.AnalyticsHarness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Stores posts and their lifetime metrics as a sync does (a post_metric row per metric and day seen). */
public final class PostFixtures {

    private PostFixtures() {
    }

    /** A post published at noon UTC of {@code day}, with metrics as seen on {@code seenOn}. */
    public static void post(AnalyticsHarness h, long account, String postId, LocalDate day, String type, String link,
            Map<String, Double> metrics, LocalDate seenOn) throws Exception {
        try (Connection c = h.jdbc()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO post (account_id, post_id, published_at, published_day, type, "
                    + "permalink) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, account);
                ps.setString(2, postId);
                ps.setObject(3, OffsetDateTime.of(day.atTime(12, 0), ZoneOffset.UTC));
                ps.setObject(4, day);
                ps.setString(5, type);
                ps.setString(6, link);
                ps.executeUpdate();
            }
            metrics(c, account, postId, metrics, seenOn);
        }
    }

    /** More lifetime values of a stored post, as seen on a later day. */
    public static void seen(AnalyticsHarness h, long account, String postId, Map<String, Double> metrics, LocalDate seenOn) throws Exception {
        try (Connection c = h.jdbc()) {
            metrics(c, account, postId, metrics, seenOn);
        }
    }

    private static void metrics(Connection c, long account, String postId, Map<String, Double> metrics, LocalDate seenOn) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO post_metric (account_id, post_id, metric, seen_on, value) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            for (var e : metrics.entrySet()) {
                ps.setLong(1, account);
                ps.setString(2, postId);
                ps.setString(3, e.getKey());
                ps.setObject(4, seenOn);
                ps.setDouble(5, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
