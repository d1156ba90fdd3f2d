package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class GrantedScopesTest {

    @Test
    void commaAndSpaceSeparatedScopesAreRead() {
        assertThat(GrantedScopes.parse("user_accounts:read,pins:read")).containsExactly("user_accounts:read", "pins:read");
        assertThat(GrantedScopes.parse(" tweet.read  users.read offline.access ")).containsExactly("tweet.read",
                "users.read", "offline.access");
        assertThat(GrantedScopes.parse("")).isEmpty();
        assertThat(GrantedScopes.parse(null)).isEmpty();
    }

    @Test
    void aScopeSwitchedOffIsNamedButANetworkThatListsNoneIsBelieved() {
        List<String> required = List.of("user.insights", "video.list", "video.insights");

        assertThat(GrantedScopes.missing(Set.of("video.list"), required)).containsExactly("user.insights",
                "video.insights");
        assertThat(GrantedScopes.missing(Set.of(), required)).as("the network did not say").isEmpty();
    }

    @Test
    void theFailureNamesWhatIsMissingAndWhatToDo() {
        AdapterException.PermissionMissing e = GrantedScopes.notGranted("Pinterest", Set.of("pins:read"),
                "pins:read reads the pins");

        assertThat(e.permissions()).containsExactly("pins:read");
        assertThat(e).hasMessage("Pinterest did not grant Goalpost every permission it needs: pins:read is missing "
                + "(pins:read reads the pins). Connect with Pinterest again and allow them.");
    }

    @Test
    void aTokenAnswerGrantingEveryRequiredScopeGivesItsScopesAndOneWithoutFailsNamingTheMissingOne()
            throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> required = List.of("user_accounts:read", "pins:read");

        assertThat(GrantedScopes.require(mapper.readTree("{\"scope\":\"user_accounts:read,pins:read,boards:read\"}"),
                required, "Pinterest", "why")).containsExactly("user_accounts:read", "pins:read", "boards:read");
        assertThat(GrantedScopes.require(mapper.readTree("{}"), required, "Pinterest", "why"))
                .as("the network did not say").isEmpty();
        assertThatThrownBy(() -> GrantedScopes.require(mapper.readTree("{\"scope\":\"user_accounts:read\"}"),
                required, "Pinterest", "pins:read reads the pins"))
                .isInstanceOfSatisfying(AdapterException.PermissionMissing.class,
                        e -> assertThat(e.permissions()).containsExactly("pins:read"))
                .hasMessageContaining("pins:read is missing (pins:read reads the pins)");
    }
}
