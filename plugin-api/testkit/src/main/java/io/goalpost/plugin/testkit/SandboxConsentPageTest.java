package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.sandbox.NetworkSandbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A {@link SandboxSignInTest} that also checks the first steps every sandbox's sign-in shares, with the
 * network's own words ({@link ConsentPage}): the demo app is the sandbox's app with the sandbox as its
 * base URL, the consent page names the app and what it asks for, offers approve and deny and never
 * shows what the app passes through as markup, and approving it redirects back at once with a code and the state.
 * A sandbox module's sign-in test extends it instead of {@link SandboxSignInTest} and keeps what only
 * its network does (a second code parameter, the accounts to choose from, …).
 */
public abstract class SandboxConsentPageTest extends SandboxSignInTest {

    /** The state the consent page is opened with: characters a page must escape and a redirect must encode. */
    private static final String AWKWARD_STATE = "<i>\"state\" with spaces&more</i>";
    /**
     * That state HTML-escaped, as a consent page that carries it in a form shows it; such a sandbox lists it
     * in {@link ConsentPage#says}. (A page of links carries it URL-encoded in their addresses.)
     */
    public static final String STATE_IN_A_FORM = "&lt;i&gt;&quot;state&quot; with spaces&amp;more&lt;/i&gt;";

    private final ConsentPage page;

    /**
     * What the network's sandbox shows before the code exchange.
     *
     * @param clientIdParam the consent page's parameter for the client id ({@code client_id}; TikTok's
     *     {@code client_key})
     * @param clientId the demo app's client id
     * @param clientSecret the demo app's client secret
     * @param path the consent page's path on the sandbox
     * @param says words the consent page contains: the app's name, the permissions it asks for, …
     * @param redirectParams every parameter of the redirect back after approving, in the network's order
     * @param codePrefix how the sandbox's codes begin
     * @param unknownAppSays words the error page for an app the network does not know contains ("" for none)
     */
    public record ConsentPage(String clientIdParam, String clientId, String clientSecret, String path,
            List<String> says, List<String> redirectParams, String codePrefix, String unknownAppSays) {
        public ConsentPage {
            // Each is a word the tests look for: List.of refuses a missing one.
            List.of(clientIdParam, clientId, clientSecret, path, codePrefix, unknownAppSays);
            says = List.copyOf(says);
            redirectParams = List.copyOf(redirectParams);
        }
    }

    /**
     * @param refusals how the network refuses a sign-in
     * @param page what the network's sandbox shows before the code exchange
     */
    protected SandboxConsentPageTest(NetworkSandbox sandbox, NetworkAuthorizer authorizer,
            NetworkAdapterFactory factory, String base, Instant start, Refusals refusals, ConsentPage page) {
        super(sandbox, authorizer, factory, base, start, refusals);
        this.page = Objects.requireNonNull(page, "page is null");
    }

    /**
     * Checks a discovered account as the host would use it: its configuration validates, the adapter's
     * check finds the account by {@code handle} with no optional permission missing, and reading
     * {@code range} to its end gives metric points and posts.
     */
    protected void checksAndFetches(DiscoveredAccount account, String handle, DateRange range) throws AdapterException {
        assertThat(factory.descriptor().config().validate(account.config())).isEmpty();
        NetworkAdapter adapter = adapter(recording(), account);
        CheckResult check = adapter.check();
        assertThat(check.identity().handle()).isEqualTo(handle);
        assertThat(check.missingOptionalPermissions()).isEmpty();
        List<FetchResult> batches = Fetches.all(adapter, range);
        assertThat(batches.stream().mapToInt(b -> b.points().size()).sum()).isPositive();
        assertThat(batches.stream().mapToInt(b -> b.posts().size()).sum()).isPositive();
    }

    /**
     * Checks a discovered account as the host would use it: its configuration validates, the adapter's
     * check finds the account by its id, and one batch of {@code range} has metric points.
     *
     * @param context the host as the adapter sees it
     * @return what the check found, for the network's own assertions
     */
    protected CheckResult checksAndReads(DiscoveredAccount account, DateRange range, AdapterContext context)
            throws AdapterException {
        assertThat(factory.descriptor().config().validate(account.config())).isEmpty();
        try (NetworkAdapter adapter = adapter(context, account)) {
            CheckResult check = adapter.check();
            assertThat(check.identity().externalId()).isEqualTo(account.externalId());
            assertThat(adapter.fetch(FetchRequest.of(range)).points()).isNotEmpty();
            return check;
        }
    }

    /** A sign-in as one account: the grant the exchange gave and the one account it connected. */
    protected record SignIn(TokenGrant grant, DiscoveredAccount account) {
    }

    /**
     * The sign-in every network's test makes first, as the host would: approves the consent for
     * {@code account}, exchanges the code, asserts the tokens last {@code accessLifetime} and
     * {@code refreshLifetime} (empty: the network says none) and that discovery finds exactly that one
     * account, with {@code externalId} and at least {@code config}; then the account
     * {@link #checksAndFetches checks and fetches} {@code range} under the handle {@code account}.
     *
     * @return the grant and the account, for what only the network says (name, scopes)
     */
    protected SignIn connectsAndFetches(String account, Duration accessLifetime, Optional<Duration> refreshLifetime,
            String externalId, Map<String, String> config, DateRange range) throws AdapterException {
        TokenGrant grant = exchange(approvedCode(account));
        assertThat(grant.accessExpiresAt()).contains(start.plus(accessLifetime));
        assertThat(grant.refreshExpiresAt()).isEqualTo(refreshLifetime.map(start::plus));
        List<DiscoveredAccount> found = discover(grant);
        assertThat(found).hasSize(1);
        DiscoveredAccount connected = found.get(0);
        assertThat(connected.externalId()).isEqualTo(externalId);
        assertThat(connected.config()).containsAllEntriesOf(config);
        checksAndFetches(connected, account, range);
        return new SignIn(grant, connected);
    }

    /** The days from {@code from} days before the test's start to {@code to} days before it, in UTC. */
    protected DateRange daysBack(int from, int to) {
        LocalDate today = LocalDate.ofInstant(start, ZoneOffset.UTC);
        return new DateRange(today.minusDays(from), today.minusDays(to));
    }

    /**
     * What the adapter of a signed-in account did when its access token had lapsed: the account, when the
     * adapter checked it, and what it stored and reported through the host.
     */
    protected record Renewal(DiscoveredAccount account, Instant at, RecordingContext context) {
    }

    /**
     * Signs in as {@code account}, moves the clock {@code by} on (past the access token's lifetime) and
     * checks the account, after asserting the adapter stored renewed credentials once.
     */
    protected Renewal renewedAfter(String account, Duration by) throws AdapterException {
        DiscoveredAccount connected = connect(account);
        Instant later = advance(by);
        RecordingContext context = recording();

        adapter(context, connected).check();

        assertThat(context.stored()).hasSize(1);
        return new Renewal(connected, later, context);
    }

    /**
     * {@link #renewedAfter} for a network that rotates refresh tokens: asserts the adapter stored a new
     * refresh token in place of the one the account was connected with and reported the renewed tokens'
     * lifetimes, {@code accessLifetime} and {@code refreshLifetime} (empty: the network says none).
     *
     * @return the refresh token the account was connected with, which the network must now refuse
     */
    protected String rotatedAfter(String account, Duration by, Duration accessLifetime,
            Optional<Duration> refreshLifetime) throws AdapterException {
        Renewal renewal = renewedAfter(account, by);
        String connectedWith = renewal.account().config().get("refresh_token");

        assertThat(connectedWith).isNotBlank();
        assertThat(renewal.context().stored().get(0).get("refresh_token")).isNotEqualTo(connectedWith);
        assertThat(renewal.context().expiries()).containsExactly(new RecordingContext.Expiry(
                Optional.of(renewal.at().plus(accessLifetime)), refreshLifetime.map(renewal.at()::plus)));
        return connectedWith;
    }

    @Test
    void theDemoAppIsTheSandboxsAppWithTheSandboxAsBaseUrl() {
        assertThat(app.clientId()).isEqualTo(page.clientId());
        assertThat(app.clientSecret()).isEqualTo(page.clientSecret());
        assertThat(app.baseUrl()).contains(DemoAccount.base(base));
        URI consent = consentUrl("s");
        assertThat(consent.toString()).startsWith(DemoAccount.base(base) + page.path() + "?");
        assertThat(Urls.queryParams(consent)).containsEntry(page.clientIdParam(), page.clientId());
    }

    @Test
    void theConsentPageNamesTheAppAndWhatItAsksForWithApproveAndDenyAndEscapesTheState() {
        HttpResponse html = browser.open(consentUrl(AWKWARD_STATE), Map.of());

        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.bodyText()).contains(page.says()).contains(">Approve</button>").contains(">Deny</a>")
                .as("the state never shows as markup").doesNotContain("<i>");
    }

    @Test
    void anUnknownAppGetsAnErrorPageNotARedirect() {
        AppCredentials someoneElse = new AppCredentials("someone-else", "x", app.baseUrl());

        HttpResponse answer = browser.open(consentUrl(someoneElse, "s"), Map.of("approve", "yes"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.bodyText()).contains(page.unknownAppSays());
    }

    @Test
    void approveYesRedirectsAtOnceWithACodeAndTheState() {
        HttpResponse answer = browser.open(consentUrl(AWKWARD_STATE), Map.of("approve", "yes"));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).startsWith(redirect + "?");
        Map<String, String> back = redirected(answer);
        assertThat(back.keySet()).containsExactlyElementsOf(page.redirectParams());
        assertThat(back).containsEntry("state", AWKWARD_STATE);
        assertThat(back.get("code")).startsWith(page.codePrefix());
    }
}
