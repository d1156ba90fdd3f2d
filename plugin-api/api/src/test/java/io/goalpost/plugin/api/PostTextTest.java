package io.goalpost.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A post's text (1.4): optional, plain, and a plugin built against 1.3 still builds posts without it. */
class PostTextTest {

    private static final Instant AT = Instant.parse("2026-02-11T09:00:00Z");

    @Test
    void aPostBuiltAsBefore14HasNoText() {
        assertThat(new PostSnapshot("p1", AT, "photo", null, Map.of()).text()).isNull();
    }

    @Test
    void blankTextIsNoTextAndTextIsKeptAsWrittenButForSurroundingSpace() {
        assertThat(new PostSnapshot("p1", AT, "photo", null, Map.of(), " \n ").text()).isNull();
        assertThat(new PostSnapshot("p1", AT, "photo", null, Map.of(), "  Spring <b>menu</b> & more\n").text())
                .isEqualTo("Spring <b>menu</b> & more");
    }
}
