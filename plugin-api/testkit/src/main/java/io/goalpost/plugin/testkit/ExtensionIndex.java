package io.goalpost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** How PF4J finds a plugin's extensions (factory, authorizer): the index its annotation processor writes. */
public final class ExtensionIndex {

    private ExtensionIndex() {
    }

    /**
     * The class is listed in the {@code META-INF/extensions.idx} next to its own classes (other jars on
     * the class path have theirs); a class missing there is never loaded by the host.
     */
    public static void assertListed(Class<?> extension) {
        URI classes = URI.create(extension.getProtectionDomain().getCodeSource().getLocation().toString());
        try (InputStream idx = classes.resolve("META-INF/extensions.idx").toURL().openStream()) {
            assertThat(new String(idx.readAllBytes(), StandardCharsets.UTF_8)).as("extensions.idx")
                    .contains(extension.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("no extensions.idx next to " + extension.getName(), e);
        }
    }
}
