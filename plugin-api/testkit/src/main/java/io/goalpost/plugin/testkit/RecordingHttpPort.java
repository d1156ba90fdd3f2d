package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Wraps an {@link HttpPort} and keeps every request sent, so tests can assert what went out. */
public final class RecordingHttpPort implements HttpPort {

    private final HttpPort delegate;
    private final List<HttpRequest> requests = new ArrayList<>();

    public RecordingHttpPort(HttpPort delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized HttpResponse send(HttpRequest request) throws AdapterException {
        requests.add(request);
        return delegate.send(request);
    }

    /** The requests sent so far, oldest first. */
    public synchronized List<HttpRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests sent so far. */
    public synchronized void clear() {
        requests.clear();
    }
}
