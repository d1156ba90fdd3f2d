package io.goalpost.plugins.facebook;

import io.goalpost.plugin.support.ApiBaseUrl;
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.meta.GraphSession;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.plugin.api.NetworkAdapter;
import java.util.List;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * The Facebook Pages network: reads a Page's daily Page Insights and its published posts through the
 * Graph API with a Page access token.
 */
@Extension
public final class FacebookAdapterFactory extends DeclaredAdapterFactory {

    /** The network id, also the plugin id and the namespace of Facebook-only metrics. */
    public static final String NETWORK_ID = "facebook";

    /** All clicks on a post, links or not (Facebook's {@code post_clicks}). */
    public static final MetricId POST_CLICKS = new MetricId("facebook.post_clicks");

    /**
     * Days, counting today, that Page Insights have not finished: Facebook updates insights once every
     * 24 hours, so a day is final once the day after it is over too.
     */
    static final int INSIGHTS_LAG_DAYS = 2;

    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{5,25}");

    private static final AdapterDescriptor DESCRIPTOR = AdapterDescriptor.builder(NETWORK_ID, "Facebook Pages")
            .docsUrl("https://developers.facebook.com/docs/graph-api/reference/page/insights/")
            .config(ConfigSpec.of(
                    ConfigField.string(FacebookConfig.PAGE_ID, "Page ID",
                            "The Page's numeric ID: on the Page open About > Page transparency, or Meta Business "
                                    + "Suite > Settings > Business assets > Pages."),
                    ConfigField.secret(FacebookConfig.PAGE_ACCESS_TOKEN, "Page access token",
                            "A Page access token with read_insights and pages_read_engagement: exchange your user "
                                    + "token for a long-lived one, then call GET /me/accounts; Page tokens obtained "
                                    + "this way do not expire."),
                    ApiBaseUrl.field("Graph API base URL",
                            "Where the Graph API is reached, including its version. Leave the default unless "
                                    + "told otherwise.", FacebookConfig.DEFAULT_API_BASE_URL)))
            .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.FOLLOWER_GAINS, CanonicalMetric.FOLLOWER_LOSSES,
                    CanonicalMetric.VIEWS, CanonicalMetric.REACH, CanonicalMetric.ENGAGEMENTS,
                    CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS, CanonicalMetric.SHARES,
                    CanonicalMetric.LINK_CLICKS, CanonicalMetric.PROFILE_VIEWS, CanonicalMetric.VIDEO_VIEWS,
                    CanonicalMetric.POSTS_PUBLISHED)
            .reports(POST_CLICKS)
            .cannotReport(CanonicalMetric.SAVES,
                    "Facebook does not tell Pages how often their posts are saved, neither in Page Insights nor in "
                            + "post insights.")
            .cannotReport(CanonicalMetric.MENTIONS,
                    "Page Insights has no mentions metric. Posts that tag the Page are only listed by the Page's "
                            + "/tagged edge, which needs the extra pages_read_user_content permission and gives no "
                            + "daily count; this plugin does not read it.")
            // 2 years of insights, at most 90 days per since/until request, most metrics final after a day.
            // No quota declared: Meta's limits scale with the audience, unknown before a call (README, "Quotas").
            .history(new HistoryLimits(730, InsightWindow.MAX_DAYS, 1, false))
            // Insights (Page and post) are updated once every 24 hours: while today runs, neither today
            // nor yesterday is final. The end-of-day follower level is page_follows of the same insights;
            // today's value from the live followers_count is provisional, so followers lag like the rest.
            .reportingLag(INSIGHTS_LAG_DAYS, CanonicalMetric.FOLLOWERS, CanonicalMetric.FOLLOWER_GAINS,
                    CanonicalMetric.FOLLOWER_LOSSES, CanonicalMetric.VIEWS, CanonicalMetric.REACH,
                    CanonicalMetric.ENGAGEMENTS, CanonicalMetric.REACTIONS, CanonicalMetric.COMMENTS,
                    CanonicalMetric.SHARES, CanonicalMetric.LINK_CLICKS, CanonicalMetric.PROFILE_VIEWS,
                    CanonicalMetric.VIDEO_VIEWS)
            .reportingLag(POST_CLICKS, INSIGHTS_LAG_DAYS)
            .postListIsLive()
            .identityField(FacebookConfig.PAGE_ID)
            .allowedHosts("graph.facebook.com")
            .cursorVersion(FacebookAdapter.CURSOR_VERSION)
            .build();

    public FacebookAdapterFactory() {
        super(DESCRIPTOR);
    }

    @Override
    public List<ConfigIssue> validate(ConfigValues config) {
        String pageId = config.get(FacebookConfig.PAGE_ID).orElse("");
        if (!pageId.isEmpty() && !NUMERIC_ID.matcher(pageId).matches()) {
            return List.of(new ConfigIssue(FacebookConfig.PAGE_ID,
                    "'Page ID' must be the Page's numeric ID (digits only), not its name or web address."));
        }
        return List.of();
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues values) {
        FacebookConfig config = FacebookConfig.from(values);
        return new FacebookAdapter(context, config, new GraphSession(context, FacebookConfig.WORDING,
                config.apiBaseUrl(), config.pageAccessToken()));
    }
}
