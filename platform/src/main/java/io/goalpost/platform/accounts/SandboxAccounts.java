package io.goalpost.platform.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The accounts of the demo's simulated networks ({@link AccountOrigin#SANDBOX}) that a view counts, so
 * every place their numbers appear can say "Demo data: simulated networks" (the PDF reports' cover, a
 * share link's page).
 */
public final class SandboxAccounts {

    /**
     * How many sandbox accounts a view counts, and their networks' names.
     *
     * @param accounts how many
     * @param networks the names of their networks, in order
     */
    public record Counted(int accounts, List<String> networks) {
        public static final Counted NONE = new Counted(0, List.of());

        public Counted {
            networks = List.copyOf(networks);
        }

        /** {@code {"accounts", "networks"}}, or null when there are none. */
        public JsonObject toJson() {
            return accounts == 0 ? null : new JsonObject().put("accounts", accounts).put("networks", new JsonArray(networks));
        }
    }

    private final Pool pool;
    private final UnaryOperator<String> networkName;

    /** {@code networkName}: a network id's name for people ("facebook": "Facebook Pages"). */
    public SandboxAccounts(Pool pool, UnaryOperator<String> networkName) {
        this.pool = Objects.requireNonNull(pool, "pool is null");
        this.networkName = Objects.requireNonNull(networkName, "networkName is null");
    }

    /** The sandbox accounts within a scope: these networks' and these accounts (neither: every account). */
    public Future<Counted> within(List<String> networks, List<Long> accounts) {
        return pool.query("SELECT id, network FROM account WHERE origin = 'sandbox' ORDER BY network, id").execute().map(rows -> {
            boolean everything = networks.isEmpty() && accounts.isEmpty();
            int n = 0;
            Set<String> names = new LinkedHashSet<>();
            for (var r : rows) {
                String network = r.getString("network");
                if (everything || networks.contains(network) || accounts.contains(r.getLong("id"))) {
                    n++;
                    names.add(networkName.apply(network));
                }
            }
            return n == 0 ? Counted.NONE : new Counted(n, List.copyOf(names));
        });
    }

    /** The sandbox accounts a goal's scope ({@code {"networks": [...], "accounts": [...]}}) covers. */
    public Future<Counted> withinScope(JsonObject scope) {
        JsonObject s = scope == null ? new JsonObject() : scope;
        List<String> networks = s.getJsonArray("networks", new JsonArray()).stream().map(String::valueOf).toList();
        List<Long> accounts = s.getJsonArray("accounts", new JsonArray()).stream().map(o -> ((Number) o).longValue()).toList();
        return within(networks, accounts);
    }
}
