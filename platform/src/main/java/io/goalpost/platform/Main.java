package io.goalpost.platform;

import io.goalpost.platform.bench.BenchmarkCommand;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.DemoUsers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code serve}, {@code demo}, {@code benchmark}. */
@Command(name = "goalpost", mixinStandardHelpOptions = true, version = "Goalpost 0.1.0",
        description = "Self-hosted social media goals platform.",
        subcommands = {Main.Serve.class, Main.DemoCommand.class, BenchmarkCommand.class, PluginCommand.class})
public final class Main implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        // Exit even when a library left non-daemon threads behind (the benchmark's HTTP clients did).
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Options shared by serve and demo; each falls back to its environment variable. */
    static class ServerOptions {
        @Option(names = "--port", defaultValue = "${env:GOALPOST_PORT:-8080}", description = "HTTP port (default 8080)")
        int port;
        @Option(names = "--host", defaultValue = "${env:GOALPOST_HOST:-127.0.0.1}",
                description = "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every interface)")
        String host;
        @Option(names = "--public-url", defaultValue = "${env:GOALPOST_PUBLIC_URL:-}",
                description = "The address people use, e.g. https://goalpost.example.com: requests for its host name are"
                        + " answered (besides localhost); https turns on HSTS")
        String publicUrl;
        @Option(names = "--tls-cert", defaultValue = "${env:GOALPOST_TLS_CERT:-}",
                description = "Certificate chain (PEM) to serve HTTPS; needs --tls-key")
        String tlsCert;
        @Option(names = "--tls-key", defaultValue = "${env:GOALPOST_TLS_KEY:-}",
                description = "Private key (PEM) of --tls-cert")
        String tlsKey;
        @Option(names = "--trusted-proxies", defaultValue = "${env:GOALPOST_TRUSTED_PROXIES:-}",
                description = "Reverse proxies (IP addresses, CIDR ranges, comma-separated, e.g. 127.0.0.1,::1) whose"
                        + " X-Forwarded-For and X-Forwarded-Proto are believed; from anyone else they are ignored (default: none)")
        String trustedProxies;
        @Option(names = "--data-dir", defaultValue = "${env:GOALPOST_DATA_DIR:-./data}",
                description = "Data directory: embedded database, secret key (default ./data)")
        Path dataDir;
        @Option(names = "--database-url", defaultValue = "${env:GOALPOST_DATABASE_URL:-}",
                description = "External PostgreSQL, postgresql://user:pass@host:5432/db (default: embedded)")
        String databaseUrl;
        @Option(names = "--plugins-dir", defaultValue = "${env:GOALPOST_PLUGINS_DIR:-./plugins}",
                description = "Folder of plugin zips")
        Path pluginsDir;
        @Option(names = "--sync-interval-minutes", defaultValue = "${env:GOALPOST_SYNC_INTERVAL_MINUTES:-360}",
                description = "Minutes between syncs of an account (default 360)")
        long syncMinutes;
        @Option(names = "--allow-private-api-hosts", defaultValue = "${env:GOALPOST_ALLOW_PRIVATE_API_HOSTS:-false}",
                description = "Let account URLs point at loopback and private addresses and use plain http "
                        + "(local sandboxes, an API proxy on your own network); refused by default")
        boolean allowPrivateApiHosts;
        @Option(names = "--trusted-plugin-key", paramLabel = "FILE",
                description = "A publisher's public key (.pub from 'goalpost plugin keygen'): plugins it signed load. Repeatable;"
                        + " also every <data-dir>/trusted-keys/*.pub and the files in GOALPOST_TRUSTED_PLUGIN_KEYS")
        List<Path> trustedPluginKeys = new java.util.ArrayList<>();
        @Option(names = "--allow-unsigned-plugins", defaultValue = "${env:GOALPOST_ALLOW_UNSIGNED_PLUGINS:-false}",
                description = "Load unsigned plugins too (development only: a plugin runs with this server's rights);"
                        + " a tampered signed plugin is refused still")
        boolean allowUnsignedPlugins;

        @Option(names = "--plugin-catalog", paramLabel = "URL",
                description = "A plugins.json catalog (pf4j-update format) at an https:// or file: URL, listed as available"
                        + " plugins; repeatable (GOALPOST_PLUGIN_CATALOGS, comma-separated)")
        List<String> pluginCatalogs = new java.util.ArrayList<>();
        @Option(names = "--plugin-catalog-ca", paramLabel = "FILE",
                description = "CA certificate(s) (PEM) trusted for https plugin catalogs besides the JDK's trust store, e.g. a"
                        + " company CA; repeatable (GOALPOST_PLUGIN_CATALOG_CA, separated by : on Unix)")
        List<Path> pluginCatalogCas = new java.util.ArrayList<>();

        /** The plugin trust (the operator's keys; the demo adds the build's development key) and catalogs. */
        io.goalpost.platform.plugins.PluginSettings plugins(boolean demo) {
            var trust = io.goalpost.platform.plugins.PluginTrust.load(dataDir.toAbsolutePath(), trustedPluginKeys,
                    allowUnsignedPlugins);
            List<String> catalogs = new java.util.ArrayList<>(pluginCatalogs);
            String env = System.getenv("GOALPOST_PLUGIN_CATALOGS");
            if (env != null && !env.isBlank()) {
                catalogs.add(env);
            }
            var urls = io.goalpost.platform.plugins.PluginCatalogs.parse(catalogs);
            List<Path> cas = new java.util.ArrayList<>(pluginCatalogCas);
            String caEnv = System.getenv("GOALPOST_PLUGIN_CATALOG_CA");
            if (caEnv != null && !caEnv.isBlank()) {
                for (String f : caEnv.split(java.io.File.pathSeparator)) {
                    if (!f.isBlank()) {
                        cas.add(Path.of(f.strip()));
                    }
                }
            }
            // Refuses a scheme other than https: and file:, and a CA file that cannot be read, before the start.
            new io.goalpost.platform.plugins.PluginCatalogs(urls, cas);
            return new io.goalpost.platform.plugins.PluginSettings(demo ? trust.withDevelopmentKey() : trust, urls, cas);
        }

        ServerConfig toConfig(Set<String> extraHosts, boolean forcePrivate) {
            Set<String> hosts = new java.util.HashSet<>(extraHosts);
            String env = System.getenv("GOALPOST_EXTRA_ALLOWED_HOSTS");
            if (env != null && !env.isBlank()) {
                hosts.addAll(List.of(env.split(",")));
            }
            return new ServerConfig(port, dataDir.toAbsolutePath(),
                    databaseUrl == null || databaseUrl.isBlank() ? Optional.empty() : Optional.of(databaseUrl),
                    pluginsDir.toAbsolutePath(), hosts, allowPrivateApiHosts || forcePrivate, Duration.ofMinutes(syncMinutes),
                    binding());
        }

        /** The HTTP address, names and TLS; an {@link IllegalArgumentException} naming the option when one is wrong. */
        HttpBinding binding() {
            Optional<java.net.URI> url = blank(publicUrl) ? Optional.empty() : Optional.of(HttpBinding.parsePublicUrl(publicUrl));
            Optional<HttpBinding.Tls> tls = Optional.empty();
            if (!blank(tlsCert) || !blank(tlsKey)) {
                if (blank(tlsCert) || blank(tlsKey)) {
                    throw new IllegalArgumentException("HTTPS needs both --tls-cert and --tls-key (GOALPOST_TLS_CERT,"
                            + " GOALPOST_TLS_KEY)");
                }
                tls = Optional.of(new HttpBinding.Tls(readable("--tls-cert", tlsCert), readable("--tls-key", tlsKey)));
            }
            return new HttpBinding(host == null ? HttpBinding.LOOPBACK : host, url, tls)
                    .withTrustedProxies(io.goalpost.platform.config.TrustedProxies.parse(trustedProxies));
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static Path readable(String option, String file) {
            Path p = Path.of(file.strip()).toAbsolutePath();
            if (!java.nio.file.Files.isReadable(p)) {
                throw new IllegalArgumentException(option + " " + p + " is not a readable file");
            }
            return p;
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the platform.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        ServerOptions options = new ServerOptions();

        @Override
        public Integer call() throws Exception {
            return runUntilStopped(() -> options.toConfig(Set.of(), false), () -> options.plugins(false), false, Optional.empty());
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the platform with every plugin's sandbox, demo accounts and goals.")
    static final class DemoCommand implements Callable<Integer> {
        @CommandLine.Mixin
        ServerOptions options = new ServerOptions();

        @Option(names = "--sandboxes-dir", defaultValue = "${env:GOALPOST_SANDBOXES_DIR}",
                description = "Folder of the networks' sandbox zips (goalpost-sandbox-*.zip), loaded by the demo only "
                        + "(default: 'sandboxes' beside the plugins folder; env GOALPOST_SANDBOXES_DIR)")
        Path sandboxesDir;

        @Override
        public Integer call() throws Exception {
            // The sandboxes listen on loopback over plain http: the demo allows exactly that.
            return runUntilStopped(() -> options.toConfig(Set.of("127.0.0.1", "localhost"), true), () -> options.plugins(true),
                    true, Optional.ofNullable(sandboxesDir));
        }
    }

    /** Runs until stopped; the demo loads the sandbox zips of {@code sandboxesDir} (if given), serve never any. */
    private static int runUntilStopped(java.util.function.Supplier<ServerConfig> options,
            java.util.function.Supplier<io.goalpost.platform.plugins.PluginSettings> pluginTrust,
            boolean demo, Optional<Path> sandboxesDir) throws Exception {
        ServerConfig config;
        io.goalpost.platform.plugins.PluginSettings trust;
        try {
            config = options.get();
            trust = pluginTrust.get();
        } catch (IllegalArgumentException e) {
            System.err.println("goalpost: " + e.getMessage());
            return 2;
        }
        GoalpostServer server;
        try {
            server = GoalpostServer.start(config, null, trust);
        } catch (Exception e) {
            LOG.error("Goalpost could not start: {}", e.getMessage(), e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop taking requests, let the scheduler finish its batch, close the database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "goalpost-shutdown"));
        String url = config.http().url(server.port());
        System.out.println("Goalpost is running at " + url);
        if (demo) {
            var summary = server.runDemo(sandboxesDir);
            System.out.println("Demo ready: " + summary.accounts() + " accounts on " + summary.networks()
                    + ", " + summary.goals() + " goals. Open " + url);
            System.out.println("Sign in as admin, editor or viewer, password " + DemoUsers.PASSWORD
                    + ". An admin API token for scripts is in " + config.dataDir().resolve(DemoUsers.TOKEN_FILE));
        } else {
            Optional<String> setup = server.prepareFirstAdmin(env("GOALPOST_ADMIN_USER"), env("GOALPOST_ADMIN_PASSWORD"));
            // On the console only, never in the log: whoever has this link can become admin.
            setup.ifPresent(link -> System.out.println("""

                    ************************************************************
                    Goalpost has no users yet. Create the first admin at:

                      %s

                    (the token is also in %s and works once)
                    ************************************************************
                    """.formatted(link, config.dataDir().resolve("setup-token"))));
        }
        stopped.await();
        return 0;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
