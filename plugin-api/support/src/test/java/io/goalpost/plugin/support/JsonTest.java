package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.plugin.api.AdapterException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class JsonTest {

    private static final String BODY = """
            {"id": "109", "followers_count": 42, "statuses": "17", "views": null, "zero": 0,
             "created_at": "2026-03-02T10:00:00+0000", "day": "2026-03-02T00:00:00Z", "ok": true,
             "data": {"public_metrics": {"like_count": 5}},
             "items": [{"n": 1}, {"n": 2}]}
            """;

    @Test
    void typedAccessorsKeepAbsentApartFromZero() throws AdapterException {
        Json json = Json.parse(BODY);

        assertThat(json.number("followers_count")).hasValue(42);
        assertThat(json.number("statuses")).as("a count given as text").hasValue(17);
        assertThat(json.number("zero")).hasValue(0);
        assertThat(json.number("views")).as("null is absent, not 0").isEmpty();
        assertThat(json.number("likes")).as("missing is absent, not 0").isEmpty();
        assertThat(json.text("id")).hasValue("109");
        assertThat(json.bool("ok")).hasValue(true);
        assertThat(json.at("data.public_metrics.like_count").asNumber()).hasValue(5);
        assertThat(json.array("items")).extracting(i -> i.number("n").getAsDouble()).containsExactly(1.0, 2.0);
        assertThat(json.array("missing")).isEmpty();
        assertThat(json.instant("created_at")).hasValue(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(json.date("day")).hasValue(LocalDate.of(2026, 3, 2));
    }

    @Test
    void requiredValuesNameTheFieldThatIsMissing() throws AdapterException {
        Json json = Json.parse(BODY);

        assertThatThrownBy(() -> json.get("data").requireText("username"))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("data.username");
        assertThatThrownBy(() -> json.array("items").get(1).requireNumber("views"))
                .isInstanceOf(AdapterException.BadResponse.class).hasMessageContaining("items[1].views");
        assertThatThrownBy(() -> json.requireArray("id")).hasMessageContaining("an array at id");
    }

    @Test
    void invalidJsonIsABadResponseThatDoesNotQuoteTheBody() {
        assertThatThrownBy(() -> Json.parse("{\"access_token\": \"s3cr3t-value\" oops"))
                .isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void anAnswerWithContentAfterItsValueIsABadResponse() throws AdapterException {
        // A doubled or cut-and-joined answer must not pass as the first value alone.
        assertThatThrownBy(() -> Json.parse("{\"data\": [1]} {\"data\": [2], \"access_token\": \"s3cr3t-value\"}"))
                .isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> Json.parse("{\"data\": [1]}]")).isInstanceOf(AdapterException.BadResponse.class);
        // Whitespace after the value is no content.
        assertThat(Json.parse("{\"data\": [1]}\n  ").requireArray("data")).hasSize(1);
    }
}
