package io.goalpost.plugins.instagram.sandbox;

import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkSandbox;
import java.time.Clock;

/** An {@link HttpPort} that hands every request straight to a sandbox: the real adapter, no server. */
final class SandboxHttpPort implements HttpPort {

    private final NetworkSandbox sandbox;
    private final Clock clock;

    SandboxHttpPort(NetworkSandbox sandbox, Clock clock) {
        this.sandbox = sandbox;
        this.clock = clock;
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sandbox.handle(request, clock);
    }
}
