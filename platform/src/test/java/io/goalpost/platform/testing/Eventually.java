package io.goalpost.platform.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls what another instance or a background task changes, for tests that wait for it. */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Reads every 100 ms until {@code done} holds or {@code within} has passed; answers the last value
     * read (the caller asserts on it, so a timeout fails with what was seen).
     */
    public static <T> T until(Callable<T> read, Predicate<T> done, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        T last = read.call();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = read.call();
        }
        return last;
    }
}
