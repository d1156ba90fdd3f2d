package io.goalpost.platform.sync;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.HttpPort;
import java.time.Clock;

/** The ports the host hands one adapter. */
record HostAdapterContext(HttpPort http, Clock clock, CredentialsPort credentials) implements AdapterContext {
}
