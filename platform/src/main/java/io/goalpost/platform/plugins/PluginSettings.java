package io.goalpost.platform.plugins;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where plugins come from and whose are run: the trust ({@link PluginTrust}) and the catalogs
 * ({@code --plugin-catalog}, {@link PluginCatalogs}).
 *
 * @param trust the keys plugins must be signed with
 * @param catalogs plugins.json URLs (https: or file:), possibly none
 */
public record PluginSettings(PluginTrust trust, List<URI> catalogs) {
    public PluginSettings {
        Objects.requireNonNull(trust, "trust is null");
        catalogs = List.copyOf(catalogs);
    }
}
