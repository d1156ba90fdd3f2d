package io.goalpost.platform.posts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Which posts to list: those published in [from, to] (days in each account's reporting time zone) on
 * the networks and accounts given (none given: all), best first by {@code ranking}, at most {@code limit}.
 */
public record PostQuery(LocalDate from, LocalDate to, List<String> networks, List<Long> accounts, PostRanking ranking, int limit) {

    /** The most posts one answer lists. */
    public static final int MAX_LIMIT = 100;
    /** Posts listed when no limit is asked for. */
    public static final int DEFAULT_LIMIT = 20;
    /** The longest range one answer covers (three years, like the KPI endpoints). */
    public static final int MAX_RANGE_DAYS = 1100;

    public PostQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(ranking, "ranking");
        networks = List.copyOf(networks);
        accounts = List.copyOf(accounts);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw new IllegalArgumentException("the range is longer than " + MAX_RANGE_DAYS + " days");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
