package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.HttpPort;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host context that records the requests sent, what the adapter stores through
 * {@link CredentialsPort#store} and the token lifetimes it reports through {@link CredentialsPort#expires}
 * (since plugin-api 1.2): for adapters that refresh tokens.
 */
public final class RecordingContext implements AdapterContext {

    /** One call to {@link CredentialsPort#expires}. */
    public record Expiry(Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt) {
    }

    private final RecordingHttpPort http;
    private final Clock clock;
    private final List<Map<String, String>> stored = new ArrayList<>();
    private final List<Expiry> expiries = new ArrayList<>();

    public RecordingContext(HttpPort http, Clock clock) {
        this.http = new RecordingHttpPort(http);
        this.clock = clock;
    }

    @Override
    public RecordingHttpPort http() {
        return http;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public CredentialsPort credentials() {
        return new CredentialsPort() {
            @Override
            public void store(Map<String, String> updated) {
                synchronized (stored) {
                    stored.add(new LinkedHashMap<>(updated));
                }
            }

            @Override
            public void expires(Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt) {
                synchronized (stored) {
                    expiries.add(new Expiry(accessExpiresAt, refreshExpiresAt));
                }
            }
        };
    }

    /** Every call to {@link CredentialsPort#store}, oldest first. */
    public List<Map<String, String>> stored() {
        synchronized (stored) {
            return List.copyOf(stored);
        }
    }

    /** Every call to {@link CredentialsPort#expires}, oldest first. */
    public List<Expiry> expiries() {
        synchronized (stored) {
            return List.copyOf(expiries);
        }
    }
}
