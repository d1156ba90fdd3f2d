package io.goalpost.plugins.instagram;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.OAuthAppFields;
import java.util.List;
import org.pf4j.Extension;

/**
 * The Instagram network: professional (business and creator) accounts through the Instagram Graph API,
 * connected either with Instagram Login (graph.instagram.com, refreshable token) or with Facebook Login
 * (graph.facebook.com, account linked to a Facebook Page).
 */
@Extension
public final class InstagramAdapterFactory extends DeclaredAdapterFactory {

    /** The network id, also the plugin id and the namespace of Instagram-only metrics. */
    public static final String NETWORK_ID = "instagram";

    static final int CURSOR_VERSION = 1;

    /** Account insights are kept two years. */
    static final int MAX_LOOKBACK_DAYS = 730;
    /** Metrics can lag up to 48 hours: the host re-reads the last two days. */
    static final int REPORTING_LAG_DAYS = 2;

    public InstagramAdapterFactory() {
        super(buildDescriptor());
    }

    @Override
    public List<ConfigIssue> validate(ConfigValues config) {
        return InstagramConfig.issues(config);
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        List<ConfigIssue> issues = InstagramConfig.issues(config);
        if (!issues.isEmpty()) {
            return new MisconfiguredAdapter(issues.get(0).message());
        }
        return new InstagramAdapter(context, InstagramConfig.from(config), CURSOR_VERSION);
    }

    private static AdapterDescriptor buildDescriptor() {
        HistoryLimits history = new HistoryLimits(MAX_LOOKBACK_DAYS, AccountInsights.MAX_WINDOW_DAYS,
                REPORTING_LAG_DAYS, false);
        ConfigSpec config = ConfigSpec.of(
                new ConfigField(InstagramConfig.LOGIN_TYPE, FieldType.ENUM, "Login type",
                        "How the account was connected: 'instagram_login' (Instagram API with Instagram Login, "
                                + "token from Instagram's Business Login) or 'facebook_login' (Instagram API with "
                                + "Facebook Login, account linked to a Facebook Page). Decides the API host.",
                        false, LoginType.INSTAGRAM_LOGIN.configValue(), LoginType.configValues(), false),
                ConfigField.string(InstagramConfig.IG_USER_ID, "Instagram account id",
                        "Numeric id of the professional account. Instagram Login: GET /me?fields=user_id,username; "
                                + "Facebook Login: GET /me/accounts?fields=instagram_business_account, then "
                                + "instagram_business_account.id."),
                OAuthAppFields.accessToken(
                        "Long-lived token. Instagram Login: instagram_business_basic and "
                                + "instagram_business_manage_insights. Facebook Login: instagram_basic, "
                                + "instagram_manage_insights and pages_read_engagement."),
                new ConfigField(InstagramConfig.ACCESS_REFRESHED_AT, FieldType.STRING, "Token issued or refreshed at",
                        "When the long-lived Instagram Login token was issued, as an ISO-8601 instant "
                                + "(e.g. 2026-03-01T10:00:00Z). Lets Goalpost refresh it before its 60 days run out; "
                                + "Goalpost updates it after each refresh.",
                        false, null, List.of(), true),
                ApiBaseUrl.field(
                        "Graph API base URL with version. On Meta's hosts only the version is used (the host "
                                + "follows the login type); any other host (a test server) is used as given.",
                        InstagramConfig.DEFAULT_API_BASE_URL));
        return AdapterDescriptor.builder(NETWORK_ID, "Instagram")
                .docsUrl("https://developers.facebook.com/docs/instagram-platform")
                .config(config)
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.FOLLOWER_GAINS, CanonicalMetric.FOLLOWER_LOSSES,
                        CanonicalMetric.VIEWS, CanonicalMetric.REACH, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
                        CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.VIDEO_VIEWS,
                        CanonicalMetric.POSTS_PUBLISHED)
                // Per post only (media insight profile_visits of feed posts and stories): Instagram dropped
                // the daily account metric in January 2025 (v21), so there are no daily points.
                .reports(CanonicalMetric.PROFILE_VIEWS)
                .reports(AccountInsights.ACCOUNTS_ENGAGED)
                .cannotReport(CanonicalMetric.MENTIONS, "Instagram has no mentions metric: the API only lists "
                        + "the media an account is tagged in, and caption mentions arrive as webhooks, so there "
                        + "is no daily count and no history to read.")
                // No quota declared: Meta's limits scale with the audience, unknown before a call (README, "Quotas").
                .history(history)
                // Followers: the live followers_count, recorded as today's level (Instagram has no follower
                // history), final as it is read.
                .reportingLag(CanonicalMetric.FOLLOWERS, 0)
                // Insights arrive up to 48 hours late: while today runs, today, yesterday and the day
                // before can still grow.
                .reportingLag(history.lagCountingToday(), CanonicalMetric.FOLLOWER_GAINS, CanonicalMetric.FOLLOWER_LOSSES,
                        CanonicalMetric.VIEWS, CanonicalMetric.REACH, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
                        CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.VIDEO_VIEWS,
                        CanonicalMetric.PROFILE_VIEWS)
                .reportingLag(AccountInsights.ACCOUNTS_ENGAGED, history.lagCountingToday())
                .postListIsLive()
                .identityField(InstagramConfig.IG_USER_ID)
                .allowedHosts(LoginType.INSTAGRAM_LOGIN.apiHost(), LoginType.FACEBOOK_LOGIN.apiHost())
                .cursorVersion(CURSOR_VERSION)
                .build();
    }

    /** Stands in for an adapter whose configuration cannot work, so the problem reaches the user typed. */
    private static final class MisconfiguredAdapter implements NetworkAdapter {
        private final String problem;

        MisconfiguredAdapter(String problem) {
            this.problem = problem;
        }

        @Override
        public CheckResult check() throws AdapterException {
            throw new AdapterException.ConfigInvalid(problem);
        }

        @Override
        public FetchResult fetch(FetchRequest request) throws AdapterException {
            throw new AdapterException.ConfigInvalid(problem);
        }
    }
}
