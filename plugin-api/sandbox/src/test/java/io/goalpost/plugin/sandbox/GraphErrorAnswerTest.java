package io.goalpost.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class GraphErrorAnswerTest {

    @Test
    void anErrorIsAnsweredInGraphsEnvelopeWithItsStatusAndTheSubcodeOnlyWhenThereIsOne() {
        HttpResponse expired = new GraphErrorAnswer(400, "Session has expired", "OAuthException", 190, 463)
                .toResponse("Sbx1f");
        HttpResponse plain = new GraphErrorAnswer(500, "An unknown error occurred", "OAuthException", 1, 0)
                .toResponse("Sbx2a");

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.bodyText()).isEqualTo("{\"error\":{\"message\":\"Session has expired\",\"type\":"
                + "\"OAuthException\",\"code\":190,\"error_subcode\":463,\"fbtrace_id\":\"Sbx1f\"}}");
        assertThat(plain.status()).isEqualTo(500);
        assertThat(plain.bodyText()).doesNotContain("error_subcode");
    }

    @Test
    void anErrorMetaExplainsToThePersonCarriesItsTitleAndMessageAndQuotesAreEscaped() {
        HttpResponse answer = new GraphErrorAnswer(400, "Invalid \"parameter\"", "OAuthException", 100, 2108006,
                Optional.of("Media posted before conversion"), Optional.of("The media was posted before."))
                .toResponse("t");

        assertThat(answer.bodyText()).contains("\"message\":\"Invalid \\\"parameter\\\"\"")
                .contains("\"is_transient\":false,\"error_user_title\":\"Media posted before conversion\","
                        + "\"error_user_msg\":\"The media was posted before.\"");
    }

    @Test
    void aUserTitleComesWithAUserMessage() {
        assertThatThrownBy(() -> new GraphErrorAnswer(400, "m", "OAuthException", 100, 0, Optional.of("title"),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
