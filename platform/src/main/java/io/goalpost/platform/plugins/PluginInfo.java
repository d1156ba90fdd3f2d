package io.goalpost.platform.plugins;

import java.util.List;
import java.util.Objects;

/**
 * What the host knows about one plugin file: shown by {@code GET /api/plugins}.
 *
 * @param id plugin id (or the file name when the file could not be read)
 * @param version plugin version, or empty when unknown
 * @param requires the plugin-api range it requires, or empty
 * @param state STARTED, FAILED, DISABLED ...
 * @param networks network ids it provides
 * @param file the file or folder it was loaded from
 * @param problem why it is not running, in plain words, or null
 */
public record PluginInfo(String id, String version, String requires, String state, List<String> networks,
        String file, String problem) {
    public PluginInfo {
        Objects.requireNonNull(id, "id is null");
        version = version == null ? "" : version;
        requires = requires == null ? "" : requires;
        Objects.requireNonNull(state, "state is null");
        networks = List.copyOf(networks);
    }
}
