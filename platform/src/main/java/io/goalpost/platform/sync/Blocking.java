package io.goalpost.platform.sync;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a Vert.x future from a worker thread (never from an event loop). */
public final class Blocking {

    private static final long TIMEOUT_SECONDS = 120;

    private Blocking() {
    }

    /** The future's value; its failure rethrown unchecked. */
    public static <T> T await(Future<T> future) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("blocking wait on an event loop");
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("database did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
