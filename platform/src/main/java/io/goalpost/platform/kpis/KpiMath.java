package io.goalpost.platform.kpis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the per-network sums computed in SQL into a KPI value with its coverage, following docs/kpis.md §2:
 * ratio of sums over the accounts that reported every input; "not available" is null with a reason,
 * never 0; reach is valid only for the exact (one-day) period it was reported for, and summed across
 * accounts only with the label "sum of reach".
 */
public final class KpiMath {

    /** Why a reach value over more than a day is not given. */
    public static final String UNIQUE_REASON_SUFFIX = " is reported per day; %s for a longer period is not the sum of its "
            + "days and was not reported for that period";

    private KpiMath() {
    }

    /** Combines the SQL rows of one bucket over every account in scope. */
    public static KpiValue combine(KpiDefinition kpi, Bucket bucket, ResolvedScope scope, Capabilities caps,
            List<GroupRow> rows) {
        Map<String, Integer> inScopeByNet = scope.countByNetwork();
        Map<String, GroupRow> byNet = new HashMap<>();
        for (GroupRow r : rows) {
            if (r.bucket() == bucket.index()) {
                byNet.merge(r.network(), r, (a, b) -> new GroupRow(a.bucket(), a.network(), a.reporting() + b.reporting(),
                        a.complete() + b.complete(), add(a.num(), b.num()), add(a.den(), b.den())));
            }
        }
        int reporting = 0;
        int cannot = 0;
        int networksReporting = 0;
        double num = 0;
        double den = 0;
        boolean any = false;
        String cannotReason = null;
        for (Map.Entry<String, Integer> e : inScopeByNet.entrySet()) {
            GroupRow r = byNet.get(e.getKey());
            int rep = r == null ? 0 : (int) Math.min(r.reporting(), e.getValue());
            reporting += rep;
            if (rep > 0) {
                networksReporting++;
                any = true;
                num += r.num() == null ? 0 : r.num();
                den += r.den() == null ? 0 : r.den();
            }
            Optional<String> why = caps.cannotReport(e.getKey(), kpi.inputs());
            if (why.isPresent()) {
                cannot += e.getValue() - rep;
                if (cannotReason == null) {
                    cannotReason = why.get();
                }
            }
        }
        int inScope = scope.accounts().size();
        Coverage coverage = new Coverage(reporting, inScope, cannot, inScope - reporting - cannot, networksReporting,
                inScopeByNet.size(), null);
        if (inScope == 0) {
            return new KpiValue(null, "no account in scope", null, coverage);
        }
        if (kpi.isUnique() && bucket.days() > 1) {
            return new KpiValue(null, kpi.id() + String.format(UNIQUE_REASON_SUFFIX, kpi.id()), null, coverage);
        }
        if (!any) {
            if (cannot == inScope) {
                return new KpiValue(null, (inScope == 1 ? "the account in scope cannot report " : "no account in scope can report ")
                        + kpi.name() + ": " + cannotReason, null, coverage);
            }
            return new KpiValue(null, "no account in scope reported " + inputsText(kpi) + " " + when(bucket), null, coverage);
        }
        if (kpi.type() == KpiDefinition.Type.METRIC) {
            String label = kpi.isUnique() && reporting > 1 ? "sum of " + kpi.id() : null;
            return new KpiValue(num, null, label, coverage);
        }
        if (den == 0) {
            return new KpiValue(null, "the denominator of " + kpi.formula() + " is 0 " + when(bucket)
                    + ", so the ratio is undefined", null, coverage);
        }
        return new KpiValue(kpi.scale() * num / den, null, null, coverage);
    }

    /** Combines per network: one value for each network with accounts in scope, in scope order. */
    public static Map<String, KpiValue> combineByNetwork(KpiDefinition kpi, Bucket bucket, ResolvedScope scope,
            Capabilities caps, List<GroupRow> rows) {
        Map<String, KpiValue> out = new LinkedHashMap<>();
        for (String net : scope.countByNetwork().keySet()) {
            List<GroupRow> mine = rows.stream().filter(r -> r.network().equals(net)).toList();
            out.put(net, combine(kpi, bucket, scope.onlyNetwork(net), caps, mine));
        }
        return out;
    }

    /** The per-account detail of a bucket's coverage. */
    public static List<Coverage.AccountCoverage> accountDetail(KpiDefinition kpi, Bucket bucket, ResolvedScope scope,
            Capabilities caps, List<AccountRow> rows) {
        Map<Long, AccountRow> byId = new HashMap<>();
        rows.stream().filter(r -> r.bucket() == bucket.index()).forEach(r -> byId.put(r.accountId(), r));
        List<Coverage.AccountCoverage> out = new ArrayList<>();
        for (AccountRef a : scope.accounts()) {
            AccountRow r = byId.get(a.id());
            if (r != null && r.hasAll()) {
                out.add(new Coverage.AccountCoverage(a.id(), a.name(), a.network(), "reported", null));
                continue;
            }
            Optional<String> why = caps.cannotReport(a.network(), kpi.inputs());
            if (why.isPresent()) {
                out.add(new Coverage.AccountCoverage(a.id(), a.name(), a.network(), "cannot_report", why.get()));
                continue;
            }
            Set<String> missing = new LinkedHashSet<>();
            for (int i = 0; i < kpi.inputs().size(); i++) {
                boolean present = r != null && i < r.present().size() && Boolean.TRUE.equals(r.present().get(i));
                if (!present) {
                    missing.add(kpi.inputs().get(i));
                }
            }
            String reason = kpi.source() == KpiDefinition.Source.POSTS
                    ? "no post with both " + String.join(" and ", kpi.inputs()) + " published " + when(bucket)
                    : "no " + String.join(" or ", missing) + " stored " + when(bucket);
            out.add(new Coverage.AccountCoverage(a.id(), a.name(), a.network(), "no_data", reason));
        }
        return out;
    }

    /** "between 2026-01-01 and 2026-01-31", or "on 2026-01-01". */
    public static String when(Bucket b) {
        return when(b.from(), b.to());
    }

    /** "between A and B", or "on A". */
    public static String when(LocalDate from, LocalDate to) {
        return from.equals(to) ? "on " + from : "between " + from + " and " + to;
    }

    private static String inputsText(KpiDefinition kpi) {
        return kpi.inputs().size() == 1 ? kpi.inputs().get(0) : String.join(" and ", kpi.inputs());
    }

    private static Double add(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }
}
