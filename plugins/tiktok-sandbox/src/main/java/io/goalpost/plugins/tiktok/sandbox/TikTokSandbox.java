package io.goalpost.plugins.tiktok.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.sandbox.DemoSandbox;
import io.goalpost.plugin.sandbox.SandboxLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pf4j.Extension;

/**
 * A simulation of the TikTok API for Business (Accounts API) in its own wire format: the same paths
 * below {@code /open_api/v1.3}, the {@code Access-Token} header, JSON arrays in query parameters,
 * TikTok's envelope with errors inside HTTP 200, its limits (60-day look-back, 20 videos per page,
 * 40 calls per minute per account and endpoint) and a refresh endpoint that rotates the refresh token.
 * Data is synthetic and deterministic ({@link SyntheticHistory}); "today" comes from the clock passed
 * to {@link #handle}. It also plays TikTok's sign-in ({@link SandboxSignIn}): the consent page at
 * {@code /v2/auth/authorize} and the code exchange at {@code /tt_user/oauth2/token/}.
 */
@Extension
public final class TikTokSandbox extends DemoSandbox<SandboxAccount> {

    /** The versioned root the demo puts after the sandbox's base URL. */
    public static final String API_ROOT = "/open_api/v1.3";

    static final String PROFILE_PATH = "/business/get/";
    static final String VIDEOS_PATH = "/business/video/list/";
    static final String REFRESH_PATH = "/tt_user/oauth2/refresh_token/";
    static final String TOKEN_PATH = "/tt_user/oauth2/token/";

    static final int LOOKBACK_DAYS = 60;
    static final int MAX_VIDEOS_PER_PAGE = 20;
    static final int DEFAULT_VIDEOS_PER_PAGE = 10;
    static final int CALLS_PER_MINUTE = 40;

    // TikTok's error codes: 0 and 40100 come from the API for Business docs, the others from what
    // open-source clients observe. 40002 for a bad parameter is TikTok's usual code for invalid
    // parameters; the Accounts API docs do not list it.
    static final int OK = 0;
    static final int NO_PERMISSION = 40001;
    static final int INVALID_PARAMETER = 40002;
    static final int RATE_LIMITED = 40100;
    static final int INVALID_APP = 40101;
    static final int TOKEN_EXPIRED = 40102;
    static final int TOKEN_EMPTY = 40104;
    static final int TOKEN_INVALID = 40105;
    static final int AUTH_CODE_INVALID = 40110;

    private static final String SCOPES = "user.info.basic,user.insights,video.list,video.insights";

    /** Daily account fields the sandbox computes. */
    private static final Set<String> DAILY_FIELDS = Set.of("followers_count", "video_views", "unique_video_views",
            "profile_views", "likes", "comments", "shares", "bio_link_clicks", "daily_new_followers",
            "daily_lost_followers", "daily_total_followers", "engaged_audience");

    /** Every field name the Accounts API documents for {@code /business/get/}; others are refused. */
    private static final Set<String> PROFILE_VOCABULARY = union(DAILY_FIELDS, Set.of("username", "display_name",
            "profile_image", "is_business_account", "following_count", "total_likes", "videos_count",
            "audience_ages", "audience_genders", "audience_countries", "audience_cities", "audience_activity",
            "phone_number_clicks", "lead_submissions", "app_download_clicks", "email_clicks", "address_clicks"));

    /** Every field name the Accounts API documents for {@code /business/video/list/}. */
    private static final Set<String> VIDEO_VOCABULARY = Set.of("item_id", "create_time", "caption", "share_url",
            "media_type", "video_duration", "thumbnail_url", "embed_url", "likes", "comments", "shares", "favorites",
            "reach", "video_views", "total_time_watched", "average_time_watched", "full_video_watched_rate",
            "new_followers", "profile_views", "website_clicks", "phone_number_clicks", "lead_submissions",
            "app_download_clicks", "email_clicks", "address_clicks", "video_view_retention", "impression_sources",
            "audience_genders", "audience_countries", "audience_cities", "audience_types", "engagement_likes");

    private static final List<String> DEFAULT_PROFILE_FIELDS = List.of("username", "display_name");
    private static final List<String> DEFAULT_VIDEO_FIELDS = List.of("item_id", "create_time", "caption",
            "share_url", "video_views", "likes", "comments", "shares");

    private static final DateTimeFormatter REQUEST_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ObjectMapper mapper = new ObjectMapper();
    private final SandboxTokens tokens = new SandboxTokens();
    private final SandboxSignIn signIn = new SandboxSignIn();
    private final Map<String, SyntheticHistory> histories = new ConcurrentHashMap<>();
    private final Map<MinuteKey, AtomicInteger> callsPerMinute = new ConcurrentHashMap<>();
    private final AtomicLong requestCounter = new AtomicLong();

    /** The demo app is the one whose sign-in the consent page and the token endpoint accept. */
    public TikTokSandbox() {
        super("tiktok", SandboxTokens.CLIENT_ID, SandboxTokens.CLIENT_SECRET, SandboxAccount.ALL);
    }

    @Override
    public HttpResponse handle(HttpRequest request, Clock clock) {
        String path = request.uri().getPath();
        Instant now = clock.instant();
        if (SandboxSignIn.AUTHORIZE_PATH.equals(path) || (SandboxSignIn.AUTHORIZE_PATH + "/").equals(path)) {
            // www.tiktok.com's consent page: HTML for a browser.
            return request.method().equals("GET") ? signIn.authorize(request, now) : plain(405, "405 method not allowed");
        }
        if (path == null || !path.startsWith(API_ROOT + "/")) {
            return plain(404, "404 page not found");
        }
        String endpoint = path.substring(API_ROOT.length());
        try {
            switch (endpoint) {
                case PROFILE_PATH:
                    return request.method().equals("GET") ? profile(request, now) : plain(405, "405 method not allowed");
                case VIDEOS_PATH:
                    return request.method().equals("GET") ? videos(request, now) : plain(405, "405 method not allowed");
                case REFRESH_PATH:
                    return request.method().equals("POST") ? refresh(request, now)
                            : plain(405, "405 method not allowed");
                case TOKEN_PATH:
                    return request.method().equals("POST") ? token(request, now)
                            : plain(405, "405 method not allowed");
                default:
                    return plain(404, "404 page not found");
            }
        } catch (ApiError e) {
            return envelope(e.code, e.getMessage(), mapper.createObjectNode(), now);
        }
    }

    @Override
    protected DemoAccount demoAccount(SandboxAccount account, String base) {
        // Keys are the TikTok factory's config fields.
        return new DemoAccount(account.displayName(), Map.of(
                "business_id", account.openId(),
                "access_token", SandboxTokens.initialAccessToken(account),
                "refresh_token", SandboxTokens.initialRefreshToken(account),
                "client_id", SandboxTokens.CLIENT_ID,
                "client_secret", SandboxTokens.CLIENT_SECRET,
                "api_base_url", base + API_ROOT));
    }

    /** {@code GET /business/get/}: profile fields and daily {@code metrics[]} within the 60-day look-back. */
    private HttpResponse profile(HttpRequest request, Instant now) {
        SandboxAccount account = authorize(request, PROFILE_PATH, now);
        List<String> fields = fields(request, PROFILE_VOCABULARY, DEFAULT_PROFILE_FIELDS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate start = date(request, "start_date", today.minusDays(7));
        LocalDate end = date(request, "end_date", today.minusDays(1));
        if (end.isBefore(start)) {
            throw new ApiError(INVALID_PARAMETER, "end_date must not be earlier than start_date.");
        }
        if (start.isBefore(today.minusDays(LOOKBACK_DAYS))) {
            throw new ApiError(INVALID_PARAMETER, "start_date must be within the last " + LOOKBACK_DAYS
                    + " days (no earlier than " + today.minusDays(LOOKBACK_DAYS) + ").");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > LOOKBACK_DAYS) {
            throw new ApiError(INVALID_PARAMETER, "The time span between start_date and end_date cannot exceed "
                    + LOOKBACK_DAYS + " days.");
        }
        SyntheticHistory history = history(account);
        ObjectNode data = mapper.createObjectNode();
        Set<String> wanted = new LinkedHashSet<>(fields);
        if (wanted.contains("username")) {
            data.put("username", account.username());
        }
        if (wanted.contains("display_name")) {
            data.put("display_name", account.displayName());
        }
        if (wanted.contains("profile_image")) {
            data.put("profile_image", "https://example.invalid/sandbox/" + account.username() + ".jpeg");
        }
        data.put("is_business_account", true);
        if (wanted.contains("followers_count")) {
            data.put("followers_count", history.followersOn(today.minusDays(1)));
        }
        if (wanted.contains("following_count")) {
            data.put("following_count", 40 + account.number() % 60);
        }
        if (wanted.contains("total_likes")) {
            data.put("total_likes", Math.round(history.followersOn(today.minusDays(1)) * 8.7));
        }
        if (wanted.contains("videos_count")) {
            data.put("videos_count", history.videosCount(now));
        }
        if (wanted.stream().anyMatch(DAILY_FIELDS::contains)) {
            ArrayNode metrics = data.putArray("metrics");
            LocalDate last = end.isAfter(today.minusDays(1)) ? today.minusDays(1) : end;
            if (!start.isAfter(last)) {
                // Yesterday and the day before are still being counted (24-48 h latency).
                for (SyntheticHistory.Day day : history.daysAsOf(start, last, today)) {
                    metrics.add(dayJson(day, wanted));
                }
            }
        }
        return envelope(OK, "OK", data, now);
    }

    private ObjectNode dayJson(SyntheticHistory.Day day, Set<String> wanted) {
        ObjectNode json = mapper.createObjectNode();
        json.put("date", day.date().toString());
        putIf(json, wanted, "followers_count", day.followers());
        putIf(json, wanted, "video_views", day.videoViews());
        putIf(json, wanted, "unique_video_views", day.uniqueVideoViews());
        putIf(json, wanted, "profile_views", day.profileViews());
        putIf(json, wanted, "likes", day.likes());
        putIf(json, wanted, "comments", day.comments());
        putIf(json, wanted, "shares", day.shares());
        putIf(json, wanted, "bio_link_clicks", day.bioLinkClicks());
        putIf(json, wanted, "daily_new_followers", day.gains());
        putIf(json, wanted, "daily_lost_followers", day.losses());
        putIf(json, wanted, "daily_total_followers", day.gains() - day.losses());
        putIf(json, wanted, "engaged_audience", day.engagedAudience());
        return json;
    }

    /** {@code GET /business/video/list/}: videos created before {@code cursor}, newest first. */
    private HttpResponse videos(HttpRequest request, Instant now) {
        SandboxAccount account = authorize(request, VIDEOS_PATH, now);
        Set<String> wanted = new LinkedHashSet<>(fields(request, VIDEO_VOCABULARY, DEFAULT_VIDEO_FIELDS));
        int maxCount = maxCount(request);
        long cursor = cursor(request, now);
        List<String> onlyIds = filterIds(request);
        SyntheticHistory history = history(account);
        List<SandboxVideo> page;
        boolean hasMore;
        if (onlyIds != null) {
            page = onlyIds.stream().distinct().map(id -> history.video(id, now)).flatMap(java.util.Optional::stream)
                    .sorted((a, b) -> b.publishedAt().compareTo(a.publishedAt())).toList();
            hasMore = false;
        } else {
            Instant ceiling = Instant.ofEpochMilli(Math.min(cursor, now.toEpochMilli() + 1));
            List<SandboxVideo> found = history.videosBefore(ceiling, maxCount + 1);
            hasMore = found.size() > maxCount;
            page = hasMore ? found.subList(0, maxCount) : found;
        }
        ObjectNode data = mapper.createObjectNode();
        ArrayNode videos = data.putArray("videos");
        List<SandboxVideo.Stats> stats = history.stats(page, now);
        for (int i = 0; i < page.size(); i++) {
            videos.add(videoJson(account, page.get(i), stats.get(i), wanted));
        }
        data.put("cursor", page.isEmpty() ? cursor : page.get(page.size() - 1).publishedAt().toEpochMilli());
        data.put("has_more", hasMore);
        return envelope(OK, "OK", data, now);
    }

    private ObjectNode videoJson(SandboxAccount account, SandboxVideo video, SandboxVideo.Stats stats,
            Set<String> wanted) {
        ObjectNode json = mapper.createObjectNode();
        json.put("item_id", video.itemId());
        putIf(json, wanted, "create_time", video.publishedAt().getEpochSecond());
        if (wanted.contains("caption")) {
            json.put("caption", video.caption());
        }
        if (wanted.contains("share_url")) {
            json.put("share_url", "https://www.tiktok.com/@" + account.username() + "/video/" + video.itemId());
        }
        if (wanted.contains("media_type")) {
            json.put("media_type", "VIDEO");
        }
        putIf(json, wanted, "video_duration", video.durationSeconds());
        putIf(json, wanted, "video_views", stats.videoViews());
        putIf(json, wanted, "reach", stats.reach());
        putIf(json, wanted, "likes", stats.likes());
        putIf(json, wanted, "comments", stats.comments());
        putIf(json, wanted, "shares", stats.shares());
        putIf(json, wanted, "favorites", stats.favorites());
        putIf(json, wanted, "total_time_watched", stats.totalTimeWatched());
        putIf(json, wanted, "average_time_watched", stats.averageTimeWatched());
        putIf(json, wanted, "full_video_watched_rate", stats.fullVideoWatchedRate());
        putIf(json, wanted, "new_followers", stats.newFollowers());
        putIf(json, wanted, "profile_views", stats.profileViews());
        putIf(json, wanted, "website_clicks", stats.websiteClicks());
        return json;
    }

    /**
     * {@code POST /tt_user/oauth2/token/}: redeems an auth_code of the consent page once, for the same
     * redirect URI, and issues the first pair with the account's open_id.
     */
    private HttpResponse token(HttpRequest request, Instant now) {
        JsonNode body = appRequest(request);
        if (!"authorization_code".equals(body.path("grant_type").asText(null))) {
            throw new ApiError(INVALID_PARAMETER, "grant_type must be authorization_code.");
        }
        String code = body.path("auth_code").asText("");
        if (code.isBlank()) {
            throw new ApiError(INVALID_PARAMETER, "auth_code: Missing data for required field.");
        }
        var grant = signIn.redeem(code, now)
                .orElseThrow(() -> new ApiError(AUTH_CODE_INVALID, "The auth_code is invalid or has expired."));
        if (!grant.redirectUri().equals(body.path("redirect_uri").asText(null))) {
            throw new ApiError(INVALID_PARAMETER, "redirect_uri does not match the one used for authorization.");
        }
        SandboxTokens.Pair pair = tokens.issue(grant.account(), now);
        ObjectNode data = mapper.createObjectNode();
        data.put("open_id", grant.account().openId());
        data.put("scope", String.join(",", grant.scopes()));
        data.put("access_token", pair.accessToken());
        data.put("refresh_token", pair.refreshToken());
        data.put("expires_in", SandboxTokens.ACCESS_LIFETIME.toSeconds());
        data.put("refresh_token_expires_in", SandboxTokens.REFRESH_LIFETIME.toSeconds());
        data.put("token_type", "Bearer");
        return envelope(OK, "OK", data, now);
    }

    /** A JSON body carrying the sandbox app's client_id and client_secret (40101 otherwise). */
    private JsonNode appRequest(HttpRequest request) {
        JsonNode body;
        try {
            body = mapper.readTree(request.bodyText());
        } catch (JsonProcessingException e) {
            throw new ApiError(INVALID_PARAMETER, "The request body is not valid JSON.");
        }
        if (body == null || !body.isObject()) {
            throw new ApiError(INVALID_PARAMETER, "The request body must be a JSON object.");
        }
        if (!SandboxTokens.CLIENT_ID.equals(body.path("client_id").asText(null))
                || !SandboxTokens.CLIENT_SECRET.equals(body.path("client_secret").asText(null))) {
            throw new ApiError(INVALID_APP, "Invalid client_id or client_secret.");
        }
        return body;
    }

    /** {@code POST /tt_user/oauth2/refresh_token/}: spends the refresh token and issues a new pair. */
    private HttpResponse refresh(HttpRequest request, Instant now) {
        JsonNode body = appRequest(request);
        if (!"refresh_token".equals(body.path("grant_type").asText(null))) {
            throw new ApiError(INVALID_PARAMETER, "grant_type must be refresh_token.");
        }
        String refreshToken = body.path("refresh_token").asText("");
        if (refreshToken.isBlank()) {
            throw new ApiError(TOKEN_EMPTY, "The refresh token is empty.");
        }
        SandboxTokens.RefreshOutcome outcome = tokens.refresh(refreshToken, now);
        switch (outcome.status()) {
            case EXPIRED:
                throw new ApiError(TOKEN_EXPIRED, "The refresh token has expired.");
            case INVALID:
                throw new ApiError(TOKEN_INVALID, "The refresh token is invalid or has already been used.");
            default:
                break;
        }
        ObjectNode data = mapper.createObjectNode();
        data.put("open_id", outcome.account().openId());
        data.put("scope", SCOPES);
        data.put("access_token", outcome.pair().accessToken());
        data.put("refresh_token", outcome.pair().refreshToken());
        data.put("expires_in", SandboxTokens.ACCESS_LIFETIME.toSeconds());
        data.put("refresh_token_expires_in", SandboxTokens.REFRESH_LIFETIME.toSeconds());
        data.put("token_type", "Bearer");
        return envelope(OK, "OK", data, now);
    }

    /**
     * Checks the {@code Access-Token} header, that the token's account is the {@code business_id}, and the
     * per-minute limit of that account on that endpoint.
     */
    private SandboxAccount authorize(HttpRequest request, String endpoint, Instant now) {
        String token = request.header("Access-Token");
        if (token == null || token.isBlank()) {
            throw new ApiError(TOKEN_EMPTY, "The access token is empty. Send it in the Access-Token header.");
        }
        SandboxTokens.Check check = tokens.checkAccess(token.trim(), now);
        if (check.status() == SandboxTokens.Status.INVALID) {
            throw new ApiError(TOKEN_INVALID, "The access token is invalid or has been revoked.");
        }
        if (check.status() == SandboxTokens.Status.EXPIRED) {
            throw new ApiError(TOKEN_EXPIRED, "The access token has expired.");
        }
        String businessId = request.queryParam("business_id");
        if (businessId == null || businessId.isBlank()) {
            throw new ApiError(INVALID_PARAMETER, "business_id: Missing data for required field.");
        }
        if (!check.account().openId().equals(businessId)) {
            throw new ApiError(NO_PERMISSION, "No permission to operate tiktok creator id: " + businessId);
        }
        long minute = now.getEpochSecond() / 60;
        if (callsPerMinute.size() > 1_000) {
            callsPerMinute.keySet().removeIf(k -> k.minute() < minute - 1);
        }
        int calls = callsPerMinute.computeIfAbsent(new MinuteKey(check.account().username(), endpoint, minute),
                k -> new AtomicInteger()).incrementAndGet();
        if (calls > CALLS_PER_MINUTE && SandboxLimits.enforced()) {
            throw new ApiError(RATE_LIMITED, "Too many requests. Please retry in some time.");
        }
        return check.account();
    }

    private List<String> fields(HttpRequest request, Set<String> vocabulary, List<String> defaults) {
        String raw = request.queryParam("fields");
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        JsonNode node;
        try {
            node = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ApiError(INVALID_PARAMETER, "fields: Not a valid list.");
        }
        if (node == null || !node.isArray()) {
            throw new ApiError(INVALID_PARAMETER, "fields: Not a valid list.");
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode field : node) {
            if (!field.isTextual() || !vocabulary.contains(field.asText())) {
                throw new ApiError(INVALID_PARAMETER, "fields: Invalid field " + field + ".");
            }
            fields.add(field.asText());
        }
        return fields;
    }

    private static LocalDate date(HttpRequest request, String name, LocalDate fallback) {
        String raw = request.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiError(INVALID_PARAMETER, name + ": Not a valid date (YYYY-MM-DD).");
        }
    }

    private static int maxCount(HttpRequest request) {
        String raw = request.queryParam("max_count");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_VIDEOS_PER_PAGE;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= MAX_VIDEOS_PER_PAGE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(INVALID_PARAMETER, "max_count: Must be between 1 and " + MAX_VIDEOS_PER_PAGE + ".");
    }

    private static long cursor(HttpRequest request, Instant now) {
        String raw = request.queryParam("cursor");
        if (raw == null || raw.isBlank()) {
            return now.toEpochMilli();
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(INVALID_PARAMETER, "cursor: Not a valid integer.");
    }

    /** The {@code video_ids} of the {@code filters} JSON object, or null without filters. */
    private List<String> filterIds(HttpRequest request) {
        String raw = request.queryParam("filters");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            JsonNode ids = mapper.readTree(raw).path("video_ids");
            if (ids.isArray() && ids.size() <= MAX_VIDEOS_PER_PAGE) {
                List<String> list = new ArrayList<>();
                for (JsonNode id : ids) {
                    list.add(id.asText());
                }
                return list;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new ApiError(INVALID_PARAMETER, "filters: video_ids must be a list of at most "
                + MAX_VIDEOS_PER_PAGE + " ids.");
    }

    private SyntheticHistory history(SandboxAccount account) {
        return histories.computeIfAbsent(account.username(), k -> new SyntheticHistory(account));
    }

    private HttpResponse envelope(int code, String message, ObjectNode data, Instant now) {
        String requestId = REQUEST_ID_TIME.format(now.atZone(ZoneOffset.UTC))
                + String.format("%012X", requestCounter.incrementAndGet());
        ObjectNode root = mapper.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        root.put("request_id", requestId);
        root.set("data", data);
        try {
            // TikTok answers errors with HTTP 200 too: the code in the body is the signal.
            return HttpResponse.json(200, mapper.writeValueAsString(root)).withHeader("X-Tt-Logid", requestId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static HttpResponse plain(int status, String text) {
        return new HttpResponse(status, Map.of("Content-Type", List.of("text/plain; charset=UTF-8")),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static void putIf(ObjectNode json, Set<String> wanted, String field, Number value) {
        if (value == null || !wanted.contains(field)) {
            return; // not asked for, or not reported: TikTok leaves the field out
        }
        if (value instanceof Double d) {
            json.put(field, d);
        } else {
            json.put(field, value.longValue());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Calls of one account to one endpoint within one clock minute. */
    private record MinuteKey(String account, String endpoint, long minute) {
    }

    /** A TikTok error to answer with, inside an HTTP 200 envelope. */
    private static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        ApiError(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
