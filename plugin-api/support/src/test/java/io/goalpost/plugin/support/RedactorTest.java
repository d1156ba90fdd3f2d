package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.ConfigValues;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RedactorTest {

    @Test
    void theConfigsSecretsAndLaterTokensAreMaskedLongestFirst() {
        Redactor r = Redactor.of(new ConfigValues(Map.of("access_token", "abc123", "page_id", "42"), Set.of("access_token")));
        r.add("abc123-refreshed");

        assertThat(r.redact("token abc123-refreshed then abc123 for page 42")).isEqualTo(
                "token [redacted] then [redacted] for page 42");
    }

    @Test
    void cleanMasksTokenShapesDropsQueriesFoldsAndShortens() {
        Redactor r = Redactor.of("EAAB123", null, "");

        assertThat(r.clean("bad token EAAB123 on https://graph.example/v1/insights?access_token=EAAB123&x=1"))
                .isEqualTo("bad token [redacted] on https://graph.example/v1/insights");
        assertThat(r.clean("see access_token=OTHER&x=1 and Authorization: Bearer zzz.yyy"))
                .isEqualTo("see access_token=[redacted]&x=1 and Authorization: Bearer [redacted]");
        assertThat(r.clean("line\n\tbreak\u0000here")).isEqualTo("line break here");
        assertThat(r.clean("x".repeat(400))).hasSize(Redactor.MAX_QUOTE + 3).endsWith("...");
        assertThat(r.clean(null)).isEmpty();
    }
}
