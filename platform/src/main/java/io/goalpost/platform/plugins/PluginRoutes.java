package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.RequestBodies;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.plugin.signing.TrustedKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * {@code /api/health}, {@code /api/plugins} (listing, and installing, upgrading, disabling, enabling and
 * uninstalling while the server runs: platform/API-plugins.md) and {@code /api/networks}.
 */
public final class PluginRoutes implements RouteModule {

    private final PluginRegistry registry;
    private final Pool pool;
    private final PluginOperations operations;
    private final AuditLog audit;

    public PluginRoutes(PluginRegistry registry, Pool pool) {
        this(registry, pool, null, null);
    }

    /** With the live operations ({@code operations} null: the plugin set is fixed, e.g. built-in networks). */
    public PluginRoutes(PluginRegistry registry, Pool pool, PluginOperations operations, AuditLog audit) {
        this.registry = registry;
        this.pool = pool;
        this.operations = operations;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        // Anyone may read the health: the pending changes without their errors (paths) and instance names.
        routes.get("/health", Access.ANYONE, ctx -> pending()
                .onSuccess(p -> Responses.json(ctx, 200, health().put("pendingPluginChanges", new JsonArray(p.stream()
                        .map(c -> ((JsonObject) c).copy()).peek(c -> c.remove("error")).peek(c -> c.remove("instance")).toList()))
                        .put("status", "ok").put("database", "up")))
                .onFailure(e -> Responses.json(ctx, 503, health().put("status", "degraded")
                        .put("database", "down").put("error", "the database is not reachable"))));
        routes.get("/plugins", Access.VIEWER, ctx -> Responses.json(ctx, 200, new JsonArray(registry.plugins().stream()
                .map(PluginRoutes::toJson).toList())));
        routes.get("/plugins/trust", Access.VIEWER, ctx -> Responses.json(ctx, 200, trust()));
        if (operations != null) {
            routes.get("/plugins/available", Access.VIEWER, ctx -> Responses.reply(ctx, operations.available()));
            routes.get("/plugins/pending", Access.VIEWER, ctx -> Responses.reply(ctx, pending()));
            routes.post("/plugins/available/install", Access.ADMIN, ctx -> {
                String id;
                String version;
                try {
                    JsonObject body = io.goalpost.platform.api.Requests.jsonBody(ctx);
                    id = body.getValue("id") instanceof String s ? s : null;
                    version = body.getValue("version") instanceof String s ? s : null;
                    if (id == null || version == null) {
                        throw ApiError.badRequest("give the plugin's id and version: {\"id\": \"x\", \"version\": \"0.2.0\"}");
                    }
                } catch (RuntimeException e) {
                    Responses.error(ctx, e);
                    return;
                }
                Responses.reply(ctx, 201, audited(ctx, "plugin.installed", id + " " + version,
                        operations.installFromCatalog(id, version, by(ctx))));
            });
            routes.post("/plugins", Access.ADMIN, RequestBodies.zip(), ctx -> {
                String file = ctx.queryParam("file").stream().findFirst().orElse("upload.zip");
                String shown = file.replaceAll("[^A-Za-z0-9._-]", "_");
                byte[] zip = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
                String name = shown.length() > 100 ? shown.substring(0, 100) : shown;
                Responses.reply(ctx, 201, audited(ctx, "plugin.installed", name, operations.install(zip, name, by(ctx))));
            });
            // Before DELETE /plugins/:id, which would take "refused" for a plugin id.
            routes.delete("/plugins/refused", Access.ADMIN, ctx -> {
                String file = ctx.queryParam("file").stream().findFirst().orElse("");
                if (file.isBlank()) {
                    Responses.error(ctx, ApiError.badRequest("name the refused file: DELETE /api/plugins/refused?file=x-0.2.0.zip"));
                    return;
                }
                Responses.reply(ctx, operations.dismissRefusal(file)
                        .recover(e -> Future.failedFuture(e instanceof PluginRegistry.OperationFailed f
                                ? new ApiError(f.status(), f.getMessage(), null) : e))
                        .compose(v -> audit.record(ctx, "plugin.refusal_dismissed", new AuditLog.Target("plugin", null, file),
                                new JsonObject()))
                        .map(v -> new JsonObject().put("file", file).put("dismissed", true)));
            });
            routes.post("/plugins/:id/disable", Access.ADMIN, ctx -> Responses.reply(ctx,
                    audited(ctx, "plugin.disabled", ctx.pathParam("id"), operations.disable(ctx.pathParam("id"), by(ctx)))));
            routes.post("/plugins/:id/enable", Access.ADMIN, ctx -> Responses.reply(ctx,
                    audited(ctx, "plugin.enabled", ctx.pathParam("id"), operations.enable(ctx.pathParam("id"), by(ctx)))));
            routes.delete("/plugins/:id", Access.ADMIN, ctx -> Responses.reply(ctx,
                    audited(ctx, "plugin.uninstalled", ctx.pathParam("id"), operations.uninstall(ctx.pathParam("id"), by(ctx)))));
        }
        // With whether each network connects with its own sign-in, and whether an admin set up its app.
        routes.get("/networks", Access.VIEWER, ctx -> Responses.reply(ctx, pool.query("SELECT network FROM network_app")
                .execute().map(rows -> {
                    java.util.Set<String> configured = new java.util.HashSet<>();
                    rows.forEach(r -> configured.add(r.getString("network")));
                    return new JsonArray(registry.loadedNetworks().stream().map(n -> describe(n.descriptor())
                            .put("supportsConnect", n.authorizer().isPresent())
                            .put("connectConfigured", n.authorizer().isPresent()
                                    && configured.contains(n.descriptor().networkId()))).toList());
                })));
    }

    /** What /api/health says about plugins: how many networks run, which files were refused, trust warnings. */
    private JsonObject health() {
        JsonArray refused = new JsonArray();
        registry.plugins().stream().filter(p -> !p.state().equals("STARTED") && !p.state().equals("DISABLED"))
                .forEach(p -> refused.add(new JsonObject().put("id", p.id()).put("version", p.version())
                        .put("file", fileName(p.file())).put("state", p.state()).put("reason", p.problem())));
        return new JsonObject().put("plugins", registry.networks().size()).put("refusedPlugins", refused)
                .put("pluginWarnings", warnings());
    }

    /**
     * The changes of the desired plugin set an instance failed to apply, with the reason and the next
     * attempt (a query: a failed one means the database is down).
     */
    private Future<JsonArray> pending() {
        if (operations == null) {
            return pool.query("SELECT 1").execute().map(r -> new JsonArray());
        }
        return operations.pending().map(list -> {
            JsonArray out = new JsonArray();
            for (PluginOperations.Pending p : list) {
                out.add(new JsonObject().put("id", p.pluginId()).put("version", p.version()).put("enabled", p.enabled())
                        .put("instance", p.instance()).put("attempts", p.attempts()).put("error", p.error())
                        .put("failedAt", p.failedAt().toString()).put("nextAttempt", p.nextAttempt().toString()));
            }
            return out;
        });
    }

    private JsonArray warnings() {
        JsonArray out = new JsonArray();
        if (registry.trust().allowUnsigned()) {
            out.add("unsigned plugins are allowed (--allow-unsigned-plugins): any plugin file runs with this server's rights;"
                    + " for development only");
        }
        if (registry.trust().trustsDevelopmentKey()) {
            out.add("the development signing key is trusted: its private half is public, so anyone can sign plugins it"
                    + " accepts; for the demo and tests only");
        }
        return out;
    }

    private JsonObject trust() {
        JsonArray keys = new JsonArray();
        for (TrustedKey k : registry.trust().keys()) {
            keys.add(new JsonObject().put("name", k.name()).put("id", k.id()));
        }
        return new JsonObject().put("keys", keys).put("allowUnsigned", registry.trust().allowUnsigned())
                .put("developmentKeyTrusted", registry.trust().trustsDevelopmentKey()).put("warnings", warnings())
                .put("liveOperations", operations != null);
    }

    static JsonObject toJson(PluginInfo p) {
        return new JsonObject().put("id", p.id()).put("version", p.version()).put("requires", p.requires())
                .put("state", p.state()).put("networks", new JsonArray(p.networks()))
                .put("file", fileName(p.file())).put("problem", p.problem())
                .put("publisher", p.publisher()).put("keyId", p.keyId());
    }

    private static String fileName(String file) {
        try {
            java.nio.file.Path name = java.nio.file.Path.of(file).getFileName();
            return name == null ? file : name.toString();
        } catch (RuntimeException e) {
            return file;
        }
    }

    private static String by(RoutingContext ctx) {
        return io.goalpost.platform.access.Principal.of(ctx).map(p -> p.username()).orElse("unknown");
    }

    /**
     * Maps a refused operation to its HTTP status and, once done, records it in the audit log.
     *
     * @param attempted what was asked for, named in a refusal's audit entry: the plugin id, the release, or the uploaded file
     */
    private Future<JsonObject> audited(RoutingContext ctx, String action, String attempted, Future<PluginInfo> work) {
        return work.recover(e -> {
                    if (!(e instanceof PluginRegistry.OperationFailed f)) {
                        return Future.failedFuture(e);
                    }
                    ApiError error = new ApiError(f.status(), f.getMessage(), null);
                    if (f.status() != 422) {
                        return Future.failedFuture(error);
                    }
                    // A refused or rolled-back change is worth a trace too: who tried to run what, and why it did not.
                    return audit.record(ctx, "plugin.refused", new AuditLog.Target("plugin", ctx.pathParam("id"), attempted),
                            new JsonObject().put("attempted", action).put("reason", f.getMessage()))
                            .compose(v -> Future.failedFuture(error));
                })
                .compose(info -> audit.record(ctx, action, new AuditLog.Target("plugin", info.id(), info.id() + " " + info.version()),
                        new JsonObject().put("version", info.version()).put("publisher", info.publisher())
                                .put("keyId", info.keyId()).put("state", info.state()))
                        .map(v -> toJson(info)));
    }

    /** A network's self-description as JSON. */
    static JsonObject describe(AdapterDescriptor d) {
        JsonArray config = new JsonArray();
        for (ConfigField f : d.config().fields()) {
            config.add(new JsonObject().put("key", f.key()).put("type", f.type().name()).put("label", f.label())
                    .put("help", f.help()).put("required", f.required()).put("secret", f.secret())
                    .put("defaultValue", f.defaultValue()).put("allowedValues", new JsonArray(f.allowedValues()))
                    .put("advanced", f.advanced()));
        }
        JsonObject unavailable = new JsonObject();
        d.unavailable().forEach((m, reason) -> unavailable.put(m.value(), reason));
        return new JsonObject().put("id", d.networkId()).put("displayName", d.displayName()).put("docsUrl", d.docsUrl())
                .put("config", config)
                .put("reportable", new JsonArray(d.reportable().stream().map(MetricId::value).sorted().toList()))
                .put("unavailable", unavailable)
                .put("history", new JsonObject().put("maxLookbackDays", d.history().maxLookbackDays())
                        .put("maxDaysPerRequest", d.history().maxDaysPerRequest())
                        .put("reportingLagDays", d.history().reportingLagDays())
                        .put("historyFromConnectionOnly", d.history().historyFromConnectionOnly()))
                .put("allowedHosts", new JsonArray(d.allowedHosts().stream().sorted().toList()))
                .put("accountHostFields", new JsonArray(d.accountHostFields().stream().sorted().toList()))
                .put("quotas", new JsonArray(d.quotas().stream().map(q -> new JsonObject().put("scope", q.scope().name())
                        .put("window", q.window().name()).put("limit", q.limit()).put("calls", q.calls())
                        .put("description", q.description())).toList()));
    }
}
