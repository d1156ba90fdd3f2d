package io.goalpost.platform.audit;

import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Handlers;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.api.Requests;

/** {@code GET /api/audit?limit=&before=&action=}: the audit log, newest first, for admins. */
public final class AuditRoutes implements RouteModule {

    private final AuditLog log;

    public AuditRoutes(AuditLog log) {
        this.log = log;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/audit", Access.ADMIN, Handlers.reply(200, ctx -> {
            long before = Requests.positiveParam(ctx, "before", Long.MAX_VALUE);
            return log.page((int) Math.min(Requests.positiveParam(ctx, "limit", 100), AuditLog.MAX_PAGE),
                    before == Long.MAX_VALUE ? null : before, Requests.textParam(ctx, "action", 100));
        }));
    }
}
