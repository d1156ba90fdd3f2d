package io.goalpost.plugin.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import java.util.Objects;

/**
 * The part of a plugin's {@link NetworkAdapterFactory} that is the same in every network: it holds the
 * descriptor the plugin declared, built once (the host asks for it often and it never changes), and
 * the plugin's own Jackson mapper. The subclass keeps what is the network's: the declaration itself,
 * {@code validate} and {@code create}.
 *
 * <pre>{@code
 * @Extension
 * public final class ExampleAdapterFactory extends DeclaredAdapterFactory {
 *     public ExampleAdapterFactory() {
 *         super(AdapterDescriptor.builder("example", "Example")...build());
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>PF4J finds the subclass through this class: {@code @Extension} on it is enough. Jackson appears
 * only in {@link #mapper()}'s type, so a plugin that reads JSON through {@link Json} compiles without it.
 */
public abstract class DeclaredAdapterFactory implements NetworkAdapterFactory {

    private final AdapterDescriptor descriptor;
    private ObjectMapper mapper;

    /** @param descriptor the network's self-description */
    protected DeclaredAdapterFactory(AdapterDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor is null");
    }

    @Override
    public final AdapterDescriptor descriptor() {
        return descriptor;
    }

    /** The declared config fields, for checks that name a field by its label ({@link ConfigChecks}). */
    protected final ConfigSpec spec() {
        return descriptor.config();
    }

    /**
     * The plugin's mapper: one per factory, made on first use (a plugin reading JSON through
     * {@link Json} never needs one), thread-safe once made. It is never shared with the host or another
     * plugin and goes with the plugin's class loader. It refuses an answer with content after the JSON
     * value, which would otherwise be read as if the rest were not there, and, where
     * {@link #refusesDuplicateKeys()} says so, an object that repeats a key.
     */
    protected final synchronized ObjectMapper mapper() {
        if (mapper == null) {
            mapper = refusesDuplicateKeys() ? StrictMappers.refusingDuplicateKeys() : StrictMappers.create();
        }
        return mapper;
    }

    /**
     * Whether {@link #mapper()} refuses an object that repeats a key instead of keeping the last value.
     * Off by default; a network whose answers must be unambiguous turns it on. Asked once, on first use.
     */
    protected boolean refusesDuplicateKeys() {
        return false;
    }
}
