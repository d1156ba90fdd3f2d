package io.goalpost.platform.plugins;

import java.util.List;
import java.util.Objects;

/**
 * What the host knows about one plugin, installed or refused: shown by {@code GET /api/plugins}.
 *
 * @param id plugin id (or the file name when the file could not be read)
 * @param version plugin version, or empty when unknown
 * @param requires the plugin-api range it requires, or empty
 * @param state STARTED, DISABLED (by an administrator), FAILED (installed but did not start), REFUSED (never loaded)
 * @param networks network ids it provides (while started) or provided (disabled)
 * @param file the file, folder or upload it was loaded from
 * @param problem why it is not running, in plain words, or null
 * @param publisher the name of the trusted key that signed it, "unsigned", or empty when unknown
 * @param keyId that key's fingerprint, or empty
 */
public record PluginInfo(String id, String version, String requires, String state, List<String> networks,
        String file, String problem, String publisher, String keyId) {
    public PluginInfo {
        Objects.requireNonNull(id, "id is null");
        version = version == null ? "" : version;
        requires = requires == null ? "" : requires;
        Objects.requireNonNull(state, "state is null");
        networks = List.copyOf(networks);
        publisher = publisher == null ? "" : publisher;
        keyId = keyId == null ? "" : keyId;
    }

    /** A plugin whose signer is not known. */
    public PluginInfo(String id, String version, String requires, String state, List<String> networks,
            String file, String problem) {
        this(id, version, requires, state, networks, file, problem, "", "");
    }
}
