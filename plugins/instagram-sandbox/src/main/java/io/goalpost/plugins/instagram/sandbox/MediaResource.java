package io.goalpost.plugins.instagram.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.Urls;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The media list ({@code /{ig-user-id}/media}, newest first, cursor paging with {@code after}, at most
 * 100 per page), a media node, and per-media lifetime insights ({@code /{ig-media-id}/insights}) with
 * Meta's per-product-type rules (from its Instagram Media Insights reference). Lifetime figures grow
 * over a post's first days and then settle; each is a pure function of (post, days since posting).
 */
final class MediaResource {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    private static final Set<String> MEDIA_FIELDS = Set.of("id", "caption", "media_type", "media_product_type",
            "permalink", "shortcode", "timestamp", "like_count", "comments_count", "media_url", "thumbnail_url",
            "children", "username", "is_comment_enabled");

    /** Every media metric Meta documents today (v25). */
    static final Set<String> KNOWN_MEDIA_METRICS = Set.of("views", "reach", "likes", "comments", "saved", "shares",
            "reposts", "total_interactions", "follows", "profile_visits", "profile_activity", "replies", "navigation",
            "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "reels_skip_rate", "crossposted_views",
            "facebook_views", "total_likes", "total_comments", "total_views");

    private static final Set<String> FEED_METRICS = Set.of("views", "reach", "shares", "total_interactions", "likes",
            "comments", "saved", "follows", "profile_visits", "profile_activity");
    private static final Set<String> REELS_METRICS = Set.of("views", "reach", "shares", "total_interactions", "likes",
            "comments", "saved", "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "reels_skip_rate");
    private static final Set<String> FACEBOOK_LOGIN_ONLY = Set.of("total_likes", "total_comments", "total_views");

    private final ObjectMapper mapper;

    MediaResource(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Lifetime figures of a post as of {@code today}. */
    record Lifetime(long views, long reach, long likes, long comments, long shares, long saved, long follows,
            long profileVisits, long avgWatchMillis) {
        long totalInteractions() {
            return likes + comments + shares + saved;
        }
    }

    static Lifetime lifetime(PostSchedule.Post post, SyntheticHistory history, LocalDate today) {
        int a = post.account().index();
        long e = post.day().toEpochDay();
        long age = Math.max(0, ChronoUnit.DAYS.between(post.day(), today));
        double maturity = 1 - Math.pow(0.72, age + 1);
        boolean reel = post.kind() == PostSchedule.Kind.REEL;
        double perFollower = switch (post.kind()) {
            case REEL -> 1.5;
            case CAROUSEL -> 0.75;
            case IMAGE -> 0.6;
        };
        double settled = history.followers(post.day()) * perFollower * Noise.between(a, e, 40, 0.6, 1.6);
        long views = Math.round(settled * maturity);
        long reach = Math.round(views * (reel ? 0.68 : 0.8) * Noise.between(a, e, 41, 0.95, 1.05));
        long likes = Math.round(views * (reel ? 0.035 : 0.05) * Noise.between(a, e, 42, 0.8, 1.2));
        long comments = Math.round(likes * 0.04 * Noise.between(a, e, 43, 0.6, 1.4));
        long shares = Math.round(likes * (reel ? 0.15 : 0.06) * Noise.between(a, e, 44, 0.6, 1.4));
        long saved = Math.round(likes * (post.kind() == PostSchedule.Kind.CAROUSEL ? 0.14 : 0.07)
                * Noise.between(a, e, 45, 0.6, 1.4));
        long follows = Math.round(reach * 0.002 * Noise.between(a, e, 46, 0.5, 1.5));
        long visits = Math.round(reach * 0.012 * Noise.between(a, e, 47, 0.5, 1.5));
        long watch = Math.round(Noise.between(a, e, 48, 6_000, 16_000));
        return new Lifetime(views, reach, likes, comments, shares, saved, follows, visits, watch);
    }

    /** One page of the media list. */
    ObjectNode list(SyntheticHistory history, Map<String, String> params, Instant now, String origin, String path) {
        SandboxAccount account = history.account();
        Map<String, String> fields = checkedFields(params.get("fields"));
        int limit = DEFAULT_LIMIT;
        if (params.containsKey("limit")) {
            try {
                limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(params.get("limit"))));
            } catch (NumberFormatException e) {
                throw GraphFault.invalidParameter("(#100) Param limit must be a number");
            }
        }
        LocalDate today = LocalDate.ofInstant(now, PostSchedule.PACIFIC);
        LocalDate start = today;
        String after = params.get("after");
        if (after != null && !after.isEmpty()) {
            PostSchedule.Post from = decodeCursor(after).filter(p -> p.account().equals(account))
                    .orElseThrow(() -> GraphFault.invalidParameter("(#100) The after cursor is not valid"));
            start = from.day().minusDays(1);
        }
        List<PostSchedule.Post> posts = PostSchedule.newestFirst(account, start, now, limit + 1);
        boolean more = posts.size() > limit;
        List<PostSchedule.Post> page = more ? posts.subList(0, limit) : posts;
        ObjectNode body = mapper.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (PostSchedule.Post post : page) {
            data.add(media(post, history, fields, today));
        }
        if (!page.isEmpty()) {
            ObjectNode paging = body.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", cursor(page.get(0)));
            cursors.put("after", cursor(page.get(page.size() - 1)));
            if (more) {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("fields", params.getOrDefault("fields", "id"));
                q.put("limit", Integer.toString(limit));
                q.put("after", cursor(page.get(page.size() - 1)));
                paging.put("next", Urls.build(origin, path, q).toString());
            }
        }
        return body;
    }

    /** A media node with the requested fields. */
    ObjectNode node(PostSchedule.Post post, SyntheticHistory history, Map<String, String> params, Instant now) {
        return media(post, history, checkedFields(params.get("fields")), LocalDate.ofInstant(now, PostSchedule.PACIFIC));
    }

    /** Lifetime insights of one media; one unsupported metric fails the whole request. */
    ObjectNode insights(PostSchedule.Post post, SyntheticHistory history, Map<String, String> params, Instant now) {
        String metricParam = params.get("metric");
        if (metricParam == null || metricParam.isBlank()) {
            throw GraphFault.of(3001, 1504028, "OAuthException", "No metric was specified to be fetched");
        }
        if (post.day().isBefore(post.account().professionalSince())) {
            throw GraphFault.mediaBeforeConversion();
        }
        Set<String> allowed = post.kind() == PostSchedule.Kind.REEL ? REELS_METRICS : FEED_METRICS;
        List<String> metrics = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (String raw : metricParam.split(",")) {
            String m = raw.trim();
            boolean facebookTotal = FACEBOOK_LOGIN_ONLY.contains(m) && !post.account().instagramLogin();
            if (allowed.contains(m) || facebookTotal) {
                metrics.add(m);
            } else {
                unsupported.add(m); // removed names (impressions, plays, video_views...) land here too
            }
        }
        if (!unsupported.isEmpty()) {
            throw GraphFault.invalidParameter("(#100) The Media Insights API does not support the "
                    + String.join(", ", unsupported) + " metric for this media product type.");
        }
        Lifetime l = lifetime(post, history, LocalDate.ofInstant(now, PostSchedule.PACIFIC));
        ObjectNode body = mapper.createObjectNode();
        ArrayNode data = body.putArray("data");
        for (String m : metrics) {
            Number value = switch (m) {
                case "views", "total_views" -> l.views();
                case "reach" -> l.reach();
                case "likes", "total_likes" -> l.likes();
                case "comments", "total_comments" -> l.comments();
                case "shares" -> l.shares();
                case "saved" -> l.saved();
                case "total_interactions" -> l.totalInteractions();
                case "follows" -> l.follows();
                case "profile_visits", "profile_activity" -> l.profileVisits();
                case "ig_reels_avg_watch_time" -> l.avgWatchMillis();
                case "ig_reels_video_view_total_time" -> l.avgWatchMillis() * l.views();
                case "reels_skip_rate" -> Math.round(Noise.between(post.account().index(), post.day().toEpochDay(),
                        49, 20, 45) * 100) / 100.0;
                default -> 0L;
            };
            ObjectNode item = data.addObject();
            item.put("name", m);
            item.put("period", "lifetime");
            ObjectNode v = item.putArray("values").addObject();
            if (value instanceof Double d) {
                v.put("value", d);
            } else {
                v.put("value", value.longValue());
            }
            item.put("title", title(m));
            item.put("id", post.id() + "/insights/" + m + "/lifetime");
        }
        return body;
    }

    private static Map<String, String> checkedFields(String fieldsParam) {
        Map<String, String> fields = FieldList.parse(fieldsParam, "id");
        for (String f : fields.keySet()) {
            if (!MEDIA_FIELDS.contains(f)) {
                throw GraphFault.invalidParameter("(#100) Tried accessing nonexisting field (" + f
                        + ") on node type (IGMedia)");
            }
        }
        return fields;
    }

    private ObjectNode media(PostSchedule.Post post, SyntheticHistory history, Map<String, String> fields,
            LocalDate today) {
        ObjectNode m = mapper.createObjectNode();
        Lifetime l = lifetime(post, history, today);
        String shortcode = shortcode(post.id());
        SandboxAccount account = post.account();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            switch (f.getKey()) {
                case "id" -> m.put("id", post.id());
                case "caption" -> m.put("caption", account.captions().get(
                        (int) Math.floorMod(post.day().toEpochDay(), (long) account.captions().size())));
                case "media_type" -> m.put("media_type", post.kind().mediaType);
                case "media_product_type" -> m.put("media_product_type", post.kind().productType);
                case "permalink" -> m.put("permalink", "https://www.instagram.com/"
                        + (post.kind() == PostSchedule.Kind.REEL ? "reel/" : "p/") + shortcode + "/");
                case "shortcode" -> m.put("shortcode", shortcode);
                case "timestamp" -> m.put("timestamp", java.time.format.DateTimeFormatter
                        .ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").format(post.publishedAt().atOffset(java.time.ZoneOffset.UTC)));
                case "like_count" -> m.put("like_count", l.likes());
                case "comments_count" -> m.put("comments_count", l.comments());
                case "media_url" -> m.put("media_url", "https://sandbox-media.invalid/instagram/" + post.id()
                        + (post.kind() == PostSchedule.Kind.REEL ? ".mp4" : ".jpg"));
                case "thumbnail_url" -> {
                    if (post.kind() == PostSchedule.Kind.REEL) {
                        m.put("thumbnail_url", "https://sandbox-media.invalid/instagram/" + post.id() + "-thumb.jpg");
                    }
                }
                case "children" -> {
                    if (post.kind() == PostSchedule.Kind.CAROUSEL) {
                        ArrayNode children = m.putObject("children").putArray("data");
                        int count = 2 + (int) (Noise.unit(account.index(), post.day().toEpochDay(), 50) * 4);
                        for (int i = 0; i < count; i++) {
                            ObjectNode child = children.addObject();
                            child.put("id", post.id().substring(0, 13) + String.format("%04d", 2 + i));
                            if (f.getValue().contains("media_type")) {
                                child.put("media_type", "IMAGE");
                            }
                        }
                    }
                }
                case "username" -> m.put("username", account.username());
                case "is_comment_enabled" -> m.put("is_comment_enabled", true);
                default -> {
                    // checkedFields refused anything else
                }
            }
        }
        return m;
    }

    private static String cursor(PostSchedule.Post post) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("sandbox-media:" + post.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<PostSchedule.Post> decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith("sandbox-media:") ? PostSchedule.byId(text.substring("sandbox-media:".length()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String shortcode(String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.math.BigInteger.valueOf(Long.parseLong(id)).toByteArray());
    }

    private static String title(String metric) {
        return switch (metric) {
            case "views" -> "Views";
            case "reach" -> "Accounts reached";
            case "likes" -> "Likes";
            case "comments" -> "Comments";
            case "shares" -> "Shares";
            case "saved" -> "Saves";
            case "total_interactions" -> "Interactions";
            case "follows" -> "Follows";
            case "profile_visits" -> "Profile visits";
            case "ig_reels_avg_watch_time" -> "Average watch time";
            case "ig_reels_video_view_total_time" -> "Watch time";
            case "reels_skip_rate" -> "Skip rate";
            default -> metric;
        };
    }
}
