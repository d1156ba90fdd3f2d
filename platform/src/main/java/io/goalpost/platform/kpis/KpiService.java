package io.goalpost.platform.kpis;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs KPI roll-ups in PostgreSQL and combines them with coverage. */
public final class KpiService {

    private final Pool pool;
    private final Capabilities capabilities;

    public KpiService(Pool pool, Capabilities capabilities) {
        this.pool = pool;
        this.capabilities = capabilities;
    }

    /** The pool the roll-ups run on. */
    public Pool pool() {
        return pool;
    }

    /** The capabilities used for coverage. */
    public Capabilities capabilities() {
        return capabilities;
    }

    private static final java.util.concurrent.atomic.AtomicLong QUERIES = new java.util.concurrent.atomic.AtomicLong();
    /** Requests waiting for the batch of their KPI on their event loop. */
    private final java.util.Map<String, List<Pending>> pending = new java.util.HashMap<>();

    /** Roll-up queries of {@link #groupRows} and {@link #groupRowsBatched} this process has run so far (tests count them). */
    public static long rollupQueries() {
        return QUERIES.get();
    }

    private record Pending(ResolvedScope scope, List<Bucket> buckets, io.vertx.core.Promise<List<GroupRow>> answer) {
    }

    /**
     * Like {@link #groupRows}, but the requests for one KPI made on an event loop in one go (every
     * goal of the dashboard that measures the KPI, whatever its scope) are answered by one query over
     * the union of their accounts and buckets, each summed over its own accounts in PostgreSQL
     * ({@link KpiSql.Mode#BY_REQUEST}). Off an event loop, it is {@link #groupRows}.
     */
    public Future<List<GroupRow>> groupRowsBatched(KpiDefinition kpi, ResolvedScope scope, List<Bucket> buckets) {
        io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
        if (ctx == null || scope.accounts().isEmpty() || buckets.isEmpty()) {
            return groupRows(null, kpi, scope, buckets);
        }
        String key = kpi.id() + "@" + System.identityHashCode(ctx);
        io.vertx.core.Promise<List<GroupRow>> answer = io.vertx.core.Promise.promise();
        boolean first;
        synchronized (pending) {
            List<Pending> list = pending.get(key);
            first = list == null;
            if (first) {
                list = new ArrayList<>();
                pending.put(key, list);
            }
            list.add(new Pending(scope, buckets, answer));
        }
        if (first) {
            // Runs after the current task: every request made in it has joined the batch by then.
            ctx.runOnContext(v -> {
                List<Pending> batch;
                synchronized (pending) {
                    batch = pending.remove(key);
                }
                flush(kpi, batch);
            });
        }
        return answer.future();
    }

    private void flush(KpiDefinition kpi, List<Pending> batch) {
        if (batch.size() == 1) {
            Pending p = batch.get(0);
            groupRows(null, kpi, p.scope(), p.buckets()).onComplete(p.answer());
            return;
        }
        java.util.TreeMap<Long, AccountRef> accounts = new java.util.TreeMap<>();
        java.util.Map<String, Integer> bucketIndex = new java.util.LinkedHashMap<>();
        List<Bucket> union = new ArrayList<>();
        List<Integer> reqA = new ArrayList<>();
        List<Long> accA = new ArrayList<>();
        List<Integer> reqB = new ArrayList<>();
        List<Integer> unionB = new ArrayList<>();
        List<Integer> ownB = new ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            Pending p = batch.get(r);
            for (AccountRef a : p.scope().accounts()) {
                accounts.put(a.id(), a);
                reqA.add(r);
                accA.add(a.id());
            }
            for (Bucket b : p.buckets()) {
                int u = bucketIndex.computeIfAbsent(b.from() + "/" + b.to(), k -> {
                    union.add(new Bucket(union.size(), b.from(), b.to()));
                    return union.size() - 1;
                });
                reqB.add(r);
                unionB.add(u);
                ownB.add(b.index());
            }
        }
        ResolvedScope all = new ResolvedScope(List.of(), List.of(), new ArrayList<>(accounts.values()));
        QUERIES.incrementAndGet();
        pool.preparedQuery(KpiSql.sql(kpi, KpiSql.Mode.BY_REQUEST))
                .execute(KpiSql.requestParams(KpiSql.params(kpi, union, all, masks(kpi, all)), reqA.toArray(Integer[]::new),
                        accA.toArray(Long[]::new), reqB.toArray(Integer[]::new), unionB.toArray(Integer[]::new),
                        ownB.toArray(Integer[]::new)))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        batch.forEach(p -> p.answer().fail(ar.cause()));
                        return;
                    }
                    List<List<GroupRow>> out = new ArrayList<>();
                    batch.forEach(p -> out.add(new ArrayList<>()));
                    for (Row row : ar.result()) {
                        out.get(row.getInteger("r")).add(new GroupRow(row.getInteger("b"), row.getString("network"),
                                row.getLong("reporting"), row.getLong("complete"), row.getDouble("num"), row.getDouble("den")));
                    }
                    for (int r = 0; r < batch.size(); r++) {
                        batch.get(r).answer().complete(out.get(r));
                    }
                });
    }

    /** Per bucket and network sums for the accounts in scope. */
    public Future<List<GroupRow>> groupRows(SqlClient client, KpiDefinition kpi, ResolvedScope scope, List<Bucket> buckets) {
        if (scope.accounts().isEmpty() || buckets.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        SqlClient c = client == null ? pool : client;
        QUERIES.incrementAndGet();
        return c.preparedQuery(KpiSql.sql(kpi, KpiSql.Mode.BY_NETWORK))
                .execute(KpiSql.params(kpi, buckets, scope, masks(kpi, scope)))
                .map(rows -> {
                    List<GroupRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new GroupRow(r.getInteger("b"), r.getString("network"), r.getLong("reporting"),
                                r.getLong("complete"), r.getDouble("num"), r.getDouble("den")));
                    }
                    return out;
                });
    }

    /** Per bucket and account rows (accounts that stored at least one input). */
    public Future<List<AccountRow>> accountRows(SqlClient client, KpiDefinition kpi, ResolvedScope scope,
            List<Bucket> buckets) {
        if (scope.accounts().isEmpty() || buckets.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        SqlClient c = client == null ? pool : client;
        return c.preparedQuery(KpiSql.sql(kpi, KpiSql.Mode.BY_ACCOUNT))
                .execute(KpiSql.params(kpi, buckets, scope, masks(kpi, scope)))
                .map(rows -> {
                    List<AccountRow> out = new ArrayList<>();
                    for (Row r : rows) {
                        Boolean[] present = r.getArrayOfBooleans("present");
                        out.add(new AccountRow(r.getInteger("b"), r.getLong("account_id"), r.getBoolean("has_all"),
                                present == null ? List.of() : Arrays.asList(present), r.getBoolean("full"),
                                r.getDouble("num"), r.getDouble("den")));
                    }
                    return out;
                });
    }

    /**
     * {@link #accountRows} of several KPIs over the same accounts and buckets, keyed by KPI id: the
     * KPIs read from metrics share one statement that reads each input metric once; a KPI read from
     * posts is rolled up on its own.
     */
    public Future<Map<String, List<AccountRow>>> accountRows(SqlClient client, List<KpiDefinition> kpis, ResolvedScope scope,
            List<Bucket> buckets) {
        List<KpiDefinition> fromMetrics = kpis.stream().filter(k -> k.source() != KpiDefinition.Source.POSTS).toList();
        Map<String, Future<List<AccountRow>>> alone = new LinkedHashMap<>();
        kpis.stream().filter(k -> fromMetrics.size() < 2 || k.source() == KpiDefinition.Source.POSTS)
                .forEach(k -> alone.put(k.id(), accountRows(client, k, scope, buckets)));
        Future<Map<String, List<AccountRow>>> shared = fromMetrics.size() < 2 || scope.accounts().isEmpty() || buckets.isEmpty()
                ? Future.succeededFuture(Map.of()) : sharedAccountRows(client, fromMetrics, scope, buckets);
        return Future.all(new ArrayList<>(alone.values())).compose(done -> shared).map(together -> {
            Map<String, List<AccountRow>> out = new LinkedHashMap<>();
            for (KpiDefinition k : kpis) {
                out.put(k.id(), alone.containsKey(k.id()) ? alone.get(k.id()).result()
                        : together.getOrDefault(k.id(), List.of()));
            }
            return out;
        });
    }

    private Future<Map<String, List<AccountRow>>> sharedAccountRows(SqlClient client, List<KpiDefinition> kpis,
            ResolvedScope scope, List<Bucket> buckets) {
        SqlClient c = client == null ? pool : client;
        int[][] masks = kpis.stream().map(k -> masks(k, scope)).toArray(int[][]::new);
        return c.preparedQuery(KpiSql.accountRowsSql(kpis))
                .execute(KpiSql.params(kpis, buckets, scope, masks))
                .map(rows -> {
                    List<List<AccountRow>> perKpi = new ArrayList<>();
                    kpis.forEach(k -> perKpi.add(new ArrayList<>()));
                    // Columns by position, looked up once: by name, every row paid a lookup per KPI and
                    // column (a thousand accounts × buckets × KPIs × five columns per dashboard).
                    List<String> names = rows.columnsNames();
                    int bucket = names.indexOf("b");
                    int account = names.indexOf("account_id");
                    int[][] cols = new int[kpis.size()][];
                    for (int k = 0; k < kpis.size(); k++) {
                        cols[k] = new int[] {names.indexOf("has_all" + k), names.indexOf("present" + k),
                            names.indexOf("full" + k), names.indexOf("num" + k), names.indexOf("den" + k)};
                    }
                    for (Row r : rows) {
                        for (int k = 0; k < kpis.size(); k++) {
                            int[] col = cols[k];
                            Boolean[] present = r.getArrayOfBooleans(col[1]);
                            // The shared statement has a row when any KPI's input was stored; each KPI
                            // keeps only the rows where one of its own was.
                            if (present == null || !Arrays.asList(present).contains(Boolean.TRUE)) {
                                continue;
                            }
                            perKpi.get(k).add(new AccountRow(r.getInteger(bucket), r.getLong(account), r.getBoolean(col[0]),
                                    Arrays.asList(present), r.getBoolean(col[2]), r.getDouble(col[3]), r.getDouble(col[4])));
                        }
                    }
                    Map<String, List<AccountRow>> out = new LinkedHashMap<>();
                    for (int k = 0; k < kpis.size(); k++) {
                        out.put(kpis.get(k).id(), perKpi.get(k));
                    }
                    return out;
                });
    }

    private int[] masks(KpiDefinition kpi, ResolvedScope scope) {
        int[] out = new int[scope.accounts().size()];
        // One mask per network: it depends on the network's plugin, not on the account.
        Map<String, Integer> byNetwork = new java.util.HashMap<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = byNetwork.computeIfAbsent(scope.accounts().get(i).network(), n -> capabilities.completenessMask(n, kpi.inputs()));
        }
        return out;
    }

    /** One value per bucket, over every account in scope. */
    public Future<List<KpiValue>> values(SqlClient client, KpiDefinition kpi, ResolvedScope scope, List<Bucket> buckets) {
        return groupRows(client, kpi, scope, buckets).map(rows -> {
            List<KpiValue> out = new ArrayList<>();
            for (Bucket b : buckets) {
                out.add(KpiMath.combine(kpi, b, scope, capabilities, rows));
            }
            return out;
        });
    }
}
