package io.goalpost.platform.sync;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.CredentialsPort;
import io.goalpost.plugin.api.Cursor;
import io.goalpost.plugin.api.DateRange;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HttpPort;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.platform.accounts.Account;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.http.HostHttpPort;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.kpis.Params;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.security.RedactedThrowable;
import io.goalpost.platform.security.Redactor;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one account's adapter over the days not yet fetched (the initial backfill reaches back to the
 * network's history limit; later runs re-read the last days, which networks still revise), storing
 * each batch with its cursor. Blocking: runs on scheduler or worker threads, never an event loop.
 */
public final class SyncService {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    private static final int MIN_REREAD_DAYS = 3;
    private static final Duration TRANSIENT_BACKOFF = Duration.ofMinutes(5);
    /** How soon a sync asked while its network's plugin is being swapped tries again. */
    private static final Duration SWAP_RETRY = Duration.ofSeconds(5);
    private static final int MAX_BATCHES_PER_WINDOW = 5_000;
    /** How long a later turn of a backfill fetches before the account queues again behind the others. */
    static final Duration BACKFILL_TURN = Duration.ofSeconds(5);
    /** How long one check or fetch call may take (docs/writing-a-plugin.md, "Deadlines and batch sizes"). */
    public static final Duration CALL_DEADLINE = io.goalpost.plugin.api.NetworkAdapter.CALL_DEADLINE;
    /**
     * Threads that run plugin calls, so the caller can stop waiting at the deadline. Daemon threads: a
     * plugin that ignores interruption cannot keep the server from stopping.
     */
    private static final java.util.concurrent.ExecutorService CALLS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "goalpost-plugin-call");
        t.setDaemon(true);
        return t;
    });

    private final AccountStore accounts;
    private final PluginRegistry plugins;
    private final Credentials credentials;
    private final WebClient web;
    private final OutboundPolicy outbound;
    private final MetricWriter writer;
    private final FollowerHistory followers;
    private final Pool pool;
    private final Duration callDeadline;
    private final SyncLeases leases;
    /** The networks' quotas every request takes from, or null: none enforced (tests of other features). */
    private final QuotaBuckets quotas;

    public SyncService(AccountStore accounts, PluginRegistry plugins, Credentials credentials, WebClient web,
            OutboundPolicy outbound, Pool pool) {
        this(accounts, plugins, credentials, web, outbound, pool, CALL_DEADLINE);
    }

    /** As above, with another deadline per plugin call (tests). */
    public SyncService(AccountStore accounts, PluginRegistry plugins, Credentials credentials, WebClient web,
            OutboundPolicy outbound, Pool pool, Duration callDeadline) {
        this(accounts, plugins, credentials, web, outbound, pool, callDeadline, new SyncLeases(pool, SyncScheduler.instanceName()));
    }

    /** As above, with the leases of another instance name (tests run several instances in one process). */
    public SyncService(AccountStore accounts, PluginRegistry plugins, Credentials credentials, WebClient web,
            OutboundPolicy outbound, Pool pool, SyncLeases leases) {
        this(accounts, plugins, credentials, web, outbound, pool, CALL_DEADLINE, leases, null);
    }

    /**
     * As above, keeping every request inside the networks' declared quotas ({@code quotas}, shared by
     * every instance on the database); the server runs it so.
     */
    public SyncService(AccountStore accounts, PluginRegistry plugins, Credentials credentials, WebClient web,
            OutboundPolicy outbound, Pool pool, SyncLeases leases, QuotaBuckets quotas) {
        this(accounts, plugins, credentials, web, outbound, pool, CALL_DEADLINE, leases, quotas);
    }

    private SyncService(AccountStore accounts, PluginRegistry plugins, Credentials credentials, WebClient web,
            OutboundPolicy outbound, Pool pool, Duration callDeadline, SyncLeases leases) {
        this(accounts, plugins, credentials, web, outbound, pool, callDeadline, leases, null);
    }

    private SyncService(AccountStore accounts, PluginRegistry plugins, Credentials credentials, WebClient web,
            OutboundPolicy outbound, Pool pool, Duration callDeadline, SyncLeases leases, QuotaBuckets quotas) {
        this.quotas = quotas;
        this.callDeadline = callDeadline;
        this.leases = leases;
        this.accounts = accounts;
        this.plugins = plugins;
        this.credentials = credentials;
        this.web = web;
        this.outbound = outbound;
        this.writer = new MetricWriter(pool);
        this.followers = new FollowerHistory(pool);
        this.pool = pool;
    }

    /** The leases of running syncs. */
    public SyncLeases leases() {
        return leases;
    }

    /** An adapter for an account, with everything the host provides it. */
    public NetworkAdapter open(LoadedNetwork network, long accountId, ConfigValues values, Clock clock) {
        CredentialsPort store = accountId > 0 ? storeRefreshed(network, accountId) : new CapturedCredentials();
        return open(network, store, values, clock, accountId);
    }

    /**
     * An adapter whose refreshed credentials go to {@code store}, for an account not saved yet (the
     * connection check): its requests take from the network's app quotas only.
     */
    public NetworkAdapter open(LoadedNetwork network, CredentialsPort store, ConfigValues values, Clock clock) {
        return open(network, store, values, clock, 0);
    }

    private NetworkAdapter open(LoadedNetwork network, CredentialsPort store, ConfigValues values, Clock clock, long accountId) {
        Redactor redactor = new Redactor(values.secretValues());
        // The plugin's hosts plus, for a server chosen per account, the host of that account's URL field.
        HostHttpPort host = new HostHttpPort(web, outbound, network.descriptor().hostsFor(values), redactor,
                Duration.ofSeconds(30));
        HttpPort http = quotas == null || network.descriptor().quotas().isEmpty() ? host
                : new QuotaHttpPort(host, quotas, network.descriptor(), accountId);
        return PluginRegistry.withLoader(network.classLoader(),
                () -> network.factory().create(new HostAdapterContext(http, clock, store), values));
    }

    /** A port for HTTP calls outside an adapter (a sign-in flow), with the given hosts allowed. */
    public HostHttpPort http(java.util.Set<String> hosts, Redactor redactor) {
        return new HostHttpPort(web, outbound, hosts, redactor, Duration.ofSeconds(30));
    }

    private CredentialsPort storeRefreshed(LoadedNetwork network, long accountId) {
        return new CredentialsPort() {
            @Override
            public void store(Map<String, String> updated) throws AdapterException {
                try {
                    Account account = Blocking.await(accounts.get(accountId)).orElseThrow().account();
                    ConfigSpec spec = network.descriptor().config();
                    Map<String, String> secrets = new HashMap<>(credentials.secrets(account));
                    Map<String, String> plain = new HashMap<>();
                    updated.forEach((k, v) -> {
                        if (spec.secretKeys().contains(k)) {
                            secrets.put(k, v);
                        } else if (spec.field(k).isPresent() && v != null) {
                            plain.put(k, v); // e.g. when Instagram's token was renewed, which times its next renewal
                        }
                    });
                    Blocking.await(accounts.updateSecrets(accountId, credentials.seal(secrets)));
                    if (!plain.isEmpty()) {
                        Blocking.await(accounts.updateConfigValues(accountId, plain));
                    }
                    LOG.info("Stored refreshed credentials for account {}", accountId);
                } catch (RuntimeException e) {
                    throw new AdapterException.TransientFailure("could not store refreshed credentials");
                }
            }

            @Override
            public void expires(Optional<Instant> accessExpiresAt, Optional<Instant> refreshExpiresAt)
                    throws AdapterException {
                try {
                    Blocking.await(accounts.recordRenewedExpiry(accountId,
                            AccountStore.TokenExpiry.of(accessExpiresAt, refreshExpiresAt)));
                } catch (RuntimeException e) {
                    throw new AdapterException.TransientFailure("could not store when the tokens lapse");
                }
            }
        };
    }

    /**
     * Checks the connection of an unsaved configuration (the connect form). Tokens the adapter refreshes
     * on the way are dropped: use {@link #check(LoadedNetwork, ConfigValues, Clock, CapturedCredentials)}
     * to keep them.
     */
    public CheckResult check(LoadedNetwork network, ConfigValues values, Clock clock) throws AdapterException {
        return check(network, values, clock, new CapturedCredentials());
    }

    /**
     * Checks the connection of a configuration before it is saved; what the adapter stores on the way
     * (a rotated token) is kept in {@code captured}, also when the check then fails.
     */
    public CheckResult check(LoadedNetwork network, ConfigValues values, Clock clock, CapturedCredentials captured)
            throws AdapterException {
        try (NetworkAdapter adapter = open(network, captured, values, clock)) {
            return call(network, new Redactor(values.secretValues()), adapter::check);
        }
    }

    /**
     * Syncs one account up to today of the given clock, its whole history when it is backfilling.
     * Never throws for adapter failures: they are recorded.
     */
    public SyncOutcome sync(long accountId, Clock clock) {
        return sync(accountId, clock, false);
    }

    /**
     * One turn of the scheduler. An account that is backfilling fetches its history newest first: its
     * first turn the most recent window only, later turns older windows for up to {@link #BACKFILL_TURN};
     * while history remains it answers {@code retryAt} now, so it queues behind every account due before
     * it: each account gets its recent days before any account's older history. Otherwise as
     * {@link #sync(long, Clock)}.
     */
    public SyncOutcome syncTurn(long accountId, Clock clock) {
        return sync(accountId, clock, true);
    }

    private SyncOutcome sync(long accountId, Clock clock, boolean oneTurn) {
        Optional<AccountStore.Stored> found = Blocking.await(accounts.get(accountId));
        if (found.isEmpty()) {
            return new SyncOutcome(false, null, 0, 0);
        }
        Account account = found.get().account();
        if (account.isManual()) {
            return new SyncOutcome(true, null, 0, 0);
        }
        // The network is leased for the whole sync, so a live upgrade or disable of its plugin waits for it.
        Optional<PluginRegistry.Lease> lease = plugins.lease(account.network());
        if (lease.isEmpty()) {
            PluginRegistry.Availability why = plugins.availability(account.network());
            if (why.status().equals("swapping")) {
                // Its plugin is being replaced: try again in a moment, without marking the account.
                return new SyncOutcome(false, Instant.now(clock).plus(SWAP_RETRY), 0, 0);
            }
            String status = why.status().equals("ready") ? "plugin_missing" : why.status();
            recordFailure(accountId, status, status, why.reason() == null ? "the plugin for network '" + account.network()
                    + "' is not installed or failed to load" : why.reason(), null);
            return new SyncOutcome(false, null, 0, 0);
        }
        try (PluginRegistry.Lease held = lease.get()) {
            return sync(accountId, account, Optional.of(held.network()), clock, oneTurn);
        }
    }

    private SyncOutcome sync(long accountId, Account account, Optional<LoadedNetwork> network, Clock clock, boolean oneTurn) {
        AdapterDescriptor descriptor = network.get().descriptor();
        ConfigValues values;
        try {
            values = credentials.values(descriptor.config(), account);
        } catch (RuntimeException e) {
            recordFailure(accountId, "config_invalid", "config_invalid", "stored settings cannot be read: " + e.getMessage(), null);
            return new SyncOutcome(false, null, 0, 0);
        }
        // Until a sync first finishes, the account is backfilling its history (platform/API-accounts.md).
        // The lease keeps a second sync of this account (another instance, the demo) from starting meanwhile.
        Optional<SyncLeases.Taken> taken = leases.take(accountId);
        if (taken.isEmpty()) {
            LOG.info("Account {} is syncing elsewhere; not started again", accountId);
            // Try again soon: a lease left by a killed instance lapses within SyncLeases.TTL.
            return new SyncOutcome(false, Instant.now(clock).plus(SyncLeases.RENEW_EVERY), 0, 0);
        }
        try {
            return syncLeased(accountId, account, network.get(), values, taken.get().backfilling(), taken.get().lease().owner(),
                    clock, oneTurn);
        } finally {
            leases.release(taken.get().lease());
        }
    }

    /** The leased part of {@link #sync}: fetch and store, then record how it ended. */
    private SyncOutcome syncLeased(long accountId, Account account, LoadedNetwork loaded, ConfigValues values,
            boolean backfilling, String owner, Clock clock, boolean oneTurn) {
        Optional<LoadedNetwork> network = Optional.of(loaded);
        AdapterDescriptor descriptor = loaded.descriptor();
        Redactor redactor = new Redactor(values.secretValues());
        int[] counts = new int[2];
        UnavailableFilter filter = new UnavailableFilter(descriptor);
        purgeUnavailable(accountId, descriptor);
        try (NetworkAdapter adapter = open(network.get(), accountId, values, clock)) {
            if (account.externalId() == null) {
                CheckResult check = call(network.get(), redactor, adapter::check);
                Blocking.await(accounts.updateIdentity(accountId, check.identity().externalId(), check.identity().handle(),
                        check.identity().displayName(), check.identity().reportingZone()));
                account = Blocking.await(accounts.get(accountId)).orElseThrow().account();
            }
            List<Window> windows = plan(accountId, account, descriptor, clock, backfilling);
            Backfill progress = backfilling ? startBackfill(accountId, account, descriptor, clock) : null;
            // A turn of a backfill: its first turn fetches the most recent window only, so that every account
            // waiting gets its recent days before any account's older history; later turns fetch older
            // windows for up to BACKFILL_TURN (a window resumed from its cursor comes first).
            boolean firstTurn = windows.stream().noneMatch(w -> w.cursor().isPresent()) && neverFetched(accountId);
            long turnEnds = System.nanoTime() + BACKFILL_TURN.toNanos();
            int take = 0;
            // A turn also ends inside a window, between two batches: one window of an account with years of
            // posts (Instagram's media insights, a call per post) took minutes and held its thread that long.
            long windowEnds = oneTurn && backfilling ? turnEnds : Long.MAX_VALUE;
            while (take < windows.size()) {
                if (!runWindow(network.get(), adapter, account, descriptor, windows.get(take), clock, counts, filter, progress,
                        redactor, windowEnds)) {
                    break; // the window stays open with its cursor, and is resumed first next turn
                }
                take++;
                if (oneTurn && backfilling && (firstTurn || System.nanoTime() > turnEnds)) {
                    break;
                }
            }
            if (take < windows.size()) {
                // More history to fetch: queue behind the accounts due before this one.
                Blocking.await(pool.preparedQuery("UPDATE sync_state SET status = 'queued', last_error = NULL, "
                        + "last_error_kind = NULL, last_error_at = NULL, retry_at = NULL, warnings = $2, " + GIVE_BACK
                        + "WHERE account_id = $1")
                        .execute(Params.of(accountId, filter.warnings().toArray(String[]::new), owner)));
                LOG.info("Account {} ({}): {} points, {} posts of its history; {} window(s) to go", accountId,
                        account.network(), counts[0], counts[1], windows.size() - take);
                return new SyncOutcome(true, Instant.now(clock), counts[0], counts[1], true);
            }
            if (FollowerHistory.applies(descriptor)) {
                Blocking.await(followers.rebuild(accountId, !FollowerHistory.lowerBound(descriptor),
                        descriptor.reportingLagDays(CanonicalMetric.FOLLOWER_GAINS.id())));
            }
            Blocking.await(pool.preparedQuery("UPDATE sync_state SET status = 'ok', last_success_at = now(), "
                    + "last_error = NULL, last_error_kind = NULL, last_error_at = NULL, retry_at = NULL, warnings = $2, "
                    + "backfill_done_at = COALESCE(backfill_done_at, now()), "
                    + "backfill_days_done = GREATEST(backfill_days_done, COALESCE(backfill_days_total, 0)), " + GIVE_BACK
                    + "WHERE account_id = $1")
                    .execute(Params.of(accountId, filter.warnings().toArray(String[]::new), owner)));
            filter.warnings().forEach(w -> LOG.warn("Account {}: {}", accountId, w));
            LOG.info("Synced account {} ({}): {} points, {} posts", accountId, account.network(), counts[0], counts[1]);
            return new SyncOutcome(true, null, counts[0], counts[1]);
        } catch (AdapterException e) {
            if (QuotaHttpPort.isDeferral(e)) {
                // Not a failure: the network's quota has no room now; the sync continues when it has.
                Instant at = ((AdapterException.RateLimited) e).retryAt();
                Blocking.await(pool.preparedQuery("UPDATE sync_state SET status = 'queued', retry_at = $2, " + GIVE_BACK
                        + "WHERE account_id = $1").execute(Tuple.of(accountId, at.atOffset(ZoneOffset.UTC), owner)));
                LOG.debug("Sync of account {} ({}) waits for the quota until {}", accountId, account.network(), at);
                return new SyncOutcome(false, at, counts[0], counts[1], backfilling);
            }
            Instant retryAt = retryAt(e, clock);
            // A throttled check of an account never checked (connected while the network throttled us)
            // means its credentials are not verified yet, not that they failed.
            String status = account.externalId() == null && retryAt != null
                    && (e instanceof AdapterException.RateLimited || e instanceof AdapterException.QuotaExhausted)
                    ? "pending_check" : statusOf(e);
            recordFailure(accountId, status, e.kind(), redactor.redact(e.getMessage()), retryAt, owner);
            LOG.warn("Sync of account {} ({}) stopped: {} ({})", accountId, account.network(),
                    redactor.redact(e.getMessage()), e.kind());
            return new SyncOutcome(false, retryAt, counts[0], counts[1], backfilling);
        } catch (RuntimeException e) {
            String message = "unexpected failure: " + redactor.redact(String.valueOf(e.getMessage()));
            recordFailure(accountId, "error", "error", message, Instant.now(clock).plus(TRANSIENT_BACKOFF), owner);
            LOG.error("Sync of account {} failed unexpectedly: {}", accountId, message, RedactedThrowable.of(e, redactor));
            return new SyncOutcome(false, Instant.now(clock).plus(TRANSIENT_BACKOFF), counts[0], counts[1], backfilling);
        }
    }

    /**
     * Removes values stored earlier for metrics the network now declares it cannot report (by an older
     * plugin, or before the host refused them): they would show as real numbers.
     */
    private void purgeUnavailable(long accountId, AdapterDescriptor descriptor) {
        String[] metrics = descriptor.unavailable().keySet().stream().map(m -> m.value()).toArray(String[]::new);
        if (metrics.length == 0) {
            return;
        }
        boolean stored = Blocking.await(pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM metric_point WHERE account_id = $1 "
                + "AND source = 'sync' AND metric = ANY($2::text[])) OR EXISTS (SELECT 1 FROM post_metric WHERE account_id = $1 "
                + "AND metric = ANY($2::text[])) AS found").execute(Params.of(accountId, metrics)))
                .iterator().next().getBoolean("found");
        if (!stored) {
            return;
        }
        Blocking.await(pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM metric_point WHERE account_id = $1 "
                + "AND source = 'sync' AND metric = ANY($2::text[])").execute(Params.of(accountId, metrics))
                .compose(v -> tx.preparedQuery("DELETE FROM post_metric WHERE account_id = $1 AND metric = ANY($2::text[])")
                        .execute(Params.of(accountId, metrics)))));
    }

    /** True when nothing of the account's history was fetched yet. */
    private boolean neverFetched(long accountId) {
        return Blocking.await(pool.preparedQuery("SELECT synced_through IS NULL AS never FROM sync_state WHERE account_id = $1")
                .execute(Tuple.of(accountId))).iterator().next().getBoolean("never");
    }

    /** A window to fetch, possibly resuming from a stored cursor. */
    private record Window(DateRange range, Optional<Cursor> cursor) {
    }

    /**
     * The windows to fetch. A regular sync re-reads the days that were not final at the last one and
     * reads on to today, oldest first. A backfill fetches the most recent days first and then ever
     * older history (synced_through is the newest day fetched, history_from the oldest: everything
     * between them is stored), so the days users look at first are there first.
     */
    private List<Window> plan(long accountId, Account account, AdapterDescriptor descriptor, Clock clock, boolean backfilling) {
        Row state = Blocking.await(pool.preparedQuery("SELECT synced_through, history_from, window_from, window_to, "
                + "cursor_version, cursor_token FROM sync_state WHERE account_id = $1").execute(Tuple.of(accountId)))
                .iterator().next();
        LocalDate today = LocalDate.now(clock.withZone(account.reportingZone()));
        LocalDate oldest = today.minusDays(descriptor.history().maxLookbackDays() - 1L);
        LocalDate syncedThrough = state.getLocalDate("synced_through");
        int perRequest = descriptor.history().maxDaysPerRequest();
        List<Window> windows = new java.util.ArrayList<>();
        LocalDate openFrom = state.getLocalDate("window_from");
        LocalDate openTo = state.getLocalDate("window_to");
        String token = state.getString("cursor_token");
        DateRange open = null;
        if (openFrom != null && openTo != null && token != null && !openTo.isBefore(oldest)) {
            open = new DateRange(max(openFrom, oldest), openTo);
            windows.add(new Window(open, Optional.of(new Cursor(state.getInteger("cursor_version"), token))));
        }
        if (backfilling) {
            List<DateRange> missing = new java.util.ArrayList<>();
            if (syncedThrough == null) {
                missing.add(new DateRange(oldest, today));
            } else {
                if (syncedThrough.isBefore(today)) {
                    missing.add(new DateRange(max(oldest, syncedThrough.plusDays(1)), today));
                }
                LocalDate historyFrom = state.getLocalDate("history_from");
                if (historyFrom != null && historyFrom.isAfter(oldest)) {
                    missing.add(new DateRange(oldest, historyFrom.minusDays(1)));
                }
            }
            for (DateRange range : missing) {
                for (DateRange part : BackfillOrder.without(range, open)) {
                    BackfillOrder.newestFirst(part, perRequest).forEach(r -> windows.add(new Window(r, Optional.empty())));
                }
            }
            return windows;
        }
        // Re-read every day that was not final at the last sync, for the slowest metric too.
        int slowest = descriptor.reportable().stream().mapToInt(descriptor::reportingLagDays).max().orElse(0);
        int reread = Math.max(MIN_REREAD_DAYS, Math.max(descriptor.history().reportingLagDays() + 2, slowest + 1));
        LocalDate start = syncedThrough == null ? oldest : max(oldest, syncedThrough.minusDays(reread - 1L));
        if (open != null) {
            start = max(start, openTo.plusDays(1));
        }
        if (!start.isAfter(today)) {
            new DateRange(start, today).split(perRequest).forEach(r -> windows.add(new Window(r, Optional.empty())));
        }
        return windows;
    }

    /**
     * Fetches and stores a window batch by batch, each batch's cursor stored with it. Stops early, after a
     * batch, once {@code System.nanoTime()} passes {@code endsAtNanos} ({@link Long#MAX_VALUE}: never).
     *
     * @return true when the window is complete, false when it stopped early and is left open to resume
     */
    private boolean runWindow(LoadedNetwork network, NetworkAdapter adapter, Account account, AdapterDescriptor descriptor,
            Window window, Clock clock, int[] counts, UnavailableFilter filter, Backfill progress, Redactor redactor,
            long endsAtNanos) throws AdapterException {
        boolean derivePosts = descriptor.reportable().contains(CanonicalMetric.POSTS_PUBLISHED.id());
        LocalDate seenOn = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        FetchRequest request = new FetchRequest(window.range(), window.cursor());
        boolean restarted = false;
        for (int i = 0; i < MAX_BATCHES_PER_WINDOW; i++) {
            FetchResult batch;
            try {
                FetchRequest current = request;
                batch = filter.apply(call(network, redactor, () -> adapter.fetch(current)));
            } catch (AdapterException.CursorInvalid e) {
                if (restarted || request.cursor().isEmpty()) {
                    throw e;
                }
                // A cursor from an older plugin version: start the window again; upserts make it harmless.
                LOG.info("Account {}: stored cursor not accepted ({}), restarting {}", account.id(), e.getMessage(), window.range());
                restarted = true;
                request = FetchRequest.of(window.range());
                continue;
            }
            Blocking.await(writer.writeBatch(account.id(), account.reportingZone(), window.range(), batch, seenOn, derivePosts));
            counts[0] += batch.points().size();
            counts[1] += batch.posts().size();
            if (progress != null) {
                advanceBackfill(progress, batch);
            }
            if (batch.isLast()) {
                return true;
            }
            if (endsAtNanos != Long.MAX_VALUE && System.nanoTime() - endsAtNanos > 0) {
                return false;
            }
            request = FetchRequest.resume(window.range(), batch.next().get());
        }
        throw new AdapterException.BadResponse("the adapter did not finish " + window.range() + " within "
                + MAX_BATCHES_PER_WINDOW + " batches");
    }

    /**
     * Calls into plugin code on a thread of its own, with the plugin's class loader as context loader,
     * and waits at most {@link #callDeadline} (the deadline {@code NetworkAdapter} promises plugins):
     * a call that overruns is interrupted and reported as a transient failure, so a plugin that hangs
     * cannot hold a sync forever. A plugin bug (any exception other than an {@link AdapterException})
     * is logged with its stack trace, secrets removed, so the plugin's author can find it; the
     * account shows it as a {@code bad_response}.
     */
    private <T> T call(LoadedNetwork network, Redactor redactor, AdapterCall<T> call) throws AdapterException {
        java.util.concurrent.Future<T> future = CALLS.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(network.classLoader());
            try {
                return call.run();
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
        try {
            return future.get(callDeadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            LOG.warn("Plugin {} did not return within {} s; interrupted it", network.pluginId(), callDeadline.toSeconds());
            throw new AdapterException.TransientFailure("plugin " + network.pluginId() + " did not answer within "
                    + callDeadline.toSeconds() + " s (the deadline of one call); the sync will be retried");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AdapterException.TransientFailure("interrupted while waiting for plugin " + network.pluginId());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AdapterException a) {
                throw a;
            }
            if (cause instanceof Error err && !(cause instanceof LinkageError)) {
                throw err;
            }
            LOG.error("Plugin {} failed unexpectedly (a bug in the plugin, not a network error)", network.pluginId(),
                    RedactedThrowable.of(cause, redactor));
            throw new AdapterException.BadResponse("plugin " + network.pluginId() + " failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                            : ": " + redactor.redact(cause.getMessage())));
        }
    }

    @FunctionalInterface
    private interface AdapterCall<T> {
        T run() throws AdapterException;
    }

    /**
     * Records a failed sync: the status the account is left in, and the failure's kind (the adapter's
     * {@link AdapterException#kind()}, e.g. {@code rate_limited}; the API's {@code lastErrorKind}).
     */
    private void recordFailure(long accountId, String status, String kind, String message, Instant retryAt) {
        recordFailure(accountId, status, kind, message, retryAt, null);
    }

    /** As above, giving back the lease {@code owner} holds (null: none) in the same statement. */
    private void recordFailure(long accountId, String status, String kind, String message, Instant retryAt, String owner) {
        Blocking.await(pool.preparedQuery("UPDATE sync_state SET status = $2, last_error = $3, last_error_kind = $5, "
                + "last_error_at = now(), retry_at = $4, " + GIVE_BACK.replace("$3", "$6") + "WHERE account_id = $1")
                .execute(Tuple.of(accountId, status, message, retryAt == null ? null : retryAt.atOffset(ZoneOffset.UTC),
                        kind, owner)));
    }

    /**
     * Gives back the lease of owner $3 in the statement that writes how the sync ended, so that nobody
     * sees the final status while the lease still says the sync runs ("Sync now" right after an error
     * answered 409). A lease someone else holds is left alone.
     */
    private static final String GIVE_BACK = "lease_owner = CASE WHEN lease_owner = $3 THEN NULL ELSE lease_owner END, "
            + "lease_expires_at = CASE WHEN lease_owner = $3 THEN NULL ELSE lease_expires_at END ";

    /** The first sync's progress: its oldest day and how many days it fetches. */
    private record Backfill(long accountId, LocalDate oldest) {
    }

    private Backfill startBackfill(long accountId, Account account, AdapterDescriptor descriptor, Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(account.reportingZone()));
        int total = descriptor.history().maxLookbackDays();
        LocalDate oldest = today.minusDays(total - 1L);
        Blocking.await(pool.preparedQuery("UPDATE sync_state SET backfill_days_total = $2, backfill_days_done = "
                + "LEAST($2, GREATEST(0, COALESCE(" + DAYS_FETCHED + ", 0))) WHERE account_id = $1")
                .execute(Tuple.of(accountId, total, oldest)));
        return new Backfill(accountId, oldest);
    }

    /**
     * The days of the backfill stored so far, with $3 its oldest day: from the oldest day fetched
     * (history_from; 1970-01-01, migration V120, for an account fetched oldest first by earlier versions)
     * to the newest (synced_through). Null before the first window ends.
     */
    private static final String DAYS_FETCHED = "synced_through - GREATEST(history_from, $3::date) + 1";

    /** Counts a stored batch into the backfill: its posts, and the days stored once its window ends. */
    private void advanceBackfill(Backfill progress, FetchResult batch) {
        Blocking.await(pool.preparedQuery("UPDATE sync_state SET backfill_posts = backfill_posts + $2, "
                + "backfill_days_done = LEAST(COALESCE(backfill_days_total, 0), GREATEST(backfill_days_done, "
                + "COALESCE(" + DAYS_FETCHED + ", 0))) WHERE account_id = $1")
                .execute(Tuple.of(progress.accountId(), batch.posts().size(), progress.oldest())));
    }

    /** The sync status an error leaves the account in. */
    static String statusOf(AdapterException e) {
        return switch (e.kind()) {
            case "auth_expired" -> "needs_reauth";
            case "permission_missing", "rate_limited", "quota_exhausted", "config_invalid" -> e.kind();
            default -> "error";
        };
    }

    private static Instant retryAt(AdapterException e, Clock clock) {
        if (e instanceof AdapterException.RateLimited r) {
            return r.retryAt();
        }
        if (e instanceof AdapterException.QuotaExhausted q) {
            return q.resetsAt();
        }
        return e.retryable() ? Instant.now(clock).plus(TRANSIENT_BACKOFF) : null;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
