package io.goalpost.platform.notifications;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.Inputs;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.goalpost.platform.goals.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET/PUT /api/settings/smtp}: the SMTP server alert and report email goes through, admins only
 * (platform/API-notifications.md). The password is write-only: stored encrypted, never answered, never
 * audited (the entry names the fields changed).
 */
public final class SmtpRoutes implements RouteModule {

    private final SmtpSettings smtp;
    private final AuditLog audit;

    public SmtpRoutes(SmtpSettings smtp, AuditLog audit) {
        this.smtp = smtp;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/settings/smtp", Access.ADMIN, Handlers.reply(200, ctx -> smtp.summary()));
        routes.put("/settings/smtp", Access.ADMIN, Handlers.reply(200, ctx -> {
            JsonObject body = Requests.jsonBody(ctx);
            Fields f = Fields.of(body);
            String host = f.string("host", true, 253);
            Integer port = f.integer("port", true, 1, 65535);
            Object tls = body.getValue("starttls", true);
            if (!(tls instanceof Boolean)) {
                f.problem("starttls", "must be true or false");
            }
            String username = f.string("username", false, Inputs.NAME_MAX);
            boolean keepPassword = !body.containsKey("password");
            String password = keepPassword ? null : f.string("password", false, Inputs.CONFIG_VALUE_MAX);
            String from = f.string("from", true, Inputs.NAME_MAX);
            if (from != null) {
                try {
                    from = Mailer.checkAddress(from);
                } catch (Mailer.SendFailed e) {
                    f.problem("from", e.getMessage());
                }
            }
            f.throwIfAny("the SMTP settings");
            boolean starttls = (Boolean) tls;
            String sender = from;
            return smtp.summary().compose(before -> smtp.put(host, port, starttls, username, password, keepPassword, sender,
                    Principal.required(ctx).userId()).compose(v -> {
                        JsonArray changed = new JsonArray();
                        if (!host.equals(before.getString("host"))) {
                            changed.add("host");
                        }
                        if (!port.equals(before.getInteger("port"))) {
                            changed.add("port");
                        }
                        if (!Boolean.valueOf(starttls).equals(before.getBoolean("starttls"))) {
                            changed.add("starttls");
                        }
                        if (!java.util.Objects.equals(username, before.getString("username"))) {
                            changed.add("username");
                        }
                        if (!keepPassword) {
                            changed.add("password");
                        }
                        if (!sender.equals(before.getString("from"))) {
                            changed.add("from");
                        }
                        return audit.record(ctx, "settings.smtp_changed", new AuditLog.Target("smtp_settings", "1", "SMTP server"),
                                new JsonObject().put("fields", changed).put("host", host).put("port", port).put("starttls", starttls));
                    }).compose(v -> smtp.summary()));
        }));
    }
}
