package io.goalpost.plugins.instagram.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.DemoSandbox;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * A simulation of the Instagram Graph API for the demo and for load and fault tests: the same paths,
 * parameters, JSON shapes, usage headers and error bodies as graph.instagram.com and graph.facebook.com,
 * over three accounts with deterministic history ({@code acme.coffee} and {@code acme.bakery} connected
 * with Instagram Login, {@code acme.outdoor} with Facebook Login).
 *
 * <p>Served: {@code GET /{version}/{ig-user-id}} (and {@code /me}), {@code /{ig-user-id}/insights},
 * {@code /{ig-user-id}/media}, {@code /{ig-media-id}}, {@code /{ig-media-id}/insights}, and
 * {@code GET /refresh_access_token}. Enforced like the real API: the token (missing → 104, unknown → 190,
 * expired → 190/463), the 30-day window, removed metric names (one fails the whole request with code
 * 100), time series for {@code reach} only, breakdown compatibility, per-product-type media metrics,
 * two years of account history and nothing for the current day yet.
 *
 * <p>It also speaks Facebook Login for the Instagram API with Facebook Login ({@link SandboxLogin}): the
 * Login dialog as a small HTML page, the token exchanges, {@code /debug_token} and {@code /me/accounts}
 * with the Instagram accounts linked to the person's Pages, for the app of {@link #demoApp(String)}.
 */
@Extension
public final class InstagramSandbox extends DemoSandbox<SandboxAccount> {

    /** The API version the demo configuration uses. */
    public static final String VERSION = "v25.0";

    private static final Pattern VERSION_SEGMENT = Pattern.compile("v[0-9]+(\\.[0-9]+)?");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, SyntheticHistory> histories = new LinkedHashMap<>();
    private final AccountInsightsResource accountInsights = new AccountInsightsResource(mapper);
    private final MediaResource media = new MediaResource(mapper);
    private final SandboxLogin login = new SandboxLogin(mapper);

    /**
     * The demo app is the one the sandbox's Facebook Login accepts (Instagram API with Facebook Login),
     * with the sandbox standing in for www.facebook.com and graph.facebook.com.
     */
    public InstagramSandbox() {
        super("instagram", SandboxLogin.APP_ID, SandboxLogin.APP_SECRET, SandboxAccount.ALL);
        for (SandboxAccount a : SandboxAccount.ALL) {
            histories.put(a.igUserId(), new SyntheticHistory(a));
        }
    }

    @Override
    protected DemoAccount demoAccount(SandboxAccount a, String base) {
        return new DemoAccount(a.name() + " (@" + a.username() + ")", Map.of("login_type", a.loginType(),
                "ig_user_id", a.igUserId(), "access_token", a.demoToken(), "api_base_url", base + "/" + VERSION));
    }

    @Override
    public HttpResponse handle(HttpRequest request, Clock clock) {
        String trace = request.uri().getPath();
        HttpResponse response;
        Optional<SandboxAccount> caller = Optional.empty();
        try {
            if (!request.method().equals("GET")) {
                throw GraphFault.invalidParameter("(#100) Unsupported " + request.method().toLowerCase(java.util.Locale.ROOT)
                        + " request.");
            }
            List<String> segments = new ArrayList<>(Arrays.stream(request.uri().getPath().split("/"))
                    .filter(s -> !s.isEmpty()).toList());
            Map<String, String> params = Urls.queryParams(request.uri());
            if (segments.equals(List.of("refresh_access_token"))) {
                return withUsage(refresh(params, clock.instant()), Optional.empty());
            }
            if (!segments.isEmpty() && VERSION_SEGMENT.matcher(segments.get(0)).matches()) {
                segments.remove(0);
                Optional<HttpResponse> signIn = login.handle(segments, request, clock.instant());
                if (signIn.isPresent()) {
                    return signIn.get();
                }
            }
            SandboxTokens.Grant grant = SandboxTokens.verify(token(request, params), clock.instant());
            caller = Optional.of(grant.account());
            response = HttpResponse.json(200, route(segments, params, grant.account(), clock, request.uri()).toString());
        } catch (GraphFault fault) {
            response = fault.toResponse(trace);
        } catch (RuntimeException e) {
            // A sandbox bug answers like Meta's own unknown error, never as an exception in the host.
            response = GraphFault.unknownError().toResponse(trace);
        }
        return withUsage(response, caller);
    }

    private static String token(HttpRequest request, Map<String, String> params) {
        String auth = request.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return params.get("access_token");
    }

    private ObjectNode route(List<String> segments, Map<String, String> params, SandboxAccount account, Clock clock,
            URI uri) {
        if (segments.isEmpty()) {
            throw GraphFault.invalidParameter("(#100) Unsupported get request.");
        }
        if (segments.size() > 2) {
            throw GraphFault.of(2500, 0, "OAuthException", "Unknown path components: /"
                    + String.join("/", segments.subList(2, segments.size())));
        }
        String nodeId = segments.get(0).equals("me") ? account.igUserId() : segments.get(0);
        String edge = segments.size() == 2 ? segments.get(1) : null;
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        Instant now = clock.instant();
        SyntheticHistory history = histories.get(account.igUserId());
        if (nodeId.equals(account.igUserId())) {
            if (edge == null) {
                return user(history, params, now);
            }
            if (edge.equals("insights")) {
                return accountInsights.answer(history, params, clock, origin, uri.getRawPath());
            }
            if (edge.equals("media")) {
                return media.list(history, params, now, origin, uri.getRawPath());
            }
            throw GraphFault.invalidParameter("(#100) Tried accessing nonexisting field (" + edge
                    + ") on node type (IGUser)");
        }
        Optional<PostSchedule.Post> post = PostSchedule.byId(nodeId)
                .filter(p -> p.account().equals(account) && !p.publishedAt().isAfter(now));
        if (post.isEmpty()) {
            throw GraphFault.unknownObject(nodeId);
        }
        if (edge == null) {
            return media.node(post.get(), history, params, now);
        }
        if (edge.equals("insights")) {
            return media.insights(post.get(), history, params, now);
        }
        throw GraphFault.invalidParameter("(#100) Tried accessing nonexisting field (" + edge + ") on node type (IGMedia)");
    }

    private ObjectNode user(SyntheticHistory history, Map<String, String> params, Instant now) {
        SandboxAccount a = history.account();
        LocalDate today = LocalDate.ofInstant(now, PostSchedule.PACIFIC);
        ObjectNode user = mapper.createObjectNode();
        for (String field : FieldList.parse(params.get("fields"), "id").keySet()) {
            switch (field) {
                case "id" -> user.put("id", a.igUserId());
                case "user_id" -> user.put("user_id", a.igUserId());
                case "username" -> user.put("username", a.username());
                case "name" -> user.put("name", a.name());
                case "account_type" -> user.put("account_type", "BUSINESS");
                case "followers_count" -> user.put("followers_count", history.followers(today));
                case "follows_count" -> user.put("follows_count", 180 + 37L * a.index());
                case "media_count" -> user.put("media_count", mediaCount(a, now));
                case "profile_picture_url" -> user.put("profile_picture_url",
                        "https://sandbox-media.invalid/instagram/" + a.username() + ".jpg");
                case "biography" -> user.put("biography", a.name() + " — a Goalpost sandbox account");
                case "website" -> user.put("website", "https://example.com/" + a.username().replace('.', '-'));
                default -> throw GraphFault.invalidParameter("(#100) Tried accessing nonexisting field (" + field
                        + ") on node type (IGUser)");
            }
        }
        return user;
    }

    private static long mediaCount(SandboxAccount account, Instant now) {
        return PostSchedule.newestFirst(account, LocalDate.ofInstant(now, PostSchedule.PACIFIC), now, Integer.MAX_VALUE)
                .size();
    }

    /**
     * {@code GET /refresh_access_token?grant_type=ig_refresh_token&access_token=...}: Instagram Login tokens
     * only, valid and at least 24 hours old; the new token is valid 60 days from now.
     */
    private HttpResponse refresh(Map<String, String> params, Instant now) {
        try {
            if (!"ig_refresh_token".equals(params.get("grant_type"))) {
                throw GraphFault.invalidParameter("(#100) grant_type must be ig_refresh_token");
            }
            SandboxTokens.Grant grant = SandboxTokens.verify(params.get("access_token"), now);
            if (!grant.account().instagramLogin() || grant.pageToken()) {
                throw GraphFault.invalidToken(); // a Facebook Login token is not an Instagram User token
            }
            if (grant.issuedAt().isPresent() && now.isBefore(grant.issuedAt().get().plus(SandboxTokens.MIN_REFRESH_AGE))) {
                throw GraphFault.invalidParameter("(#100) The access token can be refreshed only once it is at least "
                        + "24 hours old");
            }
            ObjectNode body = mapper.createObjectNode();
            body.put("access_token", SandboxTokens.refreshed(grant.account(), now));
            body.put("token_type", "bearer");
            body.put("expires_in", SandboxTokens.LIFETIME.toSeconds());
            return HttpResponse.json(200, body.toString());
        } catch (GraphFault fault) {
            return fault.toResponse("/refresh_access_token");
        }
    }

    /** Meta's Business Use Case usage header; the sandbox keeps no call counts, so usage stays low. */
    private HttpResponse withUsage(HttpResponse response, Optional<SandboxAccount> caller) {
        if (caller.isEmpty()) {
            return response;
        }
        ObjectNode usage = mapper.createObjectNode();
        usage.putArray(caller.get().igUserId()).addObject().put("type", "instagram").put("call_count", 1)
                .put("total_cputime", 1).put("total_time", 1).put("estimated_time_to_regain_access", 0);
        HttpResponse out = response.withHeader("X-Business-Use-Case-Usage", usage.toString());
        if (!caller.get().instagramLogin()) {
            out = out.withHeader("X-App-Usage", "{\"call_count\":1,\"total_cputime\":1,\"total_time\":1}");
        }
        return out;
    }
}
