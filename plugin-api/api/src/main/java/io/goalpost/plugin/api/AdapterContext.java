package io.goalpost.plugin.api;

import java.time.Clock;

/**
 * What the host hands an adapter. An interface so it can grow with default methods within a major
 * version.
 */
public interface AdapterContext {

    /** The only way an adapter reaches the network. */
    HttpPort http();

    /** The clock to use for "today" and token expiry; tests and the demo control it. */
    Clock clock();

    /** Persists refreshed credentials (rotated access and refresh tokens) before the adapter goes on. */
    CredentialsPort credentials();
}
