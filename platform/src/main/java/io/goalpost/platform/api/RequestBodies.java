package io.goalpost.platform.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;

/**
 * Reads request bodies of the API: the Content-Type must be the one the endpoint takes (else 415,
 * before anything is read) and the body at most its limit (else 413: a declared {@code Content-Length}
 * over the limit is refused before a byte is read, a streamed body as soon as it passes the limit, and
 * what follows is discarded, never buffered). Requests without a body (no {@code Content-Length} above 0,
 * no {@code Transfer-Encoding}) need no Content-Type: {@code POST /api/accounts/{id}/sync} is one.
 *
 * <p>Every endpoint takes JSON ({@code application/json}, at most {@link #JSON_LIMIT}) unless its
 * declaration in {@link ApiRoutes} says otherwise; the CSV import takes {@code text/csv} (at most
 * {@link #CSV_LIMIT}). Neither type is one a cross-origin HTML form or a "simple" cross-origin
 * {@code fetch} can send ({@code text/plain}, {@code application/x-www-form-urlencoded},
 * {@code multipart/form-data}), so a page of another site cannot post a body the API accepts: the
 * browser would first ask with a CORS preflight, which this server does not grant.
 */
public final class RequestBodies implements Handler<RoutingContext> {

    /** Largest JSON body: 1 MiB. */
    public static final long JSON_LIMIT = 1024L * 1024;
    /** Largest CSV body ({@code POST /api/accounts/{id}/metrics/csv}): 20 MiB. */
    public static final long CSV_LIMIT = 20L * 1024 * 1024;

    /** Largest plugin zip ({@code POST /api/plugins}): 64 MiB. */
    public static final long ZIP_LIMIT = 64L * 1024 * 1024;

    private static final String READER = "goalpost.body-reader";

    private final String mediaType;
    private final String what;
    private final long limit;
    private final Handler<RoutingContext> bodyHandler;
    private final Gate gate;

    /**
     * Admission before a body is read: a bounded number of requests of a route at once (the CSV
     * import holds up to 20 MiB each while it parses and stores them).
     */
    public interface Gate {
        /** The action that frees the place taken, or empty when every place is taken. */
        java.util.Optional<Runnable> enter();

        /** Seconds to tell a refused client to wait ({@code Retry-After}). */
        int retryAfterSeconds();

        /** The 503 message for a refused request. */
        String busyMessage();
    }

    private RequestBodies(String mediaType, String what, long limit, Gate gate) {
        this.mediaType = mediaType;
        this.what = what;
        this.limit = limit;
        this.gate = gate;
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(limit);
    }

    private RequestBodies(String mediaType, String what, long limit) {
        this(mediaType, what, limit, null);
    }

    /**
     * The same reader, admitting a request only when {@code gate} has a place: otherwise 503 with
     * {@code Retry-After}, before the body is read (and the connection closed, see UnreadBodies).
     */
    public RequestBodies gatedBy(Gate gate) {
        return new RequestBodies(mediaType, what, limit, gate);
    }

    /** JSON bodies, at most {@link #JSON_LIMIT}: every endpoint's unless one says otherwise. */
    public static RequestBodies json() {
        return new RequestBodies("application/json", "JSON", JSON_LIMIT);
    }

    /** CSV bodies ({@code text/csv}), at most {@link #CSV_LIMIT}. */
    public static RequestBodies csv() {
        return new RequestBodies("text/csv", "CSV", CSV_LIMIT);
    }

    /** Plugin zips ({@code application/zip}, {@code POST /api/plugins}), at most {@link #ZIP_LIMIT}. */
    public static RequestBodies zip() {
        return new RequestBodies("application/zip", "plugin zip", ZIP_LIMIT);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.put(READER, this);
        HttpServerRequest request = ctx.request();
        if (gate != null) {
            java.util.Optional<Runnable> release = gate.enter();
            if (release.isEmpty()) {
                ctx.response().putHeader("Retry-After", Integer.toString(gate.retryAfterSeconds()));
                ctx.fail(new ApiError(503, gate.busyMessage(), null));
                return;
            }
            ctx.addEndHandler(v -> release.get().run());
            // A client that goes away mid-upload gets no answer: free its place when the connection closes.
            ctx.response().closeHandler(v -> release.get().run());
            // Sign-in is checked asynchronously before this handler: a client may have gone already,
            // and a close handler set now would never run, keeping the place until a restart.
            if (ctx.response().closed()) {
                release.get().run();
                return;
            }
        }
        if (hasBody(request)) {
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            String problem = contentTypeProblem(type);
            if (problem != null) {
                ctx.fail(new ApiError(415, problem, new JsonObject().put("content_type", type).put("expected", mediaType)));
                return;
            }
        }
        bodyHandler.handle(ctx);
    }

    /** The 413 for a request this reader refused as too large. */
    public static ApiError tooLarge(RoutingContext ctx) {
        RequestBodies reader = ctx.get(READER);
        if (reader == null) {
            return new ApiError(413, "the request body is too large", null);
        }
        String hint = reader.limit >= CSV_LIMIT ? ""
                : "; import many metric points as CSV (POST /api/accounts/{id}/metrics/csv, at most " + mib(CSV_LIMIT) + ")";
        return new ApiError(413, "the request body is larger than " + mib(reader.limit) + ", the limit for " + reader.what
                + " bodies" + hint, new JsonObject().put("limit_bytes", reader.limit));
    }

    /** Whether the request carries a body: a Content-Length above 0, or a Transfer-Encoding. */
    static boolean hasBody(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return true;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.strip()) > 0;
        } catch (NumberFormatException e) {
            return true; // let the body handler refuse it
        }
    }

    /** Why a Content-Type is refused, or null: the media type must be ours, in UTF-8 if a charset is given. */
    String contentTypeProblem(String header) {
        if (header == null || header.isBlank()) {
            return "the request has a body but no Content-Type: send " + what + " as " + mediaType;
        }
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(mediaType)) {
            return "Content-Type must be " + mediaType + ", got '" + Inputs.shown(header.strip()) + "'";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("charset") && kv.length == 2) {
                String charset = kv[1].strip().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return "the body must be UTF-8 (Content-Type " + mediaType + "; charset=utf-8), got charset '"
                            + Inputs.shown(charset) + "'";
                }
            }
        }
        return null;
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB (" + String.format(Locale.ROOT, "%,d", bytes) + " bytes)";
    }
}
