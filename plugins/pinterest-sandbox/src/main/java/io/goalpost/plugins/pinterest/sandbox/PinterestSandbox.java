package io.goalpost.plugins.pinterest.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.DemoSandbox;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * A simulation of Pinterest API v5 for the demo and for load and fault tests: the same paths, query
 * parameters, JSON shapes and error envelopes as Pinterest, over two synthetic business accounts.
 *
 * <p>Like Pinterest it serves analytics only for the 90 days before "today" (from the clock it is
 * handed), rejects windows longer than 90 days and unknown {@code metric_types} with HTTP 400
 * {@code {"code":1,...}}, reports today and the two days before as {@code PROCESSING}, pages pins with
 * {@code bookmark} ({@code null} on the last page), accepts only the Bearer tokens it issued
 * ({@code sandbox-pinterest-<account>}), and renews tokens at {@code POST /v5/oauth/token} only with
 * the Basic auth of its app. Every number is a pure function of the account and the day, so a
 * simulated clock stepped forward builds a consistent, longer history. It also plays Pinterest's
 * sign-in ({@link SandboxSignIn}): the consent page at {@code /oauth/} and the code exchange at
 * {@code POST /v5/oauth/token}.
 */
@Extension
public final class PinterestSandbox extends DemoSandbox<SandboxAccount> {

    /** The API version prefix, as on api.pinterest.com. */
    static final String PREFIX = "/v5";
    static final int LOOKBACK_DAYS = 90;
    static final int MAX_WINDOW_DAYS = 90;
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 250;
    /**
     * Today, yesterday and the day before are still being processed: Pinterest takes one to two days
     * after a day ends, and the sandbox never marks READY a day the descriptor's 3-day lag calls unfinished.
     */
    static final int PROCESSING_DAYS = 3;

    private static final Pattern PIN_ANALYTICS = Pattern.compile(PREFIX + "/pins/([^/]+)/analytics");

    // The sandbox's own Jackson, like the adapter's: never shared with the host.
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final SandboxSignIn signIn = new SandboxSignIn();
    private final SandboxTokens tokens = new SandboxTokens();

    /** The demo app is the one whose sign-in the consent page and the token endpoint accept. */
    public PinterestSandbox() {
        // The Pinterest plugin's network id (no compile dependency on it: a separate zip).
        super("pinterest", SandboxAccount.CLIENT_ID, SandboxAccount.CLIENT_SECRET, SandboxAccount.ALL);
    }

    @Override
    protected DemoAccount demoAccount(SandboxAccount account, String base) {
        return new DemoAccount(account.businessName() + " (Pinterest)", Map.of("access_token", account.accessToken(),
                "refresh_token", account.refreshToken(), "client_id", SandboxAccount.CLIENT_ID,
                "client_secret", SandboxAccount.CLIENT_SECRET, "api_base_url", base + PREFIX));
    }

    @Override
    public HttpResponse handle(HttpRequest request, Clock clock) {
        String path = request.uri().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Instant now = clock.instant();
        try {
            if (path.equals(SandboxSignIn.AUTHORIZE_PATH)) {
                // www.pinterest.com's consent page: HTML for a browser.
                requireMethod(request, "GET");
                return signIn.authorize(request, now);
            }
            if (path.equals(PREFIX + "/oauth/token")) {
                requireMethod(request, "POST");
                return token(request, now);
            }
            if (path.equals(PREFIX + "/user_account")) {
                requireMethod(request, "GET");
                return userAccount(authenticate(request, now), now);
            }
            if (path.equals(PREFIX + "/user_account/analytics")) {
                requireMethod(request, "GET");
                return accountAnalytics(authenticate(request, now), request, now);
            }
            if (path.equals(PREFIX + "/pins")) {
                requireMethod(request, "GET");
                return pins(authenticate(request, now), request, now);
            }
            Matcher pinAnalytics = PIN_ANALYTICS.matcher(path);
            if (pinAnalytics.matches()) {
                requireMethod(request, "GET");
                return pinAnalytics(authenticate(request, now), pinAnalytics.group(1), request, now);
            }
            throw new Refusal(404, 404, "Not found.");
        } catch (Refusal refusal) {
            return error(refusal.status, refusal.code, refusal.getMessage());
        }
    }

    // ---- endpoints -------------------------------------------------------------------------

    private HttpResponse userAccount(SandboxAccount account, Instant now) {
        SyntheticHistory history = new SyntheticHistory(account);
        LocalDate today = today(now);
        LocalDate lastReady = today.minusDays(PROCESSING_DAYS);
        long monthlyViews = Math.round(history.accountDays(lastReady.minusDays(29), lastReady).values().stream()
                .mapToDouble(m -> m.get("IMPRESSION")).sum());
        ObjectNode json = mapper.createObjectNode();
        json.put("account_type", "BUSINESS");
        json.put("id", account.id());
        json.put("username", account.handle());
        json.put("business_name", account.businessName());
        json.put("profile_image", "https://i.pinimg.com/280x280_RS/sandbox/" + account.handle() + ".jpg");
        json.put("website_url", account.websiteUrl());
        json.put("about", account.about());
        json.put("board_count", account.boardIds().size());
        json.put("pin_count", history.pinsUntil(now).stream().filter(SandboxPin::owned).count());
        json.put("follower_count", history.followers(today));
        json.put("following_count", 40 + account.handle().length());
        json.put("monthly_views", monthlyViews);
        return json(200, json);
    }

    private HttpResponse accountAnalytics(SandboxAccount account, HttpRequest request, Instant now)
            throws Refusal {
        LocalDate today = today(now);
        Window window = window(request, today);
        List<String> metricTypes = metricTypes(request, SyntheticHistory.ACCOUNT_METRIC_TYPES);
        requireNoSplit(request);

        LocalDate lastDay = window.end.isAfter(today) ? today : window.end;
        LocalDate lastReady = today.minusDays(PROCESSING_DAYS);
        SortedMap<LocalDate, Map<String, Double>> days = new SyntheticHistory(account)
                .accountDays(window.start, lastDay.isAfter(lastReady) ? lastReady : lastDay);

        ArrayNode daily = mapper.createArrayNode();
        Map<String, Double> sums = new LinkedHashMap<>();
        for (LocalDate day = window.start; !day.isAfter(lastDay); day = day.plusDays(1)) {
            ObjectNode entry = daily.addObject();
            entry.put("date", day.toString());
            if (day.isAfter(lastReady)) {
                entry.put("data_status", "PROCESSING"); // no metrics object, as Pinterest does
                continue;
            }
            entry.put("data_status", "READY");
            ObjectNode metrics = entry.putObject("metrics");
            Map<String, Double> values = days.get(day);
            for (String type : metricTypes) {
                putNumber(metrics, type, values.get(type));
                if (!type.endsWith("_RATE")) {
                    sums.merge(type, values.get(type), Double::sum);
                }
            }
        }
        ObjectNode summary = mapper.createObjectNode();
        for (String type : metricTypes) {
            if (type.endsWith("_RATE")) {
                String count = type.substring(0, type.length() - "_RATE".length());
                double impressions = sums.getOrDefault("IMPRESSION", 0.0);
                double part = sums.getOrDefault(count, 0.0);
                summary.put(type, impressions == 0 ? 0.0 : Math.round(part / impressions * 10_000) / 10_000.0);
            } else {
                putNumber(summary, type, sums.getOrDefault(type, 0.0));
            }
        }
        ObjectNode json = mapper.createObjectNode();
        ObjectNode all = json.putObject("all");
        all.set("daily_metrics", daily);
        all.set("summary_metrics", summary);
        return json(200, json);
    }

    private HttpResponse pins(SandboxAccount account, HttpRequest request, Instant now) throws Refusal {
        int pageSize = DEFAULT_PAGE_SIZE;
        String rawSize = request.queryParam("page_size");
        if (rawSize != null) {
            try {
                pageSize = Integer.parseInt(rawSize);
            } catch (NumberFormatException e) {
                pageSize = -1;
            }
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw invalid("page_size must be between 1 and " + MAX_PAGE_SIZE + ".");
            }
        }
        List<SandboxPin> newestFirst = new ArrayList<>(new SyntheticHistory(account).pinsUntil(now));
        java.util.Collections.reverse(newestFirst);
        int start = 0;
        String bookmark = request.queryParam("bookmark");
        if (bookmark != null && !bookmark.isEmpty()) {
            start = positionAfter(newestFirst, bookmark);
        }
        int end = Math.min(start + pageSize, newestFirst.size());
        ArrayNode items = mapper.createArrayNode();
        for (SandboxPin pin : newestFirst.subList(start, end)) {
            items.add(pinJson(account, pin));
        }
        ObjectNode json = mapper.createObjectNode();
        json.set("items", items);
        if (end < newestFirst.size()) {
            json.put("bookmark", bookmarkAfter(newestFirst.get(end - 1)));
        } else {
            json.putNull("bookmark");
        }
        return json(200, json);
    }

    private HttpResponse pinAnalytics(SandboxAccount account, String pinId, HttpRequest request, Instant now)
            throws Refusal {
        LocalDate today = today(now);
        Window window = window(request, today);
        List<String> metricTypes = metricTypes(request, SyntheticHistory.PIN_METRIC_TYPES);
        requireNoSplit(request);
        SyntheticHistory history = new SyntheticHistory(account);
        SandboxPin pin = history.pinsUntil(now).stream()
                .filter(p -> p.owned() && p.id().equals(pinId)).findFirst()
                .orElseThrow(() -> new Refusal(404, 50, "Pin not found."));

        LocalDate lastDay = window.end.isAfter(today) ? today : window.end;
        LocalDate lastReady = today.minusDays(PROCESSING_DAYS);
        ArrayNode daily = mapper.createArrayNode();
        Map<String, Double> sums = new LinkedHashMap<>();
        for (LocalDate day = window.start; !day.isAfter(lastDay); day = day.plusDays(1)) {
            ObjectNode entry = daily.addObject();
            entry.put("date", day.toString());
            if (day.isBefore(pin.createdDay())) {
                entry.put("data_status", "BEFORE_PIN_CREATED");
                continue;
            }
            if (day.isAfter(lastReady)) {
                entry.put("data_status", "PROCESSING");
                continue;
            }
            entry.put("data_status", "READY");
            ObjectNode metrics = entry.putObject("metrics");
            Map<String, Double> values = history.pinDay(pin, day);
            for (String type : metricTypes) {
                Double value = values.get(type);
                if (value != null) {
                    putNumber(metrics, type, value);
                    sums.merge(type, value, type.equals("VIDEO_AVG_WATCH_TIME") ? (a, b) -> b : Double::sum);
                }
            }
        }
        ObjectNode all = mapper.createObjectNode();
        // A pin with no final day yet has no lifetime numbers either.
        if (!pin.createdDay().isAfter(lastReady)) {
            ObjectNode lifetime = all.putObject("lifetime_metrics");
            Map<String, Double> values = history.pinCumulative(pin, lastReady);
            for (String type : metricTypes) {
                Double value = values.get(type);
                if (value != null) {
                    putNumber(lifetime, type, value);
                }
            }
        }
        all.set("daily_metrics", daily);
        ObjectNode summary = all.putObject("summary_metrics");
        sums.forEach((type, value) -> putNumber(summary, type, value));
        ObjectNode json = mapper.createObjectNode();
        json.set("all", all);
        return json(200, json);
    }

    /**
     * {@code POST /v5/oauth/token}: the code exchange of the sign-in and the refresh, both with the sandbox
     * app's Basic auth and a form body. A refresh returns a new access token only: like Pinterest's (without
     * continuous refresh), the refresh token is not rotated.
     */
    private HttpResponse token(HttpRequest request, Instant now) throws Refusal {
        String authorization = request.header("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (SandboxAccount.CLIENT_ID + ":" + SandboxAccount.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (authorization == null || !authorization.strip().equals(expected)) {
            throw new Refusal(401, 2, "Authentication failed.");
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            throw invalid("the body must be application/x-www-form-urlencoded.");
        }
        Map<String, String> form = Urls.queryParams(URI.create("http://form/?" + request.bodyText()));
        String grantType = form.get("grant_type");
        if ("authorization_code".equals(grantType)) {
            var grant = signIn.redeem(form.get("code"), now)
                    .orElseThrow(() -> invalid("code is not valid: it was already used, has expired or was never issued."));
            if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
                throw invalid("redirect_uri does not match the one the authorization was made with.");
            }
            ObjectNode json = mapper.createObjectNode();
            json.put("access_token", tokens.issueAccess(grant.account(), now));
            json.put("refresh_token", tokens.issueRefresh(grant.account(), now));
            json.put("response_type", "authorization_code");
            json.put("token_type", "bearer");
            json.put("expires_in", SandboxTokens.ACCESS_LIFETIME.toSeconds());
            json.put("refresh_token_expires_in", SandboxTokens.REFRESH_LIFETIME.toSeconds());
            json.put("scope", String.join(",", grant.scopes()));
            return json(200, json);
        }
        if (!"refresh_token".equals(grantType)) {
            throw invalid("grant_type must be authorization_code or refresh_token.");
        }
        String refreshToken = form.getOrDefault("refresh_token", "");
        ObjectNode json = mapper.createObjectNode();
        SandboxTokens.Check issued = SandboxTokens.checkRefresh(refreshToken, now);
        if (issued.account().isPresent()) {
            if (issued.expired()) {
                throw invalid("refresh_token has expired.");
            }
            json.put("access_token", tokens.issueAccess(issued.account().get(), now));
            json.put("expires_in", SandboxTokens.ACCESS_LIFETIME.toSeconds());
        } else {
            SandboxAccount account = SandboxAccount.ALL.stream().filter(a -> a.refreshToken().equals(refreshToken))
                    .findFirst().orElseThrow(() -> invalid("refresh_token is not valid."));
            json.put("access_token", account.accessToken());
            json.put("expires_in", 2_592_000);
        }
        json.put("response_type", "refresh_token");
        json.put("token_type", "bearer");
        json.put("scope", "boards:read,pins:read,user_accounts:read");
        return json(200, json);
    }

    // ---- request checks --------------------------------------------------------------------

    private static SandboxAccount authenticate(HttpRequest request, Instant now) throws Refusal {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            String token = authorization.substring("Bearer ".length()).strip();
            for (SandboxAccount account : SandboxAccount.ALL) {
                if (account.accessToken().equals(token)) {
                    return account;
                }
            }
            // A token of the sign-in: valid for 30 days after it was issued.
            SandboxTokens.Check issued = SandboxTokens.checkAccess(token, now);
            if (issued.account().isPresent() && !issued.expired()) {
                return issued.account().get();
            }
        }
        throw new Refusal(401, 2, "Authentication failed.");
    }

    private static void requireMethod(HttpRequest request, String method) throws Refusal {
        if (!request.method().equals(method)) {
            throw new Refusal(405, 405, "Method not allowed.");
        }
    }

    /** The look-back and window rules Pinterest enforces on every analytics endpoint. */
    private static Window window(HttpRequest request, LocalDate today) throws Refusal {
        LocalDate start = date(request, "start_date");
        LocalDate end = date(request, "end_date");
        if (end.isBefore(start)) {
            throw invalid("end_date cannot be before start_date.");
        }
        if (start.isBefore(today.minusDays(LOOKBACK_DAYS))) {
            throw invalid("start_date cannot be more than " + LOOKBACK_DAYS + " days before today.");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_WINDOW_DAYS) {
            throw invalid("end_date cannot be more than " + MAX_WINDOW_DAYS + " days after start_date.");
        }
        return new Window(start, end);
    }

    private static LocalDate date(HttpRequest request, String name) throws Refusal {
        String value = request.queryParam(name);
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required.");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be a date in YYYY-MM-DD format.");
        }
    }

    /** {@code metric_types} is a strict, upper-case enum: one unknown value fails the request. */
    private static List<String> metricTypes(HttpRequest request, Set<String> known) throws Refusal {
        String value = request.queryParam("metric_types");
        if (value == null || value.isBlank()) {
            throw invalid("metric_types is required.");
        }
        Set<String> types = new LinkedHashSet<>(Arrays.asList(value.split(",")));
        for (String type : types) {
            if (!known.contains(type)) {
                throw invalid("metric_types value '" + type + "' is not supported.");
            }
        }
        return List.copyOf(types);
    }

    private static void requireNoSplit(HttpRequest request) throws Refusal {
        String split = request.queryParam("split_field");
        if (split != null && !split.equals("NO_SPLIT")) {
            throw invalid("split_field " + split + " is not supported by the Goalpost sandbox (only NO_SPLIT).");
        }
    }

    // ---- JSON ------------------------------------------------------------------------------

    private ObjectNode pinJson(SandboxAccount account, SandboxPin pin) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", pin.id());
        json.put("created_at", LocalDateTime.ofInstant(pin.createdAt(), ZoneOffset.UTC).toString());
        json.put("link", account.websiteUrl() + "/p/" + pin.id());
        json.put("title", pin.title());
        json.put("description", pin.title() + " from " + account.businessName());
        json.put("board_id", pin.boardId());
        json.putObject("board_owner").put("username", pin.owned() ? account.handle() : "another-creator");
        json.put("is_owner", pin.owned());
        ObjectNode media = json.putObject("media");
        if (pin.video()) {
            media.put("media_type", "video");
            media.put("cover_image_url", "https://i.pinimg.com/videos/thumbnails/sandbox/" + pin.id() + ".jpg");
            media.put("duration", 15_000 + (pin.id().hashCode() & 0x7fff));
            media.put("width", 1080);
            media.put("height", 1920);
        } else {
            media.put("media_type", "image");
            ObjectNode image = media.putObject("images").putObject("600x");
            image.put("width", 600);
            image.put("height", 900);
            image.put("url", "https://i.pinimg.com/600x/sandbox/" + pin.id() + ".jpg");
        }
        return json;
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (value == Math.rint(value) && !name.endsWith("_RATE")) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }

    private HttpResponse json(int status, ObjectNode body) {
        try {
            return HttpResponse.json(status, mapper.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("sandbox response cannot be written", e);
        }
    }

    private HttpResponse error(int status, int code, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    // ---- bookmarks -------------------------------------------------------------------------

    /** Bookmarks name the last pin of the page, so pins created meanwhile do not shift later pages. */
    private static String bookmarkAfter(SandboxPin pin) {
        String raw = pin.createdAt().getEpochSecond() + ":" + pin.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int positionAfter(List<SandboxPin> newestFirst, String bookmark) throws Refusal {
        long second;
        String id;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(bookmark), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            second = Long.parseLong(raw.substring(0, colon));
            id = raw.substring(colon + 1);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid("bookmark is not valid.");
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            SandboxPin pin = newestFirst.get(i);
            long s = pin.createdAt().getEpochSecond();
            if (s < second || (s == second && pin.id().compareTo(id) < 0)) {
                return i;
            }
        }
        return newestFirst.size();
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private static Refusal invalid(String detail) {
        return new Refusal(400, 1, "Invalid parameters: " + detail);
    }

    /** An analytics window as asked (inclusive). */
    private record Window(LocalDate start, LocalDate end) {
    }

    /** A request the sandbox refuses the way Pinterest would. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final int code;

        Refusal(int status, int code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
