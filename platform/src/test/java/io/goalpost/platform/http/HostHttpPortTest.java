package io.goalpost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.platform.security.Redactor;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The host's HTTP port against real local servers: it connects to the address the policy checked
 * (never resolving the name again), keeps the URL's host for the Host header and TLS, and does not
 * follow a redirect to another origin, so the Authorization header stays where it was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HostHttpPortTest {

    private static final String TOKEN = "s3cret-token-value";
    private static final Set<String> PLUGIN = Set.of("api.sandbox.test", "other.sandbox.test", "tls.sandbox.test",
            "wrong.sandbox.test");

    /** What a test server saw. */
    record Seen(String method, String uri, String host, String authorization, String body, String serverName) {
    }

    private Vertx vertx;
    private WebClient web;
    private HttpServer api;
    private HttpServer trap;
    private final ConcurrentLinkedQueue<Seen> seenByApi = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Seen> seenByTrap = new ConcurrentLinkedQueue<>();
    private volatile Handler<HttpServerRequest> apiBehaviour;
    /** Test DNS: names under .test do not exist anywhere else, so only the policy's answer can be used. */
    private final Map<String, Deque<String>> dns = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        // A client that would follow redirects by default: the port must switch that off per request.
        web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(true));
        api = listen(vertx.createHttpServer(), req -> apiBehaviour.handle(req), seenByApi);
        trap = listen(vertx.createHttpServer(), req -> req.response().end("trapped"), seenByTrap);
    }

    @AfterAll
    void stop() throws Exception {
        web.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void reset() {
        seenByApi.clear();
        seenByTrap.clear();
        dns.clear();
        lookups.clear();
        apiBehaviour = req -> req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
    }

    private HttpServer listen(HttpServer server, Handler<HttpServerRequest> handler, ConcurrentLinkedQueue<Seen> seen) throws Exception {
        return server.requestHandler(req -> req.body().onSuccess(body -> {
            seen.add(new Seen(req.method().name(), req.uri(), req.getHeader("Host"), req.getHeader("Authorization"),
                    body.toString(StandardCharsets.UTF_8), req.connection().indicatedServerName()));
            handler.handle(req);
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void answer(String host, String... addresses) {
        dns.put(host, new ConcurrentLinkedDeque<>(List.of(addresses)));
    }

    private OutboundPolicy policy(boolean allowPrivate, int ownPort) {
        return new OutboundPolicy(allowPrivate, Set.of(), () -> ownPort, host -> {
            synchronized (lookups) {
                lookups.add(host);
            }
            Deque<String> answers = dns.get(host);
            if (answers == null || answers.isEmpty()) {
                throw new UnknownHostException(host);
            }
            // Each lookup takes the next answer; the last one stays (a rebinding DNS server).
            String a = answers.size() > 1 ? answers.poll() : answers.peek();
            return new InetAddress[] {InetAddress.getByName(a)};
        });
    }

    private HostHttpPort port(OutboundPolicy policy) {
        return port(policy, web);
    }

    private HostHttpPort port(OutboundPolicy policy, WebClient client) {
        return new HostHttpPort(client, policy, PLUGIN, new Redactor(List.of(TOKEN)), Duration.ofSeconds(10));
    }

    private static HttpRequest get(String url) {
        return new HttpRequest("GET", URI.create(url), Map.of("Authorization", "Bearer " + TOKEN), null);
    }

    @Test
    void connectsToTheCheckedAddressAndKeepsTheNameInTheHostHeader() throws Exception {
        answer("api.sandbox.test", "127.0.0.1");
        HttpResponse r = port(policy(true, 1)).send(get("http://api.sandbox.test:" + api.actualPort() + "/v1/me"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(seenByApi).singleElement().satisfies(s -> {
            assertThat(s.host()).isEqualTo("api.sandbox.test:" + api.actualPort());
            assertThat(s.uri()).isEqualTo("/v1/me");
            assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN);
        });
        // One lookup, by the policy: the client did not resolve the name (it could not have: .test does not exist).
        assertThat(lookups).containsExactly("api.sandbox.test");
    }

    @Test
    void aDnsAnswerThatChangesAfterTheCheckIsCheckedAgainNotFollowed() throws Exception {
        // A rebinding name: first a harmless answer, then the cloud metadata address.
        answer("api.sandbox.test", "127.0.0.1", "169.254.169.254");
        HostHttpPort port = port(policy(true, 1));
        String url = "http://api.sandbox.test:" + api.actualPort() + "/v1/me";
        assertThat(port.send(get(url)).status()).isEqualTo(200);
        assertThatThrownBy(() -> port.send(get(url)))
                .isInstanceOfSatisfying(AdapterException.ConfigInvalid.class, e -> assertThat(e.getMessage())
                        .contains("the request to api.sandbox.test points at a link-local address")
                        .contains("169.254.169.254"));
        assertThat(seenByApi).hasSize(1);
        assertThat(lookups).containsExactly("api.sandbox.test", "api.sandbox.test");
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowedAndTheTokenStaysBehind() throws Exception {
        answer("api.sandbox.test", "127.0.0.1");
        answer("other.sandbox.test", "127.0.0.1");
        for (String target : List.of("http://127.0.0.1:" + trap.actualPort() + "/collect",
                "http://other.sandbox.test:" + trap.actualPort() + "/collect",
                "//api.sandbox.test:" + trap.actualPort() + "/collect",
                "https://api.sandbox.test:" + api.actualPort() + "/collect")) {
            seenByApi.clear();
            apiBehaviour = req -> req.response().setStatusCode(302).putHeader("Location", target).end();
            assertThatThrownBy(() -> port(policy(true, 1)).send(get("http://api.sandbox.test:" + api.actualPort() + "/v1/me")))
                    .as(target)
                    .isInstanceOfSatisfying(AdapterException.ConfigInvalid.class, e -> assertThat(e.getMessage())
                            .contains("answered HTTP 302 redirecting to")
                            .contains("Goalpost does not follow redirects to another host")
                            .doesNotContain(TOKEN));
            assertThat(seenByApi).singleElement().extracting(Seen::authorization).isEqualTo("Bearer " + TOKEN);
        }
        assertThat(seenByTrap).as("the other server saw nothing").isEmpty();
    }

    @Test
    void aRedirectWithinTheSameOriginIsFollowedAfterTheSameChecks() throws Exception {
        answer("api.sandbox.test", "127.0.0.1");
        apiBehaviour = req -> {
            if (req.path().equals("/old")) {
                req.response().setStatusCode(301).putHeader("Location", "/new?x=1").end();
            } else {
                req.response().end("moved here");
            }
        };
        HttpResponse r = port(policy(true, 1)).send(get("http://api.sandbox.test:" + api.actualPort() + "/old"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("moved here");
        assertThat(seenByApi).extracting(Seen::uri).containsExactly("/old", "/new?x=1");
        assertThat(seenByApi).extracting(Seen::authorization).containsOnly("Bearer " + TOKEN);
        assertThat(lookups).as("each hop resolved and checked").containsExactly("api.sandbox.test", "api.sandbox.test");
    }

    @Test
    void aSeeOtherAfterAPostBecomesAGetWithoutTheBody() throws Exception {
        answer("api.sandbox.test", "127.0.0.1");
        apiBehaviour = req -> {
            if (req.method().name().equals("POST")) {
                req.response().setStatusCode(303).putHeader("Location", "/result").end();
            } else {
                req.response().end("done");
            }
        };
        HttpRequest post = HttpRequest.postForm(URI.create("http://api.sandbox.test:" + api.actualPort() + "/token"),
                Map.of("grant_type", "refresh_token"));
        assertThat(port(policy(true, 1)).send(post).bodyText()).isEqualTo("done");
        assertThat(seenByApi).extracting(Seen::method).containsExactly("POST", "GET");
        assertThat(seenByApi).last().extracting(Seen::body).isEqualTo("");
    }

    @Test
    void endlessRedirectsEndInATypedError() {
        answer("api.sandbox.test", "127.0.0.1");
        apiBehaviour = req -> req.response().setStatusCode(307).putHeader("Location", "/again").end();
        assertThatThrownBy(() -> port(policy(true, 1)).send(get("http://api.sandbox.test:" + api.actualPort() + "/again")))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("redirected more than");
        assertThat(seenByApi).hasSize(HostHttpPort.MAX_REDIRECTS + 1);
    }

    @Test
    void refusedTargetsAreTypedAndNothingIsSent() {
        answer("api.sandbox.test", "127.0.0.1");
        String url = "http://api.sandbox.test:" + api.actualPort() + "/v1/me";
        // Without the flag: plain http, and then loopback, are refused.
        assertThatThrownBy(() -> port(policy(false, 1)).send(get(url)))
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("must start with https://");
        assertThatThrownBy(() -> port(policy(false, 1)).send(get(url.replace("http:", "https:"))))
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("a loopback address (127.0.0.1)");
        // With it, still never the server's own port.
        assertThatThrownBy(() -> port(policy(true, api.actualPort())).send(get(url)))
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("Goalpost itself");
        // A host the plugin did not declare.
        assertThatThrownBy(() -> port(policy(true, 1)).send(get("http://127.0.0.1:" + api.actualPort() + "/")))
                .isInstanceOf(AdapterException.ConfigInvalid.class).hasMessageContaining("may not call");
        // A name that does not resolve may resolve later: transient.
        assertThatThrownBy(() -> port(policy(true, 1)).send(get("http://other.sandbox.test:" + api.actualPort() + "/")))
                .isInstanceOf(AdapterException.TransientFailure.class).hasMessageContaining("does not resolve");
        assertThat(seenByApi).isEmpty();
    }

    @Test
    void overTlsTheConnectionGoesToTheCheckedAddressWithTheNameForSniAndTheCertificateCheck(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path keystore = io.goalpost.platform.testing.TestCertificates.selfSigned(dir, "server", "tls.sandbox.test",
                "dns:tls.sandbox.test");
        Path cert = dir.resolve("server.pem");
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        HttpServer tls = listen(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit"))),
                req -> req.response().end("over tls"), seen);
        WebClient trusting = WebClient.create(vertx, new WebClientOptions()
                .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString())));
        try {
            answer("tls.sandbox.test", "127.0.0.1");
            answer("wrong.sandbox.test", "127.0.0.1");
            HostHttpPort port = port(policy(true, 1), trusting);
            HttpResponse r = port.send(get("https://tls.sandbox.test:" + tls.actualPort() + "/v1/me"));
            assertThat(r.bodyText()).isEqualTo("over tls");
            assertThat(seen).singleElement().satisfies(s -> {
                assertThat(s.serverName()).as("SNI").isEqualTo("tls.sandbox.test");
                assertThat(s.host()).isEqualTo("tls.sandbox.test:" + tls.actualPort());
            });
            // The same address under another name: the certificate is checked against the URL's name and fails.
            assertThatThrownBy(() -> port.send(get("https://wrong.sandbox.test:" + tls.actualPort() + "/v1/me")))
                    .isInstanceOf(AdapterException.TransientFailure.class);
            assertThat(seen).hasSize(1);
        } finally {
            trusting.close();
            tls.close();
        }
    }

    @Test
    void aCallBeyondThePoolsConnectionsFailsAtOnceAsTransientAndTheOthersAreAnswered() throws Exception {
        // One sync thread: the fewest connections a host gets. The server holds every request until released.
        WebClient host = HostHttpPort.webClient(vertx, 1);
        int connections = HostHttpPort.connectionsPerHost(1);
        assertThat(connections).as("calls beside a single sync thread's (OAuth, webhooks) have room").isGreaterThanOrEqualTo(3);
        List<HttpServerRequest> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        apiBehaviour = held::add;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(connections);
        try {
            answer("api.sandbox.test", "127.0.0.1");
            HostHttpPort port = port(policy(true, 1), host);
            String url = "http://api.sandbox.test:" + api.actualPort() + "/v1/me";
            List<java.util.concurrent.Future<HttpResponse>> calls = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                calls.add(callers.submit(() -> port.send(get(url))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (held.size() < connections && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(held).as("every call the pool has room for reached the server").hasSize(connections);
            long started = System.nanoTime();
            assertThatThrownBy(() -> port.send(get(url))).isInstanceOf(AdapterException.TransientFailure.class)
                    .hasMessageContaining("could not reach api.sandbox.test: all connections to it are in use");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused, not queued").isLessThan(Duration.ofSeconds(5));
            held.forEach(r -> r.response().end("held"));
            for (var call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).bodyText()).isEqualTo("held");
            }
            assertThat(seenByApi).as("the refused call was never sent").hasSize(connections);
            // With a connection free again, the next call goes through (the pool takes a connection back
            // on its event loop once the answer was read, which may be a moment after the caller has it).
            apiBehaviour = req -> req.response().end("again");
            HttpResponse again = null;
            for (int tries = 0; again == null; tries++) {
                try {
                    again = port.send(get(url));
                } catch (AdapterException.TransientFailure busy) {
                    assertThat(tries).as("a connection came back within a second").isLessThan(100);
                    Thread.sleep(10);
                }
            }
            assertThat(again.bodyText()).isEqualTo("again");
        } finally {
            callers.shutdownNow();
            host.close();
        }
    }

    @Test
    void aServerThatStopsAnsweringEndsTheCallAsTransientWithinItsTimeout() {
        WebClient host = HostHttpPort.webClient(vertx, 1);
        apiBehaviour = req -> req.response().setChunked(true).write("{\"partial\":");
        try {
            answer("api.sandbox.test", "127.0.0.1");
            HostHttpPort port = new HostHttpPort(host, policy(true, 1), PLUGIN, new Redactor(List.of(TOKEN)),
                    Duration.ofSeconds(1));
            long started = System.nanoTime();
            assertThatThrownBy(() -> port.send(get("http://api.sandbox.test:" + api.actualPort() + "/v1/me?access_token=" + TOKEN)))
                    .isInstanceOf(AdapterException.TransientFailure.class)
                    .hasMessage("no answer from api.sandbox.test within 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            host.close();
        }
    }
}
