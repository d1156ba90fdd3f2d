package io.goalpost.platform.accounts;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigIssue;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FieldType;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.security.Redactor;
import io.goalpost.platform.sync.CapturedCredentials;
import io.goalpost.platform.sync.SyncScheduler;
import io.goalpost.platform.sync.SyncService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Connecting, reconnecting and removing accounts: validates configuration against the network's
 * declared fields and its URL settings against the {@link OutboundPolicy}, checks the connection on a
 * worker thread before saving, stores secrets encrypted, and schedules the account's sync.
 */
public final class AccountService {

    private final Vertx vertx;
    private final AccountStore store;
    private final PluginRegistry plugins;
    private final Credentials credentials;
    private final SyncService sync;
    private final SyncScheduler scheduler;
    private final OutboundPolicy outbound;
    private final Clock clock;
    /** Base URLs of the demo's sandboxes in this process: an account configured against one is a sandbox account. */
    private final java.util.Set<String> sandboxBases = new java.util.concurrent.CopyOnWriteArraySet<>();

    public AccountService(Vertx vertx, AccountStore store, PluginRegistry plugins, Credentials credentials,
            SyncService sync, SyncScheduler scheduler, OutboundPolicy outbound, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.plugins = plugins;
        this.credentials = credentials;
        this.sync = sync;
        this.scheduler = scheduler;
        this.outbound = outbound;
        this.clock = clock;
    }

    /**
     * Registers the base URL of a sandbox the demo serves ({@code http://127.0.0.1:PORT}): every account
     * connected from now on whose configuration points there (demo accounts, and accounts connected
     * through a sandbox's demo app) is saved with origin {@code sandbox}.
     */
    public void sandboxAt(String baseUrl) {
        sandboxBases.add(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    /** Sandbox when any configured value is an address under a registered sandbox base URL, else network. */
    AccountOrigin origin(Map<String, String> config) {
        for (String value : config.values()) {
            for (String base : sandboxBases) {
                if (value != null && (value.equals(base) || value.startsWith(base + "/"))) {
                    return AccountOrigin.SANDBOX;
                }
            }
        }
        return AccountOrigin.NETWORK;
    }

    /** What a connect request asks for, validated. */
    public record ConnectRequest(String network, String name, Map<String, String> config) {
    }

    /**
     * Parses and validates the JSON of {@code POST /api/accounts} (and of {@code PUT}); 400 naming every
     * problem. The name is single-line, at most 200 characters; configuration keys and values are
     * single-line, at most 100 and 4,000 characters ({@link Inputs}); a problem never shows a value.
     */
    public ConnectRequest parse(JsonObject body) {
        Object network = body.getValue("network");
        if (!(network instanceof String n) || n.isBlank()) {
            throw ApiError.badRequest("'network' is required: one of " + networkIds(),
                    List.of(Map.of("field", "network", "message", "required")));
        }
        List<Map<String, String>> problems = new ArrayList<>();
        // Each text is checked by the rules of Inputs; a problem names the field, never the value (it may be a secret).
        interface Check {
            String line(String field, String text, int maxLength);
        }
        Check check = (field, text, maxLength) -> {
            try {
                return Inputs.strippedLine(text, maxLength);
            } catch (Inputs.Invalid e) {
                problems.add(Map.of("field", field, "message", e.problem()));
                return null;
            }
        };
        String networkId = check.line("network", n, Inputs.ID_MAX);
        Object name = body.getValue("name");
        String accountName = null;
        if (!(name instanceof String nm) || nm.isBlank()) {
            problems.add(Map.of("field", "name", "message", "is required: a name for the account"));
        } else {
            accountName = check.line("name", nm, Inputs.NAME_MAX);
        }
        Object config = body.getValue("config", new JsonObject());
        JsonObject cfg = new JsonObject();
        if (config instanceof JsonObject o) {
            cfg = o;
        } else {
            problems.add(Map.of("field", "config", "message", "must be an object of field values"));
        }
        Map<String, String> raw = new HashMap<>();
        for (Map.Entry<String, Object> e : cfg) {
            String field = "config." + Inputs.shown(e.getKey());
            String key = check.line(field, e.getKey(), Inputs.ID_MAX);
            String value = e.getValue() == null ? null
                    : check.line(field, String.valueOf(e.getValue()), Inputs.CONFIG_VALUE_MAX);
            if (key != null) {
                raw.put(key, value);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.badRequest("the account is not valid: " + String.join("; ", problems.stream()
                    .map(p -> "'" + p.get("field") + "' " + p.get("message")).toList()), problems);
        }
        return new ConnectRequest(networkId, accountName, raw);
    }

    /** Connects an account: validate, check on a worker, save, schedule. */
    public Future<AccountStore.Stored> connect(ConnectRequest request) {
        return connect(request, AccountStore.TokenExpiry.UNKNOWN);
    }

    /**
     * Connects an account: validate, check on a worker, save (with the tokens the check rotated, and
     * when they lapse: {@code expiry} unless the check reported it), schedule the backfill. When the
     * network throttles the check, the account is saved as {@code pending_check} and checked and
     * backfilled when the network allows ({@link #THROTTLED}).
     */
    public Future<AccountStore.Stored> connect(ConnectRequest request, AccountStore.TokenExpiry expiry) {
        if (Account.MANUAL.equals(request.network())) {
            if (!request.config().isEmpty()) {
                throw ApiError.badRequest("a manual account takes no configuration");
            }
            return store.insert(Account.MANUAL, request.name(), Map.of(), null, LocalDate.now(clock), "manual")
                    .compose(this::get);
        }
        LoadedNetwork network = network(request.network());
        ConfigValues values = validate(network, request.config());
        ConfigSpec spec = network.descriptor().config();
        String networkId = network.descriptor().networkId();
        CapturedCredentials captured = new CapturedCredentials();
        return checkUrls(network, values)
                .compose(v -> refuseDuplicate(networkId, identityValue(network, values), null, 0))
                .compose(v -> vertx.executeBlocking(() -> checkOrFail(network, values, captured)))
                .compose(checked -> checked.throttled() != null ? Future.succeededFuture(checked)
                        : refuseDuplicate(networkId, null, checked.result().identity().externalId(), 0).map(checked))
                .compose(checked -> {
                    ConfigValues saved = withCaptured(spec, values, captured);
                    LocalDate connectedOn = checked.throttled() != null ? LocalDate.now(clock)
                            : LocalDate.now(clock.withZone(checked.result().identity().reportingZone()));
                    Future<Long> inserted = store.insert(networkId, request.name(),
                            Credentials.plainPart(spec, saved.asMap()), credentials.sealSecrets(spec, saved.asMap()),
                            connectedOn, "pending", origin(saved.asMap()));
                    if (checked.throttled() == null) {
                        CheckResult check = checked.result();
                        inserted = inserted.compose(id -> store.updateIdentity(id, check.identity().externalId(),
                                check.identity().handle(), check.identity().displayName(),
                                check.identity().reportingZone()).map(id));
                    }
                    return inserted
                            .compose(id -> store.updateTokenExpiry(id, expiry.then(captured.expiry()
                                    .orElse(AccountStore.TokenExpiry.UNKNOWN))).map(id))
                            .compose(id -> afterCheck(id, checked, saved).map(id));
                })
                .compose(this::get);
    }

    /**
     * The status an answer to a connect or reconnect has: 202 when the account is saved but its
     * connection is checked later (the network throttled the check), else {@code otherwise}.
     */
    public static int status(AccountStore.Stored stored, int otherwise) {
        return "pending_check".equals(stored.sync().status()) ? 202 : otherwise;
    }

    /** Words for an account whose connection check the network throttled. */
    static final String THROTTLED = "the network is throttling Goalpost, so the connection could not be checked yet";

    /** Schedules what follows a check: the backfill now, or, when throttled, the check when the network allows. */
    private Future<Void> afterCheck(long id, Checked checked, ConfigValues values) {
        if (checked.throttled() == null) {
            return scheduleNow(id);
        }
        Instant now = clock.instant();
        Instant at = checked.retryAt().isAfter(now) ? checked.retryAt() : now;
        String words = THROTTLED + " (" + new Redactor(values.secretValues()).redact(checked.throttled().getMessage())
                + "); Goalpost checks it at " + at.truncatedTo(ChronoUnit.SECONDS) + " and then fetches its history";
        return store.markPendingCheck(id, words, at, checked.throttled().kind()).compose(v -> vertx.executeBlocking(() -> {
            scheduler.syncAt(id, at);
            return null;
        }));
    }

    /** A configuration with what the connection check stored (rotated tokens) in place of what it was given. */
    private static ConfigValues withCaptured(ConfigSpec spec, ConfigValues values, CapturedCredentials captured) {
        Map<String, String> updates = new HashMap<>();
        captured.updated().forEach((k, v) -> {
            if (spec.field(k).isPresent() && v != null && !v.isBlank()) {
                updates.put(k, v);
            }
        });
        return updates.isEmpty() ? values : values.with(updates);
    }

    /**
     * Checks the URL settings that differ from the plugin's defaults (a default is the network's own
     * API, checked on every request instead; the connect form sends it back as entered) against the
     * outbound rules: 400 naming each field, before any request is sent. Resolving the names blocks,
     * so it runs on a worker.
     */
    private Future<Void> checkUrls(LoadedNetwork network, ConfigValues values) {
        AdapterDescriptor d = network.descriptor();
        List<ConfigField> urls = d.config().fields().stream()
                .filter(f -> f.type() == FieldType.URL)
                .filter(f -> values.get(f.key()).filter(v -> !v.equals(f.defaultValue())).isPresent())
                .toList();
        if (urls.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            List<Map<String, String>> problems = new ArrayList<>();
            for (ConfigField f : urls) {
                try {
                    // hostsFor: a field whose host the plugin allows per account passes the host rule; its
                    // addresses are still checked like any other.
                    outbound.checkSetting(f.key(), values.require(f.key()), d.hostsFor(values));
                } catch (OutboundPolicy.Refused e) {
                    problems.add(Map.of("field", f.key(), "message", e.getMessage()));
                }
            }
            if (!problems.isEmpty()) {
                throw ApiError.badRequest("invalid configuration for " + d.displayName() + ": "
                        + String.join("; ", problems.stream().map(p -> p.get("message")).toList()), problems);
            }
            return null;
        });
    }

    /**
     * Changing where a token goes requires the token: when a reconnect changes a URL setting, every
     * secret the account has stored must be given again in the same request (400 naming them, nothing
     * saved, nothing sent). Otherwise whoever can edit an account could send its stored token anywhere.
     */
    private void requireSecretsForNewAddress(LoadedNetwork network, Account account, Map<String, String> given,
            ConfigValues values) {
        ConfigSpec spec = network.descriptor().config();
        ConfigValues before = spec.resolve(account.config());
        List<String> moved = spec.fields().stream().filter(f -> f.type() == FieldType.URL)
                .map(ConfigField::key)
                .filter(k -> !sameUrl(before.get(k).orElse(""), values.get(k).orElse("")))
                .toList();
        if (moved.isEmpty()) {
            return;
        }
        List<String> missing = credentials.secrets(account).entrySet().stream()
                .filter(e -> spec.secretKeys().contains(e.getKey()) && e.getValue() != null && !e.getValue().isBlank())
                .map(Map.Entry::getKey)
                .filter(k -> given.get(k) == null || given.get(k).isBlank())
                .sorted()
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        String fields = String.join(", ", moved);
        throw ApiError.badRequest("to send the token to a new address, enter the token again: changing " + fields
                + " requires " + String.join(", ", missing) + " in the same request; nothing was saved",
                missing.stream().map(k -> Map.of("field", k, "message", "must be entered again because " + fields
                        + " changes where it is sent")).toList());
    }

    /** Two URL settings that send to the same place (case of scheme and host, default port, final slash aside). */
    static boolean sameUrl(String a, String b) {
        return canonicalUrl(a).equals(canonicalUrl(b));
    }

    private static String canonicalUrl(String url) {
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return url.trim();
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + (u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@")
                    + u.getHost().toLowerCase(Locale.ROOT) + ":" + port + path
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (java.net.URISyntaxException e) {
            return url.trim();
        }
    }

    /** The value of the network's identity field in a configuration, or null. */
    private static String identityValue(LoadedNetwork network, ConfigValues values) {
        String field = network.descriptor().identityField();
        if (field.isEmpty()) {
            return null;
        }
        String v = values.asMap().get(field);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * 409 when the external account is already connected: by the network's identity field in the
     * configuration (before any network call), or by the identity the connection check returned.
     * {@code except} is the account being reconnected.
     */
    private Future<Void> refuseDuplicate(String network, String configured, String externalId, long except) {
        if (configured == null && externalId == null) {
            return Future.succeededFuture();
        }
        String field = plugins.network(network).map(AdapterDescriptor::identityField).orElse("");
        return store.findConnected(network, field, configured, externalId, except).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture();
            }
            Account a = found.get();
            String what = configured != null ? configured : externalId;
            return Future.failedFuture(new ApiError(409, "this " + displayName(network) + " account (" + what
                    + ") is already connected as account " + a.id() + " (" + a.name() + "); connecting it twice would "
                    + "count its numbers twice. Reconnect account " + a.id() + " instead.",
                    Map.of("existing", Map.of("id", a.id(), "name", a.name()))));
        });
    }

    private String displayName(String network) {
        return plugins.network(network).map(AdapterDescriptor::displayName).orElse(network);
    }

    /**
     * Saves an account without checking it first: used by the demo for an account whose token the
     * sandbox revokes, so the first sync shows the error.
     */
    public Future<Long> connectUnchecked(ConnectRequest request, LocalDate connectedOn) {
        LoadedNetwork network = network(request.network());
        ConfigValues values = validate(network, request.config());
        ConfigSpec spec = network.descriptor().config();
        return checkUrls(network, values)
                .compose(v -> refuseDuplicate(network.descriptor().networkId(), identityValue(network, values), null, 0))
                .compose(v -> store.insert(network.descriptor().networkId(), request.name(),
                        Credentials.plainPart(spec, values.asMap()), credentials.sealSecrets(spec, values.asMap()),
                        connectedOn, "pending", origin(values.asMap())));
    }

    /**
     * Reconnects or edits: a new name alone is saved as it is; new settings (omitted ones keep their
     * stored value, a non-secret one sent empty goes back to its default, and when a URL setting changes
     * every stored secret must be given again) are checked first. Tokens the check
     * rotates are saved with the account; when the check fails after rotating the account's own stored
     * tokens, the rotated ones are saved all the same (the network has voided the stored ones).
     */
    public Future<AccountStore.Stored> reconnect(long id, JsonObject body) {
        return get(id).compose(stored -> {
            Account account = stored.account();
            JsonObject merged = body.copy();
            if (!merged.containsKey("network")) {
                merged.put("network", account.network());
            }
            if (!merged.containsKey("name")) {
                merged.put("name", account.name());
            }
            ConnectRequest request = parse(merged);
            if (!request.network().equals(account.network())) {
                throw ApiError.badRequest("the network of an account cannot change; connect a new account instead");
            }
            if (account.isManual()) {
                return store.update(id, request.name(), Map.of(), null).compose(v -> get(id));
            }
            // A rename alone touches neither the settings nor the tokens, and calls no network: an account
            // that needs a new sign-in can be renamed too, and no rotating token is spent on it.
            if (!(body.getValue("config") instanceof JsonObject given) || given.isEmpty()) {
                return store.rename(id, request.name()).compose(v -> get(id));
            }
            LoadedNetwork network = network(account.network());
            ConfigSpec spec = network.descriptor().config();
            // Settings the request leaves out keep their stored values; a non-secret one sent empty goes
            // back to its default, a secret sent empty is kept.
            Map<String, String> raw = new HashMap<>(credentials.raw(account));
            raw.keySet().removeIf(k -> spec.field(k).isEmpty());
            request.config().forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    raw.put(k, v);
                } else if (!spec.secretKeys().contains(k)) {
                    raw.remove(k);
                }
            });
            ConfigValues values = validate(network, raw);
            requireSecretsForNewAddress(network, account, request.config(), values);
            List<String> typed = request.config().entrySet().stream().filter(e -> spec.secretKeys().contains(e.getKey())
                    && e.getValue() != null && !e.getValue().isBlank()).map(Map.Entry::getKey).toList();
            boolean newSecrets = !typed.isEmpty();
            // A pasted token replaces one whose end is stored: that end no longer applies (a lapsed sign-in
            // kept the account "needs_reauth" after a new token was pasted); the new token's is known only
            // if the check reports it. The end of a token kept from the stored ones stays. (A secret whose
            // key names a refresh token is one, Credentials.isRefreshTokenKey; any other is the access token.)
            boolean newRefresh = typed.stream().anyMatch(Credentials::isRefreshTokenKey);
            boolean newAccess = typed.stream().anyMatch(k -> !Credentials.isRefreshTokenKey(k));
            AccountStore.TokenExpiry kept = new AccountStore.TokenExpiry(newAccess ? null : stored.tokens().accessExpiresAt(),
                    newRefresh ? null : stored.tokens().refreshExpiresAt());
            return save(stored, network, request.name(), values, !newSecrets, kept, true);
        });
    }

    /**
     * Replaces an account's credentials with those of a new sign-in (the "Connect with …" flow of a
     * reconnect), keeping its id, name, history and goals: checked first, refused when the sign-in is
     * for another account of the network.
     */
    public Future<AccountStore.Stored> replaceCredentials(long id, Map<String, String> raw, AccountStore.TokenExpiry expiry) {
        return get(id).compose(stored -> {
            Account account = stored.account();
            if (account.isManual()) {
                throw ApiError.badRequest("a manual source has no credentials to replace");
            }
            LoadedNetwork network = network(account.network());
            ConfigValues values = validate(network, raw);
            return save(stored, network, account.name(), values, false, expiry, true);
        });
    }

    /**
     * Checks and saves new settings of an existing account. {@code storedSecretsUsed}: the check runs
     * with the account's stored secrets, so tokens it rotates are saved even when it then fails.
     * {@code expiry}: when the tokens saved lapse, as far as known before the check (what the check reports
     * after a renewal takes their place, field by field). {@code sameAccount}:
     * refuse (409) credentials of another external account than the one the account has.
     */
    private Future<AccountStore.Stored> save(AccountStore.Stored stored, LoadedNetwork network, String name,
            ConfigValues values, boolean storedSecretsUsed, AccountStore.TokenExpiry expiry, boolean sameAccount) {
        Account account = stored.account();
        long id = account.id();
        ConfigSpec spec = network.descriptor().config();
        CapturedCredentials captured = new CapturedCredentials();
        return checkUrls(network, values)
                .compose(v -> refuseDuplicate(account.network(), identityValue(network, values), null, id))
                .compose(v -> vertx.executeBlocking(() -> checkOrFail(network, values, captured))
                        .recover(failure -> storedSecretsUsed && !captured.updated().isEmpty()
                                ? keepRotated(account, spec, captured).compose(k -> Future.failedFuture(failure))
                                : Future.failedFuture(failure)))
                .compose(checked -> {
                    if (checked.throttled() != null) {
                        return Future.succeededFuture(checked);
                    }
                    String externalId = checked.result().identity().externalId();
                    if (sameAccount && account.externalId() != null && !account.externalId().equals(externalId)) {
                        return Future.failedFuture(new ApiError(409, "these credentials are for another "
                                + displayName(account.network()) + " account (" + externalId + ") than account " + id
                                + " (" + account.externalId() + "); its history would mix two accounts. Connect it as a new "
                                + "account instead.", Map.of("external_id", externalId)));
                    }
                    return refuseDuplicate(account.network(), null, externalId, id).map(checked);
                })
                .compose(checked -> {
                    ConfigValues saved = withCaptured(spec, values, captured);
                    Future<Void> done = store.update(id, name, Credentials.plainPart(spec, saved.asMap()),
                            credentials.sealSecrets(spec, saved.asMap()));
                    if (checked.throttled() == null) {
                        CheckResult check = checked.result();
                        done = done.compose(v -> store.updateIdentity(id, check.identity().externalId(),
                                check.identity().handle(), check.identity().displayName(), check.identity().reportingZone()));
                    }
                    AccountStore.TokenExpiry tokens = expiry.then(captured.expiry().orElse(AccountStore.TokenExpiry.UNKNOWN));
                    done = done.compose(v -> store.updateTokenExpiry(id, tokens));
                    return done.compose(v -> afterCheck(id, checked, saved));
                })
                .compose(v -> get(id));
    }

    /** Saves the tokens a failed check rotated from the account's stored ones (the network voided those). */
    private Future<Void> keepRotated(Account account, ConfigSpec spec, CapturedCredentials captured) {
        Map<String, String> secrets = new HashMap<>(credentials.secrets(account));
        captured.updated().forEach((k, v) -> {
            if (spec.secretKeys().contains(k) && v != null && !v.isBlank()) {
                secrets.put(k, v);
            }
        });
        Future<Void> done = store.updateSecrets(account.id(), credentials.seal(secrets));
        if (captured.expiry().isPresent()) {
            done = done.compose(v -> store.recordRenewedExpiry(account.id(), captured.expiry().get()));
        }
        return done.recover(e -> Future.succeededFuture());
    }

    /**
     * The account of the network already connected to an external account: by its identity field
     * ({@code field} has the value {@code configured}) or by its external id.
     */
    public Future<Optional<Account>> findConnected(String network, String field, String configured, String externalId) {
        return store.findConnected(network, field, configured, externalId, 0);
    }

    /** One account or 404. */
    public Future<AccountStore.Stored> get(long id) {
        return store.get(id).map(found -> found.orElseThrow(() -> ApiError.notFound("account " + id)));
    }

    /** Deletes an account and its data; 404 when unknown. */
    public Future<Void> delete(long id) {
        return store.delete(id).compose(existed -> {
            if (!existed) {
                return Future.failedFuture(ApiError.notFound("account " + id));
            }
            return vertx.executeBlocking(() -> {
                scheduler.forget(id);
                return null;
            });
        });
    }

    /** Makes the account's sync due now. */
    public Future<Void> scheduleNow(long id) {
        return vertx.executeBlocking(() -> {
            scheduler.syncNow(id);
            return null;
        });
    }

    /** Renders an account for the API: never any secret value. */
    public JsonObject toJson(AccountStore.Stored stored) {
        Account a = stored.account();
        Optional<AdapterDescriptor> d = plugins.network(a.network());
        JsonObject identity = a.externalId() == null ? null : new JsonObject().put("externalId", a.externalId())
                .put("handle", a.handle()).put("displayName", a.displayName())
                .put("reportingZone", a.reportingZone().getId());
        JsonArray secretFields = new JsonArray();
        d.ifPresent(desc -> desc.config().fields().stream().filter(f -> f.secret()).forEach(f -> secretFields.add(f.key())));
        SyncStatus s = stored.sync();
        AccountHealth health = health(stored);
        JsonObject sync = new JsonObject().put("status", health.status()).put("statusText", health.statusText())
                .put("syncedThrough", str(s.syncedThrough())).put("lastAttemptAt", str(s.lastAttemptAt()))
                .put("lastSuccessAt", str(s.lastSuccessAt())).put("lastError", s.lastError())
                .put("lastErrorKind", s.lastErrorKind()).put("retryAt", str(s.retryAt())).put("notes", s.notes())
                .put("warnings", new JsonArray(new ArrayList<>(s.warnings())));
        boolean fromConnection = d.map(desc -> desc.history().historyFromConnectionOnly()).orElse(false);
        LocalDate rebuiltFrom = s.followersDerivedFrom();
        boolean lowerBound = d.map(desc -> !desc.reportable().contains(io.goalpost.plugin.api.CanonicalMetric.FOLLOWER_LOSSES.id()))
                .orElse(false);
        String note = rebuiltFrom != null
                ? "This network reports only today's follower count. Goalpost records it daily, and rebuilt the levels from "
                        + rebuiltFrom + " on from the daily follower gains"
                        + (lowerBound ? " (the network does not report unfollows, so the rebuilt levels assume nobody left "
                                + "and may be slightly low)" : " and losses")
                        + "; rebuilt days are marked derived."
                : fromConnection ? "This network keeps no follower history: Goalpost records a daily snapshot from "
                        + a.connectedOn() + ", the day the account was connected." : null;
        return new JsonObject().put("id", a.id()).put("network", a.network())
                .put("networkName", a.isManual() ? "Manual source" : d.map(AdapterDescriptor::displayName).orElse(a.network()))
                .put("name", a.name()).put("kind", a.isManual() ? "manual" : "network").put("origin", a.origin().value())
                .put("identity", identity).put("config", new JsonObject(new HashMap<>(a.config())))
                .put("secretFields", secretFields).put("connectedOn", a.connectedOn().toString())
                .put("sync", sync)
                .put("canSync", health.canSync()).put("cannotSyncReason", health.cannotSyncReason())
                .put("tokenHealth", health.tokenHealth()).put("backfill", health.backfill())
                .put("coverage", new JsonObject().put("historyFromConnectionOnly", fromConnection)
                        .put("followersRebuiltFrom", str(rebuiltFrom)).put("note", note));
    }

    /** What the account needs from a person now: whether it can sync, its tokens' health, its backfill. */
    public AccountHealth health(AccountStore.Stored stored) {
        Account a = stored.account();
        Optional<AdapterDescriptor> d = plugins.network(a.network());
        return AccountHealth.of(stored, d.map(AdapterDescriptor::displayName).orElse(null), refreshable(a),
                d.map(desc -> desc.history().maxLookbackDays()).orElse(0), clock.instant());
    }

    /** Whether the account holds a refresh token, so its access token is renewed without a person. */
    private boolean refreshable(Account a) {
        if (a.isManual() || a.sealedSecrets() == null) {
            return false;
        }
        try {
            return credentials.holdsRefreshToken(a);
        } catch (RuntimeException e) {
            return false; // unreadable secrets: the sync says so
        }
    }

    /**
     * Makes the account's sync due now, or 409 with the reason when it cannot sync (it needs a new
     * sign-in, its plugin is missing, it is a manual source).
     */
    public Future<AccountStore.Stored> syncNow(long id) {
        return get(id).compose(stored -> {
            AccountHealth health = health(stored);
            if (!health.canSync()) {
                return Future.failedFuture(new ApiError(409, "cannot sync account " + id + " now: "
                        + health.cannotSyncReason(), Map.of("reason", health.cannotSyncReason())));
            }
            return vertx.executeBlocking(() -> scheduler.syncNow(id)).compose(result -> result == SyncScheduler.NowResult.RUNNING
                    ? Future.failedFuture(new ApiError(409, "account " + id + " is syncing now; its sync was not started again",
                            Map.of("reason", "syncing now")))
                    : get(id));
        });
    }

    /**
     * How a connection check ended: with the account's identity, or throttled by the network (the
     * credentials could not be verified yet; neither a success nor a failure).
     */
    private record Checked(CheckResult result, AdapterException throttled) {
        /** When the network lets Goalpost check again. */
        Instant retryAt() {
            return throttledUntil(throttled).orElseThrow();
        }
    }

    /**
     * When a check the network refused for throttling may run again: a rate limit's retry time, or the
     * reset of a used-up quota when the network says it (LinkedIn's daily limit: midnight UTC). Empty
     * for any other failure, and for a quota whose end is not known (X's usage cap or credits, which
     * wait for a person): those are answered as failures, in words.
     */
    static Optional<Instant> throttledUntil(AdapterException e) {
        if (e instanceof AdapterException.RateLimited r) {
            return Optional.of(r.retryAt());
        }
        if (e instanceof AdapterException.QuotaExhausted q && q.resetsAt() != null) {
            return Optional.of(q.resetsAt());
        }
        return Optional.empty();
    }

    /** Checks on this (worker) thread: 422 naming the failure, never a secret. */
    private Checked checkOrFail(LoadedNetwork network, ConfigValues values, CapturedCredentials captured) {
        try {
            return new Checked(sync.check(network, values, clock, captured), null);
        } catch (AdapterException e) {
            if (throttledUntil(e).isPresent()) {
                return new Checked(null, e);
            }
            java.util.Set<String> secrets = new java.util.HashSet<>(values.secretValues());
            secrets.addAll(captured.updated().values());
            String message = new Redactor(secrets).redact(e.getMessage());
            throw new ApiError(422, "connection check failed: " + message, Map.of("kind", e.kind()));
        }
    }

    /** The keys of a network's secret settings (none for an unknown network). */
    public java.util.Set<String> secretKeys(String network) {
        return plugins.network(network).map(d -> d.config().secretKeys()).orElse(java.util.Set.of());
    }

    private LoadedNetwork network(String id) {
        return plugins.loaded(id).orElseThrow(() -> ApiError.badRequest("unknown network '" + id
                + "'; installed networks: " + networkIds(), List.of(Map.of("field", "network", "message", "unknown network"))));
    }

    private ConfigValues validate(LoadedNetwork network, Map<String, String> raw) {
        ConfigSpec spec = network.descriptor().config();
        List<ConfigIssue> issues = new ArrayList<>(spec.validate(raw));
        ConfigValues values = spec.resolve(raw);
        if (issues.isEmpty()) {
            issues.addAll(PluginRegistry.withLoader(network.classLoader(), () -> network.factory().validate(values)));
        }
        if (!issues.isEmpty()) {
            List<Map<String, String>> details = issues.stream()
                    .map(i -> Map.of("field", i.field(), "message", i.message())).toList();
            throw ApiError.badRequest("invalid configuration for " + network.descriptor().displayName() + ": "
                    + String.join("; ", issues.stream().map(ConfigIssue::message).toList()), details);
        }
        return values;
    }

    private String networkIds() {
        List<String> ids = new ArrayList<>(plugins.networks().stream().map(AdapterDescriptor::networkId).toList());
        ids.add(Account.MANUAL);
        return String.join(", ", ids);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
