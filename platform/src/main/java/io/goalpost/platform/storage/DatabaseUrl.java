package io.goalpost.platform.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Connection coordinates of a PostgreSQL server, parsed from {@code postgresql://user:pass@host:port/db}
 * (also accepting a {@code jdbc:} prefix). {@link #toString()} hides the password.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

    public DatabaseUrl {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(database, "database is null");
        Objects.requireNonNull(user, "user is null");
        password = password == null ? "" : password;
    }

    /** Parses a URL; throws IllegalArgumentException with a readable message when it is not one. */
    public static DatabaseUrl parse(String url) {
        String text = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("database URL is not a URL (expected postgresql://user@host:5432/db)");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("database URL must start with postgresql://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("database URL has no host");
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String user = "postgres";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db, user, password);
    }

    /** The JDBC URL (without credentials). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
