package io.goalpost.platform.plugins;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where plugins come from and whose are run: the trust ({@link PluginTrust}) and the catalogs
 * ({@code --plugin-catalog}, {@link PluginCatalogs}).
 *
 * @param trust the keys plugins must be signed with
 * @param catalogs plugins.json URLs (https: or file:), possibly none
 * @param catalogCas PEM files of CA certificates trusted for https catalogs besides the JDK's ({@code --plugin-catalog-ca})
 */
public record PluginSettings(PluginTrust trust, List<URI> catalogs, List<Path> catalogCas) {
    public PluginSettings {
        Objects.requireNonNull(trust, "trust is null");
        catalogs = List.copyOf(catalogs);
        catalogCas = List.copyOf(catalogCas);
    }

    /** Catalogs checked against the JDK's trust store only. */
    public PluginSettings(PluginTrust trust, List<URI> catalogs) {
        this(trust, catalogs, List.of());
    }
}
