package io.goalpost.platform.connect;

import io.goalpost.platform.access.Principal;
import io.goalpost.platform.accounts.AccountService;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.api.Access;
import io.goalpost.platform.api.ApiError;
import io.goalpost.platform.api.ApiRoutes;
import io.goalpost.platform.api.Requests;
import io.goalpost.platform.api.Responses;
import io.goalpost.platform.api.RouteModule;
import io.goalpost.platform.audit.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /api/oauth/{network}/…}: "Connect with …" (platform/API-accounts.md). {@code start} and the
 * two steps after the callback need an editor, the same one throughout; the callback is public, since
 * the browser arrives from the network's site without the {@code SameSite=Strict} session cookie, and
 * its state authenticates it.
 */
public final class OAuthRoutes implements RouteModule {

    private final OAuthService oauth;
    private final AccountService accounts;
    private final AuditLog audit;

    public OAuthRoutes(OAuthService oauth, AccountService accounts, AuditLog audit) {
        this.oauth = oauth;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public void mount(ApiRoutes routes) {
        routes.get("/oauth/:network/start", Access.EDITOR, ctx -> {
            Future<java.net.URI> started;
            try {
                long account = Requests.positiveParam(ctx, "account_id", 0);
                started = oauth.start(Principal.required(ctx), ctx.pathParam("network"), account == 0 ? null : account);
            } catch (RuntimeException e) {
                started = Future.failedFuture(e);
            }
            started.onSuccess(url -> redirect(ctx, url.toString())).onFailure(e -> {
                // "Connect with …" is a link the browser follows: a refusal goes back to the accounts page in
                // words instead of a JSON body on a blank page. Scripts (no text/html) get the JSON error.
                if (e instanceof ApiError refused && isPageNavigation(ctx)) {
                    redirect(ctx, OAuthService.error(refused.getMessage()));
                } else {
                    Responses.error(ctx, e);
                }
            });
        });
        routes.get("/oauth/:network/callback", Access.ANYONE, ctx -> {
            var q = ctx.queryParams();
            // TikTok's API for Business names the code auth_code; every other network code.
            String code = q.get("code") != null ? q.get("code") : q.get("auth_code");
            run(ctx, () -> oauth.callback(ctx.pathParam("network"), q.get("state"), code, q.get("error"),
                    q.get("error_description")).onSuccess(location -> redirect(ctx, location)));
        });
        routes.get("/oauth/:network/accounts", Access.EDITOR, ctx -> run(ctx, () -> oauth.accounts(Principal.required(ctx),
                ctx.pathParam("network"), ctx.queryParams().get("state")).onSuccess(json -> Responses.json(ctx, 200, json))));
        routes.post("/oauth/:network/connect", Access.EDITOR, ctx -> run(ctx, () -> oauth.connect(Principal.required(ctx),
                ctx.pathParam("network"), Requests.jsonBody(ctx))
                .compose(result -> audited(ctx, result).map(result))
                .onSuccess(result -> Responses.json(ctx, status(result), json(result)))));
    }

    /** Runs a handler's work: a request it cannot read, or a failed future, is answered as the error it is. */
    private static void run(RoutingContext ctx, java.util.function.Supplier<Future<?>> work) {
        try {
            work.get().onFailure(e -> Responses.error(ctx, e));
        } catch (RuntimeException e) {
            Responses.error(ctx, e);
        }
    }

    /** A browser following a link (it asks for HTML), not a script calling the API. */
    private static boolean isPageNavigation(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static void redirect(RoutingContext ctx, String location) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(302).putHeader("Location", location).end();
        }
    }

    /** 200 for a reconnect; 201 for new accounts, 202 when every one waits for its connection check. */
    private static int status(OAuthService.Connected result) {
        if (result.reconnectAccountId() != null) {
            return 200;
        }
        boolean allPending = result.connected().stream().allMatch(s -> AccountService.status(s, 201) == 202);
        return allPending ? 202 : 201;
    }

    private JsonObject json(OAuthService.Connected result) {
        return new JsonObject().put("network", result.network()).put("reconnect_account_id", result.reconnectAccountId())
                .put("accounts", new JsonArray(result.connected().stream().map(accounts::toJson).toList()))
                .put("failed", new JsonArray(new ArrayList<>(result.failed())));
    }

    /** {@code account.connected} for each new account, {@code account.updated} for a reconnect; via "oauth". */
    private Future<Void> audited(RoutingContext ctx, OAuthService.Connected result) {
        List<Future<Void>> entries = new ArrayList<>();
        for (AccountStore.Stored s : result.connected()) {
            AuditLog.Target target = AuditLog.Target.of("account", s.account().id(), s.account().name());
            if (result.reconnectAccountId() != null) {
                TreeSet<String> fields = new TreeSet<>(s.account().config().keySet());
                fields.addAll(accounts.secretKeys(s.account().network()));
                entries.add(audit.record(ctx, "account.updated", target, new JsonObject()
                        .put("fields", new JsonArray(new ArrayList<>(fields))).put("credentials_changed", true)
                        .put("via", "oauth")));
            } else {
                entries.add(audit.record(ctx, "account.connected", target, new JsonObject()
                        .put("network", s.account().network()).put("via", "oauth")));
            }
        }
        return Future.all(entries).mapEmpty();
    }
}
