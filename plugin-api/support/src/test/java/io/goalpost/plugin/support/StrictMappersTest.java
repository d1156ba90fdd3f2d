package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrictMappersTest {

    @Test
    void bothRefuseContentAfterTheValue() {
        for (ObjectMapper mapper : new ObjectMapper[] {StrictMappers.create(), StrictMappers.refusingDuplicateKeys()}) {
            assertThatThrownBy(() -> mapper.readTree("{\"access_token\":\"a\"} {\"access_token\":\"b\"}"))
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void onlyTheStricterOneRefusesARepeatedKey() throws JsonProcessingException {
        String doubled = "{\"data\":1,\"data\":2}";
        assertThat(StrictMappers.create().readTree(doubled).path("data").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> StrictMappers.refusingDuplicateKeys().readTree(doubled))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'data'");
    }

    @Test
    void eachCallMakesTheCallersOwnMapper() {
        assertThat(StrictMappers.create()).isNotSameAs(StrictMappers.create());
    }
}
