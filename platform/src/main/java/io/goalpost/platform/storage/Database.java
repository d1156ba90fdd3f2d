package io.goalpost.platform.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.goalpost.platform.config.ServerConfig;
import io.goalpost.platform.sync.SyncScheduler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's PostgreSQL: embedded or external, migrated by Flyway at start-up, then reached
 * through the Vert.x reactive pool for requests and a small JDBC pool for the job scheduler and bulk
 * loads.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Optional<EmbeddedDatabase> embedded;
    private final DatabaseUrl url;
    private final HikariDataSource jdbc;
    private final Pool pool;
    private final Pool quickPool;
    private final Pool syncPool;

    /** The most connections of {@link #syncPool()} (the embedded server allows 50 in all). */
    public static final int SYNC_POOL_MAX = 16;

    private Database(Optional<EmbeddedDatabase> embedded, DatabaseUrl url, HikariDataSource jdbc, Pool pool, Pool quickPool,
            Pool syncPool) {
        this.embedded = embedded;
        this.url = url;
        this.jdbc = jdbc;
        this.pool = pool;
        this.quickPool = quickPool;
        this.syncPool = syncPool;
    }

    /** Starts or connects to the database and applies pending migrations. Blocking: call at start-up. */
    public static Database open(Vertx vertx, ServerConfig config) {
        Optional<EmbeddedDatabase> embedded = config.databaseUrl().isPresent()
                ? Optional.empty() : Optional.of(EmbeddedDatabase.start(config.dataDir()));
        DatabaseUrl url = config.databaseUrl().map(DatabaseUrl::parse).orElseGet(() -> embedded.get().url());
        try {
            return connect(vertx, url, embedded);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    /** Connects to a running server and migrates it. */
    public static Database connect(Vertx vertx, DatabaseUrl url, Optional<EmbeddedDatabase> embedded) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url.jdbcUrl());
        hc.setUsername(url.user());
        hc.setPassword(url.password());
        hc.setMaximumPoolSize(4);
        hc.setMinimumIdle(1);
        hc.setPoolName("goalpost-jdbc");
        hc.setInitializationFailTimeout(15_000);
        // Hikari waits 30 s for a connection by default: during a database outage every JDBC caller (the
        // scheduler, imports) would hang that long before failing. 10 s covers a busy pool, not an outage.
        hc.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            realignEditedComments(ds);
            // Each area of the code owns a block of versions (V70-V74 reports, V80 team settings, ...), so a
            // migration of a lower block can arrive after a higher one was applied: run it then, in order of
            // arrival, instead of refusing to start.
            int applied = Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true)
                    .load().migrate().migrationsExecuted;
            LOG.info("Database {} ready ({} migrations applied now)", url, applied);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        PgConnectOptions connect = new PgConnectOptions().setHost(url.host()).setPort(url.port())
                .setDatabase(url.database()).setUser(url.user()).setPassword(url.password())
                .setPipeliningLimit(256).setCachePreparedStatements(true);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect).using(vertx).build();
        Pool quickPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setName("goalpost-quick"))
                .connectingTo(connect).using(vertx).build();
        Pool syncPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(syncPoolSize(SyncScheduler.threads())).setName("goalpost-sync"))
                .connectingTo(connect).using(vertx).build();
        return new Database(embedded, url, ds, pool, quickPool, syncPool);
    }

    /**
     * Migration V11's header comment once cited a document outside the repository; it now cites
     * docs/kpis.md. Flyway checksums comments too, so a database migrated before that edit carries
     * the old checksum and would refuse to start. Only that exact old checksum of V11 is replaced:
     * any other difference still fails validation.
     */
    private static void realignEditedComments(javax.sql.DataSource ds) {
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF to_regclass('flyway_schema_history') IS NOT NULL THEN "
                    + "UPDATE flyway_schema_history SET checksum = 1904858273 WHERE version = '11' AND checksum = -275853081; "
                    + "END IF; END $$");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not read the migration history: " + e.getMessage(), e);
        }
    }

    /** The reactive pool: use from event loops and handlers. */
    public Pool pool() {
        return pool;
    }

    /**
     * A small reactive pool for one-row reads that must not queue behind long analytics queries in
     * {@link #pool()} (the analytics cache's freshness check, asked on every request).
     */
    public Pool quickPool() {
        return quickPool;
    }

    /**
     * The reactive pool of the sync threads (their writes, leases and state). Of its own so that a
     * dashboard recomputation and the syncs do not queue behind each other, and sized to the sync
     * threads (each waits for one statement at a time), at most {@value #SYNC_POOL_MAX}: with 32
     * threads on the 8 connections of {@link #pool()}, sync statements waited in line with the
     * dashboard's roll-up queries.
     */
    public Pool syncPool() {
        return syncPool;
    }

    /** The connections of {@link #syncPool()} for {@code threads} sync threads. */
    static int syncPoolSize(int threads) {
        return Math.max(1, Math.min(threads, SYNC_POOL_MAX));
    }

    /** The JDBC pool: for the scheduler and bulk work on worker threads only. */
    public DataSource jdbc() {
        return jdbc;
    }

    /** Where the database is (no password). */
    public DatabaseUrl url() {
        return url;
    }

    /** True when this instance runs its own embedded server. */
    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    @Override
    public void close() {
        pool.close();
        quickPool.close();
        syncPool.close();
        jdbc.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }
}
