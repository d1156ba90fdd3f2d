package io.goalpost.platform.sync;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.CallQuota;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The networks' declared call quotas ({@link AdapterDescriptor#quotas()}) as token buckets in
 * PostgreSQL (Bucket4j, table {@code quota_bucket}, migration V120), shared by every instance on the
 * database: one bucket per app quota of a network, one per account quota and account.
 *
 * <p>A quota of {@code L} calls per window {@code W} becomes a bucket holding at most {@code B} calls
 * that refills {@code R = ⌊(0.99 − 0.25 s/W)·L⌋ − B} calls per {@code W} smoothly. Any interval of
 * length {@code W} then lets at most {@code B + R} calls through, whether the network counts in fixed
 * windows (LinkedIn's day from midnight UTC, X's 15 minutes) or sliding ones (Meta's hour, TikTok's
 * minute); the margin (1 %, and a quarter of a second's worth of calls) absorbs the time between taking
 * a call here and the request reaching the network. The
 * burst {@code B} trades against the steady rate. An app's quota is shared by many accounts syncing
 * one after the other, so its steady rate matters: {@code B = L/20}, about 94 % used steadily. An
 * account's quota is used in bursts, one sync at a time, so its burst matters: {@code B = L/2}, and a
 * new account's backfill of a few dozen calls runs at once instead of one call every half minute (its
 * steady rate is about 49 %).
 *
 * <p>Blocking (JDBC): called on sync threads, never on an event loop.
 */
public final class QuotaBuckets {

    /** How long one request may wait in line for an app's quota before the sync is deferred instead. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    private final ProxyManager<String> buckets;
    private final double timeScale;
    private final double limitScale;
    private final Duration maxWait;

    /** System property that compresses the quotas' windows ({@code ./goalpost benchmark sync --time-scale}). */
    public static final String TIME_SCALE_PROPERTY = "goalpost.quota.timeScale";
    /**
     * System property that shrinks every declared limit by a factor from 0 to 1
     * ({@code ./goalpost benchmark sync --quota-scale}): a small app's quotas, so that one binds in a run.
     */
    public static final String LIMIT_SCALE_PROPERTY = "goalpost.quota.limitScale";

    /** Buckets with the networks' real windows. */
    public QuotaBuckets(DataSource dataSource) {
        this(dataSource, 1.0, DEFAULT_MAX_WAIT);
    }

    /**
     * The server's buckets: the networks' real windows, unless the sync benchmark compressed them with
     * {@value #TIME_SCALE_PROPERTY} (its simulated networks then count in the same compressed windows).
     */
    public static QuotaBuckets configured(DataSource dataSource) {
        return new QuotaBuckets(dataSource, Double.parseDouble(System.getProperty(TIME_SCALE_PROPERTY, "1")),
                Double.parseDouble(System.getProperty(LIMIT_SCALE_PROPERTY, "1")), DEFAULT_MAX_WAIT);
    }

    /**
     * Buckets whose windows are {@code timeScale} times shorter than declared (the sync benchmark
     * compresses a day into minutes; 1 everywhere else), waiting at most {@code maxWait} in line.
     */
    public QuotaBuckets(DataSource dataSource, double timeScale, Duration maxWait) {
        this(dataSource, timeScale, 1.0, maxWait);
    }

    /** Buckets as above whose limits are also {@code limitScale} (0 to 1) of the declared ones (the sync benchmark). */
    public QuotaBuckets(DataSource dataSource, double timeScale, double limitScale, Duration maxWait) {
        if (!(timeScale >= 1.0)) {
            throw new IllegalArgumentException("time scale must be at least 1: " + timeScale);
        }
        if (!(limitScale > 0.0 && limitScale <= 1.0)) {
            throw new IllegalArgumentException("limit scale must be above 0 and at most 1: " + limitScale);
        }
        this.limitScale = limitScale;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("quota_bucket").idColumn("id").stateColumn("state").build();
        this.timeScale = timeScale;
        this.maxWait = maxWait;
    }

    /** How long a window of {@code quota} lasts here (its declared length divided by the time scale). */
    public Duration window(CallQuota quota) {
        return Duration.ofNanos(Math.max(1, (long) (quota.window().length().toNanos() / timeScale)));
    }

    /** The bucket of a quota: burst and refill per window, as the class comment says. */
    static BucketConfiguration configuration(CallQuota quota, Duration window) {
        long burst = burst(quota);
        long refill = refill(quota, window);
        Duration period = window;
        if (refill < 1) {
            // Two calls or fewer per window: one call per two windows keeps any window at one.
            refill = 1;
            period = window.multipliedBy(2);
        }
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, period).initialTokens(burst).build())
                .build();
    }

    /** The calls a quota's bucket holds at most (and at first). */
    static long burst(CallQuota quota) {
        return Math.max(1, quota.limit() / (quota.scope() == CallQuota.Scope.APP ? 20 : 2));
    }

    /** How long a request may take from here to the network: calls of that long are kept in reserve. */
    static final Duration IN_FLIGHT = Duration.ofMillis(250);

    /**
     * The calls a quota's bucket refills per window of length {@code window} (fewer than 1: one per two
     * windows). The reserve for calls in flight is real time, so it is a share of the window as it runs
     * here: in the sync benchmark's compressed windows (a minute in one second) that share is large, and
     * a reserve computed on the declared window instead let a call reach the network in its next,
     * already full window (a 429 in QuotaSchedulingTest on a loaded machine).
     */
    private static long refill(CallQuota quota, Duration window) {
        double margin = 0.01 + (double) IN_FLIGHT.toNanos() / window.toNanos();
        return (long) Math.floor(quota.limit() * (1 - margin)) - burst(quota);
    }

    /**
     * The share of a quota's limit its bucket lets through steadily here (about 0.94 for an app's quota,
     * 0.49 for an account's, less for tiny limits or compressed windows).
     */
    public double steadyShare(CallQuota quota) {
        long refill = refill(quota, window(quota));
        return refill < 1 ? 0.5 / quota.limit() : (double) refill / quota.limit();
    }

    /**
     * Takes one call of a request to {@code path} from every quota of the network that applies
     * (accountId ≤ 0: an account not saved yet, only the app's quotas), waiting up to the maximum wait
     * for each. Empty when the request may go now; otherwise the time the quota has room again, and
     * the request must not be sent.
     */
    public Optional<Instant> take(AdapterDescriptor network, long accountId, String path) throws InterruptedException {
        List<BucketProxy> taken = new ArrayList<>();
        for (CallQuota declared : applying(network, accountId, path)) {
            CallQuota quota = scaled(declared, limitScale);
            BucketProxy bucket = bucket(network.networkId(), quota, accountId);
            // Only an app's quota is waited for in line (Bucket4j reserves the calls in order, so the waiting
            // syncs take turns). An account's spent quota defers its sync at once: waiting would hold a sync
            // thread for every call, and accounts limited by their own quota would starve all the others.
            boolean ok = quota.scope() == CallQuota.Scope.APP ? bucket.asBlocking().tryConsume(1, maxWait) : bucket.tryConsume(1);
            if (!ok) {
                // The calls taken from the other quotas go back: the request is not sent, and an app's call
                // taken for an account whose own quota was spent was lost to every other account (a TikTok
                // app quota that bound ran at 88 % of its limit in its busiest minute while that happened).
                taken.forEach(b -> b.addTokens(1));
                // An account's sync comes back when its bucket is full again, so that a batch of several
                // requests can finish: coming back for every single call, it would lose the batch each time.
                long need = quota.scope() == CallQuota.Scope.ACCOUNT ? burst(quota) : 1;
                long nanos = bucket.estimateAbilityToConsume(need).getNanosToWaitForRefill();
                // A little jitter, so the accounts deferred together do not all come back at the same instant.
                long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, nanos / 4 + 1_000_000));
                return Optional.of(Instant.now().plusNanos(Math.max(nanos, maxWait.toNanos()) + jitter));
            }
            taken.add(bucket);
        }
        return Optional.empty();
    }

    /** A quota whose limit is {@code scale} of the declared one, at least 1 call. */
    public static CallQuota scaled(CallQuota quota, double scale) {
        return scale == 1.0 ? quota : new CallQuota(quota.scope(), quota.window(), Math.max(1, Math.round(quota.limit() * scale)),
                quota.calls(), quota.description());
    }

    /** The quotas of a network that a request to {@code path} for {@code accountId} counts against. */
    static List<CallQuota> applying(AdapterDescriptor network, long accountId, String path) {
        List<CallQuota> out = new ArrayList<>();
        for (CallQuota q : network.quotas()) {
            if (q.counts(path) && (q.scope() == CallQuota.Scope.APP || accountId > 0)) {
                out.add(q);
            }
        }
        // The account's own quotas first: they answer at once, so a spent one defers the request before
        // it waits in line for the app's.
        out.sort(java.util.Comparator.comparing(q -> q.scope() == CallQuota.Scope.APP));
        return out;
    }

    private BucketProxy bucket(String networkId, CallQuota quota, long accountId) {
        Duration window = window(quota);
        // The key names the quota's figures too: a plugin that declares other figures gets fresh buckets.
        String key = networkId + "|" + quota.scope().name().toLowerCase(java.util.Locale.ROOT) + "|" + quota.limit() + "/"
                + quota.window().name().toLowerCase(java.util.Locale.ROOT) + "|" + quota.calls()
                + (quota.scope() == CallQuota.Scope.ACCOUNT ? "|" + accountId : "")
                + (timeScale == 1.0 ? "" : "|x" + timeScale);
        return buckets.builder().build(key, () -> configuration(quota, window));
    }
}
