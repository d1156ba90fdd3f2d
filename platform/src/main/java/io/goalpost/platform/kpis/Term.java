package io.goalpost.platform.kpis;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One side of a KPI formula, per account and period, built from the account's roll-ups of its input
 * metrics. Rendered to SQL by {@link KpiSql}, so the arithmetic runs where the data is.
 */
public sealed interface Term {

    /** Sum of the metric over the days the account reported it in the period (flows). */
    record Sum(String metric) implements Term {
    }

    /** The metric's last stored value in the period (levels). */
    record Last(String metric) implements Term {
    }

    /**
     * The level before the period: the last value before its first day, or the first value in the
     * period when nothing earlier is stored (audience growth).
     */
    record Start(String metric) implements Term {
    }

    /** The number of days the account reported the metric in the period. */
    record Days(String metric) implements Term {
    }

    /** a + b. */
    record Add(Term a, Term b) implements Term {
    }

    /** a − b. */
    record Sub(Term a, Term b) implements Term {
    }

    /** a × b. */
    record Mul(Term a, Term b) implements Term {
    }

    /** The metrics the term reads. */
    default Set<String> metrics() {
        Set<String> out = new LinkedHashSet<>();
        collect(this, out);
        return out;
    }

    /** True when the term reads a {@link Start}. */
    default boolean usesStart() {
        if (this instanceof Start) {
            return true;
        }
        if (this instanceof Add x) {
            return x.a().usesStart() || x.b().usesStart();
        }
        if (this instanceof Sub x) {
            return x.a().usesStart() || x.b().usesStart();
        }
        if (this instanceof Mul x) {
            return x.a().usesStart() || x.b().usesStart();
        }
        return false;
    }

    private static void collect(Term t, Set<String> out) {
        if (t instanceof Sum s) {
            out.add(s.metric());
        } else if (t instanceof Last l) {
            out.add(l.metric());
        } else if (t instanceof Start s) {
            out.add(s.metric());
        } else if (t instanceof Days d) {
            out.add(d.metric());
        } else if (t instanceof Add x) {
            collect(x.a(), out);
            collect(x.b(), out);
        } else if (t instanceof Sub x) {
            collect(x.a(), out);
            collect(x.b(), out);
        } else if (t instanceof Mul x) {
            collect(x.a(), out);
            collect(x.b(), out);
        }
    }
}
