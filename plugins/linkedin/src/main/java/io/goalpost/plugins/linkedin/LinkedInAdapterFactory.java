package io.goalpost.plugins.linkedin;

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
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.OAuthAppFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * LinkedIn organization pages through the Community Management API: daily follower, share and page
 * statistics for the last 12 months, today's follower count, and the page's posts with lifetime
 * statistics.
 */
@Extension
public final class LinkedInAdapterFactory extends DeclaredAdapterFactory {

    /** The plugin id, also the namespace of the network-only metrics. */
    public static final String NETWORK_ID = "linkedin";

    public LinkedInAdapterFactory() {
        super(buildDescriptor());
    }

    @Override
    public List<ConfigIssue> validate(ConfigValues config) {
        List<ConfigIssue> issues = new ArrayList<>();
        Optional<String> org = config.get(LinkedInConfig.ORGANIZATION_ID);
        if (org.isPresent() && LinkedInConfig.organizationIdOf(org.get()).isEmpty()) {
            issues.add(new ConfigIssue(LinkedInConfig.ORGANIZATION_ID,
                    "'Organization ID' must be the page's number (e.g. 2414183) or urn:li:organization:<number>"));
        }
        Optional<String> version = config.get(LinkedInConfig.LINKEDIN_VERSION);
        if (version.isPresent() && !LinkedInConfig.isVersion(version.get())) {
            issues.add(new ConfigIssue(LinkedInConfig.LINKEDIN_VERSION,
                    "'LinkedIn API version' must be a month written YYYYMM, e.g. " + LinkedInConfig.DEFAULT_API_VERSION));
        }
        issues.addAll(OAuthAppFields.refreshNeedsApp(config, spec(),
                "Goalpost renews the access token with the refresh token, the client ID and the client secret together."));
        return List.copyOf(issues);
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        return new LinkedInAdapter(context, LinkedInConfig.from(config), mapper());
    }

    private static AdapterDescriptor buildDescriptor() {
        return AdapterDescriptor.builder(NETWORK_ID, "LinkedIn")
                .docsUrl("https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/share-statistics")
                .config(configSpec())
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.FOLLOWER_GAINS, CanonicalMetric.VIEWS,
                        CanonicalMetric.REACH, CanonicalMetric.ENGAGEMENTS, CanonicalMetric.REACTIONS,
                        CanonicalMetric.COMMENTS, CanonicalMetric.SHARES, CanonicalMetric.LINK_CLICKS,
                        CanonicalMetric.PROFILE_VIEWS, CanonicalMetric.POSTS_PUBLISHED)
                .reports(LinkedInMetrics.PAID_FOLLOWER_GAINS, LinkedInMetrics.UNIQUE_PAGE_VIEWS,
                        LinkedInMetrics.CAREERS_PAGE_VIEWS)
                .cannotReport(CanonicalMetric.FOLLOWER_LOSSES,
                        "LinkedIn reports followers gained per day but not followers lost.")
                .cannotReport(CanonicalMetric.SAVES, "LinkedIn has no saves metric for organization pages or posts.")
                .cannotReport(CanonicalMetric.VIDEO_VIEWS,
                        "LinkedIn gives no daily video views for a page; per-video views need a separate Video"
                                + " Analytics call per video whose answer is not documented well enough to read.")
                .cannotReport(CanonicalMetric.MENTIONS,
                        "LinkedIn only gives an all-time count of mentions of the page, not mentions per day.")
                // The network's documented limits on calls (README, "Quotas"): the host keeps all syncs inside them.
                .quota(CallQuota.of(CallQuota.Scope.APP, 100_000, CallQuota.Window.DAY, "every request of the app, reset at midnight UTC; LinkedIn does not publish the figure (the app's Analytics page shows it): an assumed safe value"))
                .quota(CallQuota.of(CallQuota.Scope.ACCOUNT, 500, CallQuota.Window.DAY, "every request with one member's token, reset at midnight UTC; unpublished, an assumed safe value"))
                .history(new HistoryLimits(ReportingWindow.MAX_LOOKBACK_DAYS, ReportingWindow.MAX_LOOKBACK_DAYS,
                        ReportingWindow.REPORTING_LAG_DAYS, false))
                // Every daily metric is a time-bound statistic, answered only for ranges that end at least
                // 2 days ago: final (and read at all) through today - 3. Post statistics follow the same
                // statistics service. The follower level is networkSizes' "now", final as read.
                .reportingLag(CanonicalMetric.FOLLOWERS, 0)
                .reportingLag(ReportingWindow.STATISTICS_LAG_DAYS, CanonicalMetric.FOLLOWER_GAINS,
                        CanonicalMetric.VIEWS, CanonicalMetric.REACH, CanonicalMetric.ENGAGEMENTS,
                        CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
                        CanonicalMetric.LINK_CLICKS, CanonicalMetric.PROFILE_VIEWS)
                .reportingLag(ReportingWindow.STATISTICS_LAG_DAYS, LinkedInMetrics.PAID_FOLLOWER_GAINS,
                        LinkedInMetrics.UNIQUE_PAGE_VIEWS, LinkedInMetrics.CAREERS_PAGE_VIEWS)
                .postListIsLive()
                .identityField(LinkedInConfig.ORGANIZATION_ID)
                .allowedHosts("api.linkedin.com", "www.linkedin.com")
                .cursorVersion(FetchCursor.VERSION)
                .build();
    }

    private static ConfigSpec configSpec() {
        return ConfigSpec.of(
                ConfigField.string(LinkedInConfig.ORGANIZATION_ID, "Organization ID",
                        "The number in your page's admin address (linkedin.com/company/<number>/admin), or"
                                + " urn:li:organization:<number>."),
                OAuthAppFields.accessToken(
                        "An OAuth access token of a page ADMINISTRATOR with the scopes rw_organization_admin and"
                                + " r_organization_social (LinkedIn Developer Portal > your app > Auth > OAuth 2.0"
                                + " tools). It lasts 60 days."),
                OAuthAppFields.refreshToken(
                        "Optional. Given with the access token to apps approved for the Community Management API;"
                                + " lets Goalpost renew the access token for up to 365 days from your first"
                                + " consent."),
                OAuthAppFields.clientId("Client ID",
                        "Optional, needed with a refresh token: your app's Client ID (Developer Portal > your app"
                                + " > Auth)."),
                OAuthAppFields.clientSecret("Client secret",
                        "Optional, needed with a refresh token: your app's Primary Client Secret (Developer"
                                + " Portal > your app > Auth)."),
                ConfigField.string(LinkedInConfig.LINKEDIN_VERSION, "LinkedIn API version",
                        "The monthly API version sent as the LinkedIn-Version header (YYYYMM). LinkedIn retires"
                                + " each version after about a year; when Goalpost reports the version is no"
                                + " longer accepted, enter a recent month from LinkedIn's versioning page.")
                        .withDefault(LinkedInConfig.DEFAULT_API_VERSION).asAdvanced(),
                ApiBaseUrl.field(
                        "Where LinkedIn's REST API lives; change only for tests or the demo sandbox.",
                        LinkedInConfig.DEFAULT_API_BASE_URL),
                ConfigField.url(LinkedInConfig.OAUTH_BASE_URL, "OAuth base URL",
                        "Where LinkedIn refreshes tokens; change only for tests or the demo sandbox.",
                        LinkedInConfig.DEFAULT_OAUTH_BASE_URL));
    }
}
