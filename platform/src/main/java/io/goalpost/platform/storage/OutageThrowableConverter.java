package io.goalpost.platform.storage;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Prints a stack trace as usual, except for a database outage: its stack trace says nothing the
 * kind and message do not, so one indented line replaces it ({@code %dbex} in {@code logback.xml}).
 */
public final class OutageThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        if (proxy instanceof ThrowableProxy p) {
            var kind = DatabaseOutage.kind(p.getThrowable());
            if (kind.isPresent()) {
                return "    database unavailable (" + kind.get() + "): " + OutageLog.rootMessage(p.getThrowable())
                        + CoreConstants.LINE_SEPARATOR;
            }
        }
        return super.throwableProxyToString(proxy);
    }
}
