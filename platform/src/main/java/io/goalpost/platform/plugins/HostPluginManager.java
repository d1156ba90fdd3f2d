package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.PluginApi;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * PF4J configured for Goalpost: plugins are zips (or their expanded folders) in one directory; the
 * contract's version is the system version, so {@code plugin.requires} is really checked; classes of
 * plugin-api, PF4J and SLF4J always come from the host even if a plugin bundles a copy (otherwise the
 * extension is "not assignable"); a plugin needs no Plugin class of its own.
 *
 * <p>Not thread-safe, like PF4J itself: only {@link PluginRegistry} touches it.
 */
final class HostPluginManager extends DefaultPluginManager {

    private final List<String> hostPackages;

    HostPluginManager(Path pluginsRoot) {
        this(pluginsRoot, PluginApi.HOST_PACKAGES);
    }

    /** A manager whose plugins take the classes of {@code hostPackages} from the host (the demo's sandboxes add theirs). */
    HostPluginManager(Path pluginsRoot, List<String> hostPackages) {
        super(pluginsRoot);
        this.hostPackages = List.copyOf(hostPackages);
        setSystemVersion(PluginApi.VERSION);
        setExactVersionAllowed(true);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        // Called from the superclass's constructor, before hostPackages is set: the loader reads it later.
        return new CompoundPluginLoader().add(new HostFirstPluginLoader(this));
    }

    @Override
    protected PluginFactory createPluginFactory() {
        DefaultPluginFactory classFactory = new DefaultPluginFactory();
        return wrapper -> {
            String pluginClass = wrapper.getDescriptor().getPluginClass();
            if (pluginClass == null || pluginClass.isBlank() || Plugin.class.getName().equals(pluginClass)) {
                return new Plugin() {
                };
            }
            return classFactory.create(wrapper);
        };
    }

    /** Loads expanded plugin folders with a class loader that asks the host first for host packages. */
    private static final class HostFirstPluginLoader extends DefaultPluginLoader {
        private final HostPluginManager manager;

        HostFirstPluginLoader(HostPluginManager manager) {
            super(manager);
            this.manager = manager;
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new HostFirstClassLoader(pluginManager, descriptor, getClass().getClassLoader(), manager.hostPackages);
        }
    }

    /** Parent-first for the host packages, plugin-first for everything else. */
    static final class HostFirstClassLoader extends PluginClassLoader {
        private final List<String> hostPackages;

        HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent, List<String> hostPackages) {
            super(manager, descriptor, parent);
            this.hostPackages = hostPackages;
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            for (String prefix : hostPackages) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
            return super.shouldDelegateToParent(className);
        }
    }

    /** The wrapper of a plugin id, or null. Exposed for the registry only. */
    PluginWrapper wrapper(String pluginId) {
        return getPlugin(pluginId);
    }
}
