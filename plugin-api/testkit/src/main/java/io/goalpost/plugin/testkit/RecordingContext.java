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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A host context that records the requests sent, what the adapter stores through
 * {@link CredentialsPort#store} and the token lifetimes it reports through {@link CredentialsPort#expires}
 * (since plugin-api 1.2): for adapters that refresh tokens. It also notes the order of those calls
 * ({@link #calls}) and how many requests had gone out at each store ({@link #requestsSentWhenStored}),
 * so a test can check the renewed tokens are stored before they are used, and their lifetimes after.
 */
public final class RecordingContext implements AdapterContext {

    /** One call to {@link CredentialsPort#expires}. */
    public record Expiry(Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt) {
    }

    private final RecordingHttpPort http;
    private final Supplier<Clock> clock;
    private final List<Map<String, String>> stored = new ArrayList<>();
    private final List<Expiry> expiries = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Integer> requestsSentWhenStored = new ArrayList<>();

    public RecordingContext(HttpPort http, Clock clock) {
        this(http, () -> clock);
        Objects.requireNonNull(clock, "clock is null");
    }

    /** A context whose clock is read at every call, for a test that moves its clock on. */
    public RecordingContext(HttpPort http, Supplier<Clock> clock) {
        this.http = new RecordingHttpPort(http);
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public RecordingHttpPort http() {
        return http;
    }

    @Override
    public Clock clock() {
        return clock.get();
    }

    @Override
    public CredentialsPort credentials() {
        return new CredentialsPort() {
            @Override
            public void store(Map<String, String> updated) {
                synchronized (stored) {
                    stored.add(new LinkedHashMap<>(updated));
                    calls.add("store");
                    requestsSentWhenStored.add(http.requests().size());
                }
            }

            @Override
            public void expires(Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt) {
                synchronized (stored) {
                    expiries.add(new Expiry(accessExpiresAt, refreshExpiresAt));
                    calls.add("expires");
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

    /** The credentials port's calls in order: {@code "store"} or {@code "expires"}, one per call. */
    public List<String> calls() {
        synchronized (stored) {
            return List.copyOf(calls);
        }
    }

    /** For each call to {@link CredentialsPort#store}, how many requests had been sent by then. */
    public List<Integer> requestsSentWhenStored() {
        synchronized (stored) {
            return List.copyOf(requestsSentWhenStored);
        }
    }
}
