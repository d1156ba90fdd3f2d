package io.goalpost.plugins.linkedin.sandbox;

import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.util.Objects;

/** Hands every request straight to the sandbox, as the host's local server would; no sockets. */
final class SandboxHttpPort implements HttpPort {

    /** What the demo would put in front of {@code /rest} and {@code /oauth/v2}. */
    static final String BASE_URL = "http://127.0.0.1:18080";

    private final LinkedInSandbox sandbox;
    private final Clock clock;

    SandboxHttpPort(LinkedInSandbox sandbox, Clock clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sandbox.handle(request, clock);
    }
}
