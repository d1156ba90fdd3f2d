package io.goalpost.plugin.api;

/**
 * Reads one connected account of a network. Synchronous by design: the host calls it on a worker
 * thread with a deadline, never on an event loop, and commits each returned batch together with its
 * cursor, so a crash between two calls loses and repeats nothing.
 *
 * <p>Deadline: each call of {@link #check()} or {@link #fetch(FetchRequest)} must return within
 * {@link #CALL_DEADLINE}. The host interrupts a call that overruns it and records a transient failure;
 * the next sync resumes from the last cursor returned. Size batches so one call makes a handful of
 * requests (each request is bounded by the host's HTTP timeout of 30 s), and return a cursor rather
 * than reading a whole range in one call.
 *
 * <p>Exceptions: throw only {@link AdapterException}s. Anything else is a bug in the plugin: the host
 * logs it with its stack trace (secrets removed) and shows the account a {@code bad_response}.
 */
public interface NetworkAdapter extends AutoCloseable {

    /** How long one call may take before the host interrupts it (since 1.3: stated and enforced). */
    java.time.Duration CALL_DEADLINE = java.time.Duration.ofMinutes(2);

    /**
     * Verifies the credentials and returns the account's identity.
     *
     * @throws AdapterException typed failure, e.g. {@link AdapterException.AuthExpired} or
     *     {@link AdapterException.PermissionMissing}
     */
    CheckResult check() throws AdapterException;

    /**
     * Fetches one batch of data for the request's date range: daily account metric points and posts
     * published in the range with their lifetime metrics. When {@link FetchResult#next()} is present
     * the range is not finished: call again with that cursor. Resuming from any returned cursor must
     * neither skip nor repeat data.
     *
     * @throws AdapterException typed failure; {@link AdapterException.CursorInvalid} for a cursor this
     *     adapter cannot resume from
     */
    FetchResult fetch(FetchRequest request) throws AdapterException;

    /** Releases resources. The default does nothing: adapters hold no threads or clients of their own. */
    @Override
    default void close() {
    }
}
