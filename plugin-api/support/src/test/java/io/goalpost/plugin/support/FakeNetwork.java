package io.goalpost.plugin.support;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A host context whose HTTP port answers with a function and records requests and stored credentials. */
final class FakeNetwork implements AdapterContext {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    final List<HttpRequest> requests = new ArrayList<>();
    final List<Map<String, String>> stored = new ArrayList<>();
    final List<List<Optional<Instant>>> expiries = new ArrayList<>();
    private final Function<HttpRequest, HttpResponse> answer;

    FakeNetwork(Function<HttpRequest, HttpResponse> answer) {
        this.answer = answer;
    }

    @Override
    public HttpPort http() {
        return request -> {
            synchronized (requests) {
                requests.add(request);
            }
            return answer.apply(request);
        };
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public CredentialsPort credentials() {
        return new CredentialsPort() {
            @Override
            public void store(Map<String, String> updated) {
                stored.add(Map.copyOf(updated));
            }

            @Override
            public void expires(Optional<Instant> access, Optional<Instant> refresh) {
                expiries.add(List.of(access, refresh));
            }
        };
    }
}
