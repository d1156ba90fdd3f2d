package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FacebookLoginStubsTest {

    @Test
    void aDeclineNamingThePermissionAndTheWordsPasses() {
        AdapterException.PermissionMissing e = new AdapterException.PermissionMissing(
                "Goalpost needs read_insights to read Page Insights. Connect with Facebook again.", Set.of("read_insights"));

        assertThatCode(() -> FacebookLoginStubs.assertDeclined(e, "read_insights", "read Page Insights",
                "Connect with Facebook again")).doesNotThrowAnyException();
    }

    @Test
    void anotherPermissionAMissingWordOrASecretFails() {
        AdapterException.PermissionMissing e = new AdapterException.PermissionMissing(
                "Goalpost needs read_insights. Token " + FacebookLoginStubs.LONG_TOKEN, Set.of("read_insights"));

        assertThatThrownBy(() -> FacebookLoginStubs.assertDeclined(e, "pages_show_list"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("missing permissions");
        assertThatThrownBy(() -> FacebookLoginStubs.assertDeclined(e, "read_insights", "Connect with Facebook again"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Connect with Facebook again");
        assertThatThrownBy(() -> FacebookLoginStubs.assertDeclined(e, "read_insights"))
                .isInstanceOf(AssertionError.class).hasMessageContaining(FacebookLoginStubs.LONG_TOKEN);
    }

    @Test
    void noErrorFails() {
        assertThatThrownBy(() -> FacebookLoginStubs.assertDeclined(null, "read_insights"))
                .isInstanceOf(AssertionError.class);
    }
}
