package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.NetworkAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class DeclaredAdapterFactoryTest {

    private static final AtomicInteger BUILT = new AtomicInteger();

    private static AdapterDescriptor describe() {
        BUILT.incrementAndGet();
        return AdapterDescriptor.builder("example", "Example")
                .config(ConfigSpec.of(ConfigField.secret("access_token", "Access token", "The token.")))
                .reports(CanonicalMetric.FOLLOWERS)
                .history(new HistoryLimits(90, 30, 1, false))
                .allowedHosts("api.example.com")
                .build();
    }

    private static class Example extends DeclaredAdapterFactory {
        Example() {
            super(describe());
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            throw new UnsupportedOperationException("not needed here");
        }

        ConfigSpec declaredSpec() {
            return spec();
        }

        ObjectMapper theMapper() {
            return mapper();
        }
    }

    @Test
    void theDescriptorIsBuiltOnceAndGivenAsDeclared() {
        int before = BUILT.get();
        Example factory = new Example();

        AdapterDescriptor first = factory.descriptor();
        assertThat(factory.descriptor()).isSameAs(first);
        assertThat(BUILT.get()).isEqualTo(before + 1);
        assertThat(first.networkId()).isEqualTo("example");
        assertThat(factory.declaredSpec()).isSameAs(first.config());
    }

    @Test
    void theMapperIsTheFactorysOwnAndRefusesTrailingContent() throws JsonProcessingException {
        Example factory = new Example();
        ObjectMapper mapper = factory.theMapper();

        assertThat(factory.theMapper()).isSameAs(mapper);
        assertThat(new Example().theMapper()).isNotSameAs(mapper);
        assertThat(mapper.readTree("{\"a\":1}").path("a").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> mapper.readTree("{\"a\":1} {\"b\":2}")).isInstanceOf(JsonProcessingException.class);
        // A repeated key is allowed unless the plugin asks otherwise: the last one wins.
        assertThat(mapper.readTree("{\"a\":1,\"a\":2}").path("a").asInt()).isEqualTo(2);
    }

    @Test
    void aPluginCanAskForStricterParsing() {
        ObjectMapper strict = new Example() {
            @Override
            protected boolean refusesDuplicateKeys() {
                return true;
            }
        }.theMapper();

        assertThatThrownBy(() -> strict.readTree("{\"a\":1,\"a\":2}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> strict.readTree("[1] 2")).isInstanceOf(JsonProcessingException.class);
    }
}
