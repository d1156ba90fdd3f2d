package io.goalpost.plugin.testkit;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import java.time.Clock;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;

/**
 * A base for tests that run an adapter (or authorizer) against a WireMock server standing in for the
 * network: a fresh server per test, its client {@link #wm}, its {@link #baseUrl} to put into the
 * config's base-URL field, and a host {@link #context} whose HTTP port is a real JDK client and whose
 * clock is the one the subclass passes in.
 *
 * <pre>{@code
 * final class MastodonAdapterTest extends WireMockAdapterTest {
 *     MastodonAdapterTest() { super(MastodonStubs.CLOCK); }
 *
 *     @Test void readsFollowers() {
 *         wm.register(get("/api/v1/accounts/1").willReturn(okJson("{...}")));
 *         NetworkAdapter adapter = factory.create(context, config(baseUrl));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>WireMock is an optional dependency of the kit: declare {@code org.wiremock:wiremock-standalone}
 * (test scope) to use this class. A subclass's own {@code @BeforeEach} runs after this one, so it can
 * register stubs on {@link #wm}.
 */
@WireMockTest
public abstract class WireMockAdapterTest {

    private final Clock clock;

    /** The WireMock server of the running test. */
    protected WireMock wm;
    /** The server's base URL, e.g. {@code http://localhost:53211}, without a trailing slash. */
    protected String baseUrl;
    /** A host context calling the server through {@link JdkHttpPort}, reading time from the given clock. */
    protected TestAdapterContext context;

    protected WireMockAdapterTest(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @BeforeEach
    protected final void startNetwork(WireMockRuntimeInfo info) {
        wm = info.getWireMock();
        baseUrl = info.getHttpBaseUrl();
        context = new TestAdapterContext(new JdkHttpPort(), clock);
    }
}
