package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.NetworkAuthorizer;
import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A network served by a started plugin.
 *
 * @param pluginId the providing plugin
 * @param descriptor its self-description, read once at start
 * @param factory creates adapters
 * @param classLoader the plugin's class loader, set as context loader around every call into it
 * @param authorizer its "Connect with …" sign-in (plugin-api 1.2), when the plugin ships one
 */
public record LoadedNetwork(String pluginId, AdapterDescriptor descriptor, NetworkAdapterFactory factory,
        ClassLoader classLoader, Optional<NetworkAuthorizer> authorizer) {
    public LoadedNetwork {
        Objects.requireNonNull(pluginId, "pluginId is null");
        Objects.requireNonNull(descriptor, "descriptor is null");
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(classLoader, "classLoader is null");
        Objects.requireNonNull(authorizer, "authorizer is null");
    }

    /** A network without a sign-in flow (its accounts connect with pasted tokens). */
    public LoadedNetwork(String pluginId, AdapterDescriptor descriptor, NetworkAdapterFactory factory,
            ClassLoader classLoader) {
        this(pluginId, descriptor, factory, classLoader, Optional.empty());
    }

    /**
     * The sign-in flow's parameters, when the network has one: a plain value the plugin builds without
     * I/O (read once at load, where a plugin whose spec fails is started without its sign-in).
     */
    public Optional<AuthorizationSpec> authorizationSpec() {
        return authorizer.map(a -> PluginRegistry.withLoader(classLoader, a::spec));
    }

    /** A call into the plugin's authorizer. */
    @FunctionalInterface
    public interface AuthorizerCall<T> {
        T call(NetworkAuthorizer authorizer) throws Exception;
    }

    /**
     * Calls the plugin's authorizer on a worker thread (its calls block on the network), with the
     * plugin's class loader as context loader. Fails with a 400 when the network has no sign-in flow.
     * A plugin's unchecked exception fails the future as it is; its {@code AdapterException}s too.
     */
    public <T> Future<T> authorize(Vertx vertx, AuthorizerCall<T> call) {
        if (authorizer.isEmpty()) {
            return Future.failedFuture(ApiError.badRequest(descriptor.displayName()
                    + " has no sign-in flow: its accounts connect with a pasted token"));
        }
        NetworkAuthorizer a = authorizer.get();
        Callable<T> inLoader = () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(classLoader);
            try {
                return call.call(a);
            } finally {
                thread.setContextClassLoader(previous);
            }
        };
        return vertx.executeBlocking(inLoader, false);
    }
}
