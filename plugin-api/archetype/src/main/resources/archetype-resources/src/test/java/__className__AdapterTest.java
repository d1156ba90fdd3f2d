package ${package};

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.testkit.TestAdapterContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the adapter makes of the network's answers, against WireMock. */
@WireMockTest
final class ${className}AdapterTest {

    private final ${className}AdapterFactory factory = new ${className}AdapterFactory();

    private NetworkAdapter adapter(WireMockRuntimeInfo info) {
        ${className}Stubs.happyPath(info.getWireMock());
        var config = factory.descriptor().config().resolve(${className}Stubs.config(info.getHttpBaseUrl()));
        return factory.create(TestAdapterContext.at(${className}Stubs.NOW), config);
    }

    @Test
    void aDayWithoutImpressionsHasNoViewsPointRatherThanZero(WireMockRuntimeInfo info) throws AdapterException {
        List<MetricPoint> points = new ArrayList<>();
        FetchRequest request = FetchRequest.of(${className}Stubs.RANGE);
        try (NetworkAdapter adapter = adapter(info)) {
            for (FetchResult batch = adapter.fetch(request); ; batch = adapter.fetch(request)) {
                points.addAll(batch.points());
                if (batch.isLast()) {
                    break;
                }
                request = FetchRequest.resume(${className}Stubs.RANGE, batch.next().orElseThrow());
            }
        }
        LocalDate valentines = LocalDate.of(2026, 2, 14);
        assertThat(points).contains(MetricPoint.of(CanonicalMetric.FOLLOWERS, valentines, 1045));
        assertThat(points).noneMatch(p -> p.day().equals(valentines) && p.metric().equals(CanonicalMetric.VIEWS.id()));
    }

    @Test
    void aRefusedTokenAsksTheUserToReconnect(WireMockRuntimeInfo info) {
        NetworkAdapter adapter = adapter(info);
        info.getWireMock().register(get(urlPathEqualTo("/v1/me")).atPriority(1)
                .willReturn(${className}Stubs.json(401, "{\"error\":\"invalid token\"}")));

        assertThatThrownBy(adapter::check).isInstanceOf(AdapterException.AuthExpired.class)
                .hasMessageContaining("invalid token").hasMessageNotContaining(${className}Stubs.TOKEN);
    }
}
