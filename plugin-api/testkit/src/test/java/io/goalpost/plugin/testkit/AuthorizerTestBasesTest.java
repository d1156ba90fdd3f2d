package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the authorizer test bases derive from their arguments, before any WireMock server runs. */
final class AuthorizerTestBasesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-20T19:00:00Z"), ZoneOffset.UTC);
    private static final ExpectedSpec SPEC = ExpectedSpec.of("App ID", "read", "stats");
    private static final NetworkAuthorizer AUTHORIZER = AuthorizerAssertionsTest.authorizer("fake",
            AuthorizerAssertionsTest.spec(List.of("read", "stats"), Optional.empty(), ""));
    private static final FakeFactory FACTORY = new FakeFactory("account_id", Map.of(), List.of());

    @Test
    void theRedirectIsTheHostsCallbackForTheFactorysNetwork() {
        WireMockAuthorizerTest test = new WireMockAuthorizerTest(AUTHORIZER, FACTORY, CLOCK, "id", "secret", SPEC) {
        };

        assertThat(test.redirect).isEqualTo("https://goalpost.example.com/api/oauth/fake/callback");
        assertThat(test.appOnRealHosts().baseUrl()).isEmpty();
    }

    @Test
    void aFacebookLoginTestDecliningAPermissionItDoesNotAskForIsAMistake() {
        assertThatThrownBy(() -> new FacebookLoginAuthorizerTest(AUTHORIZER, FACTORY, CLOCK, SPEC, "write") {
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write");
    }
}
