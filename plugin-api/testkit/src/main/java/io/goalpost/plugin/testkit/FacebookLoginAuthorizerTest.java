package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.plugin.api.Urls;
import io.goalpost.plugin.testkit.AuthorizerAssertions.ExpectedSpec;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The base of the test of an authorizer built on Facebook Login (plugin-support's
 * {@code meta.FacebookLogin}), on {@link FacebookLoginStubs}' app and answers: besides the checks of
 * every authorizer, it runs those the sign-in itself decides: the dialog asks for the spec's permissions,
 * a code becomes the long-lived token with the granted permissions, a declined permission is named in
 * the plugin's words. The subclass tests how a Page
 * becomes an account.
 */
public abstract class FacebookLoginAuthorizerTest extends WireMockAuthorizerTest {

    /** What the login dialog always grants besides the plugin's permissions. */
    private static final String PUBLIC_PROFILE = "public_profile";

    private final String declinable;
    private final List<String> declineWords;

    /**
     * @param declinable a permission of the spec the person can untick on the dialog
     * @param declineWords words the error of that decline contains (what it is for, how to sign in again)
     */
    protected FacebookLoginAuthorizerTest(NetworkAuthorizer authorizer, NetworkAdapterFactory factory, Clock clock,
            ExpectedSpec spec, String declinable, String... declineWords) {
        super(authorizer, factory, clock, FacebookLoginStubs.APP_ID, FacebookLoginStubs.SECRET, spec);
        if (!spec.scopes().contains(declinable)) {
            throw new IllegalArgumentException(declinable + " is not a permission the sign-in asks for");
        }
        this.declinable = declinable;
        this.declineWords = List.of(declineWords);
    }

    @Test
    protected void theLoginDialogAsksForTheSpecsPermissions() {
        URI uri = authorizer.authorizeUrl(new AuthorizationRequest(app(), redirect, STATE, Optional.empty()));

        assertThat(Urls.queryParams(uri)).containsEntry("scope", String.join(",", expectedSpec().scopes()));
    }

    @Test
    protected void aCodeBecomesALongLivedUserTokenWithTheGrantedPermissions() throws AdapterException {
        String[] granted = withPublicProfile(expectedSpec().scopes());
        FacebookLoginStubs.stubExchange();
        FacebookLoginStubs.stubDebugToken(granted);

        // The long-lived token, without refresh token, lasting about 60 days, with every permission granted.
        AuthorizerAssertions.assertGrant(exchangeCode(CODE), FacebookLoginStubs.grant(clock.instant(), granted));
    }

    @Test
    protected void aDeclinedPermissionIsNamed() {
        List<String> rest = new ArrayList<>(expectedSpec().scopes());
        rest.remove(declinable);
        FacebookLoginStubs.stubExchange();
        FacebookLoginStubs.stubDebugToken(withPublicProfile(rest));

        FacebookLoginStubs.assertDeclined(exchangeError(AdapterException.PermissionMissing.class, CODE), declinable,
                declineWords.toArray(String[]::new));
    }

    private static String[] withPublicProfile(List<String> scopes) {
        List<String> granted = new ArrayList<>(Objects.requireNonNull(scopes));
        granted.add(PUBLIC_PROFILE);
        return granted.toArray(String[]::new);
    }
}
