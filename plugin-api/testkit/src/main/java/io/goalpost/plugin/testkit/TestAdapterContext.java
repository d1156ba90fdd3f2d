package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.HttpPort;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host context for adapter tests: a recording HTTP port (JDK client by default), a fixed clock, and
 * a credentials port that keeps what the adapter stored.
 */
public final class TestAdapterContext implements AdapterContext {

    private final RecordingHttpPort http;
    private final Clock clock;
    private final List<Map<String, String>> storedCredentials = new ArrayList<>();

    public TestAdapterContext(HttpPort http, Clock clock) {
        this.http = new RecordingHttpPort(http);
        this.clock = clock;
    }

    /** A context over the JDK client with the clock fixed at the given instant (UTC). */
    public static TestAdapterContext at(Instant now) {
        return new TestAdapterContext(new JdkHttpPort(), Clock.fixed(now, ZoneOffset.UTC));
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
        return updated -> {
            synchronized (storedCredentials) {
                storedCredentials.add(new LinkedHashMap<>(updated));
            }
        };
    }

    /** Every call to the credentials port, oldest first. */
    public List<Map<String, String>> storedCredentials() {
        synchronized (storedCredentials) {
            return List.copyOf(storedCredentials);
        }
    }
}
