package io.goalpost.platform.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one platform instance runs. Built by the CLI from options and environment variables.
 *
 * @param port HTTP port of the API and UI ({@code --port}, {@code GOALPOST_PORT}; 0 picks a free one)
 * @param dataDir where the embedded database, the secret key and installed plugins live
 *     ({@code --data-dir}, {@code GOALPOST_DATA_DIR})
 * @param databaseUrl an external PostgreSQL ({@code postgresql://user:pass@host:port/db}), or empty to
 *     run the embedded one ({@code --database-url}, {@code GOALPOST_DATABASE_URL})
 * @param pluginsDir folder of plugin zips to load ({@code --plugins-dir}, {@code GOALPOST_PLUGINS_DIR})
 * @param extraAllowedHosts hosts adapters may call besides those their plugin declares (the demo
 *     adds the loopback sandboxes; {@code GOALPOST_EXTRA_ALLOWED_HOSTS} for a proxy); the addresses
 *     they resolve to are checked like any other ({@link io.goalpost.platform.http.OutboundPolicy})
 * @param allowPrivateApiHosts whether account URLs may point at loopback and private addresses and use
 *     plain http ({@code --allow-private-api-hosts}, {@code GOALPOST_ALLOW_PRIVATE_API_HOSTS=true}): for
 *     the demo's and tests' local sandboxes, or an API proxy on the operator's own network
 * @param syncInterval how long after a successful sync the next one runs
 * @param http the address the server listens on, the names it answers to, TLS and the proxies it trusts
 *     ({@code --host}, {@code --public-url}, {@code --tls-cert}, {@code --tls-key}, {@code --trusted-proxies});
 *     loopback, plain HTTP and no trusted proxy by default
 */
public record ServerConfig(int port, Path dataDir, Optional<String> databaseUrl, Path pluginsDir,
        java.util.Set<String> extraAllowedHosts, boolean allowPrivateApiHosts, java.time.Duration syncInterval,
        HttpBinding http) {

    /** A configuration listening on loopback only ({@link HttpBinding#loopback()}). */
    public ServerConfig(int port, Path dataDir, Optional<String> databaseUrl, Path pluginsDir,
            java.util.Set<String> extraAllowedHosts, boolean allowPrivateApiHosts, java.time.Duration syncInterval) {
        this(port, dataDir, databaseUrl, pluginsDir, extraAllowedHosts, allowPrivateApiHosts, syncInterval,
                HttpBinding.loopback());
    }

    /** A configuration listening on loopback only whose account URLs must be public https addresses. */
    public ServerConfig(int port, Path dataDir, Optional<String> databaseUrl, Path pluginsDir,
            java.util.Set<String> extraAllowedHosts, java.time.Duration syncInterval) {
        this(port, dataDir, databaseUrl, pluginsDir, extraAllowedHosts, false, syncInterval);
    }

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(databaseUrl, "databaseUrl is null");
        Objects.requireNonNull(pluginsDir, "pluginsDir is null");
        extraAllowedHosts = java.util.Set.copyOf(extraAllowedHosts);
        Objects.requireNonNull(syncInterval, "syncInterval is null");
        Objects.requireNonNull(http, "http is null");
    }

    /** This configuration listening as {@code binding} says. */
    public ServerConfig withHttp(HttpBinding binding) {
        return new ServerConfig(port, dataDir, databaseUrl, pluginsDir, extraAllowedHosts, allowPrivateApiHosts,
                syncInterval, binding);
    }
}
