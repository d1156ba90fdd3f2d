package io.goalpost.platform.imports;

import io.goalpost.platform.api.RequestBodies;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many CSV imports one instance runs at once. Each holds its body (up to 20 MiB) and the
 * duplicate check of its rows while it is parsed and stored; eight 19 MB uploads at once ran the
 * default 1 GB heap out of memory. A request beyond the limit is answered 503 with Retry-After
 * before its body is read.
 */
public final class ImportSlots implements RequestBodies.Gate {

    /** Imports at once per instance. */
    public static final int DEFAULT_SLOTS = 2;
    private static final int RETRY_AFTER_SECONDS = 10;

    private final Semaphore slots;
    private final int size;

    public ImportSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one import slot, got " + size);
        }
        this.size = size;
        this.slots = new Semaphore(size);
    }

    @Override
    public Optional<Runnable> enter() {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        });
    }

    @Override
    public int retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }

    @Override
    public String busyMessage() {
        return size + (size == 1 ? " CSV import is" : " CSV imports are") + " running on this server, the most it runs at once; "
                + "try again in " + RETRY_AFTER_SECONDS + " seconds";
    }
}
