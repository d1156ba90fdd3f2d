package io.goalpost.platform;

import io.goalpost.platform.accounts.AccountRoutes;
import io.goalpost.platform.accounts.AccountService;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.api.ApiServer;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.Demo;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.kpis.AnalyticsModules;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.plugins.PluginRoutes;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.storage.Database;
import io.goalpost.platform.sync.SyncScheduler;
import io.goalpost.platform.sync.SyncService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Goalpost instance: database (embedded or external, migrated), plugins, sync scheduler,
 * and the HTTP API and UI. {@link #start} blocks until it serves; {@link #close} stops it in reverse
 * order.
 */
public final class GoalpostServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GoalpostServer.class);

    private final ServerConfig config;
    private final Vertx vertx;
    private final Database database;
    private final PluginRegistry plugins;
    private final SyncService sync;
    private final SyncScheduler scheduler;
    private final AccountService accounts;
    private final HttpServer http;
    private final WebClient web;

    private GoalpostServer(ServerConfig config, Vertx vertx, Database database, PluginRegistry plugins, SyncService sync,
            SyncScheduler scheduler, AccountService accounts, HttpServer http, WebClient web) {
        this.config = config;
        this.vertx = vertx;
        this.database = database;
        this.plugins = plugins;
        this.sync = sync;
        this.scheduler = scheduler;
        this.accounts = accounts;
        this.http = http;
        this.web = web;
    }

    /** Starts an instance and returns once it listens. */
    public static GoalpostServer start(ServerConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        Database database = null;
        PluginRegistry plugins = null;
        SyncScheduler scheduler = null;
        try {
            database = Database.open(vertx, config);
            plugins = PluginRegistry.load(config.pluginsDir());
            SecretCipher cipher = SecretCipher.load(System.getenv("GOALPOST_SECRET_KEY"), config.dataDir());
            Credentials credentials = new Credentials(cipher);
            AccountStore store = new AccountStore(database.pool());
            // Redirects are followed by HostHttpPort after its own checks, never by the client.
            WebClient web = WebClient.create(vertx, new WebClientOptions().setUserAgent("Goalpost/0.1")
                    .setConnectTimeout(10_000).setFollowRedirects(false));
            // The policy refuses this server's own port; with --port 0 that port is known once it listens.
            AtomicInteger listening = new AtomicInteger(config.port());
            OutboundPolicy outbound = OutboundPolicy.of(config, listening::get);
            SyncService sync = new SyncService(store, plugins, credentials, web, outbound, database.pool());
            scheduler = new SyncScheduler(database.jdbc(), sync, config.syncInterval(), clock);
            AccountService accounts = new AccountService(vertx, store, plugins, credentials, sync, scheduler, outbound, clock);
            List<RouteModule> modules = new ArrayList<>();
            modules.add(new PluginRoutes(plugins, database.pool()));
            modules.add(new AccountRoutes(accounts, store, database.pool()));
            modules.addAll(AnalyticsModules.create(database, plugins, clock));
            HttpServer http = ApiServer.listen(vertx, ApiServer.router(vertx, modules, config.http()), config.port(),
                    config.http()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            listening.set(http.actualPort());
            scheduler.start();
            LOG.info("Goalpost listening on {} ({}:{}; {} network plugin(s), database {})", config.http().url(http.actualPort()),
                    config.http().host(), http.actualPort(), plugins.networks().size(),
                    database.isEmbedded() ? "embedded" : database.url());
            if (!config.http().loopbackOnly()) {
                LOG.warn("Goalpost listens on {}, beyond this machine, and has no sign-in yet: everyone who can reach it"
                        + " can read and change everything. Expose it only to people who may do that.", config.http().host());
            }
            if (config.allowPrivateApiHosts()) {
                LOG.warn("Account URLs may point at loopback and private addresses and use plain http ({}): "
                        + "only for local sandboxes and trusted networks", OutboundPolicy.FLAG);
            }
            return new GoalpostServer(config, vertx, database, plugins, sync, scheduler, accounts, http, web);
        } catch (Exception | Error e) {
            if (scheduler != null) {
                scheduler.close();
            }
            if (plugins != null) {
                plugins.close();
            }
            if (database != null) {
                database.close();
            }
            vertx.close();
            throw e;
        }
    }

    /** Starts the sandboxes and seeds the demo; blocks until the demo accounts are synced and goals exist. */
    public Demo.Summary runDemo() throws Exception {
        if (!config.allowPrivateApiHosts()) {
            throw new IllegalStateException("the demo's sandboxes listen on loopback over plain http: start the server with "
                    + OutboundPolicy.FLAG + " (the demo command does)");
        }
        HttpBinding binding = config.http();
        if (binding.tls().isEmpty()) {
            return new Demo(vertx, plugins, accounts, sync, scheduler, database, web).run(binding.selfHost(), port(), false);
        }
        // The demo creates its goals through the API: over HTTPS, trusting this server's own certificate
        // (not its name, which need not be the address it calls).
        WebClient self = WebClient.create(vertx, new WebClientOptions().setUserAgent("Goalpost/0.1 demo")
                .setTrustOptions(new PemTrustOptions().addCertPath(binding.tls().get().certificate().toString()))
                .setVerifyHost(false));
        try {
            return new Demo(vertx, plugins, accounts, sync, scheduler, database, self).run(binding.selfHost(), port(), true);
        } finally {
            self.close();
        }
    }

    /** The port the API listens on. */
    public int port() {
        return http.actualPort();
    }

    /** The database. */
    public Database database() {
        return database;
    }

    /** The plugins. */
    public PluginRegistry plugins() {
        return plugins;
    }

    /** The configuration it runs with. */
    public ServerConfig config() {
        return config;
    }

    @Override
    public void close() {
        LOG.info("Goalpost stopping");
        try {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.getMessage());
        }
        scheduler.close();
        web.close();
        plugins.close();
        database.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
        }
    }
}
