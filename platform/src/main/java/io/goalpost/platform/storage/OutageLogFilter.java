package io.goalpost.platform.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Holds back repeated log lines about the same database outage from libraries (the job scheduler
 * logs each failed poll, every second, with its stack trace): per logger and kind of outage, one
 * line a minute passes. Installed in {@code logback.xml}; the line that passes is printed without its
 * stack trace by {@link OutageThrowableConverter}.
 */
public final class OutageLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        Throwable failure = t;
        if (failure == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            failure = last;
        }
        if (failure == null || level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.isEnabledFor(level)) {
            return FilterReply.NEUTRAL;
        }
        var kind = DatabaseOutage.kind(failure);
        if (kind.isEmpty()) {
            return FilterReply.NEUTRAL;
        }
        return OutageLog.shouldLog(logger.getName() + '|' + kind.get(), System.nanoTime()) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
