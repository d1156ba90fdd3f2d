package io.goalpost.plugins.pinterest.sandbox;

import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.util.Objects;

/** Hands every request straight to the sandbox, as the host's local server would; no sockets. */
final class SandboxHttpPort implements HttpPort {

    /** What the demo puts in front of {@code /v5}. */
    static final String BASE_URL = "http://127.0.0.1:18080";

    private final PinterestSandbox sandbox;
    private final Clock clock;

    SandboxHttpPort(PinterestSandbox sandbox, Clock clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sandbox.handle(request, clock);
    }
}
