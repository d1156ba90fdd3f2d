package io.goalpost.platform.imports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an import did.
 *
 * @param accountId the account
 * @param lines lines in the file (CSV only, else null)
 * @param received rows read
 * @param accepted valid rows
 * @param inserted new points
 * @param updated points whose value changed
 * @param unchanged valid rows equal to what was stored
 * @param rejected rows not imported, with reasons (the first {@link #LISTED} of them)
 * @param rejectedTotal how many rows were not imported
 */
public record ImportResult(long accountId, Integer lines, int received, int accepted, int inserted, int updated,
        int unchanged, List<Rejection> rejected, int rejectedTotal) {

    /** Rejected rows listed with their reasons at most; a file of a million bad rows is counted, not echoed. */
    public static final int LISTED = 1_000;

    public ImportResult(long accountId, Integer lines, int received, int accepted, int inserted, int updated,
            int unchanged, List<Rejection> rejected) {
        this(accountId, lines, received, accepted, inserted, updated, unchanged, rejected, rejected.size());
    }

    /** As JSON. */
    public JsonObject toJson() {
        JsonArray rej = new JsonArray();
        rejected.forEach(r -> rej.add(r.toJson()));
        JsonObject o = new JsonObject().put("account_id", accountId);
        if (lines != null) {
            o.put("lines", lines);
        }
        return o.put("received", received).put("accepted", accepted).put("inserted", inserted).put("updated", updated)
                .put("unchanged", unchanged).put("rejected", rej)
                .put("rejected_total", rejectedTotal);
    }
}
