package io.goalpost.plugins.facebook.sandbox;

import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;

/** Hands every request straight to the sandbox, as the host's local demo server would; no sockets. */
final class SandboxHttpPort implements HttpPort {

    /** What the demo server would listen on. */
    static final String BASE_URL = "http://127.0.0.1:18080";

    private final FacebookSandbox sandbox;
    private final Clock clock;

    SandboxHttpPort(FacebookSandbox sandbox, Clock clock) {
        this.sandbox = sandbox;
        this.clock = clock;
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sandbox.handle(request, clock);
    }
}
