package io.goalpost.platform.kpis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scope as asked (networks and/or accounts; both empty = every account) and the accounts it
 * covers today.
 *
 * @param networks the networks asked for
 * @param accountIds the accounts asked for
 * @param accounts every account in scope, ordered by id
 */
public record ResolvedScope(List<String> networks, List<Long> accountIds, List<AccountRef> accounts) {

    public ResolvedScope {
        networks = List.copyOf(networks);
        accountIds = List.copyOf(accountIds);
        accounts = List.copyOf(accounts);
    }

    /** Ids of the accounts in scope. */
    public Long[] ids() {
        return accounts.stream().map(AccountRef::id).toArray(Long[]::new);
    }

    /** Number of accounts in scope per network, in order of first appearance by account id. */
    public Map<String, Integer> countByNetwork() {
        Map<String, Integer> out = new LinkedHashMap<>();
        accounts.forEach(a -> out.merge(a.network(), 1, Integer::sum));
        return out;
    }

    /** The scope as asked, for answers. */
    public JsonObject toJson() {
        return new JsonObject().put("networks", new JsonArray(List.copyOf(networks)))
                .put("accounts", new JsonArray(List.copyOf(accountIds)));
    }

    /** The same scope as asked, restricted to some of its accounts. */
    public ResolvedScope only(java.util.Set<Long> ids) {
        return new ResolvedScope(networks, accountIds, accounts.stream().filter(a -> ids.contains(a.id())).toList());
    }

    /** The same accounts restricted to one network. */
    public ResolvedScope onlyNetwork(String network) {
        return new ResolvedScope(List.of(network), List.of(),
                accounts.stream().filter(a -> a.network().equals(network)).toList());
    }
}
