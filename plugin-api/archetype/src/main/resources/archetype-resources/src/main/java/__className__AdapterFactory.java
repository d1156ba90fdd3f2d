package ${package};

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
 * The ${networkName} network: what it reports, what an account must configure, which hosts it calls.
 * {@code @Extension} makes PF4J's annotation processor list this class in META-INF/extensions.idx,
 * which is how the Goalpost host finds it in the zip. {@link DeclaredAdapterFactory} keeps the descriptor
 * (built once) and a JSON mapper of the plugin's own; this class says what is ${networkName}'s.
 */
@Extension
public final class ${className}AdapterFactory extends DeclaredAdapterFactory {

    /** The network id: also the plugin id (pom.xml plugin.id) and the namespace of network-only metrics. */
    public static final String NETWORK_ID = "${networkId}";
    /** Bump when the cursor token format changes incompatibly; older cursors then restart their window. */
    static final int CURSOR_VERSION = 1;

    private static final AdapterDescriptor DESCRIPTOR = AdapterDescriptor.builder(NETWORK_ID, "${networkName}")
            .docsUrl("https://example.com/docs/api")
            .config(ConfigSpec.of(
                    OAuthAppFields.accessToken("Create one in your ${networkName} account's developer settings."),
                    ConfigField.url("api_base_url", "API base URL",
                            "Leave as it is unless you reach ${networkName} through a proxy.", "https://api.example.com")))
            .reports(CanonicalMetric.FOLLOWERS, CanonicalMetric.VIEWS, CanonicalMetric.REACTIONS,
                    CanonicalMetric.COMMENTS, CanonicalMetric.POSTS_PUBLISHED)
            .cannotReport(CanonicalMetric.SAVES, "${networkName} has no saves.")
            .history(new HistoryLimits(90, 30, 1, false))
            .allowedHosts("api.example.com")
            .cursorVersion(CURSOR_VERSION)
            .build();

    public ${className}AdapterFactory() {
        super(DESCRIPTOR);
    }

    @Override
    public NetworkAdapter create(AdapterContext context, ConfigValues config) {
        return new ${className}Adapter(context, config);
    }
}
