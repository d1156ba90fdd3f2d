package io.goalpost.platform.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Upgrading, disabling, enabling and uninstalling plugins in a running registry. */
final class PluginLiveSwapTest {

    private static final PluginTrust DEV = new PluginTrust(List.of(), false).withDevelopmentKey();

    private static PluginRegistry registryWithX(Path dir, Duration drain) throws Exception {
        Files.write(dir.resolve("goalpost-plugin-x.zip"), PluginZips.built("x"));
        return PluginRegistry.load(dir, DEV, null, drain);
    }

    private static PluginPackage pkg(byte[] zip, String name) throws PluginPackage.Refused {
        return PluginPackage.inspect(zip, name, DEV);
    }

    private static PluginInfo info(PluginRegistry r, String id) {
        return r.plugins().stream().filter(p -> p.id().equals(id) && !p.state().equals("REFUSED")).findFirst().orElseThrow();
    }

    @Test
    void anUpgradeWaitsForTheRunningSyncHoldsNewOnesAndThenServesTheNewVersion(@TempDir Path dir) throws Exception {
        try (PluginRegistry registry = registryWithX(dir, Duration.ofSeconds(30))) {
            PluginRegistry.Lease running = registry.lease("x").orElseThrow();
            ClassLoader before = running.network().classLoader();
            PluginPackage newer = pkg(PluginZips.version("x", "0.2.0"), "x-0.2.0.zip");
            CompletableFuture<PluginInfo> upgrade = CompletableFuture.supplyAsync(() -> registry.install(newer));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!registry.availability("x").status().equals("swapping") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertThat(upgrade).as("waits for the running sync").isNotDone();
            assertThat(registry.lease("x")).isEmpty();
            assertThat(registry.availability("x").status()).isEqualTo("swapping");
            // The running sync still has the old plugin, loaded and working.
            assertThat(running.network().descriptor().networkId()).isEqualTo("x");
            running.close();

            assertThat(upgrade.get(30, TimeUnit.SECONDS).version()).isEqualTo("0.2.0");
            assertThat(info(registry, "x").state()).isEqualTo("STARTED");
            try (PluginRegistry.Lease next = registry.lease("x").orElseThrow()) {
                assertThat(next.network().classLoader()).isNotSameAs(before);
            }
            assertThat(registry.availability("x").status()).isEqualTo("ready");
        }
    }

    @Test
    void aSyncThatOutlastsTheDrainDoesNotBlockTheSwapForever(@TempDir Path dir) throws Exception {
        try (PluginRegistry registry = registryWithX(dir, Duration.ofMillis(300))) {
            PluginRegistry.Lease stuck = registry.lease("x").orElseThrow();
            long start = System.nanoTime();
            registry.install(pkg(PluginZips.version("x", "0.2.0"), "x-0.2.0.zip"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(info(registry, "x").version()).isEqualTo("0.2.0");
            stuck.close();
        }
    }

    @Test
    void aFailedUpgradePutsThePreviousVersionBackAndSaysWhy(@TempDir Path dir) throws Exception {
        try (PluginRegistry registry = registryWithX(dir, Duration.ofSeconds(5))) {
            byte[] broken = PluginZips.withProperties(PluginZips.built("x"), p -> p.replaceAll("plugin.version=.*",
                    "plugin.version=0.3.0") + "plugin.class=io.goalpost.plugins.x.DoesNotExist\n", PluginZips.devKey());
            assertThatThrownBy(() -> registry.install(pkg(broken, "x-0.3.0.zip")))
                    .isInstanceOf(PluginRegistry.OperationFailed.class)
                    .hasMessageContaining("x 0.3.0 did not start, so version 0.1.0-SNAPSHOT was put back")
                    .hasMessageContaining("io.goalpost.plugins.x.DoesNotExist could not be created");
            assertThat(info(registry, "x").state()).isEqualTo("STARTED");
            assertThat(info(registry, "x").version()).isEqualTo("0.1.0-SNAPSHOT");
            assertThat(registry.networks()).extracting(d -> d.networkId()).containsExactly("x");
            assertThat(registry.plugins()).anySatisfy(p -> {
                assertThat(p.state()).isEqualTo("REFUSED");
                assertThat(p.file()).isEqualTo("x-0.3.0.zip");
            });
        }
    }

    @Test
    void disableEnableUninstallAndReinstallChangeTheNetworksAndSayWhyANetworkIsAway(@TempDir Path dir) throws Exception {
        try (PluginRegistry registry = registryWithX(dir, Duration.ofSeconds(5))) {
            assertThat(registry.disable("x").state()).isEqualTo("DISABLED");
            assertThat(registry.networks()).isEmpty();
            assertThat(registry.lease("x")).isEmpty();
            assertThat(registry.availability("x")).satisfies(a -> {
                assertThat(a.status()).isEqualTo("plugin_disabled");
                assertThat(a.reason()).contains("disabled by an administrator");
            });

            assertThat(registry.enable("x").state()).isEqualTo("STARTED");
            assertThat(registry.networks()).extracting(d -> d.networkId()).containsExactly("x");

            registry.uninstall("x");
            assertThat(registry.networks()).isEmpty();
            assertThat(registry.plugins()).noneMatch(p -> p.id().equals("x"));
            assertThat(registry.availability("x").status()).isEqualTo("plugin_missing");

            registry.install(pkg(PluginZips.built("x"), "goalpost-plugin-x.zip"));
            assertThat(registry.lease("x")).isPresent().get().satisfies(PluginRegistry.Lease::close);
        }
    }

    @Test
    void theOldClassLoaderIsCollectableAfterAnUpgradeAndAfterUninstall(@TempDir Path dir) throws Exception {
        try (PluginRegistry registry = registryWithX(dir, Duration.ofSeconds(5))) {
            WeakReference<ClassLoader> first = new WeakReference<>(registry.loaded("x").orElseThrow().classLoader());
            registry.install(pkg(PluginZips.version("x", "0.2.0"), "x-0.2.0.zip"));
            WeakReference<ClassLoader> second = new WeakReference<>(registry.loaded("x").orElseThrow().classLoader());
            registry.uninstall("x");
            assertThat(collected(first)).as("class loader of the version upgraded from").isTrue();
            assertThat(collected(second)).as("class loader of the uninstalled version").isTrue();
        }
    }

    @Test
    void closingUnloadsEveryPluginWithoutAConcurrentModificationException() {
        Logger log = (Logger) LoggerFactory.getLogger(PluginRegistry.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            PluginRegistry registry = PluginRegistry.load(PluginZips.BUILT, DEV, null);
            assertThat(registry.networks()).hasSize(6);
            registry.close();
            assertThat(registry.networks()).isEmpty();
            assertThat(events.list).noneMatch(e -> e.getFormattedMessage().contains("did not unload cleanly"));
        } finally {
            log.detachAppender(events);
        }
    }

    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[16][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[1 << 20];
            }
            Thread.sleep(50);
        }
        return ref.get() == null;
    }
}
