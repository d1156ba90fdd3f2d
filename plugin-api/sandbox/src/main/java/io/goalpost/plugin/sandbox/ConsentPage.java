package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's stand-in for the network's consent page: a small HTML page naming the app and the
 * scopes it asks for, with a choice of demo account, an Approve button and a Deny link, and the
 * redirects back to the app. Everything shown is escaped; nothing is stored here. Shared by the
 * sandboxes of networks with an OAuth 2.0 sign-in (a plugin's {@code NetworkSandbox}).
 */
public final class ConsentPage {

    /** A demo account the person may sign in as. */
    public record Choice(String value, String label) {
    }

    /** What the page shows. */
    public record Content(String network, String appName, List<String> scopes, Map<String, String> scopeMeanings,
            List<Choice> accounts) {
    }

    private ConsentPage() {
    }

    /**
     * The page for an authorization request. The Approve button submits the same request with
     * {@code approve=yes} and the chosen {@code account}; the Deny link repeats it with {@code approve=no}.
     *
     * @param path the authorize path as received, so the form posts back to it
     * @param params the request's query parameters, repeated as hidden fields
     */
    public static HttpResponse page(String path, Map<String, String> params, Content content) {
        Map<String, String> carried = new LinkedHashMap<>(params);
        carried.remove("approve");
        carried.remove("account");
        Map<String, String> deny = new LinkedHashMap<>(carried);
        deny.put("approve", "no");
        StringBuilder html = new StringBuilder();
        head(html, content.network() + " sandbox: authorize " + content.appName());
        html.append("<p class=\"note\">").append(escape(content.network()))
                .append(" sandbox: a simulated sign-in with demo accounts; no real account is involved.</p>\n");
        html.append("<h1>").append(escape(content.appName())).append(" wants to access your ")
                .append(escape(content.network())).append(" account</h1>\n");
        html.append("<form method=\"get\" action=\"").append(escape(path)).append("\">\n");
        carried.forEach((k, v) -> html.append("<input type=\"hidden\" name=\"").append(escape(k))
                .append("\" value=\"").append(escape(v)).append("\">\n"));
        html.append("<fieldset><legend>Sign in as</legend>\n");
        boolean first = true;
        for (Choice c : content.accounts()) {
            html.append("<label><input type=\"radio\" name=\"account\" value=\"").append(escape(c.value())).append('"')
                    .append(first ? " checked" : "").append("> ").append(escape(c.label())).append("</label><br>\n");
            first = false;
        }
        html.append("</fieldset>\n<p>It asks to:</p>\n<ul>\n");
        for (String scope : content.scopes()) {
            String meaning = content.scopeMeanings().get(scope);
            html.append("<li><code>").append(escape(scope)).append("</code>")
                    .append(meaning == null ? "" : ": " + escape(meaning)).append("</li>\n");
        }
        html.append("</ul>\n<p><button type=\"submit\" name=\"approve\" value=\"yes\">Approve</button>\n")
                .append("<a class=\"deny\" href=\"").append(escape(path + "?" + Urls.formEncode(deny)))
                .append("\">Deny</a></p>\n</form>\n</body>\n</html>\n");
        return html(200, html.toString());
    }

    /** The page the network shows when the request itself is broken (no redirect back). */
    public static HttpResponse error(int status, String network, String message) {
        StringBuilder html = new StringBuilder();
        head(html, network + " sandbox: sign-in failed");
        html.append("<h1>Something went wrong</h1>\n<p>").append(escape(message)).append("</p>\n</body>\n</html>\n");
        return html(status, html.toString());
    }

    /** A 302 back to the app's redirect URI with the given parameters added to its query. */
    public static HttpResponse redirect(String redirectUri, Map<String, String> params) {
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + Urls.formEncode(params);
        return new HttpResponse(302, Map.of("Location", List.of(location), "Cache-Control", List.of("no-store")), null);
    }

    /** A 302 back to the app's redirect URI with these parameters (name, value, name, value…) in this order. */
    public static HttpResponse redirect(String redirectUri, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return redirect(redirectUri, params);
    }

    /**
     * The sign-in dialog of a sandbox with one person and no choice of account (Facebook Login, LinkedIn):
     * the app, the scopes it asks for, what it will be able to read, and Approve and Deny links that
     * repeat the request with {@code approve=yes} or {@code approve=no}.
     *
     * @param access what the app would access ("your Pages as Alex Sandbox")
     * @param readable what it will be able to read, with its label ("Pages you administer: Acme, …")
     * @param sandbox the sandbox's name in the footnote ("Facebook sandbox")
     */
    public static HttpResponse dialog(HttpRequest request, String title, String appName, String access, List<String> scopes,
            String readable, String sandbox) {
        String self = request.uri().getRawPath() + "?" + request.uri().getRawQuery();
        StringBuilder list = new StringBuilder();
        for (String scope : scopes) {
            list.append("<li><code>").append(escape(scope)).append("</code></li>");
        }
        return simple(200, title, "<p><strong>" + escape(appName) + "</strong> would like to access " + escape(access)
                + ".</p><p>Permissions requested:</p><ul>" + list + "</ul><p>" + escape(readable) + ".</p>"
                + "<p><a class=\"approve\" href=\"" + escape(self + "&approve=yes") + "\"><button type=\"button\">Approve"
                + "</button></a> <a class=\"deny\" href=\"" + escape(self + "&approve=no") + "\">Deny</a></p>"
                + "<p><small>" + escape(sandbox) + ": no real account is involved.</small></p>");
    }

    /** True for an absolute http(s) URI without fragment, the only kind an app may register. */
    public static boolean validRedirectUri(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            java.net.URI uri = java.net.URI.create(value);
            return uri.isAbsolute() && uri.getHost() != null && uri.getFragment() == null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A plain page of the network's sign-in (a dialog in the sandboxes of Facebook Login and LinkedIn):
     * the escaped title, then {@code bodyHtml} as it is (escape what goes into it).
     */
    public static HttpResponse simple(int status, String title, String bodyHtml) {
        return html(status, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1>" + bodyHtml + "</body></html>");
    }

    /** The scopes of a {@code scope} parameter, separated by commas or white space, in order (none for null). */
    public static List<String> scopes(String param) {
        List<String> scopes = new java.util.ArrayList<>();
        if (param != null) {
            for (String s : param.split("[,\\s]+")) {
                if (!s.isBlank()) {
                    scopes.add(s.strip());
                }
            }
        }
        return scopes;
    }

    /** The text, HTML-escaped (null: empty). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(title)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;")
                .append("color:#222}.note{color:#666;font-size:.9rem}fieldset{border:1px solid #ccc;margin:1rem 0}")
                .append("button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1.5rem}")
                .append("</style>\n</head>\n<body>\n");
    }

    private static HttpResponse html(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", List.of("text/html; charset=UTF-8"),
                "Cache-Control", List.of("no-store")), body.getBytes(StandardCharsets.UTF_8));
    }
}
