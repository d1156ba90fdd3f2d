package org.example.mastodon;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.support.DeclaredAdapterFactory;
import io.goalpost.plugin.support.OAuthAppFields;
import org.pf4j.Extension;

/**
 * Mastodon: each account lives on a server of its own choosing, so the plugin allows that server's host.
 * {@link DeclaredAdapterFactory} keeps the descriptor, built once; this class says what is Mastodon's.
 */
@Extension
public final class MastodonAdapterFactory extends DeclaredAdapterFactory {

    static final int CURSOR_VERSION = 1;

    public MastodonAdapterFactory() {
        super(AdapterDescriptor.builder("mastodon", "Mastodon")
                .docsUrl("https://docs.joinmastodon.org/api/")
                .config(ConfigSpec.of(
                        ConfigField.requiredUrl("server_url", "Server", "Your server's address, e.g. https://mastodon.social."),
                        OAuthAppFields.accessToken(
                                "Preferences, Development, New application with the read scope; copy its access token.")))
                .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.POSTS_PUBLISHED)
                .cannotReport(CanonicalMetric.VIEWS, "Mastodon does not count views.")
                .cannotReport(CanonicalMetric.REACH, "Mastodon does not count reach.")
                // Followers only as of now: Goalpost keeps a daily snapshot from the day of connection.
                .history(new HistoryLimits(365, 365, 0, true))
                .allowHostOf("server_url")
                .cursorVersion(CURSOR_VERSION)
                .build());
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        return new MastodonAdapter(context, config);
    }
}
