package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.TokenGrant;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Assertions every "Connect with …" authorizer test makes, written once: the sign-in spec the host
 * runs the flow by, that a discovered account's configuration is one the connect form would take, that
 * no secret of the sign-in reaches an error's text.
 */
public final class AuthorizerAssertions {

    private AuthorizerAssertions() {
    }

    /**
     * What a network's {@link AuthorizationSpec} must say. The setup help is free text an admin reads,
     * so it is checked by the words it must contain rather than to the letter.
     *
     * <p>Start one with {@link #of(String, String...)} and add what differs from the plain case by name,
     * so each of the network's facts reads as what it is rather than as the n-th argument:
     *
     * <pre>{@code
     * ExpectedSpec.of("Client ID", "tweet.read", "users.read").withPkce()
     *         .withAccessTokenLifetime(Duration.ofHours(2)).withRotatingRefreshToken()
     *         .withSetupHelpMentioning("OAuth 2.0", "redirect URI")
     * }</pre>
     *
     * @param setupHelpMentions words the setup help contains (the app type, a permission, where the
     *     redirect URI goes)
     */
    public record ExpectedSpec(List<String> scopes, boolean pkce, String clientIdLabel,
            Optional<Duration> accessTokenLifetime, Optional<Duration> refreshTokenLifetime,
            boolean rotatingRefreshToken, List<String> setupHelpMentions) {

        public ExpectedSpec {
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(clientIdLabel, "clientIdLabel");
            Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
            Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
            setupHelpMentions = List.copyOf(setupHelpMentions);
        }

        /**
         * The plain case: these scopes, in order, under the network's name for the app's id; no PKCE,
         * no stated token lifetimes, a refresh token that is not rotated, no required words in the help.
         *
         * @param clientIdLabel what the network calls the app's id ("App ID", "Client ID")
         */
        public static ExpectedSpec of(String clientIdLabel, String... scopes) {
            return new ExpectedSpec(List.of(scopes), false, clientIdLabel, Optional.empty(), Optional.empty(), false,
                    List.of());
        }

        /** The same, with PKCE. */
        public ExpectedSpec withPkce() {
            return new ExpectedSpec(scopes, true, clientIdLabel, accessTokenLifetime, refreshTokenLifetime,
                    rotatingRefreshToken, setupHelpMentions);
        }

        /** The same, with this stated access token lifetime. */
        public ExpectedSpec withAccessTokenLifetime(Duration lifetime) {
            return new ExpectedSpec(scopes, pkce, clientIdLabel, Optional.of(lifetime), refreshTokenLifetime,
                    rotatingRefreshToken, setupHelpMentions);
        }

        /** The same, with this stated refresh token lifetime. */
        public ExpectedSpec withRefreshTokenLifetime(Duration lifetime) {
            return new ExpectedSpec(scopes, pkce, clientIdLabel, accessTokenLifetime, Optional.of(lifetime),
                    rotatingRefreshToken, setupHelpMentions);
        }

        /** The same, with a refresh token the network replaces on every renewal. */
        public ExpectedSpec withRotatingRefreshToken() {
            return new ExpectedSpec(scopes, pkce, clientIdLabel, accessTokenLifetime, refreshTokenLifetime, true,
                    setupHelpMentions);
        }

        /** The same, with setup help that must contain each of these words. */
        public ExpectedSpec withSetupHelpMentioning(String... words) {
            return new ExpectedSpec(scopes, pkce, clientIdLabel, accessTokenLifetime, refreshTokenLifetime,
                    rotatingRefreshToken, List.of(words));
        }
    }

    /**
     * The authorizer is the factory's network's, and its spec asks for exactly the expected scopes, in
     * order (the consent page lists them so), with the expected PKCE, id label, token lifetimes and
     * rotation; its setup help names each expected word.
     */
    public static void assertSpec(NetworkAuthorizer authorizer, NetworkAdapterFactory factory, ExpectedSpec expected) {
        AuthorizationSpec spec = authorizer.spec();
        assertThat(authorizer.networkId()).as("network of the authorizer").isEqualTo(factory.descriptor().networkId());
        assertThat(spec.scopes()).as("scopes").containsExactlyElementsOf(expected.scopes());
        assertThat(spec.pkce()).as("PKCE").isEqualTo(expected.pkce());
        assertThat(spec.clientIdLabel()).as("client id label").isEqualTo(expected.clientIdLabel());
        assertThat(spec.accessTokenLifetime()).as("access token lifetime").isEqualTo(expected.accessTokenLifetime());
        assertThat(spec.refreshTokenLifetime()).as("refresh token lifetime").isEqualTo(expected.refreshTokenLifetime());
        assertThat(spec.rotatingRefreshToken()).as("rotating refresh token").isEqualTo(expected.rotatingRefreshToken());
        for (String word : expected.setupHelpMentions()) {
            assertThat(spec.setupHelp()).as("setup help").contains(word);
        }
    }

    /**
     * The grant is the expected one, field by field: the tokens, when each expires and exactly the
     * scopes granted. (Compared by fields since a grant's {@code toString} hides its tokens.)
     */
    public static void assertGrant(TokenGrant actual, TokenGrant expected) {
        assertThat(actual).as("grant").isNotNull();
        assertThat(actual).as("grant").usingRecursiveComparison().isEqualTo(expected);
    }

    /**
     * A discovered account's configuration passes both the descriptor's field checks and the factory's
     * own validation, so connecting it needs nothing typed in; {@code toString} (logged by the host)
     * shows none of the given secrets.
     */
    public static void assertConnectable(NetworkAdapterFactory factory, DiscoveredAccount account, String... secrets) {
        assertThat(factory.descriptor().config().validate(account.config()))
                .as("config issues of " + account.externalId()).isEmpty();
        assertThat(factory.validate(factory.descriptor().config().resolve(account.config())))
                .as("validation issues of " + account.externalId()).isEmpty();
        for (String secret : secrets) {
            assertThat(account.toString()).as("account text").doesNotContain(secret);
        }
    }

    /**
     * No secret of the sign-in (app secret, code, verifier, tokens) is in the text of the error or of
     * any of its causes: the host shows and logs that text.
     */
    public static void assertNoSecretIn(Throwable e, String... secrets) {
        assertThat(e).as("error").isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage() + " " + t;
            for (String secret : secrets) {
                assertThat(text).as("error text").doesNotContain(secret);
            }
        }
    }
}
