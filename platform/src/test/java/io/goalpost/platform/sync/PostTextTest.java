package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.goalpost.plugin.api.PostSnapshot;
import org.junit.jupiter.api.Test;

/** The excerpt the host stores of a post's text: bounded, storable, never half a character. */
class PostTextTest {

    @Test
    void keepsTheFirst280CharactersAndNoMore() {
        assertThat(PostText.excerpt("a".repeat(1000))).hasSize(PostSnapshot.TEXT_EXCERPT_LENGTH);
        assertThat(PostText.excerpt("short one")).isEqualTo("short one");
        assertThat(PostText.excerpt(null)).isNull();
    }

    @Test
    void neverCutsAnEmojiInHalf() {
        // 279 letters then an emoji of two UTF-16 units: the emoji does not fit and is left out whole.
        String excerpt = PostText.excerpt("a".repeat(279) + "\uD83C\uDF38 and more");
        assertThat(excerpt).isEqualTo("a".repeat(279));
        assertThat(PostText.excerpt("a".repeat(278) + "\uD83C\uDF38")).endsWith("\uD83C\uDF38").hasSize(280);
    }

    @Test
    void dropsControlCharactersPostgresOrAPageCannotTakeButKeepsLineBreaks() {
        assertThat(PostText.excerpt("one\u0000two\u0007\nthree\tfour")).isEqualTo("onetwo\nthree\tfour");
        assertThat(PostText.excerpt("\u0000\u0001")).isNull();
    }
}
