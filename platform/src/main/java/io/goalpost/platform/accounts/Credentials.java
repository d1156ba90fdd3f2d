package io.goalpost.platform.accounts;

import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.platform.security.SecretCipher;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Splits configuration into stored plain values and encrypted secrets, and joins them back. */
public final class Credentials {

    private final SecretCipher cipher;

    public Credentials(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The non-secret part of raw values. */
    public static Map<String, String> plainPart(ConfigSpec spec, Map<String, String> raw) {
        Map<String, String> plain = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!spec.secretKeys().contains(k) && v != null && !v.isBlank()) {
                plain.put(k, v.trim());
            }
        });
        return plain;
    }

    /** Encrypts the secret part of raw values (null when there is none). */
    public byte[] sealSecrets(ConfigSpec spec, Map<String, String> raw) {
        Map<String, String> secrets = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (spec.secretKeys().contains(k) && v != null && !v.isBlank()) {
                secrets.put(k, v.trim());
            }
        });
        return seal(secrets);
    }

    /** Encrypts a map of secrets. */
    public byte[] seal(Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return null;
        }
        return cipher.encrypt(new JsonObject(new LinkedHashMap<>(secrets)).encode().getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts an account's secrets. */
    public Map<String, String> secrets(Account account) {
        if (account.sealedSecrets() == null) {
            return Map.of();
        }
        JsonObject json = new JsonObject(new String(cipher.decrypt(account.sealedSecrets()), StandardCharsets.UTF_8));
        Map<String, String> out = new HashMap<>();
        json.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
        return out;
    }

    /** All raw values of an account (plain and secret). */
    public Map<String, String> raw(Account account) {
        Map<String, String> all = new HashMap<>(account.config());
        all.putAll(secrets(account));
        return all;
    }

    /** The validated values an adapter gets. */
    public ConfigValues values(ConfigSpec spec, Account account) {
        return spec.resolve(raw(account));
    }

    /**
     * Whether a secret's key names a refresh token. Plugins name theirs {@code refresh_token} (or with a
     * prefix); every other secret is taken for the access token or an app credential.
     */
    public static boolean isRefreshTokenKey(String key) {
        return key.contains("refresh");
    }

    /**
     * Whether the account holds a refresh token, so its access token is renewed without a person.
     * Throws when its secrets cannot be decrypted; the caller decides what that means.
     */
    public boolean holdsRefreshToken(Account account) {
        return secrets(account).entrySet().stream().anyMatch(e -> isRefreshTokenKey(e.getKey())
                && e.getValue() != null && !e.getValue().isBlank());
    }
}
