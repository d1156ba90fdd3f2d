package io.goalpost.platform.kpis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Which accounts could give a value: "3 of 5 accounts".
 *
 * @param reporting accounts whose data went into the value
 * @param inScope accounts in scope
 * @param cannotReport accounts whose network declares an input unavailable (and that have no data for it)
 * @param noData the others: they could report but stored nothing for an input in the period
 * @param networksReporting networks with at least one reporting account
 * @param networksInScope networks with at least one account in scope
 * @param accounts per-account detail, or null when not asked for
 */
public record Coverage(int reporting, int inScope, int cannotReport, int noData, int networksReporting,
        int networksInScope, List<AccountCoverage> accounts) {

    /**
     * One account's part.
     *
     * @param id account id
     * @param name account name
     * @param network its network
     * @param status reported, cannot_report or no_data
     * @param reason why not, or null
     */
    public record AccountCoverage(long id, String name, String network, String status, String reason) {
    }

    /** "3 of 5 accounts". */
    public String label() {
        return reporting + " of " + inScope + (inScope == 1 ? " account" : " accounts");
    }

    /** This coverage with per-account detail. */
    public Coverage withAccounts(List<AccountCoverage> detail) {
        return new Coverage(reporting, inScope, cannotReport, noData, networksReporting, networksInScope,
                List.copyOf(detail));
    }

    /** As JSON (with the account list when present). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("reporting", reporting).put("in_scope", inScope)
                .put("cannot_report", cannotReport).put("no_data", noData)
                .put("networks_reporting", networksReporting).put("networks_in_scope", networksInScope)
                .put("label", label());
        if (accounts != null) {
            JsonArray arr = new JsonArray();
            accounts.forEach(a -> arr.add(new JsonObject().put("id", a.id()).put("name", a.name())
                    .put("network", a.network()).put("status", a.status()).put("reason", a.reason())));
            o.put("accounts", arr);
        }
        return o;
    }
}
