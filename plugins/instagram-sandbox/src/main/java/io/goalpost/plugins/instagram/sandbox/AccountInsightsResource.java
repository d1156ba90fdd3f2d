package io.goalpost.plugins.instagram.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.Urls;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * {@code GET /{ig-user-id}/insights} as Instagram answers it: the current metric list only (a removed
 * name such as {@code impressions} fails the whole request with code 100), {@code time_series} for {@code reach} only, breakdowns only with {@code total_value} and only
 * where they fit, at most 30 days between {@code since} and {@code until}, data kept two years, nothing
 * for today yet and yesterday and the day before only partly counted (the API lags up to 48 hours), and
 * an empty {@code data} list, not zeros, where there is nothing.
 */
final class AccountInsightsResource {

    /** The current (v25) account metric table, in the order Meta's error message lists it. */
    static final List<String> VALID_METRICS = List.of("accounts_engaged", "comments", "engaged_audience_demographics",
            "follows_and_unfollows", "follower_demographics", "likes", "profile_links_taps", "reach", "replies",
            "reposts", "saves", "shares", "total_interactions", "views");

    static final long MAX_WINDOW_SECONDS = 2_592_000L;
    static final int LOOKBACK_DAYS = 730;

    private static final Set<String> UNIQUE_METRICS = Set.of("reach", "accounts_engaged");
    private static final Set<String> BY_PRODUCT_TYPE =
            Set.of("views", "reach", "total_interactions", "likes", "comments", "shares", "saves");
    private static final Map<String, String[]> TEXTS = texts();

    private final ObjectMapper mapper;

    AccountInsightsResource(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode answer(SyntheticHistory history, Map<String, String> params, Clock clock, String origin, String path) {
        SandboxAccount account = history.account();
        List<String> metrics = metrics(params.get("metric"));
        String metricType = params.getOrDefault("metric_type", "time_series");
        if (!metricType.equals("time_series") && !metricType.equals("total_value")) {
            throw GraphFault.invalidParameter("(#100) metric_type must be one of the following values: "
                    + "time_series, total_value");
        }
        String period = params.get("period");
        if (period == null || period.isEmpty()) {
            throw GraphFault.invalidParameter("(#100) The parameter period is required");
        }
        if (!period.equals("day")) {
            throw GraphFault.invalidParameter("(#100) The sandbox serves period=day only; demographics "
                    + "(period=lifetime) are not simulated");
        }
        if (metricType.equals("time_series")) {
            List<String> totalOnly = metrics.stream().filter(m -> !m.equals("reach")).toList();
            if (!totalOnly.isEmpty()) {
                throw GraphFault.invalidParameter("(#100) The following metrics (" + String.join(", ", totalOnly)
                        + ") should be specified with parameter metric_type=total_value");
            }
        }
        String breakdown = params.get("breakdown");
        if (breakdown != null && !breakdown.isEmpty()) {
            checkBreakdown(breakdown, metrics, metricType);
        } else {
            breakdown = null;
        }
        Instant now = clock.instant();
        long until = params.containsKey("until") ? epochSecond(params.get("until"), "until") : now.getEpochSecond();
        long since = params.containsKey("since") ? epochSecond(params.get("since"), "since") : until - 86_400;
        if (until - since > MAX_WINDOW_SECONDS) {
            throw GraphFault.invalidParameter(
                    "(#100) There cannot be more than 30 days (2592000 s) between since and until");
        }
        if (since >= until) {
            throw GraphFault.invalidParameter("(#100) since must be earlier than until");
        }
        LocalDate today = LocalDate.ofInstant(now, PostSchedule.PACIFIC);
        List<LocalDate> days = servedDays(account, since, until, today);

        ArrayNode data = mapper.createArrayNode();
        for (String metric : metrics) {
            List<LocalDate> metricDays = metric.equals("follows_and_unfollows")
                    ? days.stream().filter(d -> history.followers(d) >= 100).toList() // needs >= 100 followers
                    : days;
            if (metricDays.isEmpty() || value(metric) == null) {
                continue; // no data: the metric is left out, never reported as 0
            }
            ObjectNode item = data.addObject();
            item.put("name", metric);
            item.put("period", "day");
            if (metricType.equals("time_series")) {
                ArrayNode values = item.putArray("values");
                for (LocalDate d : metricDays) {
                    values.addObject().put("value", value(metric).applyAsLong(history.dayAsOf(d, today)))
                            .put("end_time", graphTime(d.plusDays(1)));
                }
            }
            item.put("title", TEXTS.get(metric)[0]);
            item.put("description", TEXTS.get(metric)[1]);
            if (metricType.equals("total_value")) {
                item.set("total_value", totalValue(history, metric, metricDays, breakdown, today));
            }
            item.put("id", account.igUserId() + "/insights/" + metric + "/day");
        }
        ObjectNode body = mapper.createObjectNode();
        body.set("data", data);
        ObjectNode paging = body.putObject("paging");
        paging.put("previous", pageUrl(origin, path, params, since - (until - since), since));
        paging.put("next", pageUrl(origin, path, params, until, until + (until - since)));
        return body;
    }

    private static List<String> metrics(String metricParam) {
        if (metricParam == null || metricParam.isBlank()) {
            throw GraphFault.of(3001, 1504028, "OAuthException", "No metric was specified to be fetched");
        }
        List<String> metrics = new ArrayList<>();
        String[] names = metricParam.split(",");
        for (int i = 0; i < names.length; i++) {
            String name = names[i].trim();
            if (name.equals("impressions")) {
                throw GraphFault.invalidParameter("(#100) Starting from version 22 and above, the impressions metric "
                        + "is no longer supported for the queried user.");
            }
            if (!VALID_METRICS.contains(name)) {
                throw GraphFault.invalidParameter("(#100) metric[" + i + "] must be one of the following values: "
                        + String.join(", ", VALID_METRICS));
            }
            metrics.add(name);
        }
        return metrics;
    }

    private static void checkBreakdown(String breakdown, List<String> metrics, String metricType) {
        if (!List.of("media_product_type", "follow_type", "contact_button_type").contains(breakdown)) {
            throw GraphFault.invalidParameter("(#100) breakdown must be one of the following values: "
                    + "media_product_type, follow_type, contact_button_type");
        }
        if (!metricType.equals("total_value")) {
            throw GraphFault.invalidParameter("(#100) breakdown is only supported with metric_type=total_value");
        }
        for (String metric : metrics) {
            boolean fits = switch (breakdown) {
                case "follow_type" -> metric.equals("follows_and_unfollows");
                case "contact_button_type" -> metric.equals("profile_links_taps");
                default -> BY_PRODUCT_TYPE.contains(metric);
            };
            if (!fits) {
                throw GraphFault.invalidParameter("(#100) Incompatible breakdowns (" + breakdown + ") for metric ("
                        + metric + ")");
            }
        }
    }

    /** Unix seconds, or an ISO date/instant (accepted by the real API too). */
    private static long epochSecond(String text, String name) {
        try {
            if (text.matches("-?[0-9]+")) {
                return Long.parseLong(text);
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(PostSchedule.PACIFIC).toEpochSecond();
            }
            return Instant.parse(text).getEpochSecond();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw GraphFault.invalidParameter("(#100) The value of " + name + " is not a valid time");
        }
    }

    /** Days whose Pacific midnight lies in [since, until), kept two years, professional days only, until yesterday. */
    static List<LocalDate> servedDays(SandboxAccount account, long since, long until, LocalDate today) {
        LocalDate first = today.minusDays(LOOKBACK_DAYS);
        if (first.isBefore(account.professionalSince())) {
            first = account.professionalSince();
        }
        LocalDate last = today.minusDays(1);
        List<LocalDate> days = new ArrayList<>();
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(since), PostSchedule.PACIFIC);
        for (; startOfDay(d) < until; d = d.plusDays(1)) {
            if (startOfDay(d) >= since && !d.isBefore(first) && !d.isAfter(last)) {
                days.add(d);
            }
        }
        return days;
    }

    private ObjectNode totalValue(SyntheticHistory history, String metric, List<LocalDate> days, String breakdown,
            LocalDate today) {
        ObjectNode total = mapper.createObjectNode();
        List<SyntheticHistory.Day> figures = days.stream().map(d -> history.dayAsOf(d, today)).toList();
        if (metric.equals("follows_and_unfollows")) {
            if ("follow_type".equals(breakdown)) {
                Map<String, Long> split = new LinkedHashMap<>();
                split.put("FOLLOWER", figures.stream().mapToLong(SyntheticHistory.Day::follows).sum());
                split.put("NON_FOLLOWER", figures.stream().mapToLong(SyntheticHistory.Day::unfollows).sum());
                total.set("breakdowns", breakdowns("follow_type", split));
            }
            return total; // Instagram gives this metric as a breakdown only
        }
        long value = aggregate(metric, figures, value(metric));
        total.put("value", value);
        if ("media_product_type".equals(breakdown)) {
            long views = figures.stream().mapToLong(SyntheticHistory.Day::views).sum();
            long reels = figures.stream().mapToLong(SyntheticHistory.Day::reelsViews).sum();
            long story = figures.stream().mapToLong(SyntheticHistory.Day::storyViews).sum();
            Map<String, Long> split = new LinkedHashMap<>();
            long reelsPart = views == 0 ? 0 : Math.round(value * (double) reels / views);
            long storyPart = views == 0 ? 0 : Math.round(value * (double) story / views);
            split.put("REELS", reelsPart);
            split.put("FEED", Math.max(0, value - reelsPart - storyPart));
            split.put("STORY", storyPart);
            total.set("breakdowns", breakdowns("media_product_type", split));
        } else if ("contact_button_type".equals(breakdown)) {
            Map<String, Long> split = new LinkedHashMap<>();
            long call = Math.round(value * 0.4);
            long email = Math.round(value * 0.25);
            split.put("CALL", call);
            split.put("EMAIL", email);
            split.put("DIRECTION", Math.max(0, value - call - email));
            total.set("breakdowns", breakdowns("contact_button_type", split));
        }
        return total;
    }

    private ArrayNode breakdowns(String dimension, Map<String, Long> split) {
        ArrayNode breakdowns = mapper.createArrayNode();
        ObjectNode b = breakdowns.addObject();
        b.putArray("dimension_keys").add(dimension);
        ArrayNode results = b.putArray("results");
        split.forEach((k, v) -> {
            ObjectNode r = results.addObject();
            r.putArray("dimension_values").add(k);
            r.put("value", v);
        });
        return breakdowns;
    }

    /** Sums flows; unique counts (reach, accounts engaged) overlap across days, so they grow less than the sum. */
    private static long aggregate(String metric, List<SyntheticHistory.Day> figures,
            ToLongFunction<SyntheticHistory.Day> f) {
        long sum = figures.stream().mapToLong(f).sum();
        if (!UNIQUE_METRICS.contains(metric) || figures.size() <= 1) {
            return sum;
        }
        long max = figures.stream().mapToLong(f).max().orElse(0);
        return max + Math.round(0.35 * (sum - max));
    }

    /** The simulated figure of a metric, or null for metrics the sandbox does not simulate (replies, reposts). */
    private static ToLongFunction<SyntheticHistory.Day> value(String metric) {
        return switch (metric) {
            case "views" -> SyntheticHistory.Day::views;
            case "reach" -> SyntheticHistory.Day::reach;
            case "likes" -> SyntheticHistory.Day::likes;
            case "comments" -> SyntheticHistory.Day::comments;
            case "shares" -> SyntheticHistory.Day::shares;
            case "saves" -> SyntheticHistory.Day::saves;
            case "total_interactions" -> SyntheticHistory.Day::totalInteractions;
            case "accounts_engaged" -> SyntheticHistory.Day::accountsEngaged;
            case "profile_links_taps" -> SyntheticHistory.Day::profileLinksTaps;
            case "follows_and_unfollows" -> d -> d.follows() + d.unfollows();
            default -> null;
        };
    }

    private static long startOfDay(LocalDate day) {
        return day.atStartOfDay(PostSchedule.PACIFIC).toEpochSecond();
    }

    /** Graph's end_time: the END of the day, midnight Pacific printed in UTC. */
    private static String graphTime(LocalDate nextDay) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
                .format(nextDay.atStartOfDay(PostSchedule.PACIFIC).toInstant().atOffset(java.time.ZoneOffset.UTC));
    }

    private static String pageUrl(String origin, String path, Map<String, String> params, long since, long until) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String key : List.of("metric", "period", "metric_type", "breakdown")) {
            if (params.containsKey(key)) {
                q.put(key, params.get(key));
            }
        }
        q.put("since", Long.toString(since));
        q.put("until", Long.toString(until));
        return Urls.build(origin, path, q).toString();
    }

    private static Map<String, String[]> texts() {
        Map<String, String[]> t = new LinkedHashMap<>();
        t.put("accounts_engaged", new String[] {"Accounts engaged",
                "The number of accounts that have interacted with your content, including in ads."});
        t.put("comments", new String[] {"Comments", "The number of comments on your posts, reels, videos and live videos."});
        t.put("engaged_audience_demographics", new String[] {"Engaged audience demographics",
                "The demographic characteristics of the engaged audience."});
        t.put("follows_and_unfollows", new String[] {"Follows and unfollows",
                "The number of accounts that followed you and the number of accounts that unfollowed you or left "
                        + "Instagram in the selected time period."});
        t.put("follower_demographics", new String[] {"Follower demographics",
                "The demographic characteristics of followers."});
        t.put("likes", new String[] {"Likes", "The number of likes on your posts, reels and videos."});
        t.put("profile_links_taps", new String[] {"Profile links taps",
                "The number of taps on your business address, call button, email button and text button."});
        t.put("reach", new String[] {"Accounts reached",
                "The number of unique accounts that have seen your content, at least once, including in ads."});
        t.put("replies", new String[] {"Replies", "The number of replies you received from your story."});
        t.put("reposts", new String[] {"Reposts", "The number of times your content was reposted."});
        t.put("saves", new String[] {"Saves", "The number of saves of your posts, reels and videos."});
        t.put("shares", new String[] {"Shares",
                "The number of shares of your posts, stories, reels, videos and live videos."});
        t.put("total_interactions", new String[] {"Content interactions",
                "The total number of post interactions, story interactions, reels interactions, video interactions "
                        + "and live video interactions, including any interactions on boosted content."});
        t.put("views", new String[] {"Views",
                "The number of times your content was played or displayed. Content includes reels, posts, stories."});
        return t;
    }
}
