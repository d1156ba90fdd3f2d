package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.HttpResponse;
import org.junit.jupiter.api.Test;

final class SandboxSignInJsonTest {

    @Test
    void aSandboxsAnswerIsReadAsJsonForTheNetworksOwnAssertions() {
        HttpResponse refused = HttpResponse.json(200, "{\"code\":40105,\"data\":{}}");

        assertThat(SandboxSignInTest.json(refused).path("code").asInt()).isEqualTo(40105);
    }

    @Test
    void anAnswerThatIsNotJsonFailsTheTestWithItsStatus() {
        assertThatThrownBy(() -> SandboxSignInTest.json(HttpResponse.json(502, "<html>Bad gateway</html>")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("HTTP 502");
    }
}
