package io.goalpost.platform.connect;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.AuthorizationRequest;
import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.plugin.api.CodeExchange;
import io.goalpost.plugin.api.DiscoveredAccount;
import io.goalpost.plugin.api.TokenGrant;
import io.goalpost.platform.access.Principal;
import io.goalpost.platform.access.Secrets;
import io.goalpost.platform.accounts.Account;
import io.goalpost.platform.accounts.AccountService;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.platform.security.Redactor;
import io.goalpost.platform.sync.SyncService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of "Connect with …" (the OAuth 2.0 authorization code flow, RFC 6749 §4.1, with
 * PKCE S256 where the network's {@link AuthorizationSpec} asks for it; platform/API-accounts.md).
 *
 * <ol>
 *   <li>{@link #start}: a single-use state of 256 random bits (stored hashed, bound to the user who
 *       started, lapsing after {@link OAuthFlows#CALLBACK_WITHIN}) and the PKCE pair; the browser is
 *       sent to the plugin's {@code authorizeUrl}.</li>
 *   <li>{@link #callback}: the network sends the browser back with a code (or an error). The state
 *       authenticates the callback (the session cookie is {@code SameSite=Strict}, so it does not come
 *       along); the code is exchanged and the accounts the grant may connect are discovered, both
 *       through the host's HTTP port, and kept encrypted with the flow.</li>
 *   <li>{@link #accounts} lists them, without configuration or secrets, to the user who started;</li>
 *   <li>{@link #connect} creates the picked ones through {@link AccountService#connect} (check,
 *       duplicate refusal, backfill), or replaces a reconnected account's credentials, and uses the
 *       state up.</li>
 * </ol>
 */
public final class OAuthService {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthService.class);
    /** Where the UI shows the discovered accounts; the state follows as {@code ?state=}. */
    static final String UI_PICK = "/#/accounts/connect/";
    /** Where the UI shows a sign-in that failed, in words, as {@code ?connect_error=}. */
    static final String UI_ERROR = "/#/accounts?connect_error=";

    private final Vertx vertx;
    private final PluginRegistry plugins;
    private final NetworkApps apps;
    private final OAuthFlows flows;
    private final AccountService accounts;
    private final SyncService sync;
    private final Supplier<String> publicUrl;
    private final Clock clock;

    /**
     * @param publicUrl the address people use, ending in {@code /} ({@code HttpBinding.url(port)}): the
     *     redirect URI is {@code <publicUrl>api/oauth/<network>/callback}
     */
    public OAuthService(Vertx vertx, PluginRegistry plugins, NetworkApps apps, io.goalpost.platform.security.SecretCipher cipher,
            io.vertx.sqlclient.Pool pool, AccountService accounts, SyncService sync, Supplier<String> publicUrl, Clock clock) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.apps = apps;
        this.flows = new OAuthFlows(pool, cipher);
        this.accounts = accounts;
        this.sync = sync;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The redirect URI to register with the network: {@code <public URL>/api/oauth/<network>/callback}. */
    public String redirectUri(String network) {
        String base = publicUrl.get();
        return (base.endsWith("/") ? base : base + "/") + "api/oauth/" + network + "/callback";
    }

    // ---- 1. start ----

    /**
     * Starts a sign-in for {@code user}: answers the network's consent page to send the browser to.
     * 404 for an unknown network (or account), 400 for a network without a sign-in flow, 409 when no
     * admin has entered its app credentials.
     */
    public Future<URI> start(Principal user, String networkId, Long reconnectAccountId) {
        LoadedNetwork network = signInNetwork(networkId);
        AuthorizationSpec spec = network.authorizationSpec().orElseThrow();
        Future<Void> account = reconnectAccountId == null ? Future.succeededFuture()
                : accounts.get(reconnectAccountId).compose(stored -> {
                    if (!stored.account().network().equals(networkId)) {
                        return Future.failedFuture(ApiError.badRequest("account " + reconnectAccountId + " is a "
                                + stored.account().network() + " account, not " + networkId,
                                Map.of("account_id", "is not an account of " + networkId)));
                    }
                    return Future.succeededFuture();
                });
        String state = Secrets.random("");
        Optional<String> verifier = spec.pkce() ? Optional.of(Secrets.random("")) : Optional.empty();
        Optional<String> challenge = verifier.map(OAuthService::s256);
        String redirectUri = redirectUri(networkId);
        return account.compose(v -> app(network))
                .compose(app -> flows.insert(state, networkId, user.userId(), reconnectAccountId, verifier, redirectUri,
                                clock.instant().plus(OAuthFlows.CALLBACK_WITHIN))
                        .compose(id -> network.authorize(vertx, a -> a.authorizeUrl(new AuthorizationRequest(app,
                                redirectUri, state, challenge)))))
                .map(url -> {
                    String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
                    if (!url.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                        throw new ApiError(502, "the " + network.descriptor().displayName()
                                + " plugin answered a sign-in address that is not an http(s) URL", null);
                    }
                    return url;
                });
    }

    /** The PKCE S256 challenge of a verifier (RFC 7636 §4.2). */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- 2. callback ----

    /**
     * Handles the network's callback; answers where to send the browser: the UI's pick page on
     * success, the accounts page with the problem in words otherwise. Never fails.
     */
    public Future<String> callback(String networkId, String state, String code, String error, String errorDescription) {
        Optional<LoadedNetwork> loaded = plugins.loaded(networkId).filter(n -> n.authorizer().isPresent());
        String name = loaded.map(n -> n.descriptor().displayName()).orElse("the network");
        if (state == null || state.isBlank()) {
            return Future.succeededFuture(error(name + " sent the browser back without the sign-in's state, so Goalpost "
                    + "cannot tell whose sign-in it is; start again with “Connect with " + name + "”"));
        }
        return flows.find(state).compose(found -> {
            if (found.isEmpty() || loaded.isEmpty() || !found.get().network().equals(networkId)) {
                return Future.succeededFuture(error(unknown(name)));
            }
            OAuthFlows.Flow flow = found.get();
            if (flow.calledBackAt() != null || flow.usedAt() != null) {
                return Future.succeededFuture(error(used(name)));
            }
            if (!flow.expiresAt().isAfter(clock.instant())) {
                return Future.succeededFuture(error(expired(name)));
            }
            return flows.claimCallback(flow.id()).compose(claimed -> {
                if (!claimed) {
                    return flows.expired(flow.id()).map(gone -> error(gone ? expired(name) : used(name)));
                }
                if (error != null && !error.isBlank()) {
                    return flows.end(flow.id()).map(v -> error(denied(name, error, errorDescription)));
                }
                if (code == null || code.isBlank()) {
                    return flows.end(flow.id()).map(v -> error(name + " sent the browser back without a sign-in code; "
                            + "start again with “Connect with " + name + "”"));
                }
                return exchangeAndDiscover(loaded.get(), flow, code)
                        .compose(found2 -> flows.discovered(flow.id(), found2,
                                clock.instant().plus(OAuthFlows.PICK_WITHIN)).map(v -> UI_PICK + networkId + "?state="
                                + URLEncoder.encode(state, StandardCharsets.UTF_8)))
                        .recover(e -> flows.end(flow.id()).map(v -> error(failed(name, e))));
            });
        }).recover(e -> {
            LOG.warn("Sign-in callback of {} failed: {}", networkId, e.toString());
            return Future.succeededFuture(error("the sign-in could not be finished (" + (e instanceof ApiError a
                    ? a.getMessage() : "internal error; see the server log") + "); start again"));
        });
    }

    private Future<List<DiscoveredAccount>> exchangeAndDiscover(LoadedNetwork network, OAuthFlows.Flow flow, String code) {
        return app(network).compose(app -> {
            Set<String> secrets = new HashSet<>(List.of(app.clientSecret(), code));
            flow.codeVerifier().ifPresent(secrets::add);
            Set<String> hosts = new LinkedHashSet<>(network.descriptor().allowedHosts());
            app.baseUrl().map(OAuthService::host).ifPresent(hosts::add);
            var http = sync.http(hosts, new Redactor(secrets));
            return network.authorize(vertx, a -> {
                TokenGrant grant = a.exchange(new CodeExchange(app, code, flow.redirectUri(), flow.codeVerifier()), http, clock);
                List<DiscoveredAccount> found = a.discover(app, grant, http, clock);
                return found == null ? List.<DiscoveredAccount>of() : List.copyOf(found);
            });
        }).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new ApiError(404, "the sign-in found no " + network.descriptor().displayName()
                        + " account it may connect: sign in as a person who administers the account, and grant every "
                        + "permission Goalpost asks for", null));
            }
            return Future.succeededFuture(found);
        });
    }

    private static String host(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? "" : h;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The accounts page's address that shows {@code words} as a failed connect. */
    static String error(String words) {
        return UI_ERROR + URLEncoder.encode(words, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String unknown(String network) {
        return "this sign-in is unknown to Goalpost; start again with “Connect with " + network + "” on the Accounts page";
    }

    static String used(String network) {
        return "this sign-in was already used; start again with “Connect with " + network + "” on the Accounts page";
    }

    static String expired(String network) {
        return "the sign-in expired (it must be finished within " + OAuthFlows.CALLBACK_WITHIN.toMinutes() + " minutes, and "
                + "the accounts picked within " + OAuthFlows.PICK_WITHIN.toMinutes() + " minutes); start again with “Connect with "
                + network + "”";
    }

    private static String denied(String network, String error, String description) {
        if ("access_denied".equals(error.strip())) {
            return "you did not allow Goalpost to read your " + network + " account, so nothing was connected";
        }
        String why = description == null || description.isBlank() ? error : description;
        return network + " refused the sign-in: " + Inputs.shown(why.strip()) + "; nothing was connected";
    }

    private static String failed(String network, Throwable e) {
        if (e instanceof AdapterException.PermissionMissing p) {
            String which = p.permissions().isEmpty() ? "" : " (" + String.join(", ", new java.util.TreeSet<>(p.permissions())) + ")";
            return network + " did not grant every permission Goalpost needs" + which + ": " + p.getMessage()
                    + "; connect again and allow them";
        }
        if (e instanceof AdapterException.AuthExpired a) {
            return "the sign-in code expired or was already used: " + a.getMessage() + "; start again";
        }
        if (e instanceof AdapterException a) {
            return "the sign-in with " + network + " could not be finished: " + a.getMessage();
        }
        if (e instanceof ApiError a) {
            return a.getMessage();
        }
        LOG.error("Sign-in with {} failed in the plugin", network, e);
        return "the sign-in with " + network + " could not be finished: the plugin failed (see the server log)";
    }

    // ---- 3. the discovered accounts ----

    /**
     * The accounts a finished callback discovered, without configuration or secrets:
     * {@code {network, reconnect_account_id, accounts: [{external_id, name, handle, note, connected_account_id}]}}.
     */
    public Future<JsonObject> accounts(Principal user, String networkId, String state) {
        return usable(user, networkId, state).compose(flow -> flows.accounts(flow.id()).compose(found -> {
            String field = plugins.network(networkId).map(AdapterDescriptor::identityField).orElse("");
            List<Future<JsonObject>> rows = new ArrayList<>();
            for (DiscoveredAccount a : found) {
                String configured = field.isEmpty() ? null : a.config().get(field);
                rows.add(accounts.findConnected(networkId, field, configured, a.externalId())
                        .map(existing -> new JsonObject().put("external_id", a.externalId()).put("name", a.name())
                                .put("handle", a.handle().orElse(null)).put("note", a.note().orElse(null))
                                .put("connected_account_id", existing.map(Account::id).orElse(null))));
            }
            return Future.all(rows).map(all -> new JsonObject().put("network", networkId)
                    .put("reconnect_account_id", flow.reconnectAccountId())
                    .put("accounts", new JsonArray(all.list())));
        }));
    }

    /**
     * The flow of a state, for the user who started it: 404 when unknown (or of another network), 403
     * for another user, 409 before the callback, 410 when used up or expired.
     */
    private Future<OAuthFlows.Flow> usable(Principal user, String networkId, String state) {
        LoadedNetwork network = signInNetwork(networkId);
        String name = network.descriptor().displayName();
        if (state == null || state.isBlank()) {
            throw ApiError.badRequest("'state' is required: the state of the sign-in", Map.of("state", "is required"));
        }
        return flows.find(state.strip()).compose(found -> {
            if (found.isEmpty() || !found.get().network().equals(networkId)) {
                return Future.failedFuture(new ApiError(404, unknown(name), null));
            }
            OAuthFlows.Flow flow = found.get();
            if (flow.userId() != user.userId()) {
                return Future.failedFuture(new ApiError(403, "this sign-in was started by another user; start your own with "
                        + "“Connect with " + name + "”", null));
            }
            if (flow.usedAt() != null) {
                return Future.failedFuture(new ApiError(410, used(name), null));
            }
            if (!flow.expiresAt().isAfter(clock.instant())) {
                return Future.failedFuture(new ApiError(410, expired(name), null));
            }
            if (flow.calledBackAt() == null) {
                return Future.failedFuture(new ApiError(409, "the sign-in has not come back from " + name + " yet", null));
            }
            return Future.succeededFuture(flow);
        });
    }

    // ---- 4. connect ----

    /**
     * What connecting the picked accounts did.
     *
     * @param network the network id
     * @param reconnectAccountId the account reconnected, or null
     * @param connected the accounts created or reconnected
     * @param failed the picks that could not be connected: {@code {external_id, name, status, error}}
     */
    public record Connected(String network, Long reconnectAccountId, List<AccountStore.Stored> connected,
            List<JsonObject> failed) {
    }

    /**
     * Connects the picked discovered accounts ({@code {state, external_ids}}) and uses the state up. A
     * new account goes through {@link AccountService#connect} (check, duplicate refusal, backfill);
     * a reconnect replaces that account's credentials. When nothing could be connected the state stays
     * usable (the person may pick again) and the first failure is the answer.
     */
    public Future<Connected> connect(Principal user, String networkId, JsonObject body) {
        String state = body.getValue("state") instanceof String s ? s : null;
        Object ids = body.getValue("external_ids");
        if (!(ids instanceof JsonArray picked) || picked.isEmpty()
                || picked.stream().anyMatch(o -> !(o instanceof String t) || t.isBlank())) {
            throw ApiError.badRequest("'external_ids' must be a non-empty list of the external ids to connect",
                    Map.of("external_ids", "is required: a non-empty list of strings"));
        }
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(picked.stream().map(String.class::cast).map(String::strip).toList()));
        return usable(user, networkId, state).compose(flow -> flows.accounts(flow.id()).compose(found -> {
            List<DiscoveredAccount> chosen = new ArrayList<>();
            List<String> unknownIds = new ArrayList<>();
            for (String id : wanted) {
                found.stream().filter(a -> a.externalId().equals(id)).findFirst()
                        .ifPresentOrElse(chosen::add, () -> unknownIds.add(id));
            }
            if (!unknownIds.isEmpty()) {
                return Future.failedFuture(ApiError.badRequest("this sign-in did not find " + String.join(", ",
                        unknownIds.stream().map(Inputs::shown).toList()) + "; pick among the accounts it lists",
                        Map.of("external_ids", "unknown: " + String.join(", ", unknownIds.stream().map(Inputs::shown).toList()))));
            }
            if (flow.reconnectAccountId() != null && chosen.size() != 1) {
                return Future.failedFuture(ApiError.badRequest("a reconnect replaces the credentials of one account: pick "
                        + "exactly one", Map.of("external_ids", "pick exactly one")));
            }
            return flows.claimUse(flow.id()).compose(claimed -> {
                if (!claimed) {
                    return Future.failedFuture(new ApiError(410, used(displayName(networkId)), null));
                }
                Future<Connected> done = flow.reconnectAccountId() != null
                        ? reconnect(networkId, flow.reconnectAccountId(), chosen.get(0))
                        : create(networkId, chosen);
                return done.compose(result -> {
                    if (result.connected().isEmpty()) {
                        JsonObject first = result.failed().get(0);
                        return flows.release(flow.id()).compose(v -> Future.failedFuture(new ApiError(
                                first.getInteger("status"), first.getString("error"), Map.of("failed", new JsonArray(result.failed())))));
                    }
                    return flows.forgetTokens(flow.id()).map(result);
                }, failure -> flows.release(flow.id()).compose(v -> Future.failedFuture(failure)));
            });
        }));
    }

    private Future<Connected> create(String networkId, List<DiscoveredAccount> chosen) {
        List<AccountStore.Stored> connected = new ArrayList<>();
        List<JsonObject> failed = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (DiscoveredAccount a : chosen) {
            chain = chain.compose(v -> {
                Future<AccountStore.Stored> one;
                try {
                    one = accounts.connect(new AccountService.ConnectRequest(networkId, accountName(a), a.config()),
                            AccountStore.TokenExpiry.of(a.accessExpiresAt(), a.refreshExpiresAt()));
                } catch (RuntimeException e) {
                    one = Future.failedFuture(e);
                }
                return one.map(stored -> {
                    connected.add(stored);
                    return (Void) null;
                }).recover(e -> {
                    failed.add(failure(a, e));
                    return Future.succeededFuture();
                });
            });
        }
        return chain.map(v -> new Connected(networkId, null, List.copyOf(connected), List.copyOf(failed)));
    }

    private Future<Connected> reconnect(String networkId, long accountId, DiscoveredAccount a) {
        return accounts.get(accountId).compose(stored -> {
            // The account as the network knows it: its external id once checked, else its identity setting (a Page id).
            String field = plugins.network(networkId).map(AdapterDescriptor::identityField).orElse("");
            String externalId = stored.account().externalId() != null ? stored.account().externalId()
                    : field.isEmpty() ? null : stored.account().config().get(field);
            String picked = stored.account().externalId() != null || field.isEmpty() ? a.externalId()
                    : a.config().getOrDefault(field, a.externalId());
            if (externalId != null && !externalId.equals(picked)) {
                return Future.failedFuture(new ApiError(409, "account " + accountId + " (" + stored.account().name()
                        + ") is " + displayName(networkId) + " account " + externalId + ", but this sign-in picked " + a.name()
                        + " (" + a.externalId() + "); pick the same account, or connect it as a new one", null));
            }
            return accounts.replaceCredentials(accountId, a.config(), AccountStore.TokenExpiry.of(a.accessExpiresAt(),
                    a.refreshExpiresAt()));
        }).map(stored -> new Connected(networkId, accountId, List.of(stored), List.of()))
                .recover(e -> Future.succeededFuture(new Connected(networkId, accountId, List.of(), List.of(failure(a, e)))));
    }

    private static JsonObject failure(DiscoveredAccount a, Throwable e) {
        int status = e instanceof ApiError api ? api.status() : 500;
        String words = e instanceof ApiError api ? api.getMessage() : "internal error; see the server log";
        if (!(e instanceof ApiError)) {
            LOG.error("Connecting {} failed", a, e);
        }
        return new JsonObject().put("external_id", a.externalId()).put("name", a.name()).put("status", status)
                .put("error", words);
    }

    /** The discovered name as an account name: one line, at most {@link Inputs#NAME_MAX} characters. */
    static String accountName(DiscoveredAccount a) {
        String name = a.name().replaceAll("\\p{Cntrl}", " ").strip();
        if (name.isEmpty()) {
            name = a.handle().orElse(a.externalId());
        }
        return name.length() > Inputs.NAME_MAX ? name.substring(0, Inputs.NAME_MAX).strip() : name;
    }

    // ---- helpers ----

    /** A loaded network with a sign-in flow: 404 unknown, 400 without one. */
    private LoadedNetwork signInNetwork(String networkId) {
        LoadedNetwork network = plugins.loaded(networkId).orElseThrow(() -> new ApiError(404, "unknown network '"
                + Inputs.shown(networkId) + "'", null));
        if (network.authorizer().isEmpty()) {
            throw ApiError.badRequest(network.descriptor().displayName() + " has no sign-in flow: its accounts connect with "
                    + "a pasted token");
        }
        return network;
    }

    private Future<AppCredentials> app(LoadedNetwork network) {
        String id = network.descriptor().networkId();
        return apps.credentials(id).compose(app -> app.isPresent() ? Future.succeededFuture(app.get())
                : Future.failedFuture(new ApiError(409, "no " + network.descriptor().displayName() + " app is set up yet: an "
                        + "admin enters its client id and secret on the Settings page (or PUT /api/settings/networks/" + id + ") and registers the redirect URI "
                        + redirectUri(id) + " with " + network.descriptor().displayName(), null)));
    }

    private String displayName(String networkId) {
        return plugins.network(networkId).map(AdapterDescriptor::displayName).orElse(networkId);
    }
}
