package io.goalpost.plugin.testkit;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;

/**
 * An {@link HttpPort} over the JDK's HTTP client, for adapter tests against WireMock. The real host
 * uses its own implementation; this one only sends and records nothing.
 */
public final class JdkHttpPort implements HttpPort {

    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private final HttpClient client;
    private final Duration timeout;

    public JdkHttpPort() {
        this(Duration.ofSeconds(10));
    }

    public JdkHttpPort(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public HttpResponse send(HttpRequest request) throws AdapterException {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), request.body().length == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(k, v);
            }
        });
        try {
            java.net.http.HttpResponse<byte[]> response =
                    client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new HttpResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AdapterException.TransientFailure("no response from " + request.uri().getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException.TransientFailure("interrupted while calling " + request.uri().getHost(), e);
        }
    }
}
