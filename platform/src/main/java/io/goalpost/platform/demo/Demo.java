package io.goalpost.platform.demo;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.sandbox.DemoAccount;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.platform.accounts.AccountService;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.connect.NetworkApps;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.plugins.SandboxRegistry;
import io.goalpost.platform.storage.Database;
import io.goalpost.platform.sync.Blocking;
import io.goalpost.platform.sync.SyncScheduler;
import io.goalpost.platform.sync.SyncService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: every network's sandbox (a separate sandbox zip, {@link SandboxRegistry}) on a loopback port
 * while its plugin runs, demo accounts connected to them and synced through the real adapters over real
 * HTTP, and a few goals across networks. Accounts connected to a sandbox are marked {@code origin:
 * "sandbox"} for good. A plugin installed or enabled after the demo started gets its sandbox too.
 *
 * <p>Networks that forget quickly (TikTok 60 days, Pinterest 90) or keep no follower history at all
 * (X) are replayed: the demo clock walks from a year ago to today and syncs at each step, exactly as
 * if Goalpost had been running for that year. On a restart the accounts are kept and only pointed
 * at the sandboxes' new ports.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final int REPLAY_DAYS = 365;
    private static final String REVOKED_TOKEN = "sandbox-revoked-by-user";

    private final Vertx vertx;
    private final PluginRegistry plugins;
    private final AccountService accounts;
    private final SyncService sync;
    private final SyncScheduler scheduler;
    private final Database database;
    private final WebClient web;
    private final NetworkApps apps;
    private final SandboxRegistry sandboxes;
    private final DemoClock clock = new DemoClock();
    /** The base URL each served sandbox listens on, by network: a server is started once and follows its plugin. */
    private final Map<String, String> served = new java.util.concurrent.ConcurrentHashMap<>();

    public Demo(Vertx vertx, PluginRegistry plugins, SandboxRegistry sandboxes, AccountService accounts, SyncService sync,
            SyncScheduler scheduler, Database database, WebClient web, NetworkApps apps) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.sandboxes = sandboxes;
        this.accounts = accounts;
        this.sync = sync;
        this.scheduler = scheduler;
        this.database = database;
        this.web = web;
        this.apps = apps;
    }

    /** What the demo set up. */
    public record Summary(int accounts, int goals, List<String> networks) {
    }

    /** Runs the demo against the API on loopback port {@code apiPort}. Blocking: call from a non-event-loop thread. */
    public Summary run(int apiPort, String apiToken) {
        return run("127.0.0.1", apiPort, false, apiToken);
    }

    /**
     * Runs the demo against the API at {@code apiHost:apiPort} (over HTTPS when {@code ssl}). Blocking:
     * call from a non-event-loop thread.
     */
    public Summary run(String apiHost, int apiPort, boolean ssl, String apiToken) {
        Map<String, String> sandboxUrls = new LinkedHashMap<>();
        for (LoadedNetwork network : plugins.loadedNetworks()) {
            serve(network.descriptor().networkId()).ifPresent(url -> sandboxUrls.put(network.descriptor().networkId(), url));
        }
        presetApps(sandboxUrls);
        // On a restart the accounts already there are pointed at the new sandbox ports; a network
        // without accounts (a first demo stopped while it set up) gets its demo accounts now.
        List<AccountStore.Stored> existing = Blocking.await(new AccountStore(database.pool()).list());
        if (!existing.isEmpty()) {
            repoint(existing, sandboxUrls);
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        existing.forEach(s -> present.add(s.account().network()));
        List<Long> created = new ArrayList<>();
        List<Long> replayed = new ArrayList<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Map.Entry<String, String> e : sandboxUrls.entrySet()) {
            if (!present.contains(e.getKey())) {
                connectDemoAccounts(e.getKey(), e.getValue(), today, created, replayed);
            }
        }
        for (long id : replayed) {
            replay(id);
        }
        created.forEach(scheduler::syncNow);
        // Goals come last, when every network has its history; a restart adds them if they are missing.
        long goals = Blocking.await(database.pool().query("SELECT count(*) AS n FROM goal").execute())
                .iterator().next().getLong("n");
        if (goals == 0) {
            goals = createGoals(apiHost, apiPort, ssl, apiToken, today);
        }
        try {
            new DemoAlerts(vertx, web, apiHost, apiPort, ssl, apiToken).setUp();
        } catch (RuntimeException e) {
            // The rest of the demo works without its alert channel.
            LOG.warn("Demo alerts not set up: {}", e.toString());
        }
        // A plugin installed or enabled from now on gets its sandbox (and, the first time, its demo accounts).
        // Off the registry's thread: the listener is called while it holds its lock.
        plugins.onNetworkStarted(networkId -> vertx.executeBlocking(() -> {
            networkStarted(networkId);
            return null;
        }, false).onFailure(e -> LOG.warn("Sandbox of {} not started: {}", networkId, e.toString())));
        int accountCount = existing.size() + created.size();
        LOG.info("Demo ready: {} accounts on {} networks, {} goals", accountCount, sandboxUrls.size(), goals);
        return new Summary(accountCount, (int) goals, List.copyOf(sandboxUrls.keySet()));
    }

    /**
     * Starts the loopback server of a network's sandbox if there is one and none runs yet; answers its
     * base URL (empty without a sandbox). Its URL is registered as a sandbox address, so every account
     * connected to it is marked {@code origin: "sandbox"}.
     */
    private java.util.Optional<String> serve(String networkId) {
        if (sandboxes.forNetwork(networkId).isEmpty()) {
            return java.util.Optional.empty();
        }
        synchronized (served) {
            String url = served.get(networkId);
            if (url == null) {
                HttpServer server = Blocking.await(SandboxServer.start(vertx, plugins, sandboxes, networkId, clock));
                url = "http://127.0.0.1:" + server.actualPort();
                accounts.sandboxAt(url);
                served.put(networkId, url);
                LOG.info("Sandbox for {} at {}", networkId, url);
            }
            return java.util.Optional.of(url);
        }
    }

    /** A network whose plugin started after the demo: its sandbox, its demo app and (once) its demo accounts. */
    private void networkStarted(String networkId) {
        java.util.Optional<String> url = serve(networkId);
        if (url.isEmpty()) {
            LOG.info("Network {} started: it has no sandbox, so the demo connects nothing to it", networkId);
            return;
        }
        presetApps(Map.of(networkId, url.get()));
        boolean present = Blocking.await(new AccountStore(database.pool()).list()).stream()
                .anyMatch(s -> s.account().network().equals(networkId));
        if (present) {
            return;
        }
        List<Long> created = new ArrayList<>();
        List<Long> replayed = new ArrayList<>();
        connectDemoAccounts(networkId, url.get(), LocalDate.now(ZoneOffset.UTC), created, replayed);
        replayed.forEach(this::replay);
        created.forEach(scheduler::syncNow);
        LOG.info("Network {} started after the demo: its sandbox serves {} demo account(s)", networkId, created.size());
    }

    /** Connects a network's demo accounts to its sandbox; those that need a replayed year go to {@code replayed}. */
    private void connectDemoAccounts(String networkId, String url, LocalDate today, List<Long> created, List<Long> replayed) {
        LoadedNetwork network = plugins.loaded(networkId).orElseThrow();
        SandboxRegistry.LoadedSandbox sandbox = sandboxes.forNetwork(networkId).orElseThrow();
        AdapterDescriptor d = network.descriptor();
        boolean replay = needsReplay(d);
        List<DemoAccount> demoAccounts = PluginRegistry.withLoader(sandbox.classLoader(),
                () -> sandbox.sandbox().demoAccounts(url));
        for (DemoAccount demo : demoAccounts) {
            long id = Blocking.await(accounts.connectUnchecked(new AccountService.ConnectRequest(d.networkId(),
                    demo.name(), demo.config()), replay ? today.minusDays(REPLAY_DAYS) : today));
            created.add(id);
            if (replay) {
                replayed.add(id);
            } else {
                sync.sync(id, Clock.systemUTC());
            }
        }
        if (d.networkId().equals("facebook") && !demoAccounts.isEmpty()) {
            created.add(revokedAccount(d, demoAccounts.get(0)));
        }
    }

    /**
     * Every network's app credentials for "Connect with …", as its sandbox accepts them, with the
     * sandbox as base URL: set at every start, since the sandboxes listen on new ports.
     */
    private void presetApps(Map<String, String> sandboxUrls) {
        for (Map.Entry<String, String> e : sandboxUrls.entrySet()) {
            LoadedNetwork network = plugins.loaded(e.getKey()).orElse(null);
            SandboxRegistry.LoadedSandbox sandbox = sandboxes.forNetwork(e.getKey()).orElse(null);
            if (network == null || sandbox == null || network.authorizer().isEmpty()) {
                continue;
            }
            java.util.Optional<AppCredentials> app = PluginRegistry.withLoader(sandbox.classLoader(),
                    () -> sandbox.sandbox().demoApp(e.getValue()));
            if (app.isPresent()) {
                Blocking.await(apps.put(e.getKey(), app.get().clientId(), app.get().clientSecret(),
                        app.get().baseUrl().orElse(e.getValue()), null));
                LOG.info("Demo app of {} set up: \"Connect with {}\" signs in at its sandbox", e.getKey(),
                        network.descriptor().displayName());
            }
        }
    }

    /** Short memory or snapshot-only history: build the year by syncing as time passes. */
    private static boolean needsReplay(AdapterDescriptor d) {
        return d.history().historyFromConnectionOnly() || d.history().maxLookbackDays() < REPLAY_DAYS / 2;
    }

    private void replay(long accountId) {
        AccountStore.Stored stored = Blocking.await(accounts.get(accountId));
        AdapterDescriptor d = plugins.network(stored.account().network()).orElseThrow();
        int step = d.history().historyFromConnectionOnly() ? 1
                : Math.max(1, d.history().maxLookbackDays() - d.history().reportingLagDays() - 5);
        Instant now = Instant.now();
        try {
            for (int daysAgo = REPLAY_DAYS; daysAgo > 0; daysAgo -= step) {
                clock.set(now.minus(Duration.ofDays(daysAgo)));
                sync.sync(accountId, clock);
            }
        } finally {
            clock.useRealTime();
        }
        sync.sync(accountId, Clock.systemUTC());
        LOG.info("Demo replayed {} days of {} account {}", REPLAY_DAYS, d.networkId(), accountId);
    }

    /** A Page whose owner revoked Goalpost's access: its sync shows what a user must do. */
    private long revokedAccount(AdapterDescriptor d, DemoAccount template) {
        Map<String, String> config = new HashMap<>(template.config());
        for (ConfigField f : d.config().fields()) {
            if (f.type() == FieldType.SECRET && config.containsKey(f.key())) {
                config.put(f.key(), REVOKED_TOKEN);
            }
        }
        // Another Page than the template's: the same Page twice is refused (it would count twice).
        if (!d.identityField().isEmpty() && config.containsKey(d.identityField())) {
            config.put(d.identityField(), config.get(d.identityField()) + "9");
        }
        long id = Blocking.await(accounts.connectUnchecked(new AccountService.ConnectRequest(d.networkId(),
                "Acme Legacy Page (access revoked)", config), LocalDate.now(ZoneOffset.UTC)));
        sync.sync(id, Clock.systemUTC());
        return id;
    }

    /** After a restart the sandboxes listen on new ports: point the demo accounts at them. */
    private void repoint(List<AccountStore.Stored> existing, Map<String, String> sandboxUrls) {
        AccountStore store = new AccountStore(database.pool());
        for (AccountStore.Stored s : existing) {
            String base = sandboxUrls.get(s.account().network());
            if (base == null) {
                continue;
            }
            Map<String, String> config = new LinkedHashMap<>(s.account().config());
            boolean changed = false;
            for (Map.Entry<String, String> e : config.entrySet()) {
                String v = e.getValue();
                if (v != null && v.startsWith("http://127.0.0.1:")) {
                    int slash = v.indexOf('/', "http://127.0.0.1:".length());
                    e.setValue(base + (slash < 0 ? "" : v.substring(slash)));
                    changed = true;
                }
            }
            if (changed) {
                Blocking.await(store.update(s.account().id(), s.account().name(), config, s.account().sealedSecrets()));
                scheduler.syncNow(s.account().id());
            }
        }
        LOG.info("Demo restarted: {} existing accounts pointed at the new sandbox ports", existing.size());
    }

    private int createGoals(String apiHost, int apiPort, boolean ssl, String apiToken, LocalDate today) {
        List<JsonObject> goals = List.of(
                goal("Grow our Facebook audience by 20 %", "brand_awareness", "followers", List.of("facebook"),
                        "increase_pct", 20, today.minusDays(30), today.plusDays(150), "Dana",
                        "A bigger audience makes every launch post reach further.")
                        .put("tactics", new JsonArray()
                                .add(tactic("Post a weekly behind-the-scenes reel", "Sam", today.plusDays(14), 4, 2))
                                .add(tactic("Run a follower giveaway with a partner brand", "Dana", today.plusDays(45), 4, 4))
                                .add(tactic("Pin the best-performing post each week", "Lee", today.plusDays(7), 2, 1))),
                goal("Lift Instagram engagement rate", "community_engagement", "engagement_rate_views",
                        List.of("instagram"), "increase_pct", 10, today.minusDays(14), today.plusDays(120), "Sam",
                        "Engaged followers are the ones who buy."),
                goal("More clicks to the shop from LinkedIn and Pinterest", "website_traffic", "link_clicks",
                        List.of("linkedin", "pinterest"), "increase_pct", 15, today.minusDays(21), today.plusDays(90),
                        "Lee", "Traffic from social is our cheapest acquisition channel."),
                goal("Double TikTok views", "brand_awareness", "views", List.of("tiktok"), "increase_pct", 100,
                        today.minusDays(10), today.plusDays(60), "Ari", "TikTok is where new customers find us."),
                goal("Grow X followers by 10 %", "brand_awareness", "followers", List.of("x"), "increase_pct", 10,
                        today.minusDays(20), today.plusDays(100), "Ari", "X is where press and partners follow us."));
        int created = 0;
        Long firstGoal = null;
        for (JsonObject g : goals) {
            var response = Blocking.await(web.post(apiPort, apiHost, "/api/goals").ssl(ssl)
                    .putHeader("Authorization", "Bearer " + apiToken).sendJsonObject(g));
            if (response.statusCode() == 201) {
                created++;
                if (firstGoal == null) {
                    firstGoal = response.bodyAsJsonObject().getLong("id");
                }
            } else {
                LOG.warn("Demo goal '{}' not created: {}", g.getString("title"), response.bodyAsString());
            }
        }
        // Two annotations, so chart markers and the report's list show at once: one on every chart, one on a goal.
        List<JsonObject> notes = List.of(
                new JsonObject().put("day", today.minusDays(12).toString()).put("text", "Spring campaign starts"),
                new JsonObject().put("day", today.minusDays(5).toString()).put("text", "Facebook algorithm change")
                        .put("goal_id", firstGoal));
        for (JsonObject n : notes) {
            var response = Blocking.await(web.post(apiPort, apiHost, "/api/annotations").ssl(ssl)
                    .putHeader("Authorization", "Bearer " + apiToken).sendJsonObject(n));
            if (response.statusCode() != 201) {
                LOG.warn("Demo annotation '{}' not created: {}", n.getString("text"), response.bodyAsString());
            }
        }
        return created;
    }

    private static JsonObject goal(String title, String objective, String kpi, List<String> networks, String targetType,
            double value, LocalDate start, LocalDate deadline, String owner, String why) {
        return new JsonObject().put("title", title).put("objective", objective).put("kpi", kpi)
                .put("scope", new JsonObject().put("networks", new JsonArray(networks)).put("accounts", new JsonArray()))
                .put("target", new JsonObject().put("type", targetType).put("value", value))
                .put("start", start.toString()).put("deadline", deadline.toString()).put("owner", owner).put("why", why);
    }

    private static JsonObject tactic(String title, String owner, LocalDate due, int value, int complexity) {
        return new JsonObject().put("title", title).put("owner", owner).put("due", due.toString())
                .put("status", "todo").put("value", value).put("complexity", complexity);
    }
}
