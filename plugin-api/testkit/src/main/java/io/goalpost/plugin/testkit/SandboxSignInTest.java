package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import io.goalpost.plugin.sandbox.SignInBrowser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The base of a "Connect with …" test against a network's demo sandbox: the real authorizer signs in
 * through the sandbox's consent page, exchanges the code and discovers the accounts, and the real
 * adapter then reads them, all on one movable clock.
 *
 * <p>A sandbox module's test extends it with its sandbox, authorizer and factory, and writes only what
 * is the network's own: its consent page, its discovery, its token renewal. The base holds the steps
 * every sign-in shares ({@link #approvedCode}, {@link #exchange}, {@link #connect}, {@link #adapter}) and
 * the refusals every sandbox must make as its network does, each checked against the plugin's real
 * authorizer with the network's own words ({@link Refusals}): a denied consent, a used, unknown or
 * expired code, a wrong app secret, another redirect URI, a consent for less than the plugin asks. It
 * needs {@code plugin-sandbox-api}, which a sandbox module has already, and Jackson, which its plugin's
 * {@code plugin-support} brings.
 */
public abstract class SandboxSignInTest {

    /** Reads the sandbox's JSON answers for the tests' own assertions; thread-safe once made. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The host's callback for the network; a sandbox only checks the exchange names the same one. */
    protected final String redirect;
    /** The sandbox's address, as the host passes it to {@link NetworkSandbox#demoApp(String)}. */
    protected final String base;
    /** When the test starts; {@link #advance} moves the clock on from here. */
    protected final Instant start;
    protected final NetworkSandbox sandbox;
    protected final NetworkAuthorizer authorizer;
    protected final NetworkAdapterFactory factory;
    protected final AtomicReference<Clock> clock;
    /** The sandbox as the plugin's HTTP port, answering on the test's current clock. */
    protected final HttpPort port;
    /** The sandbox's demo app: its client id and secret, with the sandbox as base URL. */
    protected final AppCredentials app;
    protected final SignInBrowser browser;
    private final Refusals refusals;

    /**
     * How the network refuses a sign-in, as the plugin reports it.
     *
     * @param codeRefusedAfter how long after the consent its code is refused (the code's lifetime, or the
     *     first second past it where the network still takes a code at its last instant)
     * @param narrowedConsent consent-form values granting less than the plugin asks (a narrower
     *     {@code scope}, or a {@code decline}d permission)
     * @param missing the permissions the plugin then reports missing
     * @param otherRedirect the error of an exchange naming another redirect URI than the consent page's
     * @param otherRedirectSays words that error's message contains
     * @param wrongSecretSays words the message of a refused app secret contains ("" for none)
     * @param reusedCodeSays words the message of a used code contains ("" for none)
     */
    public record Refusals(Duration codeRefusedAfter, Map<String, String> narrowedConsent, Set<String> missing,
            Class<? extends AdapterException> otherRedirect, String otherRedirectSays, String wrongSecretSays,
            String reusedCodeSays) {

        public Refusals {
            Objects.requireNonNull(codeRefusedAfter, "codeRefusedAfter is null");
            narrowedConsent = Map.copyOf(narrowedConsent);
            missing = Set.copyOf(missing);
            Objects.requireNonNull(otherRedirect, "otherRedirect is null");
            Objects.requireNonNull(otherRedirectSays, "otherRedirectSays is null");
            Objects.requireNonNull(wrongSecretSays, "wrongSecretSays is null");
            Objects.requireNonNull(reusedCodeSays, "reusedCodeSays is null");
        }
    }

    /**
     * @param sandbox the network's sandbox
     * @param authorizer the plugin's real authorizer
     * @param factory the plugin's real adapter factory
     * @param base the sandbox's address
     * @param start the instant the test's clock starts at
     * @param refusals how the network refuses a sign-in
     */
    protected SandboxSignInTest(NetworkSandbox sandbox, NetworkAuthorizer authorizer, NetworkAdapterFactory factory,
            String base, Instant start, Refusals refusals) {
        this.refusals = Objects.requireNonNull(refusals, "refusals is null");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer is null");
        this.factory = Objects.requireNonNull(factory, "factory is null");
        this.base = Objects.requireNonNull(base, "base is null");
        this.start = Objects.requireNonNull(start, "start is null");
        this.redirect = "https://goalpost.example.com/api/oauth/" + authorizer.networkId() + "/callback";
        this.clock = new AtomicReference<>(Clock.fixed(start, ZoneOffset.UTC));
        this.port = request -> sandbox.handle(request, clock.get());
        this.app = sandbox.demoApp(base).orElseThrow(() -> new AssertionError("the sandbox offers no demo app"));
        this.browser = new SignInBrowser(sandbox, clock::get);
    }

    /** The PKCE code verifier the sign-in sends; none unless the network requires PKCE. */
    protected Optional<String> codeVerifier() {
        return Optional.empty();
    }

    /** PKCE's S256 code challenge of {@code verifier}: base64url, unpadded, of its SHA-256. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The consent page's address for the demo app, as the host would send the browser to it. */
    protected URI consentUrl(String state) {
        return consentUrl(app, state);
    }

    /** The consent page's address for {@code client}. */
    protected URI consentUrl(AppCredentials client, String state) {
        return authorizer.authorizeUrl(new AuthorizationRequest(client, redirect, state,
                codeVerifier().map(SandboxSignInTest::s256)));
    }

    /** The parameters of the redirect back to the host's callback. */
    protected Map<String, String> redirected(HttpResponse response) {
        return SignInBrowser.redirectedBack(response, redirect);
    }

    /** Opens the consent page with {@code extra} form values and follows it back to the callback. */
    protected Map<String, String> consent(String state, Map<String, String> extra) {
        return redirected(browser.open(consentUrl(state), extra));
    }

    /** The code of a consent approved as it stands (the sandbox's first account), with {@code state}. */
    protected String approved(String state) {
        return consent(state, Map.of("approve", "yes")).get("code");
    }

    /** The code of a consent approved for {@code account}, after checking the state came back. */
    protected String approvedCode(String account) {
        Map<String, String> back = consent("state-1", Map.of("approve", "yes", "account", account));
        assertThat(back).containsEntry("state", "state-1");
        return back.get("code");
    }

    /** Exchanges {@code code} for the demo app with the callback the consent page was given. */
    protected TokenGrant exchange(String code) throws AdapterException {
        return exchange(app, code, redirect);
    }

    /** Exchanges {@code code} for the demo app, naming {@code redirectUri} as the callback. */
    protected TokenGrant exchange(String code, String redirectUri) throws AdapterException {
        return exchange(app, code, redirectUri);
    }

    /** Exchanges {@code code} as {@code client} would, naming {@code redirectUri} as the callback. */
    protected TokenGrant exchange(AppCredentials client, String code, String redirectUri) throws AdapterException {
        return authorizer.exchange(new CodeExchange(client, code, redirectUri, codeVerifier()), port, clock.get());
    }

    /** The exchange of {@code code} as a test step that must work. */
    protected TokenGrant exchanged(String code) {
        try {
            return exchange(code);
        } catch (AdapterException e) {
            throw new AssertionError(e);
        }
    }

    /** The accounts {@code grant} reaches, as the host discovers them after the exchange. */
    protected java.util.List<DiscoveredAccount> discover(TokenGrant grant) throws AdapterException {
        return authorizer.discover(app, grant, port, clock.get());
    }

    /** Signs in as {@code account} and discovers it: the first account the sign-in connects. */
    protected DiscoveredAccount connect(String account) throws AdapterException {
        return discover(exchange(approvedCode(account))).get(0);
    }

    /** The plugin's adapter for a discovered account, with its configuration resolved as the host does. */
    protected NetworkAdapter adapter(AdapterContext context, DiscoveredAccount account) {
        return factory.create(context, factory.descriptor().config().resolve(account.config()));
    }

    /** A context recording what the adapter stores, on the test's clock as it is now. */
    protected RecordingContext recording() {
        return new RecordingContext(port, clock.get());
    }

    /** The body of a sandbox's answer as JSON, for what a test checks in a network's own answers. */
    protected static JsonNode json(HttpResponse response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("the sandbox answered HTTP " + response.status() + " with a body that is not JSON",
                    e);
        }
    }

    /** Moves the clock {@code by} on from where it is and returns the new now. */
    protected Instant advance(Duration by) {
        Instant later = clock.get().instant().plus(by);
        clock.set(Clock.fixed(later, ZoneOffset.UTC));
        return later;
    }

    // ---- the refusals every sandbox makes as its network does ------------------------------------

    @Test
    void denyingRedirectsWithAccessDeniedAndTheState() {
        Map<String, String> back = consent("st-6", Map.of("approve", "no"));

        assertThat(back).containsEntry("error", "access_denied").containsEntry("state", "st-6")
                .containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    void aCodeWorksOnceOnly() throws AdapterException {
        String code = approved("s5");
        exchange(code);

        AdapterException.AuthExpired used = catchThrowableOfType(AdapterException.AuthExpired.class,
                () -> exchange(code));

        assertThat(used).hasMessageContaining(refusals.reusedCodeSays()).hasMessageNotContaining(code);
    }

    @Test
    void aCodeTheNetworkNeverIssuedIsRefused() {
        assertThat(catchThrowableOfType(AdapterException.AuthExpired.class, () -> exchange("never-issued")))
                .isNotNull();
    }

    @Test
    void aCodeIsRefusedOnceItsLifetimeIsOver() {
        String code = approved("s7");
        advance(refusals.codeRefusedAfter());

        assertThat(catchThrowableOfType(AdapterException.AuthExpired.class, () -> exchange(code))).isNotNull();
    }

    @Test
    void aWrongAppSecretIsRefusedAsTheAppsConfigurationWithoutShowingIt() {
        String code = approved("s8");
        AppCredentials wrong = new AppCredentials(app.clientId(), "wrong-secret-456", app.baseUrl());

        AdapterException.ConfigInvalid e = catchThrowableOfType(AdapterException.ConfigInvalid.class,
                () -> exchange(wrong, code, redirect));

        assertThat(e).hasMessageContaining(refusals.wrongSecretSays()).hasMessageNotContaining("wrong-secret-456");
    }

    @Test
    void anotherRedirectUriThanTheConsentPagesIsRefused() {
        String code = approved("s9");

        assertThat(catchThrowableOfType(refusals.otherRedirect(), () -> exchange(code, redirect + "/other")))
                .hasMessageContaining(refusals.otherRedirectSays());
    }

    @Test
    void aConsentForLessThanThePluginAsksIsPermissionMissingNamingWhatIsMissing() {
        Map<String, String> form = new LinkedHashMap<>(refusals.narrowedConsent());
        form.put("approve", "yes");
        String code = consent("s10", form).get("code");

        AdapterException.PermissionMissing e = catchThrowableOfType(AdapterException.PermissionMissing.class,
                () -> exchange(code));

        assertThat(e.permissions()).containsExactlyInAnyOrderElementsOf(refusals.missing());
    }
}
