package io.goalpost.plugin.api;

/** How a metric rolls up over days and across accounts (docs/kpis.md §1). */
public enum MetricKind {
    /** A level such as followers at end of day: the last value of a period; summed across accounts. */
    LEVEL,
    /** A count of events that day: summed over days and across accounts. */
    FLOW,
    /** Unique people (reach): valid only for the exact period it was reported for; never summed over days. */
    UNIQUE
}
