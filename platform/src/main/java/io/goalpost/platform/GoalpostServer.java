package io.goalpost.platform;

import io.goalpost.platform.access.AccessControl;
import io.goalpost.platform.access.SessionRoutes;
import io.goalpost.platform.access.TokenRoutes;
import io.goalpost.platform.access.UserRoutes;
import io.goalpost.platform.accounts.AccountRoutes;
import io.goalpost.platform.accounts.AccountService;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.ApiServer;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.audit.AuditRoutes;
import io.goalpost.platform.config.HttpBinding;
import io.goalpost.platform.connect.NetworkAppRoutes;
import io.goalpost.platform.connect.NetworkApps;
import io.goalpost.platform.connect.OAuthRoutes;
import io.goalpost.platform.connect.OAuthService;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.demo.Demo;
import io.goalpost.platform.demo.DemoUsers;
import io.goalpost.platform.http.HostHttpPort;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.kpis.AnalyticsModules;
import io.goalpost.platform.notifications.Notifications;
import io.goalpost.platform.schedules.ReportSchedules;
import io.goalpost.platform.plugins.PluginOperations;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.plugins.PluginRoutes;
import io.goalpost.platform.plugins.PluginSettings;
import io.goalpost.platform.plugins.PluginTrust;
import io.goalpost.platform.plugins.SandboxRegistry;
import io.goalpost.platform.reports.ReportRenderer;
import io.goalpost.platform.security.SecretCipher;
import io.goalpost.platform.storage.Database;
import io.goalpost.platform.sync.Blocking;
import io.goalpost.platform.sync.SyncScheduler;
import io.goalpost.platform.sync.SyncService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.goalpost.platform.security.OwnerOnlyFile;
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
    private final AccessControl access;
    private final ApiRoutes routes;
    private final HttpServer http;
    private final WebClient web;
    private final NetworkApps apps;
    private PluginOperations pluginOperations;
    private final ReportRenderer reports;
    /** The demo's sandboxes, loaded by {@link #runDemo} only (guarded by this). */
    private SandboxRegistry sandboxes;

    private GoalpostServer(ServerConfig config, Vertx vertx, Database database, PluginRegistry plugins, SyncService sync,
            SyncScheduler scheduler, AccountService accounts, AccessControl access, ApiRoutes routes, HttpServer http, WebClient web,
            NetworkApps apps, ReportRenderer reports) {
        this.config = config;
        this.vertx = vertx;
        this.database = database;
        this.plugins = plugins;
        this.sync = sync;
        this.scheduler = scheduler;
        this.accounts = accounts;
        this.access = access;
        this.routes = routes;
        this.http = http;
        this.web = web;
        this.apps = apps;
        this.reports = reports;
    }

    /** Starts an instance and returns once it listens. */
    public static GoalpostServer start(ServerConfig config) throws Exception {
        return start(config, null);
    }

    /**
     * Starts an instance serving the networks of {@code networks} instead of the plugins directory's
     * (embedding Goalpost with networks of one's own, {@link PluginRegistry#inProcess}; tests); the
     * server closes it. Null loads the plugins directory.
     */
    public static GoalpostServer start(ServerConfig config, PluginRegistry networks) throws Exception {
        return start(config, networks, null);
    }

    /**
     * Starts an instance whose plugins must be signed by a key of {@code settings}' trust and may come
     * from its catalogs (null: the keys in {@code <data-dir>/trusted-keys} and
     * {@value PluginTrust#KEYS_ENV}, nothing unsigned, no catalog).
     */
    public static GoalpostServer start(ServerConfig config, PluginRegistry networks, PluginSettings settings) throws Exception {
        Clock clock = Clock.systemUTC();
        Vertx vertx = Vertx.vertx();
        Database database = null;
        PluginRegistry plugins = networks;
        SyncScheduler scheduler = null;
        try {
            database = Database.open(vertx, config);
            PluginOperations pluginOps = null;
            if (plugins == null) {
                PluginTrust checked = settings != null ? settings.trust() : PluginTrust.load(config.dataDir(), List.of(), false);
                plugins = PluginRegistry.load(config.pluginsDir(), checked, config.dataDir().resolve("plugins-unpacked"));
            }
            SecretCipher cipher = SecretCipher.load(System.getenv("GOALPOST_SECRET_KEY"), config.dataDir());
            Credentials credentials = new Credentials(cipher);
            AccountStore store = new AccountStore(database.pool());
            WebClient web = HostHttpPort.webClient(vertx, SyncScheduler.threads());
            // The policy refuses this server's own port; with --port 0 that port is known once it listens.
            AtomicInteger listening = new AtomicInteger(config.port());
            OutboundPolicy outbound = OutboundPolicy.of(config, listening::get);
            // Every request of every sync takes from the networks' declared quotas, shared through the database.
            SyncService sync = new SyncService(store, plugins, credentials, web, outbound, database.syncPool(),
                    new io.goalpost.platform.sync.SyncLeases(database.syncPool(), SyncScheduler.instanceName()),
                    io.goalpost.platform.sync.QuotaBuckets.configured(database.jdbc()));
            AuditLog audit = new AuditLog(database.pool());
            AnalyticsModules.WithReports analytics = AnalyticsModules.withReports(vertx, database, plugins, clock, audit);
            Notifications notifications = new Notifications(vertx, database.pool(), analytics.goals(), cipher, web,
                    outbound, () -> config.http().url(listening.get()), audit, clock);
            // Scheduled reports attach the summary PDF, rendered on the renderer's own workers.
            ReportSchedules schedules = new ReportSchedules(database.pool(),
                    (from, to) -> Blocking.await(analytics.reports().summaryPdf(from, to)), notifications.smtp(),
                    notifications.mailer(), audit, clock);
            scheduler = new SyncScheduler(database.jdbc(), sync, config.syncInterval(), clock,
                    new io.goalpost.platform.sync.TokenRenewal(database.pool(), store, credentials),
                    List.of(notifications.task(), schedules.task()));
            AccountService accounts = new AccountService(vertx, store, plugins, credentials, sync, scheduler, outbound, clock);
            AccessControl access = new AccessControl(vertx, database.pool(), database.quickPool(), audit, clock, config.http());
            NetworkApps apps = new NetworkApps(database.pool(), cipher);
            OAuthService oauth = new OAuthService(vertx, plugins, apps, cipher, database.pool(), accounts, sync,
                    () -> config.http().url(listening.get()), clock);
            List<RouteModule> modules = new ArrayList<>();
            modules.add(new SessionRoutes(access));
            modules.add(new UserRoutes(access));
            modules.add(new TokenRoutes(access));
            modules.add(new AuditRoutes(audit));
            if (networks == null) {
                // Only plugins from files can change while running; built-in networks cannot.
                SyncScheduler syncs = scheduler;
                pluginOps = new PluginOperations(vertx, plugins, database.pool(), syncs::syncNow,
                        settings == null ? new io.goalpost.platform.plugins.PluginCatalogs(List.of())
                                : new io.goalpost.platform.plugins.PluginCatalogs(settings.catalogs(), settings.catalogCas()));
                pluginOps.start();
            }
            modules.add(new PluginRoutes(plugins, database.pool(), pluginOps, audit));
            modules.add(new AccountRoutes(accounts, store, database.pool(), audit));
            modules.add(new OAuthRoutes(oauth, accounts, audit));
            modules.add(new NetworkAppRoutes(vertx, plugins, apps, oauth, outbound, audit));
            modules.addAll(analytics.routes());
            modules.add(new io.goalpost.platform.team.TeamSettingsRoutes(database.pool(), clock, audit));
            modules.addAll(notifications.routes());
            modules.add(schedules.routes());
            ApiRoutes routes = ApiServer.routeTable(modules);
            HttpServer http = ApiServer.listen(vertx, ApiServer.router(vertx, routes, config.http(), access.authenticator()),
                    config.port(),
                    config.http()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            listening.set(http.actualPort());
            access.startHousekeeping();
            scheduler.start();
            LOG.info("Goalpost listening on {} ({}:{}; {} network plugin(s), database {})", config.http().url(http.actualPort()),
                    config.http().host(), http.actualPort(), plugins.networks().size(),
                    database.isEmbedded() ? "embedded" : database.url());
            if (config.allowPrivateApiHosts()) {
                LOG.warn("Account URLs may point at loopback and private addresses and use plain http ({}): "
                        + "only for local sandboxes and trusted networks", OutboundPolicy.FLAG);
            }
            GoalpostServer server = new GoalpostServer(config, vertx, database, plugins, sync, scheduler, accounts, access, routes,
                    http, web, apps, analytics.reports());
            server.pluginOperations = pluginOps;
            return server;
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

    /**
     * Starts the sandboxes and seeds the demo; blocks until the demo accounts are synced and goals exist.
     * The sandbox zips come from {@code sandboxes} beside the plugins directory (or {@value SandboxRegistry#DIR_ENV}).
     */
    public Demo.Summary runDemo() throws Exception {
        return runDemo(Optional.empty());
    }

    /**
     * As {@link #runDemo()}, with the sandbox zips from {@code sandboxesDir} when given. Only the demo loads
     * sandboxes ({@code serve} never does); they are checked against the same trust as the plugins.
     */
    public Demo.Summary runDemo(Optional<Path> sandboxesDir) throws Exception {
        if (!config.allowPrivateApiHosts()) {
            throw new IllegalStateException("the demo's sandboxes listen on loopback over plain http: start the server with "
                    + OutboundPolicy.FLAG + " (the demo command does)");
        }
        String token = DemoUsers.ensure(access, config.dataDir());
        synchronized (this) {
            if (sandboxes == null) {
                sandboxes = SandboxRegistry.load(SandboxRegistry.directory(sandboxesDir, config.pluginsDir()), plugins.trust(),
                        config.dataDir().resolve("sandboxes-unpacked"));
            }
        }
        HttpBinding binding = config.http();
        if (binding.tls().isEmpty()) {
            return new Demo(vertx, plugins, sandboxes, accounts, sync, scheduler, database, web, apps)
                    .run(binding.selfHost(), port(), false, token);
        }
        // The demo creates its goals through the API: over HTTPS, trusting this server's own certificate
        // (not its name, which need not be the address it calls).
        WebClient self = WebClient.create(vertx, new WebClientOptions().setUserAgent("Goalpost/0.1 demo")
                .setTrustOptions(new PemTrustOptions().addCertPath(binding.tls().get().certificate().toString()))
                .setVerifyHost(false));
        try {
            return new Demo(vertx, plugins, sandboxes, accounts, sync, scheduler, database, self, apps)
                    .run(binding.selfHost(), port(), true, token);
        } finally {
            self.close();
        }
    }

    /**
     * Makes sure someone can sign in to a server without users: creates the admin from
     * {@code GOALPOST_ADMIN_PASSWORD} (and {@code GOALPOST_ADMIN_USER}, default {@code admin}), or else
     * issues a one-time setup token, writes it to {@code <data-dir>/setup-token} (mode 600) and answers
     * the setup address to print on the console. Empty when users exist or the admin was created.
     */
    public Optional<String> prepareFirstAdmin(Optional<String> adminUser, Optional<String> adminPassword) throws Exception {
        Optional<String> token = access.ensureFirstAdmin(adminUser, adminPassword).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        OwnerOnlyFile.write(config.dataDir().resolve("setup-token"), token.get());
        return Optional.of(config.http().url(port()) + "#/setup?token=" + token.get()); // url() ends in /
    }

    /** Every API route this server answers, with who may call it. */
    public List<ApiRoutes.Route> routes() {
        return routes.all();
    }

    /** Sign-in and trust: users, sessions, API tokens, the audit log. */
    public AccessControl access() {
        return access;
    }

    /** The PDF reports (summary and per goal), e.g. to send them by e-mail. */
    public ReportRenderer reports() {
        return reports;
    }

    /** The port the API listens on. */
    public int port() {
        return http.actualPort();
    }

    /** The database. */
    public Database database() {
        return database;
    }

    /** The demo's sandboxes, once {@link #runDemo} loaded them (never for {@code serve}). */
    public synchronized Optional<SandboxRegistry> sandboxes() {
        return Optional.ofNullable(sandboxes);
    }

    /** The network plugins this instance runs. */
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
        access.stop();
        if (pluginOperations != null) {
            pluginOperations.close();
        }
        scheduler.close();
        web.close();
        plugins.close();
        synchronized (this) {
            if (sandboxes != null) {
                sandboxes.close();
            }
        }
        database.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.getMessage());
        }
    }
}
