package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import org.junit.jupiter.api.Test;

final class ErrorBodyTest {

    private static ErrorBody of(String json) throws AdapterException {
        return ErrorBody.of(Json.parse(json));
    }

    @Test
    void readsTheCommonShapes() throws AdapterException {
        assertThat(of("{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190}}"))
                .isEqualTo(new ErrorBody(java.util.Optional.of("Invalid OAuth access token"), java.util.Optional.of("190")));
        assertThat(of("{\"code\":2,\"message\":\"Authentication failed.\"}").message()).hasValue("Authentication failed.");
        assertThat(of("{\"error\":\"invalid_grant\",\"error_description\":\"Token revoked\"}").message()).hasValue("Token revoked");
        assertThat(of("{\"error\":\"invalid_grant\",\"error_description\":\"Token revoked\"}").code()).hasValue("invalid_grant");
        assertThat(of("{\"errors\":[{\"message\":\"Rate limit\",\"code\":88}]}").code()).hasValue("88");
        assertThat(of("{\"title\":\"Unauthorized\",\"detail\":\"Token expired\"}").message()).hasValue("Token expired");
        assertThat(of("[]").message()).isEmpty();
    }

    @Test
    void aLongMessageIsShortened() throws AdapterException {
        String longText = "x".repeat(500);
        assertThat(of("{\"message\":\"" + longText + "\"}").message().orElseThrow()).hasSize(203);
    }
}
