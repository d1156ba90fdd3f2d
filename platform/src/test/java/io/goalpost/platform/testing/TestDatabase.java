package io.goalpost.platform.testing;

import io.goalpost.platform.storage.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database on the test PostgreSQL (127.0.0.1:5432, or {@code -Dgoalpost.test.pg=...}),
 * dropped on close. The platform migrates it when it starts.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String ADMIN_URL = System.getProperty("goalpost.test.pg", "postgresql://postgres@127.0.0.1:5432/postgres");
    private final DatabaseUrl admin = DatabaseUrl.parse(ADMIN_URL);
    private final String name = "goalpost_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public TestDatabase() throws SQLException {
        admin("CREATE DATABASE " + name);
    }

    /** URL of the fresh database. */
    public String url() {
        return "postgresql://" + admin.user() + "@" + admin.host() + ":" + admin.port() + "/" + name;
    }

    /** A JDBC connection to it. */
    public Connection connect() throws SQLException {
        DatabaseUrl u = DatabaseUrl.parse(url());
        return DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
    }

    /** One number from a query. */
    public long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
