package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.MetricId;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.RouteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** {@code /api/health}, {@code /api/plugins} and {@code /api/networks}. */
public final class PluginRoutes implements RouteModule {

    private final PluginRegistry registry;
    private final Pool pool;

    public PluginRoutes(PluginRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/health", Access.ANYONE, ctx -> pool.query("SELECT 1").execute()
                .onSuccess(r -> Responses.json(ctx, 200, new JsonObject().put("status", "ok").put("database", "up")
                        .put("plugins", registry.networks().size())))
                .onFailure(e -> Responses.json(ctx, 503, new JsonObject().put("status", "degraded")
                        .put("database", "down").put("plugins", registry.networks().size())
                        .put("error", "the database is not reachable"))));
        routes.get("/plugins", Access.VIEWER, ctx -> Responses.json(ctx, 200, new JsonArray(registry.plugins().stream()
                .map(p -> new JsonObject().put("id", p.id()).put("version", p.version()).put("requires", p.requires())
                        .put("state", p.state()).put("networks", new JsonArray(p.networks()))
                        .put("file", java.nio.file.Path.of(p.file()).getFileName().toString()).put("problem", p.problem()))
                .toList())));
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
                .put("accountHostFields", new JsonArray(d.accountHostFields().stream().sorted().toList()));
    }
}
