package io.goalpost.platform.connect;

import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.platform.access.Secrets;
import io.goalpost.platform.security.SecretCipher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in flows in progress (table {@code oauth_flow}). A flow is found by its state, which is
 * stored as its SHA-256 only. Every step that uses a flow up is one conditional {@code UPDATE}, so two
 * instances (or two tabs) racing on one state cannot both win. The PKCE verifier and the discovered
 * accounts (their configuration holds the tokens) are encrypted with the installation's secret key.
 */
final class OAuthFlows {

    /** How long the network's consent may take: the callback must arrive within it. */
    static final Duration CALLBACK_WITHIN = Duration.ofMinutes(10);
    /** How long, after the callback, the person has to pick the accounts to connect. */
    static final Duration PICK_WITHIN = Duration.ofMinutes(30);

    private final Pool pool;
    private final SecretCipher cipher;

    OAuthFlows(Pool pool, SecretCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    /**
     * A flow as stored.
     *
     * @param id its id
     * @param network the network id
     * @param userId the user who started it
     * @param reconnectAccountId the account it reconnects, or null for new accounts
     * @param codeVerifier the PKCE verifier, or empty
     * @param redirectUri the callback it was started with
     * @param expiresAt when it lapses (the callback's deadline, then the pick's)
     * @param calledBackAt when the network's callback arrived, or null
     * @param usedAt when it was used up (accounts connected, or the sign-in failed), or null
     * @param hasDiscovered whether the callback stored discovered accounts
     */
    record Flow(long id, String network, long userId, Long reconnectAccountId, Optional<String> codeVerifier,
            String redirectUri, Instant expiresAt, Instant calledBackAt, Instant usedAt, boolean hasDiscovered) {

        @Override
        public String toString() {
            return "Flow[id=" + id + ", network=" + network + ", user=" + userId + "]";
        }
    }

    /** Starts a flow; answers its id. Also removes flows that lapsed more than a day ago. */
    Future<Long> insert(String state, String network, long userId, Long accountId, Optional<String> verifier,
            String redirectUri, Instant expiresAt) {
        Buffer sealed = verifier.map(v -> Buffer.buffer(cipher.encrypt(v.getBytes(StandardCharsets.UTF_8)))).orElse(null);
        return pool.query("DELETE FROM oauth_flow WHERE expires_at < now() - interval '1 day'").execute()
                .compose(v -> pool.preparedQuery("INSERT INTO oauth_flow (state_hash, network, user_id, reconnect_account_id, "
                        + "code_verifier, redirect_uri, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                        .execute(Tuple.from(new Object[] {Buffer.buffer(Secrets.digest(state)), network, userId, accountId,
                                sealed, redirectUri, expiresAt.atOffset(ZoneOffset.UTC)})))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The flow of a state, if one was started with it. */
    Future<Optional<Flow>> find(String state) {
        return pool.preparedQuery("SELECT id, network, user_id, reconnect_account_id, code_verifier, redirect_uri, expires_at, "
                + "called_back_at, used_at, discovered IS NOT NULL AS has_discovered FROM oauth_flow WHERE state_hash = $1")
                .execute(Tuple.of(Buffer.buffer(Secrets.digest(state))))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(flow(rows.iterator().next())));
    }

    /** Takes the callback: true for the one caller that finds the flow not yet called back, unused and unexpired. */
    Future<Boolean> claimCallback(long id) {
        return pool.preparedQuery("UPDATE oauth_flow SET called_back_at = now() WHERE id = $1 AND called_back_at IS NULL "
                + "AND used_at IS NULL AND expires_at > now() RETURNING id").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1);
    }

    /** Stores the accounts a callback discovered and gives the person {@link #PICK_WITHIN} to pick. */
    Future<Void> discovered(long id, List<DiscoveredAccount> accounts, Instant pickBefore) {
        JsonArray list = new JsonArray();
        for (DiscoveredAccount a : accounts) {
            list.add(new JsonObject().put("external_id", a.externalId()).put("name", a.name())
                    .put("handle", a.handle().orElse(null)).put("note", a.note().orElse(null))
                    .put("config", new JsonObject(new LinkedHashMap<>(a.config())))
                    .put("access_expires_at", a.accessExpiresAt().map(Instant::toString).orElse(null))
                    .put("refresh_expires_at", a.refreshExpiresAt().map(Instant::toString).orElse(null)));
        }
        byte[] sealed = cipher.encrypt(list.encode().getBytes(StandardCharsets.UTF_8));
        return pool.preparedQuery("UPDATE oauth_flow SET discovered = $2, expires_at = $3, code_verifier = NULL WHERE id = $1")
                .execute(Tuple.of(id, Buffer.buffer(sealed), pickBefore.atOffset(ZoneOffset.UTC))).mapEmpty();
    }

    /** The accounts the callback discovered, tokens included (decrypted): for the server only. */
    Future<List<DiscoveredAccount>> accounts(long id) {
        return pool.preparedQuery("SELECT discovered FROM oauth_flow WHERE id = $1").execute(Tuple.of(id)).map(rows -> {
            List<DiscoveredAccount> out = new ArrayList<>();
            if (rows.size() == 0 || rows.iterator().next().getBuffer("discovered") == null) {
                return out;
            }
            byte[] plain = cipher.decrypt(rows.iterator().next().getBuffer("discovered").getBytes());
            for (Object o : new JsonArray(new String(plain, StandardCharsets.UTF_8))) {
                JsonObject a = (JsonObject) o;
                Map<String, String> config = new LinkedHashMap<>();
                a.getJsonObject("config").forEach(e -> config.put(e.getKey(), String.valueOf(e.getValue())));
                out.add(new DiscoveredAccount(a.getString("external_id"), a.getString("name"),
                        Optional.ofNullable(a.getString("handle")), config, instant(a.getString("access_expires_at")),
                        instant(a.getString("refresh_expires_at")), Optional.ofNullable(a.getString("note"))));
            }
            return out;
        });
    }

    /** Ends a flow that failed (denied, exchange refused): it cannot be used again. */
    Future<Void> end(long id) {
        return pool.preparedQuery("UPDATE oauth_flow SET used_at = COALESCE(used_at, now()), discovered = NULL, "
                + "code_verifier = NULL WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
    }

    /** Takes the flow to connect its accounts: true for the one caller that finds it called back, unused and unexpired. */
    Future<Boolean> claimUse(long id) {
        return pool.preparedQuery("UPDATE oauth_flow SET used_at = now() WHERE id = $1 AND used_at IS NULL "
                + "AND called_back_at IS NOT NULL AND expires_at > now() RETURNING id").execute(Tuple.of(id))
                .map(rows -> rows.size() == 1);
    }

    /** Gives a claimed flow back (nothing could be connected: the person may pick again). */
    Future<Void> release(long id) {
        return pool.preparedQuery("UPDATE oauth_flow SET used_at = NULL WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
    }

    /** Forgets a used flow's tokens. */
    Future<Void> forgetTokens(long id) {
        return pool.preparedQuery("UPDATE oauth_flow SET discovered = NULL, code_verifier = NULL WHERE id = $1")
                .execute(Tuple.of(id)).mapEmpty();
    }

    /** Whether the flow has lapsed, by the database's clock. */
    Future<Boolean> expired(long id) {
        return pool.preparedQuery("SELECT expires_at <= now() AS expired FROM oauth_flow WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean("expired"));
    }

    private Flow flow(Row r) {
        Buffer verifier = r.getBuffer("code_verifier");
        return new Flow(r.getLong("id"), r.getString("network"), r.getLong("user_id"), r.getLong("reconnect_account_id"),
                verifier == null ? Optional.empty()
                        : Optional.of(new String(cipher.decrypt(verifier.getBytes()), StandardCharsets.UTF_8)),
                r.getString("redirect_uri"), r.getOffsetDateTime("expires_at").toInstant(), instant(r, "called_back_at"),
                instant(r, "used_at"), r.getBoolean("has_discovered"));
    }

    private static Instant instant(Row r, String column) {
        var v = r.getOffsetDateTime(column);
        return v == null ? null : v.toInstant();
    }

    private static Optional<Instant> instant(String text) {
        return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
    }
}
