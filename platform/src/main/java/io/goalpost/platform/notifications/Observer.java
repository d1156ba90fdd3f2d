package io.goalpost.platform.notifications;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** A source of observations: goals' statuses, accounts' health. */
@FunctionalInterface
public interface Observer {

    /** Every subject it watches, as it is at {@code now}. */
    Future<List<Observation>> observe(Instant now);
}
