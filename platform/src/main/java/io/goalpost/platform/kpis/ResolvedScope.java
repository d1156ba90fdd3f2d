package io.goalpost.platform.kpis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A scope as asked (networks and/or accounts; both empty = every account) and the accounts it
 * covers today. Immutable. The accounts per network are counted once, when the scope is made: a
 * dashboard asks for them for every cell and KPI value it computes, over a thousand accounts.
 */
public final class ResolvedScope {

    private final List<String> networks;
    private final List<Long> accountIds;
    private final List<AccountRef> accounts;
    private final Map<String, Integer> countByNetwork;
    private final Map<Long, String> networkOf;

    /**
     * @param networks the networks asked for
     * @param accountIds the accounts asked for
     * @param accounts every account in scope, ordered by id
     */
    public ResolvedScope(List<String> networks, List<Long> accountIds, List<AccountRef> accounts) {
        this.networks = List.copyOf(networks);
        this.accountIds = List.copyOf(accountIds);
        this.accounts = List.copyOf(accounts);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<Long, String> nets = new HashMap<>();
        for (AccountRef a : this.accounts) {
            counts.merge(a.network(), 1, Integer::sum);
            nets.put(a.id(), a.network());
        }
        this.countByNetwork = Collections.unmodifiableMap(counts);
        this.networkOf = Collections.unmodifiableMap(nets);
    }

    /** The networks asked for. */
    public List<String> networks() {
        return networks;
    }

    /** The accounts asked for. */
    public List<Long> accountIds() {
        return accountIds;
    }

    /** Every account in scope, ordered by id. */
    public List<AccountRef> accounts() {
        return accounts;
    }

    /** Ids of the accounts in scope. */
    public Long[] ids() {
        return accounts.stream().map(AccountRef::id).toArray(Long[]::new);
    }

    /** Number of accounts in scope per network, in order of first appearance by account id. */
    public Map<String, Integer> countByNetwork() {
        return countByNetwork;
    }

    /** The network of an account in scope, or null when the account is not in scope. */
    public String networkOf(long accountId) {
        return networkOf.get(accountId);
    }

    /** The scope as asked, for answers. */
    public JsonObject toJson() {
        return new JsonObject().put("networks", new JsonArray(List.copyOf(networks)))
                .put("accounts", new JsonArray(List.copyOf(accountIds)));
    }

    /** The same scope as asked, restricted to some of its accounts. */
    public ResolvedScope only(Set<Long> ids) {
        return new ResolvedScope(networks, accountIds, accounts.stream().filter(a -> ids.contains(a.id())).toList());
    }

    /** The same accounts restricted to one network. */
    public ResolvedScope onlyNetwork(String network) {
        return new ResolvedScope(List.of(network), List.of(),
                accounts.stream().filter(a -> a.network().equals(network)).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolvedScope s && networks.equals(s.networks) && accountIds.equals(s.accountIds)
                && accounts.equals(s.accounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(networks, accountIds, accounts);
    }

    @Override
    public String toString() {
        return "ResolvedScope[networks=" + networks + ", accountIds=" + accountIds + ", accounts=" + accounts + "]";
    }
}
