package io.goalpost.platform.notifications;

import io.goalpost.platform.security.SecretCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The admin's SMTP settings (table {@code smtp_settings}, one row). The password is encrypted with the
 * installation's secret key like account secrets and decrypted only to send; {@link #summary} never
 * carries it.
 */
public final class SmtpSettings {

    private final Pool pool;
    private final SecretCipher cipher;

    public SmtpSettings(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /** The settings as the API shows them: {@code configured} false when none are set; never the password. */
    public Future<JsonObject> summary() {
        return pool.query("SELECT host, port, starttls, username, password IS NOT NULL AS password_set, from_address, updated_at "
                + "FROM smtp_settings WHERE id = 1").execute().map(rows -> {
                    if (rows.size() == 0) {
                        return new JsonObject().put("configured", false);
                    }
                    Row r = rows.iterator().next();
                    return new JsonObject().put("configured", true).put("host", r.getString("host"))
                            .put("port", r.getInteger("port")).put("starttls", r.getBoolean("starttls"))
                            .put("username", r.getString("username")).put("password_set", r.getBoolean("password_set"))
                            .put("from", r.getString("from_address"))
                            .put("updated_at", r.getOffsetDateTime("updated_at").toInstant().toString());
                });
    }

    /** The server to send through, password decrypted; empty when the admin has not set one. */
    public Future<Optional<SmtpServer>> server() {
        return pool.query("SELECT host, port, starttls, username, password, from_address FROM smtp_settings WHERE id = 1")
                .execute().map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    Buffer sealed = r.getBuffer("password");
                    String password = sealed == null ? null
                            : new String(cipher.decrypt(sealed.getBytes()), StandardCharsets.UTF_8);
                    return Optional.of(new SmtpServer(r.getString("host"), r.getInteger("port"), r.getBoolean("starttls"),
                            r.getString("username"), password, r.getString("from_address")));
                });
    }

    /**
     * Sets the server. {@code keepPassword} keeps the stored password (the field was omitted);
     * otherwise {@code password} replaces it (null removes it).
     */
    public Future<Void> put(String host, int port, boolean starttls, String username, String password, boolean keepPassword,
            String from, Long updatedBy) {
        Buffer sealed = password == null ? null : Buffer.buffer(cipher.encrypt(password.getBytes(StandardCharsets.UTF_8)));
        String passwordSql = keepPassword ? "smtp_settings.password" : "EXCLUDED.password";
        return pool.preparedQuery("INSERT INTO smtp_settings (id, host, port, starttls, username, password, from_address, updated_by) "
                + "VALUES (1, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, "
                + "port = EXCLUDED.port, starttls = EXCLUDED.starttls, username = EXCLUDED.username, password = " + passwordSql
                + ", from_address = EXCLUDED.from_address, updated_at = now(), updated_by = EXCLUDED.updated_by")
                .execute(Tuple.from(new Object[] {host, port, starttls, username, keepPassword ? null : sealed, from, updatedBy}))
                .mapEmpty();
    }
}
