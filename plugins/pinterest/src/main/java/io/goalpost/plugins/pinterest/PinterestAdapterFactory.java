package io.goalpost.plugins.pinterest;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CallQuota;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.OAuthAppFields;
import java.util.List;
import org.pf4j.Extension;

/**
 * The Pinterest network: describes what Pinterest API v5 can report for a business account and
 * creates an adapter per connected account.
 */
@Extension
public final class PinterestAdapterFactory extends DeclaredAdapterFactory {

    /** Version of the cursor tokens ({@code metrics|<day>}, {@code posts|<bookmark>}); bump when they change. */
    static final int CURSOR_VERSION = 1;

    /** Network id, plugin id and namespace of Pinterest-only metrics. */
    public static final String NETWORK_ID = "pinterest";

    /** Days before today whose analytics may still be PROCESSING (a 1-2 day delay). */
    static final int REPORTING_LAG_DAYS = 2;

    public PinterestAdapterFactory() {
        super(describe());
    }

    @Override
    public List<ConfigIssue> validate(ConfigValues config) {
        return OAuthAppFields.refreshNeedsApp(config, spec(),
                "the refresh token can only be used with your Pinterest app id and secret; add them, or leave the"
                        + " refresh token out.");
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        PinterestConfig pinterest = PinterestConfig.from(config);
        return new PinterestAdapter(context, new PinterestClient(context, pinterest, mapper()));
    }

    private static AdapterDescriptor describe() {
        HistoryLimits history = new HistoryLimits(PinterestAdapter.LOOKBACK_DAYS, PinterestAdapter.MAX_DAYS_PER_CALL,
                REPORTING_LAG_DAYS,
                // The only account level, followers, is a snapshot: its history starts at connection.
                true);
        ConfigSpec spec = ConfigSpec.of(
                OAuthAppFields.accessToken(
                        "OAuth access token of the Pinterest business account (starts with pina_), with the scopes"
                                + " user_accounts:read and pins:read. Your app at developers.pinterest.com (My apps)"
                                + " issues it; it lasts 30 days."),
                OAuthAppFields.refreshToken(
                        "Refresh token issued together with the access token (starts with pinr_, valid for a year)."
                                + " With it, and the app id and secret, Goalpost renews the access token itself."),
                OAuthAppFields.clientId("App id",
                        "Id of your Pinterest app (developers.pinterest.com, My apps). Needed with a refresh token."),
                OAuthAppFields.clientSecret("App secret key",
                        "Secret key of your Pinterest app (developers.pinterest.com, My apps). Needed with a refresh"
                                + " token."),
                ApiBaseUrl.field(
                        "Leave as is. Pinterest's API v5; its OAuth token endpoint is <base>/oauth/token. Pinterest's"
                                + " own sandbox is https://api-sandbox.pinterest.com/v5 (with sandbox tokens).",
                        PinterestConfig.DEFAULT_API_BASE_URL));

        return AdapterDescriptor.builder(NETWORK_ID, "Pinterest")
                .docsUrl("https://developers.pinterest.com/docs/api/v5/")
                .config(spec)
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.VIDEO_VIEWS,
                        CanonicalMetric.COMMENTS, CanonicalMetric.REACTIONS, CanonicalMetric.POSTS_PUBLISHED)
                .reports(PinterestMetrics.PIN_CLICKS, PinterestMetrics.VIDEO_STARTS,
                        PinterestMetrics.VIDEO_AVG_WATCH_TIME_MS)
                .cannotReport(CanonicalMetric.FOLLOWER_GAINS,
                        "Pinterest gives only the current follower count, no daily new followers; Goalpost can only"
                                + " compare the daily snapshots.")
                .cannotReport(CanonicalMetric.FOLLOWER_LOSSES,
                        "Pinterest gives only the current follower count, no daily lost followers.")
                .cannotReport(CanonicalMetric.REACH,
                        "Pinterest's analytics count impressions, not unique people reached.")
                .cannotReport(CanonicalMetric.SHARES,
                        "Pinterest has no share or repost count; saving a pin to a board is reported as a save.")
                .cannotReport(CanonicalMetric.PROFILE_VIEWS,
                        "Pinterest's account analytics do not document profile visits, and an unknown metric makes"
                                + " the whole request fail, so Goalpost does not ask for them.")
                .cannotReport(CanonicalMetric.MENTIONS,
                        "Pinterest has no mentions metric or endpoint.")
                // The network's documented limits on calls (README, "Quotas"): the host keeps all syncs inside them.
                .quota(CallQuota.of(CallQuota.Scope.ACCOUNT, 6_000, CallQuota.Window.MINUTE, "every request per user of the app at Standard access: 100 per second"))
                .quota(CallQuota.onPaths(CallQuota.Scope.ACCOUNT, 300, CallQuota.Window.MINUTE, "/analytics", "analytics requests per user: 300 per minute, as the documented analytics category (organic categories are unpublished)"))
                .history(history)
                // Analytics days stay PROCESSING for one to two days after they end: today, yesterday and
                // the day before may not be READY, the third day back is. Pin analytics come from the same
                // pipeline. The follower count is a snapshot of now, final as read.
                .reportingLag(CanonicalMetric.FOLLOWERS, 0)
                .reportingLag(history.lagCountingToday(), CanonicalMetric.VIEWS, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.SAVES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.VIDEO_VIEWS,
                        CanonicalMetric.COMMENTS, CanonicalMetric.REACTIONS)
                .reportingLag(history.lagCountingToday(), PinterestMetrics.PIN_CLICKS, PinterestMetrics.VIDEO_STARTS,
                        PinterestMetrics.VIDEO_AVG_WATCH_TIME_MS)
                .postListIsLive()
                // No identity field: the configuration holds only the token, the account is the token's own.
                .allowedHosts("api.pinterest.com", "api-sandbox.pinterest.com")
                .cursorVersion(CURSOR_VERSION)
                .build();
    }
}
