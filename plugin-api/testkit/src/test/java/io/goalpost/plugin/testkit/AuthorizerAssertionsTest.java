package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

final class AuthorizerAssertionsTest {

    private static final ExpectedSpec EXPECTED = new ExpectedSpec(List.of("read", "stats"), false, "App ID",
            Optional.of(Duration.ofDays(30)), Optional.empty(), false, List.of("redirect URI", "read"));

    private final FakeFactory factory = new FakeFactory("account_id", Map.of(), List.of());

    @Test
    void theSpecItExpectsPasses() {
        assertThatCode(() -> AuthorizerAssertions.assertSpec(authorizer("fake", spec(List.of("read", "stats"),
                Optional.of(Duration.ofDays(30)), "Register the redirect URI; ask for read.")), factory, EXPECTED))
                .doesNotThrowAnyException();
    }

    @Test
    void theNamedStepsSetEachFactAndOnlyIt() {
        assertThat(ExpectedSpec.of("App ID", "read", "stats")).isEqualTo(new ExpectedSpec(List.of("read", "stats"),
                false, "App ID", Optional.empty(), Optional.empty(), false, List.of()));
        assertThat(ExpectedSpec.of("Client ID", "read").withPkce().withAccessTokenLifetime(Duration.ofHours(2))
                .withRefreshTokenLifetime(Duration.ofDays(365)).withRotatingRefreshToken()
                .withSetupHelpMentioning("redirect URI", "read"))
                .isEqualTo(new ExpectedSpec(List.of("read"), true, "Client ID", Optional.of(Duration.ofHours(2)),
                        Optional.of(Duration.ofDays(365)), true, List.of("redirect URI", "read")));
    }

    @Test
    void scopesInAnotherOrderFail() {
        assertSpecFails("fake", List.of("stats", "read"), Optional.of(Duration.ofDays(30)), "redirect URI, read")
                .hasMessageContaining("scopes");
    }

    @Test
    void anotherLifetimeFailsNamingIt() {
        assertSpecFails("fake", List.of("read", "stats"), Optional.empty(), "redirect URI, read")
                .hasMessageContaining("access token lifetime");
    }

    @Test
    void aSetupHelpMissingAWordFails() {
        assertSpecFails("fake", List.of("read", "stats"), Optional.of(Duration.ofDays(30)), "Ask for read.")
                .hasMessageContaining("redirect URI");
    }

    @Test
    void anAuthorizerOfAnotherNetworkFails() {
        assertSpecFails("other", List.of("read", "stats"), Optional.of(Duration.ofDays(30)), "redirect URI, read")
                .hasMessageContaining("network of the authorizer");
    }

    @Test
    void aGrantDifferingInOneFieldFailsNamingIt() {
        TokenGrant expected = new TokenGrant("acc-1", Optional.of("ref-1"), Optional.of(Instant.EPOCH), Optional.empty(),
                Set.of("read", "stats"));

        assertThatCode(() -> AuthorizerAssertions.assertGrant(new TokenGrant("acc-1", Optional.of("ref-1"),
                Optional.of(Instant.EPOCH), Optional.empty(), Set.of("stats", "read")), expected))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> AuthorizerAssertions.assertGrant(new TokenGrant("acc-2", Optional.of("ref-1"),
                Optional.of(Instant.EPOCH), Optional.empty(), Set.of("read", "stats")), expected))
                .isInstanceOf(AssertionError.class).hasMessageContaining("accessToken");
        assertThatThrownBy(() -> AuthorizerAssertions.assertGrant(new TokenGrant("acc-1", Optional.of("ref-1"),
                Optional.of(Instant.EPOCH), Optional.empty(), Set.of("read")), expected))
                .isInstanceOf(AssertionError.class).hasMessageContaining("grantedScopes");
    }

    @Test
    void aSecretInACauseIsFound() {
        Exception e = new AdapterException.TransientFailure("Try again later.", new IllegalStateException("code c0de-1 used"));

        assertThatThrownBy(() -> AuthorizerAssertions.assertNoSecretIn(e, "s3cret", "c0de-1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("error text");
        assertThatCode(() -> AuthorizerAssertions.assertNoSecretIn(e, "s3cret")).doesNotThrowAnyException();
    }

    @Test
    void noErrorAtAllFails() {
        assertThatThrownBy(() -> AuthorizerAssertions.assertNoSecretIn(null, "s3cret"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aDiscoveredConfigTheFactoryRefusesFails() {
        DiscoveredAccount ok = new DiscoveredAccount("1", "Acme", Optional.empty(),
                Map.of("account_id", "1", "access_token", "tok-1"), Optional.empty(), Optional.empty(), Optional.empty());
        DiscoveredAccount noToken = new DiscoveredAccount("2", "Acme", Optional.empty(), Map.of("account_id", "2"),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThatCode(() -> AuthorizerAssertions.assertConnectable(factory, ok, "tok-1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> AuthorizerAssertions.assertConnectable(factory, noToken))
                .isInstanceOf(AssertionError.class).hasMessageContaining("config issues of 2");
    }

    /** Checking an authorizer whose spec has these values against {@link #EXPECTED} fails. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertSpecFails(String network, List<String> scopes,
            Optional<Duration> access, String help) {
        return assertThatThrownBy(() -> AuthorizerAssertions.assertSpec(authorizer(network, spec(scopes, access, help)),
                factory, EXPECTED)).isInstanceOf(AssertionError.class);
    }

    static AuthorizationSpec spec(List<String> scopes, Optional<Duration> access, String help) {
        return new AuthorizationSpec(scopes, false, "App ID", access, Optional.empty(), false, help);
    }

    static NetworkAuthorizer authorizer(String network, AuthorizationSpec spec) {
        return new NetworkAuthorizer() {
            @Override
            public String networkId() {
                return network;
            }

            @Override
            public AuthorizationSpec spec() {
                return spec;
            }

            @Override
            public URI authorizeUrl(AuthorizationRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
