package io.goalpost.plugin.api;

/**
 * Reads one connected account of a network. Synchronous by design: the host calls it on a worker
 * thread with a deadline, never on an event loop, and commits each returned batch together with its
 * cursor, so a crash between two calls loses and repeats nothing.
 */
public interface NetworkAdapter extends AutoCloseable {

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
