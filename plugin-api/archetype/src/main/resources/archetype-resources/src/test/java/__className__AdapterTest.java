package ${package};

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.MetricPoint;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.testkit.Fetches;
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
        fetchAll(info, points, new ArrayList<>());
        LocalDate valentines = LocalDate.of(2026, 2, 14);
        assertThat(points).contains(MetricPoint.of(CanonicalMetric.FOLLOWERS, valentines, 1045));
        assertThat(points).noneMatch(p -> p.day().equals(valentines) && p.metric().equals(CanonicalMetric.VIEWS.id()));
    }

    @Test
    void postsCarryTheirTextWhereTheNetworkGivesIt(WireMockRuntimeInfo info) throws AdapterException {
        List<PostSnapshot> posts = new ArrayList<>();
        fetchAll(info, new ArrayList<>(), posts);
        assertThat(posts).extracting(PostSnapshot::postId, PostSnapshot::text)
                .containsExactly(tuple("p1", "Spring is here: our new collection"), tuple("p2", null));
    }

    /** Every batch of the stubs' range, resumed from each cursor as the host does. */
    private void fetchAll(WireMockRuntimeInfo info, List<MetricPoint> points, List<PostSnapshot> posts)
            throws AdapterException {
        try (NetworkAdapter adapter = adapter(info)) {
            for (FetchResult batch : Fetches.all(adapter, ${className}Stubs.RANGE)) {
                points.addAll(batch.points());
                posts.addAll(batch.posts());
            }
        }
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
