package io.goalpost.plugin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class GraphListsTest {

    private static final URI REQUEST = URI.create("http://127.0.0.1:18080/v25.0/me/accounts?access_token=t0k3n&limit=2");

    @Test
    void theLimitDefaultsIsCappedAndMustBeAPositiveNumber() {
        assertThat(GraphLists.limit(Map.of(), 25, 100, IllegalArgumentException::new)).isEqualTo(25);
        assertThat(GraphLists.limit(Map.of("limit", "500"), 25, 100, IllegalArgumentException::new)).isEqualTo(100);
        assertThatThrownBy(() -> GraphLists.limit(Map.of("limit", "ten"), 25, 100, IllegalArgumentException::new))
                .hasMessage("Param limit must be a number");
        assertThatThrownBy(() -> GraphLists.limit(Map.of("limit", "0"), 25, 100, IllegalArgumentException::new))
                .hasMessage("Param limit must be a positive number");
    }

    @Test
    void aPageUrlKeepsTheQueryInOrderSetsTheChangesAndNeverCarriesTheToken() {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put("fields", "id,name");
        query.put("access_token", "t0k3n");
        query.put("limit", "2");

        assertThat(GraphLists.pageUrl(REQUEST, query, "limit", "3", "after", "abc"))
                .isEqualTo("http://127.0.0.1:18080/v25.0/me/accounts?fields=id%2Cname&limit=3&after=abc");
    }

    @Test
    void anIndexCursorNamesItsPositionAndAForeignOneIsRefused() {
        assertThat(GraphLists.indexOf(GraphLists.indexCursor(7), IllegalArgumentException::new)).isEqualTo(7);
        assertThatThrownBy(() -> GraphLists.indexOf("not-a-cursor!", IllegalArgumentException::new))
                .hasMessage("The after cursor is not valid");
    }

    @Test
    void thePagingOfAPageWithMoreToComeHasBothCursorsAndTheNextPage() {
        Map<String, Object> paging = GraphLists.indexPaging(REQUEST, Map.of("limit", "2"), 2, 2, 5, 2);

        assertThat(paging.keySet()).containsExactly("cursors", "next");
        assertThat(paging.get("cursors")).isEqualTo(Map.of("before", GraphLists.indexCursor(2),
                "after", GraphLists.indexCursor(4)));
        assertThat((String) paging.get("next")).endsWith("limit=2&after=" + GraphLists.indexCursor(4));
        assertThat(GraphLists.indexPaging(REQUEST, Map.of(), 4, 1, 5, 2)).doesNotContainKey("next");
    }
}
