package io.goalpost.plugins.tiktok;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CallQuota;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.OAuthAppFields;
import java.util.List;
import org.pf4j.Extension;

/**
 * TikTok through the TikTok API for Business, Accounts API: daily metrics of an organic Business (or
 * Personal) account for the last 60 days, and its videos with lifetime metrics. Authenticates with the
 * {@code Access-Token} header and renews the daily token with the rotating refresh token.
 */
@Extension
public final class TikTokAdapterFactory extends DeclaredAdapterFactory {

    /** Version of the cursor tokens ({@code metrics|<day>}, {@code posts|<epoch ms>}); bump when they change. */
    static final int CURSOR_VERSION = 1;

    /** The network id, also the plugin id and the namespace of TikTok-only metrics. */
    public static final String NETWORK_ID = "tiktok";

    /** The only host the adapter calls; the OAuth endpoints live on it too. */
    public static final String API_HOST = "business-api.tiktok.com";

    /** Days before today TikTok may still be filling in: metrics arrive 24 to 48 hours late (UTC). */
    static final int REPORTING_LAG_DAYS = 2;

    /** The canonical metrics TikTok reports (daily, per video, or both). */
    private static final List<CanonicalMetric> REPORTED = List.of(CanonicalMetric.FOLLOWERS,
            CanonicalMetric.FOLLOWER_GAINS, CanonicalMetric.FOLLOWER_LOSSES, CanonicalMetric.VIEWS, CanonicalMetric.REACH,
            CanonicalMetric.ENGAGEMENTS, CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
            CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.PROFILE_VIEWS,
            CanonicalMetric.VIDEO_VIEWS, CanonicalMetric.POSTS_PUBLISHED);

    public TikTokAdapterFactory() {
        super(buildDescriptor());
    }

    /** TikTok's answers are read strictly: one that repeats a key is refused, not read as its last value. */
    @Override
    protected boolean refusesDuplicateKeys() {
        return true;
    }

    /**
     * A token refresh needs the refresh token and the app's ID and secret together; any one without the
     * others cannot work, so say which are missing.
     */
    @Override
    public List<ConfigIssue> validate(ConfigValues config) {
        return OAuthAppFields.renewalAllOrNone(config, spec(), "Goalpost renews TikTok's daily access token"
                + " with the refresh token, the App ID and the App secret together.");
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues values) {
        TikTokConfig config = TikTokConfig.from(values);
        TikTokClient client = new TikTokClient(context.http(), context.clock(), mapper(), config, context.credentials());
        return new TikTokAdapter(config, client, context.clock());
    }

    private static AdapterDescriptor buildDescriptor() {
        // 60 days of daily account metrics; at most the whole look-back per request (the adapter
        // splits further); a day is final one to two days later.
        HistoryLimits history = new HistoryLimits(TikTokAdapter.LOOKBACK_DAYS, TikTokAdapter.LOOKBACK_DAYS,
                REPORTING_LAG_DAYS, false);
        AdapterDescriptor.Builder builder = AdapterDescriptor.builder(NETWORK_ID, "TikTok")
                .docsUrl("https://business-api.tiktok.com/portal/docs?id=1762228399168514")
                .config(ConfigSpec.of(
                        ConfigField.string(TikTokConfig.BUSINESS_ID, "Business ID (open_id)",
                                "The open_id TikTok returned with the account's first access token "
                                        + "(/tt_user/oauth2/token/); the Accounts API calls it business_id."),
                        OAuthAppFields.accessToken(
                                "The account's access token from /tt_user/oauth2/token/, authorized with the "
                                        + "scopes user.info.basic, user.insights, video.list and video.insights. "
                                        + "It lasts 24 hours."),
                        OAuthAppFields.refreshToken(
                                "The refresh token returned with the access token. With it (and the App ID and "
                                        + "secret) Goalpost renews the daily access token; TikTok replaces it on "
                                        + "every renewal."),
                        OAuthAppFields.clientId("App ID",
                                "Your app's App ID in the TikTok API for Business developer portal (My Apps); "
                                        + "needed to renew tokens."),
                        OAuthAppFields.clientSecret("App secret",
                                "Your app's secret, next to the App ID in the developer portal; needed to renew "
                                        + "tokens."),
                        ApiBaseUrl.field(
                                "Where the TikTok API for Business is reached, including /open_api/v1.3. Leave "
                                        + "the default unless told otherwise.", TikTokConfig.DEFAULT_API_BASE_URL)))
                .reports(REPORTED.toArray(CanonicalMetric[]::new))
                .cannotReport(CanonicalMetric.MENTIONS,
                        "TikTok's Accounts API has no mentions metric and no list of videos or comments that "
                                + "mention the account.")
                // The network's documented limits on calls (README, "Quotas"): the host keeps all syncs inside them.
                .quota(CallQuota.of(CallQuota.Scope.APP, 600, CallQuota.Window.MINUTE, "every Accounts API request of the app: 600 per minute at the default Basic level"))
                .quota(CallQuota.of(CallQuota.Scope.APP, 864_000, CallQuota.Window.DAY, "every request of the app: 864,000 per day at the Basic level"))
                .quota(CallQuota.of(CallQuota.Scope.ACCOUNT, 40, CallQuota.Window.MINUTE, "every request for one authorized account: 40 per minute per endpoint, counted across endpoints to stay safe"))
                .history(history)
                .allowedHosts(API_HOST)
                .cursorVersion(CURSOR_VERSION)
                .identityField(TikTokConfig.BUSINESS_ID);
        for (MetricId extra : TikTokMetrics.EXTRAS) {
            builder.reports(extra);
            builder.reportingLag(extra, history.lagCountingToday());
        }
        // Every metric, the per-date follower level and the video metrics included, arrives 24 to 48 hours
        // late: today, yesterday and the day before can still grow, the third day back is final. Only a
        // video's id and create_time are real-time, so posts_published is final once the day is over.
        for (CanonicalMetric metric : REPORTED) {
            builder.reportingLag(metric, history.lagCountingToday());
        }
        return builder.postListIsLive().build();
    }
}
