package io.goalpost.platform.kpis;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** Per bucket and network sums for the accounts in scope. */
    public Future<List<GroupRow>> groupRows(SqlClient client, KpiDefinition kpi, ResolvedScope scope, List<Bucket> buckets) {
        if (scope.accounts().isEmpty() || buckets.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        SqlClient c = client == null ? pool : client;
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

    private int[] masks(KpiDefinition kpi, ResolvedScope scope) {
        int[] out = new int[scope.accounts().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = capabilities.completenessMask(scope.accounts().get(i).network(), kpi.inputs());
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
