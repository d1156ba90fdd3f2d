package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import org.junit.jupiter.api.Test;

final class PagingTest {

    private static final URI BASE = URI.create("https://mastodon.example/api/v1/accounts/1/statuses");

    @Test
    void theNextLinkOfAMastodonStyleLinkHeader() {
        HttpResponse response = HttpResponse.json(200, "[]").withHeader("Link",
                "<https://mastodon.example/api/v1/accounts/1/statuses?max_id=7>; rel=\"next\", "
                        + "<https://mastodon.example/api/v1/accounts/1/statuses?min_id=9>; rel=\"prev\"");
        assertThat(Paging.linkNext(response, BASE)).hasValue(URI.create(
                "https://mastodon.example/api/v1/accounts/1/statuses?max_id=7"));
        assertThat(Paging.linkNext(HttpResponse.json(200, "[]").withHeader("Link", "</p?page=2>; rel=next"), BASE))
                .as("a relative link without quotes").hasValue(URI.create("https://mastodon.example/p?page=2"));
        assertThat(Paging.linkNext(HttpResponse.json(200, "[]").withHeader("Link", "<https://a.example/x>; rel=\"prev\""), BASE))
                .isEmpty();
    }

    @Test
    void tokensBookmarksAndOffsets() throws AdapterException {
        assertThat(Paging.token(Json.parse("{\"meta\":{\"next_token\":\"abc\"}}"), "meta.next_token")).hasValue("abc");
        assertThat(Paging.token(Json.parse("{\"bookmark\":null}"), "bookmark")).isEmpty();
        assertThat(Paging.token(Json.parse("{\"bookmark\":\"\"}"), "bookmark")).isEmpty();
        assertThat(Paging.nextOffset(0, 50, 50)).hasValue(50);
        assertThat(Paging.nextOffset(50, 50, 12)).isEmpty();
        assertThat(Paging.nextOffset(50, 50, 0)).isEmpty();
    }
}
