package io.goalpost.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class BaseUrlsTest {

    @Test
    void aTrailingSlashIsDroppedSoPathsJoinWithOne() {
        assertThat(BaseUrls.withoutTrailingSlash("https://api.x.com/2/")).isEqualTo("https://api.x.com/2");
        assertThat(BaseUrls.withoutTrailingSlash("https://api.x.com/2/") + "/users/me")
                .isEqualTo(BaseUrls.withoutTrailingSlash("https://api.x.com/2") + "/users/me");
    }

    @Test
    void aUrlWithoutOneIsKeptAsTyped() {
        assertThat(BaseUrls.withoutTrailingSlash("http://127.0.0.1:8089/v25.0")).isEqualTo("http://127.0.0.1:8089/v25.0");
    }
}
