package io.goalpost.platform.connect;

import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.platform.security.SecretCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each network's app credentials for its "Connect with …" sign-in, entered once by an admin (or
 * preset by the demo): the client id, the client secret encrypted with the installation's secret key
 * like account secrets, and an optional base URL that stands in for the network's hosts (a sandbox or
 * proxy). The secret is decrypted only to run a sign-in; nothing here returns it to the API.
 */
public final class NetworkApps {

    private final Pool pool;
    private final SecretCipher cipher;

    public NetworkApps(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /**
     * A network's app as the Settings page shows it: never the secret.
     *
     * @param network the network id
     * @param clientId the app's public id
     * @param baseUrl the stand-in base URL, or null
     * @param updatedAt when it was last set
     */
    public record Summary(String network, String clientId, String baseUrl, Instant updatedAt) {
    }

    /** Every configured network's app, by network id. */
    public Future<Map<String, Summary>> list() {
        return pool.query("SELECT network, client_id, base_url, updated_at FROM network_app ORDER BY network").execute()
                .map(rows -> {
                    Map<String, Summary> out = new LinkedHashMap<>();
                    rows.forEach(r -> out.put(r.getString("network"), summary(r)));
                    return out;
                });
    }

    /** One network's app, if configured. */
    public Future<Optional<Summary>> summary(String network) {
        return pool.preparedQuery("SELECT network, client_id, base_url, updated_at FROM network_app WHERE network = $1")
                .execute(Tuple.of(network))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(summary(rows.iterator().next())));
    }

    /** The credentials a sign-in runs with, secret decrypted; empty when no admin entered them. */
    public Future<Optional<AppCredentials>> credentials(String network) {
        return pool.preparedQuery("SELECT client_id, client_secret, base_url FROM network_app WHERE network = $1")
                .execute(Tuple.of(network))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    String secret = new String(cipher.decrypt(r.getBuffer("client_secret").getBytes()), StandardCharsets.UTF_8);
                    return Optional.of(new AppCredentials(r.getString("client_id"), secret,
                            Optional.ofNullable(r.getString("base_url"))));
                });
    }

    /**
     * Sets a network's app. A null {@code clientSecret} keeps the stored one (the caller refuses it for
     * a network without one); a null {@code baseUrl} removes the stand-in.
     */
    public Future<Void> put(String network, String clientId, String clientSecret, String baseUrl, Long updatedBy) {
        Buffer sealed = clientSecret == null ? null
                : Buffer.buffer(cipher.encrypt(clientSecret.getBytes(StandardCharsets.UTF_8)));
        if (sealed == null) {
            return pool.preparedQuery("UPDATE network_app SET client_id = $2, base_url = $3, updated_at = now(), "
                    + "updated_by = $4 WHERE network = $1").execute(Tuple.of(network, clientId, baseUrl, updatedBy))
                    .mapEmpty();
        }
        return pool.preparedQuery("INSERT INTO network_app (network, client_id, client_secret, base_url, updated_by) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (network) DO UPDATE SET client_id = EXCLUDED.client_id, "
                + "client_secret = EXCLUDED.client_secret, base_url = EXCLUDED.base_url, updated_at = now(), "
                + "updated_by = EXCLUDED.updated_by")
                .execute(Tuple.of(network, clientId, sealed, baseUrl, updatedBy)).mapEmpty();
    }

    /** Removes a network's app; answers whether there was one. */
    public Future<Boolean> delete(String network) {
        return pool.preparedQuery("DELETE FROM network_app WHERE network = $1").execute(Tuple.of(network))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Summary summary(Row r) {
        return new Summary(r.getString("network"), r.getString("client_id"), r.getString("base_url"),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
