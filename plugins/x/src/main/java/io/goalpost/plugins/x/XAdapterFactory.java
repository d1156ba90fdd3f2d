package io.goalpost.plugins.x;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CallQuota;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.ConfigChecks;
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.OAuthAppFields;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * The X (Twitter) API v2 network: describes it and creates one {@link NetworkAdapter} per connected
 * account. X has no follower history, so account levels are recorded once a day from the day the
 * account is connected ({@link HistoryLimits#historyFromConnectionOnly()}); posts come with their
 * lifetime metrics.
 */
@Extension
public final class XAdapterFactory extends DeclaredAdapterFactory {

    /** The plugin id, also the namespace of X-only metrics. */
    public static final String NETWORK_ID = "x";

    /**
     * How many days the first backfill reads posts for. X's timeline itself reaches back 3,200
     * posts; a year is what goals compare against, and every post read is billed.
     */
    static final int LOOKBACK_DAYS = 365;
    /** Largest range per fetch: the timeline has no window limit, this bounds one sync job. */
    static final int MAX_DAYS_PER_REQUEST = 90;
    /**
     * Posts of the last days still gain most of their reach: re-read them on the next sync. X counts in
     * near real time, but a post collects most of its impressions and interactions in its first days, so
     * the posts of today and of these days before are still growing.
     */
    static final int REPORTING_LAG_DAYS = 3;
    static final int CURSOR_VERSION = 1;

    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,20}");

    public XAdapterFactory() {
        super(buildDescriptor());
    }

    @Override
    public List<ConfigIssue> validate(ConfigValues config) {
        // Reads the values directly: this must never throw, even for a config the spec rejected.
        List<ConfigIssue> issues = new ArrayList<>();
        if (ConfigChecks.given(config, XConfig.USER_ID)
                && !isUserId(config.get(XConfig.USER_ID).orElseThrow().trim())) {
            issues.add(new ConfigIssue(XConfig.USER_ID, "The X user id is the account's numeric id (digits only);"
                    + " leave it empty to use the account the token belongs to."));
        }
        // The client id is asked for once: for the refresh token if there is one, else for the secret.
        issues.addAll(ConfigChecks.given(config, XConfig.REFRESH_TOKEN)
                ? ConfigChecks.neededWith(config, spec(), XConfig.REFRESH_TOKEN,
                        "Goalpost renews the access token with the refresh token and the client id.", XConfig.CLIENT_ID)
                : ConfigChecks.neededWith(config, spec(), XConfig.CLIENT_SECRET,
                        "a client secret was given, and it only works with its client id.", XConfig.CLIENT_ID));
        return List.copyOf(issues);
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        XConfig x = XConfig.from(config);
        XErrors errors = new XErrors(mapper(), x.secrets());
        return new XAdapter(context, x, new XApi(context, x, errors), errors, CURSOR_VERSION);
    }

    static boolean isUserId(String value) {
        return USER_ID.matcher(value).matches();
    }

    private static AdapterDescriptor buildDescriptor() {
        HistoryLimits history = new HistoryLimits(LOOKBACK_DAYS, MAX_DAYS_PER_REQUEST, REPORTING_LAG_DAYS, true);
        ConfigSpec spec = ConfigSpec.of(
                OAuthAppFields.accessToken(
                        "OAuth 2.0 user access token of the account (Authorization Code with PKCE), with scopes"
                                + " tweet.read, users.read and offline.access. It lasts 2 hours; Goalpost renews it"
                                + " with the refresh token."),
                OAuthAppFields.refreshToken(
                        "The refresh token from the same authorization (only issued with offline.access). X"
                                + " rotates it on every renewal; Goalpost stores the new one."),
                OAuthAppFields.clientId("OAuth 2.0 client id",
                        "X developer console > your app > Keys and tokens > OAuth 2.0 Client ID. Needed to renew"
                                + " the access token."),
                OAuthAppFields.clientSecret("OAuth 2.0 client secret",
                        "Only for confidential apps (type Web App or Automated App): the OAuth 2.0 Client Secret"
                                + " next to the client id. Leave empty for public (native) apps."),
                ConfigField.string(XConfig.USER_ID, "User id",
                        "Numeric X user id of the account. Leave empty to use the account the token belongs"
                                + " to.").optional(),
                ApiBaseUrl.field(
                        "X API v2 base URL including /2; change it only for a proxy or the Goalpost sandbox."
                                + " The token endpoint is <base>/oauth2/token.",
                        XConfig.DEFAULT_API_BASE_URL));
        String noHistory = "X has no follower history and no count of new or lost followers; Goalpost keeps a"
                + " daily snapshot of the follower count from the day the account is connected, and this plugin"
                + " does not derive gains or losses from it.";
        return AdapterDescriptor.builder(NETWORK_ID, "X (Twitter)")
                .docsUrl("https://docs.x.com/x-api/introduction")
                .config(spec)
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
                        CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.PROFILE_VIEWS,
                        CanonicalMetric.VIDEO_VIEWS, CanonicalMetric.POSTS_PUBLISHED)
                .reports(XMetrics.FOLLOWING, XMetrics.LISTED, XMetrics.POST_COUNT, XMetrics.RETWEETS,
                        XMetrics.QUOTES, XMetrics.ORGANIC_IMPRESSIONS)
                .cannotReport(CanonicalMetric.FOLLOWER_GAINS, noHistory)
                .cannotReport(CanonicalMetric.FOLLOWER_LOSSES, noHistory)
                .cannotReport(CanonicalMetric.REACH, "X reports impressions only, never the number of unique"
                        + " people reached.")
                .cannotReport(CanonicalMetric.MENTIONS, "X has no mention count; counting mentions would mean"
                        + " reading, and paying for, every post that mentions the account, which this plugin does"
                        + " not do.")
                // The network's documented limits on calls (README, "Quotas"): the host keeps all syncs inside them.
                .quota(CallQuota.onPaths(CallQuota.Scope.ACCOUNT, 75, CallQuota.Window.FIFTEEN_MINUTES, "/users/me$", "GET /2/users/me: 75 per 15 minutes per user"))
                .quota(CallQuota.onPaths(CallQuota.Scope.ACCOUNT, 900, CallQuota.Window.FIFTEEN_MINUTES, "/users/(?!me$)[^/]+$", "GET /2/users/:id: 900 per 15 minutes per user"))
                .quota(CallQuota.onPaths(CallQuota.Scope.ACCOUNT, 900, CallQuota.Window.FIFTEEN_MINUTES, "/users/[^/]+/tweets$", "GET /2/users/:id/tweets: 900 per 15 minutes per user"))
                .quota(CallQuota.onPaths(CallQuota.Scope.APP, 20_000, CallQuota.Window.MONTH, "/users/[^/]+/tweets$", "the pay-per-use cap of 2 million post reads per month, at up to 100 posts per timeline page"))
                .history(history)
                // The account levels are public_metrics of right now: final as read. The namespaced ones
                // must say so too, or the default would treat them as flows.
                .reportingLag(CanonicalMetric.FOLLOWERS, 0)
                .reportingLag(0, XMetrics.FOLLOWING, XMetrics.LISTED, XMetrics.POST_COUNT)
                // Posts' lifetime metrics settle over their first days (REPORTING_LAG_DAYS).
                .reportingLag(history.lagCountingToday(), CanonicalMetric.VIEWS, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
                        CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.PROFILE_VIEWS,
                        CanonicalMetric.VIDEO_VIEWS)
                .reportingLag(history.lagCountingToday(), XMetrics.RETWEETS, XMetrics.QUOTES,
                        XMetrics.ORGANIC_IMPRESSIONS)
                .postListIsLive()
                // No identity field: user_id is optional, and without it the account is only known from
                // the token (GET /2/users/me), so the host learns it from the connection check.
                .allowedHosts("api.x.com", "api.twitter.com")
                .cursorVersion(CURSOR_VERSION)
                .build();
    }
}
