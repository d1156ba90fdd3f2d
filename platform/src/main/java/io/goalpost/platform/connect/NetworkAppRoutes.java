package io.goalpost.platform.connect;

import io.goalpost.plugin.api.AuthorizationSpec;
import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/settings/networks}: each network's app credentials for its sign-in, admins only
 * (platform/API-accounts.md). The client secret is write-only: stored encrypted, never answered,
 * never audited; the audit entry names the fields changed.
 */
public final class NetworkAppRoutes implements RouteModule {

    /** The longest client id. */
    static final int CLIENT_ID_MAX = 500;
    /** The longest client secret or base URL. */
    static final int VALUE_MAX = Inputs.CONFIG_VALUE_MAX;

    private final Vertx vertx;
    private final PluginRegistry plugins;
    private final NetworkApps apps;
    private final OAuthService oauth;
    private final OutboundPolicy outbound;
    private final AuditLog audit;

    public NetworkAppRoutes(Vertx vertx, PluginRegistry plugins, NetworkApps apps, OAuthService oauth, OutboundPolicy outbound,
            AuditLog audit) {
        this.vertx = vertx;
        this.plugins = plugins;
        this.apps = apps;
        this.oauth = oauth;
        this.outbound = outbound;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/settings/networks", Access.ADMIN, Handlers.reply(200, ctx -> apps.list().map(all ->
                new JsonArray(plugins.loadedNetworks().stream()
                        .map(n -> entry(n, Optional.ofNullable(all.get(n.descriptor().networkId())))).toList()))));
        routes.put("/settings/networks/:network", Access.ADMIN, Handlers.reply(200, ctx -> put(ctx)));
        routes.delete("/settings/networks/:network", Access.ADMIN, Handlers.noContent(ctx -> {
            LoadedNetwork network = network(ctx.pathParam("network"));
            String id = network.descriptor().networkId();
            return apps.delete(id).compose(existed -> {
                if (!existed) {
                    return Future.failedFuture(ApiError.notFound("the app of " + network.descriptor().displayName()));
                }
                return audit.record(ctx, "settings.network_app_changed", target(network),
                        new JsonObject().put("network", id).put("action", "removed"));
            });
        }));
    }

    private Future<JsonObject> put(RoutingContext ctx) {
        LoadedNetwork network = network(ctx.pathParam("network"));
        if (network.authorizer().isEmpty()) {
            throw ApiError.badRequest(network.descriptor().displayName() + " has no sign-in flow: its accounts connect with a "
                    + "pasted token, and it needs no app credentials");
        }
        String id = network.descriptor().networkId();
        JsonObject body = Requests.jsonBody(ctx);
        String clientId = text(body, "client_id", CLIENT_ID_MAX, true);
        String secret = text(body, "client_secret", VALUE_MAX, false);
        boolean keepBaseUrl = !body.containsKey("base_url");
        String givenBaseUrl = text(body, "base_url", VALUE_MAX, false);
        long userId = Principal.required(ctx).userId();
        return apps.summary(id).compose(before -> {
            String baseUrl = keepBaseUrl ? before.map(NetworkApps.Summary::baseUrl).orElse(null) : givenBaseUrl;
            if (before.isEmpty() && secret == null) {
                return Future.failedFuture(ApiError.badRequest("'client_secret' is required the first time an app is entered",
                        List.of(Map.of("field", "client_secret", "message", "is required the first time"))));
            }
            return (keepBaseUrl ? Future.<Void>succeededFuture() : checkBaseUrl(network, baseUrl))
                    .compose(v -> apps.put(id, clientId, secret, baseUrl, userId))
                    .compose(v -> {
                        JsonArray fields = new JsonArray();
                        if (before.isEmpty() || !before.get().clientId().equals(clientId)) {
                            fields.add("client_id");
                        }
                        if (secret != null) {
                            fields.add("client_secret");
                        }
                        if (before.isEmpty() ? baseUrl != null : !Objects.equals(before.get().baseUrl(), baseUrl)) {
                            fields.add("base_url");
                        }
                        return audit.record(ctx, "settings.network_app_changed", target(network), new JsonObject()
                                .put("network", id).put("action", before.isEmpty() ? "created" : "updated").put("fields", fields));
                    })
                    .compose(v -> apps.summary(id))
                    .map(app -> entry(network, app));
        });
    }

    /** The base URL passes the outbound rules (https, no credentials, no blocked or own address); its host is the app's. */
    private Future<Void> checkBaseUrl(LoadedNetwork network, String baseUrl) {
        if (baseUrl == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            Set<String> hosts = new HashSet<>(network.descriptor().allowedHosts());
            try {
                String host = URI.create(baseUrl).getHost();
                if (host != null) {
                    hosts.add(host);
                }
            } catch (IllegalArgumentException e) {
                // checkSetting names it
            }
            try {
                outbound.checkSetting("base_url", baseUrl, hosts);
            } catch (OutboundPolicy.Refused e) {
                throw ApiError.badRequest(e.getMessage(), List.of(Map.of("field", "base_url", "message", e.getMessage())));
            }
            return null;
        }, false);
    }

    /** A text field: trimmed, one line, at most {@code max} characters; null when absent, null or blank (unless required: 400). */
    private static String text(JsonObject body, String field, int max, boolean required) {
        Object v = body.getValue(field);
        if (v == null || (v instanceof String s && s.isBlank())) {
            if (required) {
                throw ApiError.badRequest("'" + field + "' is required", List.of(Map.of("field", field, "message", "is required")));
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiError.badRequest("'" + field + "' must be a string", List.of(Map.of("field", field, "message", "must be a string")));
        }
        try {
            return Inputs.strippedLine(s, max);
        } catch (Inputs.Invalid e) {
            throw ApiError.badRequest("'" + field + "' " + e.problem(), List.of(Map.of("field", field, "message", e.problem())));
        }
    }

    private LoadedNetwork network(String id) {
        return plugins.loaded(id).orElseThrow(() -> ApiError.notFound("network '" + Inputs.shown(id) + "'"));
    }

    private static AuditLog.Target target(LoadedNetwork network) {
        return new AuditLog.Target("network_app", network.descriptor().networkId(), network.descriptor().displayName());
    }

    /** A network's sign-in settings: never the client secret. */
    JsonObject entry(LoadedNetwork network, Optional<NetworkApps.Summary> app) {
        String id = network.descriptor().networkId();
        Optional<AuthorizationSpec> spec = network.authorizationSpec();
        JsonObject specJson = spec.map(s -> new JsonObject().put("scopes", new JsonArray(s.scopes())).put("pkce", s.pkce())
                .put("client_id_label", s.clientIdLabel()).put("setup_help", s.setupHelp())
                .put("access_token_lifetime_seconds", s.accessTokenLifetime().map(Duration::toSeconds).orElse(null))
                .put("refresh_token_lifetime_seconds", s.refreshTokenLifetime().map(Duration::toSeconds).orElse(null))
                .put("rotating_refresh_token", s.rotatingRefreshToken())).orElse(null);
        return new JsonObject().put("network", id).put("display_name", network.descriptor().displayName())
                .put("supports_connect", spec.isPresent()).put("spec", specJson)
                .put("redirect_uri", spec.isPresent() ? oauth.redirectUri(id) : null)
                .put("configured", app.isPresent())
                .put("client_id", app.map(NetworkApps.Summary::clientId).orElse(null))
                .put("base_url", app.map(NetworkApps.Summary::baseUrl).orElse(null))
                .put("updated_at", app.map(a -> a.updatedAt().toString()).orElse(null));
    }
}
