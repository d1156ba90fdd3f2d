package io.goalpost.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared authorization endpoint of the sandboxes: its checks, the consent page, the codes and their order. */
final class SandboxAuthorizationTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String REDIRECT = "https://goalpost.example.com/api/oauth/acme/callback";

    private record Person(String handle, String name) {
    }

    private final SandboxAuthorization<Person> flow = new SandboxAuthorization<>(new SandboxAuthorization.Settings("Acme",
            "client_id", "sandbox-acme-app", " ", Set.of("read", "write"), Map.of("read", "read your posts"), "Demo app", "@",
            "sandbox-acme-code-", Duration.ofMinutes(10), List.of("state", "code"), "The user said no.",
            q -> q.containsKey("code_challenge") ? Optional.empty() : Optional.of("code_challenge is required.")),
            List.of(new Person("ann", "Ann"), new Person("bob", "Bob")), Person::handle, p -> "@" + p.handle() + " (" + p.name() + ")");

    private HttpResponse authorize(Map<String, String> changes) {
        Map<String, String> q = new LinkedHashMap<>(Map.of("client_id", "sandbox-acme-app", "redirect_uri", REDIRECT,
                "response_type", "code", "scope", "read write", "state", "s-1", "code_challenge", "abc"));
        q.putAll(changes);
        q.values().removeIf(String::isEmpty);
        return flow.authorize(HttpRequest.get(Urls.build("http://127.0.0.1:1", "/authorize", q)), NOW);
    }

    @Test
    void theConsentPageOffersEveryDemoAccountAndSaysWhatTheScopesMean() {
        HttpResponse page = authorize(Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.bodyText()).contains("Demo app wants to access your Acme account").contains("@ann (Ann)")
                .contains("@bob (Bob)").contains("read your posts").contains("approve=no");
    }

    @Test
    void approvingRedirectsWithStateAndCodeInTheNetworksOrderAndTheCodeWorksOnceForItsAccount() {
        HttpResponse back = authorize(Map.of("approve", "yes", "account", "bob"));
        Map<String, String> params = SignInBrowser.redirectedBack(back, REDIRECT);
        assertThat(params.keySet()).containsExactly("state", "code");
        assertThat(params).containsEntry("state", "s-1");
        assertThat(params.get("code")).startsWith("sandbox-acme-code-");

        var grant = flow.redeem(params.get("code"), NOW.plusSeconds(30)).orElseThrow();
        assertThat(grant.account().handle()).isEqualTo("bob");
        assertThat(grant.scopes()).containsExactly("read", "write");
        assertThat(grant.redirectUri()).isEqualTo(REDIRECT);
        assertThat(grant.request()).containsEntry("code_challenge", "abc");
        assertThat(flow.redeem(params.get("code"), NOW.plusSeconds(31))).as("single use").isEmpty();
    }

    @Test
    void aCodeLapsesAfterItsLifetime() {
        String code = SignInBrowser.redirectedBack(authorize(Map.of("approve", "yes")), REDIRECT).get("code");
        assertThat(flow.redeem(code, NOW.plus(Duration.ofMinutes(10)))).isEmpty();
    }

    @Test
    void denyingRedirectsWithAccessDenied() {
        Map<String, String> params = SignInBrowser.redirectedBack(authorize(Map.of("approve", "no")), REDIRECT);
        assertThat(params).containsEntry("error", "access_denied").containsEntry("error_description", "The user said no.")
                .containsEntry("state", "s-1").doesNotContainKey("code");
    }

    @Test
    void aBrokenRequestGetsAnErrorPageInWordsAndNoRedirect() {
        assertThat(authorize(Map.of("client_id", "other")).bodyText()).contains("client_id must be sandbox-acme-app");
        assertThat(authorize(Map.of("redirect_uri", "/relative")).bodyText()).contains("redirect_uri");
        assertThat(authorize(Map.of("response_type", "token")).bodyText()).contains("response_type must be code.");
        assertThat(authorize(Map.of("code_challenge", "")).bodyText()).contains("code_challenge is required.");
        assertThat(authorize(Map.of("scope", "")).bodyText()).contains("scope is required.");
        assertThat(authorize(Map.of("scope", "read admin")).bodyText()).contains("Unknown scope: admin.");
        HttpResponse nobody = authorize(Map.of("approve", "yes", "account", "<zed>"));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.bodyText()).contains("no demo account @&lt;zed&gt; in the Acme sandbox").doesNotContain("<zed>");
    }

    @Test
    void theHelpersEveryLoginSandboxShares() {
        assertThat(ConsentPage.scopes("a, b  c,,d")).containsExactly("a", "b", "c", "d");
        assertThat(ConsentPage.scopes(null)).isEmpty();
        assertThat(ConsentPage.simple(400, "Bad <app>", "<p>x</p>").bodyText()).contains("<h1>Bad &lt;app&gt;</h1><p>x</p>");
        assertThat(DemoAccount.base("http://127.0.0.1:9/")).isEqualTo("http://127.0.0.1:9");
        assertThat(DemoAccount.app("id", "secret", "http://127.0.0.1:9/").orElseThrow().baseUrl()).contains("http://127.0.0.1:9");
        HttpRequest withHeader = HttpRequest.get(URI.create("http://h/me?access_token=q")).withHeader("Authorization", "Bearer  t ");
        assertThat(SandboxAuthorization.bearerToken(withHeader)).isEqualTo("t");
        assertThat(SandboxAuthorization.bearerToken(HttpRequest.get(URI.create("http://h/me?access_token=q")))).isEqualTo("q");
    }
}
