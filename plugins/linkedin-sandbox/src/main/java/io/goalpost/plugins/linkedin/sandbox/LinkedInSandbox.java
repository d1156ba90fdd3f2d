package io.goalpost.plugins.linkedin.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.sandbox.DemoSandbox;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * LinkedIn's Community Management API, simulated: the same paths, Rest.li query syntax, JSON shapes,
 * error envelopes and limits as the real API, over two pages ("Acme Corp", "Acme Careers") with
 * deterministic history. What it enforces, as LinkedIn does:
 * <ul>
 *   <li>the {@code LinkedIn-Version} header: missing, malformed, retired (older than 12 months) or
 *       future versions get HTTP 426 {@code NONEXISTENT_VERSION};
 *   <li>the bearer token it issued ({@code sandbox-linkedin-<page>}), and only for that page (403
 *       otherwise); {@code ...-expired} and {@code ...-revoked} tokens give the 401 codes 65600 and
 *       65601; tokens from the refresh endpoint last 60 days;
 *   <li>{@code X-Restli-Protocol-Version: 2.0.0}, percent-encoded URNs, unescaped {@code List(...)} and
 *       {@code timeIntervals} structure;
 *   <li>time-bound statistics only for the last 12 months and ending at least 2 days ago (HTTP 400
 *       "Invalid timeIntervals parameter");
 *   <li>posts paging with {@code count} at most 100, and per-post statistics only for the page's own
 *       posts, each in its own list ({@code shares=} vs {@code ugcPosts=}).
 * </ul>
 *
 * <p>It also speaks LinkedIn's 3-legged OAuth ({@link SandboxLogin}): the authorization page, the code
 * exchange and refresh at {@code /oauth/v2/accessToken}, and {@code /rest/organizationAcls} listing both
 * pages for the signed-in member, for the app of {@link #demoApp(String)}.
 */
@Extension
public final class LinkedInSandbox extends DemoSandbox<SandboxOrganization> {

    /** Client credentials the sandbox's token endpoint accepts; obviously fake. */
    static final String CLIENT_ID = "sandbox-linkedin-client";
    static final String CLIENT_SECRET = "sandbox-linkedin-client-secret";

    private static final Duration LOOKBACK = Duration.ofDays(365);
    private static final Duration LAG = Duration.ofDays(2);
    private static final int POSTS_HISTORY_DAYS = 365;
    private static final int REFRESHED_TOKEN_DAYS = 60;
    private static final Pattern VERSION = Pattern.compile("(20[0-9]{2})(0[1-9]|1[0-2])([0-3][0-9])?");
    private static final Pattern START = Pattern.compile("start:(\\d+)");
    private static final Pattern END = Pattern.compile("end:(\\d+)");
    private static final Pattern GRANULARITY = Pattern.compile("timeGranularityType:([A-Z]+)");

    // The sandbox's own Jackson, separate from the adapter's and the host's.
    private final ObjectMapper mapper = new ObjectMapper();
    private final SandboxLogin login = new SandboxLogin(mapper);

    /**
     * The demo app is the one the sandbox's LinkedIn sign-in accepts, with the sandbox standing in for
     * www.linkedin.com and api.linkedin.com.
     */
    public LinkedInSandbox() {
        super("linkedin", CLIENT_ID, CLIENT_SECRET, SandboxOrganization.ALL);
    }

    @Override
    public HttpResponse handle(HttpRequest request, Clock clock) {
        try {
            return route(request, clock.instant())
                    .withHeader("X-RestLi-Protocol-Version", "2.0.0");
        } catch (SandboxError e) {
            return e.toResponse(mapper);
        }
    }

    @Override
    protected DemoAccount demoAccount(SandboxOrganization org, String base) {
        return new DemoAccount(org.name() + " (LinkedIn)", Map.of("organization_id", String.valueOf(org.id()),
                "access_token", org.accessToken(), "refresh_token", org.refreshToken(), "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "api_base_url", base + "/rest", "oauth_base_url", base + "/oauth/v2"));
    }

    private HttpResponse route(HttpRequest request, Instant now) {
        String path = request.uri().getRawPath();
        if (path.endsWith("/oauth/v2/accessToken")) {
            return accessToken(request, now);
        }
        if (path.endsWith("/oauth/v2/authorization") && request.method().equals("GET")) {
            return login.authorization(request, now);
        }
        int rest = path.indexOf("/rest/");
        if (rest < 0) {
            throw SandboxError.notFound("No resource found at " + path);
        }
        String resource = path.substring(rest + "/rest/".length());
        if (!request.method().equals("GET")) {
            throw new SandboxError(405, null, "METHOD_NOT_ALLOWED", "The sandbox only reads");
        }
        String version = requireActiveVersion(request, now);
        Set<SandboxOrganization> caller = authenticate(request, now);
        if (!"2.0.0".equals(request.header("X-Restli-Protocol-Version"))) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: send"
                    + " X-Restli-Protocol-Version: 2.0.0 for this query syntax");
        }
        SandboxQuery query = SandboxQuery.parse(request.uri().getRawQuery());
        Call call = new Call(caller, version, query, now);
        if (resource.equals("organizationAcls")) {
            return organizationAcls(call);
        }
        if (resource.startsWith("organizations/")) {
            return organization(call, resource.substring("organizations/".length()));
        }
        if (resource.startsWith("networkSizes/")) {
            return networkSize(call, URLDecoder.decode(resource.substring("networkSizes/".length()),
                    StandardCharsets.UTF_8));
        }
        return switch (resource) {
            case "organizationalEntityFollowerStatistics" -> followerStatistics(call);
            case "organizationPageStatistics" -> pageStatistics(call);
            case "organizationalEntityShareStatistics" -> shareStatistics(call);
            case "posts" -> posts(call);
            default -> throw SandboxError.notFound("No resource found at /rest/" + resource);
        };
    }

    /** What every handler needs: who calls, with which version, which parameters, and when. */
    private record Call(Set<SandboxOrganization> caller, String version, SandboxQuery query, Instant now) {
        LocalDate today() {
            return now.atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    // ---- the version, the token, the organization ----

    /**
     * Versions are monthly and live about 12 months; LinkedIn answers 426 for others (LinkedIn's API
     * versioning docs).
     */
    private static String requireActiveVersion(HttpRequest request, Instant now) {
        String version = request.header("LinkedIn-Version");
        if (version != null) {
            Matcher m = VERSION.matcher(version.trim());
            if (m.matches()) {
                YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
                if (!month.isAfter(current) && month.plusMonths(12).isAfter(current)) {
                    return version.trim();
                }
            }
        }
        throw new SandboxError(426, null, "NONEXISTENT_VERSION",
                "Requested version " + (version == null ? "(none)" : version) + " is not active");
    }

    /** The pages the token's member administers: one for a page's demo token, both for the signed-in member. */
    private static Set<SandboxOrganization> authenticate(HttpRequest request, Instant now) {
        String authorization = request.header("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : "";
        if (SandboxLogin.isMemberToken(token)) {
            if (SandboxLogin.isLiveMemberToken(token, now)) {
                return Set.copyOf(SandboxOrganization.ALL);
            }
            throw expired();
        }
        for (SandboxOrganization org : SandboxOrganization.ALL) {
            String issued = org.accessToken();
            if (token.equals(issued)) {
                return Set.of(org);
            }
            if (token.equals(issued + "-expired")) {
                throw expired();
            }
            if (token.equals(issued + "-revoked")) {
                throw new SandboxError(401, 65601, "REVOKED_ACCESS_TOKEN",
                        "The token used in the request has been revoked by the user");
            }
            String refreshed = issued + "-refreshed-";
            if (token.startsWith(refreshed)) {
                try {
                    long issuedOn = Long.parseLong(token.substring(refreshed.length()));
                    long age = now.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() - issuedOn;
                    if (age >= 0 && age < REFRESHED_TOKEN_DAYS) {
                        return Set.of(org);
                    }
                    throw expired();
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new SandboxError(401, 65600, "INVALID_ACCESS_TOKEN", "Invalid access token");
    }

    private static SandboxError expired() {
        return new SandboxError(401, 65600, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired");
    }

    /** The organization a URN names, provided the caller administers it. */
    private static SandboxOrganization organization(Call call, String urn, String resource) {
        for (SandboxOrganization org : SandboxOrganization.ALL) {
            if (org.urn().equals(urn)) {
                if (!call.caller().contains(org)) {
                    throw SandboxError.accessDenied(resource, call.version());
                }
                return org;
            }
        }
        throw SandboxError.notFound("Organization " + urn + " not found");
    }

    private HttpResponse organization(Call call, String id) {
        SandboxOrganization org = organization(call, "urn:li:organization:" + id, "organizations");
        ObjectNode body = mapper.createObjectNode();
        body.put("id", org.id());
        body.put("localizedName", org.name());
        body.put("vanityName", org.vanityName());
        body.put("localizedWebsite", "https://" + org.vanityName() + ".example");
        return ok(body);
    }

    private HttpResponse networkSize(Call call, String urn) {
        String edge = call.query().decoded("edgeType").orElse("");
        if (!edge.equals("COMPANY_FOLLOWED_BY_MEMBER") && !edge.equals("CompanyFollowedByMember")) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: edgeType");
        }
        SandboxOrganization org = organization(call, urn, "networkSizes");
        ObjectNode body = mapper.createObjectNode();
        body.put("firstDegreeSize", SyntheticHistory.followersAt(org, call.today()));
        return ok(body);
    }

    // ---- statistics ----

    private HttpResponse followerStatistics(Call call) {
        SandboxOrganization org = finder(call, "organizationalEntity", "organizationalEntityFollowerStatistics");
        ArrayNode elements = mapper.createArrayNode();
        Optional<List<LocalDate>> days = timeIntervals(call);
        if (days.isEmpty()) {
            // Lifetime answers carry follower demographics, which the sandbox does not simulate.
            ObjectNode element = elements.addObject();
            element.put("organizationalEntity", org.urn());
            for (String facet : List.of("followerCountsByAssociationType", "followerCountsBySeniority",
                    "followerCountsByIndustry", "followerCountsByFunction", "followerCountsByStaffCountRange",
                    "followerCountsByGeoCountry", "followerCountsByGeo")) {
                element.putArray(facet);
            }
        } else {
            for (LocalDate day : days.get()) {
                SyntheticHistory.FollowerDay f = SyntheticHistory.followers(org, day);
                ObjectNode element = dayElement(elements, "organizationalEntity", org, day);
                ObjectNode gains = element.putObject("followerGains");
                gains.put("organicFollowerGain", f.organicGain());
                gains.put("paidFollowerGain", f.paidGain());
            }
        }
        return statistics(elements);
    }

    private HttpResponse pageStatistics(Call call) {
        SandboxOrganization org = finder(call, "organization", "organizationPageStatistics");
        ArrayNode elements = mapper.createArrayNode();
        Optional<List<LocalDate>> days = timeIntervals(call);
        if (days.isEmpty()) {
            ObjectNode element = elements.addObject();
            element.put("organization", org.urn());
            writePageViews(element, sumPageViews(org, call.today()));
        } else {
            for (LocalDate day : days.get()) {
                writePageViews(dayElement(elements, "organization", org, day), SyntheticHistory.pageViews(org, day));
            }
        }
        return statistics(elements);
    }

    private HttpResponse shareStatistics(Call call) {
        SandboxOrganization org = finder(call, "organizationalEntity", "organizationalEntityShareStatistics");
        Optional<List<String>> shares = call.query().urnList("shares");
        Optional<List<String>> ugcPosts = call.query().urnList("ugcPosts");
        ArrayNode elements = mapper.createArrayNode();
        if (shares.isPresent() || ugcPosts.isPresent()) {
            if (call.query().raw("timeIntervals").isPresent()) {
                throw SandboxError.badRequest("The sandbox does not simulate time-bound statistics of single posts");
            }
            postStatistics(call, org, "shares", shares.orElse(List.of()), false, elements);
            postStatistics(call, org, "ugcPosts", ugcPosts.orElse(List.of()), true, elements);
            return statistics(elements);
        }
        Optional<List<LocalDate>> days = timeIntervals(call);
        if (days.isEmpty()) {
            ObjectNode element = elements.addObject();
            element.put("organizationalEntity", org.urn());
            ObjectNode stats = writeShares(element, sumShares(org, call.today()));
            stats.put("shareMentionsCount", SyntheticHistory.mentions(org, call.today(), 0) * 40);
            stats.put("commentMentionsCount", SyntheticHistory.mentions(org, call.today(), 1) * 25);
        } else {
            for (LocalDate day : days.get()) {
                writeShares(dayElement(elements, "organizationalEntity", org, day), SyntheticHistory.shares(org, day));
            }
        }
        return statistics(elements);
    }

    private void postStatistics(Call call, SandboxOrganization org, String list, List<String> urns, boolean ugc,
            ArrayNode elements) {
        for (int i = 0; i < urns.size(); i++) {
            Optional<SandboxPost> post = SyntheticHistory.post(org, urns.get(i))
                    .filter(p -> p.isUgcPost() == ugc && !p.publishedAt().isAfter(call.now()));
            if (post.isEmpty()) {
                // LinkedIn's answer for a post that is not the page's, or sits in the wrong list.
                throw new SandboxError(403, 100, "ACCESS_DENIED", "Unpermitted fields present in PARAMETER: Data"
                        + " Processing Exception while processing fields [/" + list + "[" + i + "]]");
            }
            if (post.get().day().isBefore(call.today().minusDays(POSTS_HISTORY_DAYS))) {
                continue; // share statistics cover the last 12 months only
            }
            ObjectNode element = elements.addObject();
            element.put("organizationalEntity", org.urn());
            element.put(ugc ? "ugcPost" : "share", post.get().urn());
            writeShares(element, SyntheticHistory.lifetime(post.get(), call.today()));
        }
    }

    /** Checks {@code q} and the organization parameter of a statistics finder. */
    private static SandboxOrganization finder(Call call, String param, String resource) {
        if (!param.equals(call.query().decoded("q").orElse(""))) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: q must be " + param);
        }
        String urn = call.query().urn(param)
                .orElseThrow(() -> SandboxError.badRequest("Missing query parameter: " + param));
        return organization(call, urn, resource);
    }

    /**
     * The days of a {@code timeIntervals} parameter (Rest.li form or the dotted form), or empty for a
     * lifetime request. Enforces LinkedIn's rule: start at most 12 months and end at least 2 days
     * before the request.
     */
    private static Optional<List<LocalDate>> timeIntervals(Call call) {
        SandboxQuery q = call.query();
        String start;
        String end;
        String granularity;
        Optional<String> restLi = q.raw("timeIntervals");
        if (restLi.isPresent()) {
            String raw = restLi.get();
            if (!raw.startsWith("(")) {
                throw SandboxError.badRequest("Invalid timeIntervals parameter: use the Rest.li 2.0 syntax with"
                        + " unescaped parentheses, (timeRange:(start:..,end:..),timeGranularityType:DAY)");
            }
            start = find(START, raw);
            end = find(END, raw);
            granularity = find(GRANULARITY, raw);
        } else if (q.raw("timeIntervals.timeRange.start").isPresent()) {
            start = q.decoded("timeIntervals.timeRange.start").orElse(null);
            end = q.decoded("timeIntervals.timeRange.end").orElse(null);
            granularity = q.decoded("timeIntervals.timeGranularityType").orElse(null);
        } else {
            return Optional.empty();
        }
        if (start == null || end == null || granularity == null) {
            throw SandboxError.badRequest("Invalid timeIntervals parameter: timeRange.start, timeRange.end and"
                    + " timeGranularityType are required");
        }
        if (!granularity.equals("DAY")) {
            throw SandboxError.badRequest("Invalid timeIntervals parameter: the sandbox simulates DAY granularity only");
        }
        Instant from;
        Instant to;
        try {
            from = Instant.ofEpochMilli(Long.parseLong(start));
            to = Instant.ofEpochMilli(Long.parseLong(end));
        } catch (NumberFormatException e) {
            throw SandboxError.badRequest("Invalid timeIntervals parameter: start and end are epoch milliseconds");
        }
        if (!from.isBefore(to) || from.isBefore(call.now().minus(LOOKBACK)) || to.isAfter(call.now().minus(LAG))) {
            throw SandboxError.badRequest("Invalid timeIntervals parameter: the start must be at most 12 months"
                    + " and the end at least 2 days before the request time");
        }
        List<LocalDate> days = new ArrayList<>();
        LocalDate day = from.atZone(ZoneOffset.UTC).toLocalDate();
        if (!day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(from)) {
            day = day.plusDays(1); // only whole days are reported
        }
        for (; !day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
        return Optional.of(days);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private ObjectNode dayElement(ArrayNode elements, String entityField, SandboxOrganization org, LocalDate day) {
        ObjectNode element = elements.addObject();
        element.put(entityField, org.urn());
        ObjectNode range = element.putObject("timeRange");
        range.put("start", day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        range.put("end", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        return element;
    }

    private static ObjectNode writeShares(ObjectNode element, SyntheticHistory.ShareDay s) {
        ObjectNode stats = element.putObject("totalShareStatistics");
        stats.put("uniqueImpressionsCount", s.uniqueImpressions());
        stats.put("shareCount", s.shares());
        stats.put("engagement", s.engagementRate());
        stats.put("clickCount", s.clicks());
        stats.put("likeCount", s.likes());
        stats.put("impressionCount", s.impressions());
        stats.put("commentCount", s.comments());
        return stats;
    }

    private static void writePageViews(ObjectNode element, SyntheticHistory.PageDay p) {
        ObjectNode totals = element.putObject("totalPageStatistics");
        ObjectNode views = totals.putObject("views");
        views.putObject("allPageViews").put("pageViews", p.all()).put("uniquePageViews", p.allUnique());
        views.putObject("allDesktopPageViews").put("pageViews", p.desktop());
        views.putObject("allMobilePageViews").put("pageViews", p.mobile());
        views.putObject("overviewPageViews").put("pageViews", p.overview());
        views.putObject("careersPageViews").put("pageViews", p.careers()).put("uniquePageViews", p.careersUnique());
        totals.putObject("clicks").putObject("careersPageClicks")
                .put("careersPageJobsClicks", p.jobsClicks()).put("careersPagePromoLinksClicks", 0);
    }

    private static SyntheticHistory.ShareDay sumShares(SandboxOrganization org, LocalDate today) {
        long[] t = new long[6];
        for (LocalDate d = today.minusDays(POSTS_HISTORY_DAYS); d.isBefore(today); d = d.plusDays(1)) {
            SyntheticHistory.ShareDay s = SyntheticHistory.shares(org, d);
            t[0] += s.impressions();
            t[1] += s.uniqueImpressions();
            t[2] += s.clicks();
            t[3] += s.likes();
            t[4] += s.comments();
            t[5] += s.shares();
        }
        return new SyntheticHistory.ShareDay(t[0], t[1], t[2], t[3], t[4], t[5]);
    }

    private static SyntheticHistory.PageDay sumPageViews(SandboxOrganization org, LocalDate today) {
        long[] t = new long[8];
        for (LocalDate d = today.minusDays(POSTS_HISTORY_DAYS); d.isBefore(today); d = d.plusDays(1)) {
            SyntheticHistory.PageDay p = SyntheticHistory.pageViews(org, d);
            t[0] += p.all();
            t[1] += p.allUnique();
            t[2] += p.desktop();
            t[3] += p.mobile();
            t[4] += p.overview();
            t[5] += p.careers();
            t[6] += p.careersUnique();
            t[7] += p.jobsClicks();
        }
        return new SyntheticHistory.PageDay(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    }

    private HttpResponse statistics(ArrayNode elements) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode paging = body.putObject("paging");
        paging.put("start", 0);
        paging.put("count", 10);
        paging.putArray("links");
        body.set("elements", elements);
        return ok(body);
    }

    // ---- the pages a member administers ----

    /**
     * {@code GET /rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start&count}: the
     * caller's pages, one element per role assignment, with {@code start}/{@code count} paging.
     */
    private HttpResponse organizationAcls(Call call) {
        SandboxQuery q = call.query();
        if (!"roleAssignee".equals(q.decoded("q").orElse(""))) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: q must be roleAssignee");
        }
        String role = q.decoded("role").orElse("ADMINISTRATOR");
        String state = q.decoded("state").orElse("APPROVED");
        int count = q.integer("count", 10);
        int start = q.integer("start", 0);
        if (count < 1 || count > 100 || start < 0) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: count must be 1 to 100"
                    + " and start not negative");
        }
        List<SandboxOrganization> all = role.equals("ADMINISTRATOR") && state.equals("APPROVED")
                ? SandboxOrganization.ALL.stream().filter(call.caller()::contains).toList() : List.of();
        List<SandboxOrganization> page = all.subList(Math.min(start, all.size()), Math.min(start + count, all.size()));
        ObjectNode body = mapper.createObjectNode();
        ObjectNode paging = body.putObject("paging");
        paging.put("start", start);
        paging.put("count", count);
        ArrayNode links = paging.putArray("links");
        if (start + count < all.size()) {
            links.addObject().put("type", "application/json").put("rel", "next")
                    .put("href", "/rest/organizationAcls?count=" + count + "&q=roleAssignee&role=" + role
                            + "&start=" + (start + count) + "&state=" + state);
        }
        paging.put("total", all.size());
        ArrayNode elements = body.putArray("elements");
        for (SandboxOrganization org : page) {
            ObjectNode acl = elements.addObject();
            acl.put("roleAssignee", SandboxLogin.MEMBER_URN);
            acl.put("state", "APPROVED");
            acl.put("role", "ADMINISTRATOR");
            acl.put("organization", org.urn());
        }
        return ok(body);
    }

    // ---- posts ----

    private HttpResponse posts(Call call) {
        SandboxQuery q = call.query();
        if (!"author".equals(q.decoded("q").orElse(""))) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: q must be author");
        }
        String author = q.urn("author").orElseThrow(() -> SandboxError.badRequest("Missing query parameter: author"));
        SandboxOrganization org = organization(call, author, "posts");
        int count = q.integer("count", 10);
        int start = q.integer("start", 0);
        String sortBy = q.decoded("sortBy").orElse("LAST_MODIFIED");
        if (count < 1 || count > 100 || start < 0) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: count must be 1 to 100"
                    + " and start not negative");
        }
        if (!sortBy.equals("LAST_MODIFIED") && !sortBy.equals("CREATED")) {
            throw SandboxError.badRequest("Invalid query parameters passed to request: sortBy");
        }
        // No post is ever edited here, so both sort orders are newest first by creation.
        List<SandboxPost> all = SyntheticHistory.posts(org, call.today().minusDays(POSTS_HISTORY_DAYS), call.today())
                .stream().filter(p -> !p.publishedAt().isAfter(call.now())).toList();
        List<SandboxPost> page = all.subList(Math.min(start, all.size()), Math.min(start + count, all.size()));

        ObjectNode body = mapper.createObjectNode();
        ObjectNode paging = body.putObject("paging");
        paging.put("start", start);
        paging.put("count", count);
        ArrayNode links = paging.putArray("links");
        if (start + count < all.size()) {
            links.addObject().put("type", "application/json").put("rel", "next")
                    .put("href", "/rest/posts?author=" + q.raw("author").orElseThrow() + "&count=" + count
                            + "&q=author&sortBy=" + sortBy + "&start=" + (start + count));
        }
        paging.put("total", all.size());
        ArrayNode elements = body.putArray("elements");
        for (SandboxPost post : page) {
            writePost(elements.addObject(), post);
        }
        return ok(body);
    }

    private static void writePost(ObjectNode element, SandboxPost post) {
        long at = post.publishedAt().toEpochMilli();
        element.put("id", post.urn());
        element.put("author", post.organization().urn());
        element.put("commentary", post.commentary());
        element.put("visibility", "PUBLIC");
        element.put("lifecycleState", "PUBLISHED");
        element.put("createdAt", at);
        element.put("publishedAt", at);
        element.put("lastModifiedAt", at + 300_000L);
        ObjectNode distribution = element.putObject("distribution");
        distribution.put("feedDistribution", "MAIN_FEED");
        distribution.putArray("targetEntities");
        distribution.putArray("thirdPartyDistributionChannels");
        String number = post.urn().substring(post.urn().lastIndexOf(':') + 1);
        switch (post.kind()) {
            case "video" -> element.putObject("content").putObject("media")
                    .put("id", "urn:li:video:C5605AQ" + number).put("title", post.commentary());
            case "image" -> element.putObject("content").putObject("media")
                    .put("id", "urn:li:image:C4D22AQ" + number).put("altText", post.commentary());
            case "article" -> element.putObject("content").putObject("article")
                    .put("source", "https://" + post.organization().vanityName() + ".example/news/" + number)
                    .put("title", post.commentary());
            default -> {
                // a text post has no content
            }
        }
        element.put("isReshareDisabledByAuthor", false);
    }

    // ---- OAuth ----

    /**
     * {@code POST /oauth/v2/accessToken} with {@code grant_type=refresh_token}: a new 60-day access
     * token; the refresh token stays the same (its 365 days run from the first consent).
     */
    private HttpResponse accessToken(HttpRequest request, Instant now) {
        if (!request.method().equals("POST")) {
            throw new SandboxError(405, null, "METHOD_NOT_ALLOWED", "Use POST");
        }
        SandboxQuery form = SandboxQuery.parse(request.bodyText());
        String grantType = form.decoded("grant_type").orElse("");
        if (!grantType.equals("refresh_token") && !grantType.equals("authorization_code")) {
            return oauthError(400, "unsupported_grant_type",
                    "The sandbox supports grant_type=authorization_code and refresh_token");
        }
        if (!CLIENT_ID.equals(form.decoded("client_id").orElse(""))
                || !CLIENT_SECRET.equals(form.decoded("client_secret").orElse(""))) {
            return oauthError(401, "invalid_client", "Client authentication failed");
        }
        if (grantType.equals("authorization_code")) {
            return login.exchangeCode(form, now);
        }
        String refresh = form.decoded("refresh_token").orElse("");
        Optional<HttpResponse> member = login.refresh(refresh, now);
        if (member.isPresent()) {
            return member.get();
        }
        for (SandboxOrganization org : SandboxOrganization.ALL) {
            if (org.refreshToken().equals(refresh)) {
                ObjectNode body = mapper.createObjectNode();
                body.put("access_token", org.accessToken() + "-refreshed-"
                        + now.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay());
                body.put("expires_in", 5_183_999);
                body.put("refresh_token", org.refreshToken());
                body.put("refresh_token_expires_in", 26_438_400);
                body.put("scope", "r_organization_social,rw_organization_admin");
                return ok(body);
            }
        }
        return oauthError(400, "invalid_request", "The provided refresh token is invalid, expired or revoked");
    }

    private HttpResponse oauthError(int status, String error, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return HttpResponse.json(status, body.toString());
    }

    private static HttpResponse ok(ObjectNode body) {
        return HttpResponse.json(200, body.toString());
    }
}
