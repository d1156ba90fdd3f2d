package io.goalpost.plugin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A base for a "Connect with …" test of a network's {@link NetworkAuthorizer} against WireMock stubs
 * in the network's shapes. It holds the set-up every such test repeats (the app's credentials with the
 * stub server as base URL, the host's callback, a code exchange) and runs the checks every authorizer
 * must pass: its sign-in spec is the expected one and PF4J finds it. The subclass writes what is the
 * network's own: its consent URL, its token answers and errors, its discovery.
 *
 * <pre>{@code
 * final class MastodonAuthorizerTest extends WireMockAuthorizerTest {
 *     MastodonAuthorizerTest() {
 *         super(new MastodonAuthorizer(), new MastodonAdapterFactory(), CLOCK, "client-id", "client-secret",
 *                 ExpectedSpec.of("Client key", "read:statuses").withSetupHelpMentioning("redirect URI"));
 *     }
 * }
 * }</pre>
 *
 * <p>WireMock is an optional dependency of the kit: declare {@code org.wiremock:wiremock-standalone}
 * (test scope) to use this class.
 */
public abstract class WireMockAuthorizerTest extends WireMockAdapterTest {

    /** The authorizer under test. */
    protected final NetworkAuthorizer authorizer;
    /** The factory of the same network: the discovered configurations must be ones it takes. */
    protected final NetworkAdapterFactory factory;
    /** The app's client id and secret, as an admin enters them on the Settings page. */
    protected final String clientId;
    protected final String clientSecret;
    /** The host's callback for the network, as the Settings page shows it to register. */
    protected final String redirect;
    /** A {@code state} for consent URLs; the host makes a random one per sign-in. */
    protected static final String STATE = "st-Ab3_x9";
    /**
     * A one-time authorization code as the callback brings it, and the tokens a stubbed token endpoint
     * gives for it. Every sign-in test needs the three; they are fakes, shaped like no network's real ones.
     */
    protected static final String CODE = "code-from-the-callback-0123456789";
    protected static final String ACCESS = "access-token-from-the-code-0123456789";
    protected static final String REFRESH = "refresh-token-from-the-code-0123456789";
    /** The test's clock, as the authorizer sees it. */
    protected final Clock clock;
    private final ExpectedSpec spec;

    /** The spec the authorizer must give; its scopes are the permissions the sign-in asks for. */
    protected ExpectedSpec expectedSpec() {
        return spec;
    }

    protected WireMockAuthorizerTest(NetworkAuthorizer authorizer, NetworkAdapterFactory factory, Clock clock,
            String clientId, String clientSecret, ExpectedSpec spec) {
        super(clock);
        this.clock = clock;
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.redirect = "https://goalpost.example.com/api/oauth/" + factory.descriptor().networkId() + "/callback";
    }

    /** The app, with the stub server standing in for every host of the network. */
    protected AppCredentials app() {
        return new AppCredentials(clientId, clientSecret, Optional.of(baseUrl));
    }

    /** The app as configured for the real network: no base URL. */
    protected AppCredentials appOnRealHosts() {
        return new AppCredentials(clientId, clientSecret, Optional.empty());
    }

    /**
     * The exchange of {@code code} from the callback, for {@link #app()} and {@link #redirect}, without
     * PKCE; a network that requires PKCE overrides it to add the verifier.
     */
    protected CodeExchange exchange(String code) {
        return new CodeExchange(app(), code, redirect, Optional.empty());
    }

    /** The authorizer exchanges {@code code} through {@link #context}'s recording port, at the test's clock. */
    protected TokenGrant exchangeCode(String code) throws AdapterException {
        return authorizer.exchange(exchange(code), context.http(), clock);
    }

    /** The error the exchange of {@code code} fails with; null (and so a failing test) if another or none. */
    protected <E extends AdapterException> E exchangeError(Class<E> type, String code) {
        return catchThrowableOfType(type, () -> exchangeCode(code));
    }

    /**
     * A form POST to {@code path} (RFC 6749's token request) whose body holds each field as the form
     * writes it, {@code name=} and the URL-encoded value; for {@code verify}.
     */
    protected static RequestPatternBuilder formPost(String path, String... encodedFields) {
        RequestPatternBuilder request = postRequestedFor(urlPathEqualTo(path))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"));
        for (String field : encodedFields) {
            request = request.withRequestBody(containing(field));
        }
        return request;
    }

    @Test
    protected void theSignInSpecIsTheNetworks() {
        AuthorizerAssertions.assertSpec(authorizer, factory, spec);
    }

    @Test
    protected void theAuthorizerIsAnIndexedPf4jExtension() {
        ExtensionIndex.assertListed(authorizer.getClass());
    }
}
