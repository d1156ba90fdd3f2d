package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ExtensionIndexTest {

    @Test
    void aClassOutsideTheIndexFailsNamingIt() {
        assertThatThrownBy(() -> ExtensionIndex.assertListed(ExtensionIndexTest.class))
                .isInstanceOf(AssertionError.class).hasMessageContaining(ExtensionIndexTest.class.getName());
    }
}
