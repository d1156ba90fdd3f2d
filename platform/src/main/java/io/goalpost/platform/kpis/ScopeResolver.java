package io.goalpost.platform.kpis;

import io.goalpost.platform.api.ApiError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a scope (networks and/or accounts) into the accounts it covers, with 400s for unknown ids. */
public final class ScopeResolver {

    private static final String SQL = "SELECT id, network, name FROM account "
            + "WHERE (cardinality($1::text[]) = 0 AND cardinality($2::bigint[]) = 0) "
            + "OR network = ANY($1::text[]) OR id = ANY($2::bigint[]) ORDER BY id";

    private final Pool pool;
    private final Capabilities capabilities;

    public ScopeResolver(Pool pool, Capabilities capabilities) {
        this.pool = pool;
        this.capabilities = capabilities;
    }

    /** Every account (for resolving many scopes in memory with {@link #within}). */
    public Future<List<AccountRef>> all(SqlClient client) {
        return resolve(client, List.of(), List.of(), "scope", true).map(ResolvedScope::accounts);
    }

    /** Resolves a scope among known accounts, ignoring ids that no longer exist (stored goals). */
    public static ResolvedScope within(List<AccountRef> all, List<String> networks, List<Long> accounts) {
        List<String> nets = List.copyOf(new LinkedHashSet<>(networks));
        List<Long> ids = List.copyOf(new LinkedHashSet<>(accounts));
        if (nets.isEmpty() && ids.isEmpty()) {
            return new ResolvedScope(nets, ids, all);
        }
        Set<String> netSet = Set.copyOf(nets);
        Set<Long> idSet = Set.copyOf(ids);
        return new ResolvedScope(nets, ids, all.stream()
                .filter(a -> netSet.contains(a.network()) || idSet.contains(a.id())).toList());
    }

    /**
     * Resolves a scope. {@code field} names the request field in 400 details ("scope", "networks").
     * With {@code lenient}, unknown ids are ignored instead (stored goals whose accounts were deleted).
     */
    public Future<ResolvedScope> resolve(SqlClient client, List<String> networks, List<Long> accounts, String field,
            boolean lenient) {
        return resolve(client, networks, accounts, field, field, lenient);
    }

    /** Resolves a scope, naming unknown networks under {@code netField} and unknown accounts under {@code accField}. */
    public Future<ResolvedScope> resolve(SqlClient client, List<String> networks, List<Long> accounts, String netField,
            String accField, boolean lenient) {
        List<String> nets = List.copyOf(new LinkedHashSet<>(networks));
        List<Long> ids = List.copyOf(new LinkedHashSet<>(accounts));
        SqlClient c = client == null ? pool : client;
        return c.preparedQuery(SQL).execute(Params.of(nets.toArray(String[]::new), ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<AccountRef> found = new ArrayList<>();
                    for (Row r : rows) {
                        found.add(new AccountRef(r.getLong("id"), r.getString("network"), r.getString("name")));
                    }
                    if (!lenient) {
                        Map<String, String> problems = new LinkedHashMap<>();
                        Set<String> presentNets = new LinkedHashSet<>();
                        Set<Long> presentIds = new LinkedHashSet<>();
                        found.forEach(a -> {
                            presentNets.add(a.network());
                            presentIds.add(a.id());
                        });
                        List<String> unknownNets = nets.stream()
                                .filter(n -> !presentNets.contains(n) && !capabilities.known(n)).toList();
                        List<Long> unknownIds = ids.stream().filter(i -> !presentIds.contains(i)).toList();
                        if (!unknownNets.isEmpty()) {
                            problems.put(netField, "unknown network" + (unknownNets.size() > 1 ? "s " : " ")
                                    + String.join(", ", unknownNets.stream().map(n -> "'" + n + "'").toList()));
                        }
                        if (!unknownIds.isEmpty()) {
                            problems.merge(accField, "no account with id " + String.join(", ",
                                    unknownIds.stream().map(String::valueOf).toList()), (a, b) -> a + "; " + b);
                        }
                        if (!problems.isEmpty()) {
                            String msg = String.join("; ", problems.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + e.getValue()).toList());
                            throw ApiError.badRequest(msg, problems);
                        }
                    }
                    return new ResolvedScope(nets, ids, found);
                });
    }
}
