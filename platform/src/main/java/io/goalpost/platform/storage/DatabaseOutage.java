package io.goalpost.platform.storage;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure caused by the database being unreachable (stopped, restarting, network cut, every
 * connection busy past the wait) from every other failure. Such a failure is the database's state,
 * not a bug: the API answers it with 503 and {@code Retry-After}, and the log says it once per kind
 * and minute ({@link OutageLog}) instead of a stack trace per request.
 */
public final class DatabaseOutage {

    /** Seconds a client is told to wait before it tries again ({@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {
    }

    /** The kind of outage behind {@code failure} (e.g. "connection refused"), or empty for any other failure. */
    public static Optional<String> kind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Optional<String> k = ownKind(t);
            if (k.isPresent()) {
                return k;
            }
        }
        return Optional.empty();
    }

    /** True when {@code failure} comes from the database being unreachable. */
    public static boolean isOutage(Throwable failure) {
        return kind(failure).isPresent();
    }

    private static Optional<String> ownKind(Throwable t) {
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return Optional.of("connection refused");
        }
        if (t instanceof UnknownHostException) {
            return Optional.of("host unknown");
        }
        if (t instanceof ClosedConnectionException) {
            return Optional.of("connection lost");
        }
        if (t instanceof SocketException) {
            return Optional.of("connection lost");
        }
        if (t instanceof SQLTransientConnectionException) {
            return Optional.of("no connection available");
        }
        if (t instanceof PgException pg) {
            return sqlState(pg.getSqlState());
        }
        if (t instanceof SQLException sql) {
            if (sql.getSQLState() == null && sql.getMessage() != null && sql.getMessage().contains("onnection") && sql.getMessage().contains("closed")) {
                return Optional.of("connection lost");
            }
            return sqlState(sql.getSQLState());
        }
        String message = t.getMessage();
        if (t instanceof io.vertx.core.VertxException && message != null
                && (message.contains("Connection is closed") || message.contains("Connection refused")
                        || message.contains("connection may have been lost") || message.contains("Connection reset"))) {
            return Optional.of("connection lost");
        }
        if (t instanceof TimeoutException && message != null && message.contains("connection")) {
            return Optional.of("no connection available");
        }
        if (t instanceof java.util.NoSuchElementException && message != null && message.contains("Timeout waiting for connection")) {
            return Optional.of("no connection available");
        }
        return Optional.empty();
    }

    /** PostgreSQL's states for a server that cannot serve now (08: connection, 57P0x: shutting down or starting, 53300). */
    private static Optional<String> sqlState(String state) {
        if (state == null) {
            return Optional.empty();
        }
        if (state.startsWith("08")) {
            return Optional.of("connection failure");
        }
        if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return Optional.of("server shutting down or starting");
        }
        if (state.equals("53300")) {
            return Optional.of("too many connections");
        }
        return Optional.empty();
    }
}
