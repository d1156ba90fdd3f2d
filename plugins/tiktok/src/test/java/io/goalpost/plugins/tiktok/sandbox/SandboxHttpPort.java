package io.goalpost.plugins.tiktok.sandbox;

import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/** Hands every request straight to the sandbox, as the host's local server would; no sockets. */
final class SandboxHttpPort implements HttpPort {

    /** What the demo would put in front of {@code /open_api/v1.3}. */
    static final String BASE_URL = "http://127.0.0.1:18080";

    private final TikTokSandbox sandbox;
    private final Supplier<Clock> clock;

    SandboxHttpPort(TikTokSandbox sandbox, Supplier<Clock> clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public HttpResponse send(HttpRequest request) {
        return sandbox.handle(request, clock.get());
    }
}
