package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Hands every request straight to a plugin's {@link NetworkSandbox}, as the demo's local server would:
 * the real adapter against the simulated network, without sockets.
 */
public final class SandboxHttpPort implements HttpPort {

    /** A base URL to give the adapter; the sandbox answers whatever the host part says. */
    public static final String BASE_URL = "http://127.0.0.1:18080";

    private final NetworkSandbox sandbox;
    private final Supplier<Clock> clock;

    /** A port whose sandbox sees {@code clock}. */
    public SandboxHttpPort(NetworkSandbox sandbox, Clock clock) {
        this(sandbox, () -> clock);
        Objects.requireNonNull(clock, "clock is null");
    }

    /** A port whose sandbox sees the clock {@code clock} gives at each request (a test that moves time). */
    public SandboxHttpPort(NetworkSandbox sandbox, Supplier<Clock> clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sandbox.handle(request, clock.get());
    }
}
