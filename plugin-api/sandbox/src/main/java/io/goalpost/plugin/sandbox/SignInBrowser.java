package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A person's browser on a sandbox's sign-in pages, for a sandbox's tests: it opens an authorization URL
 * (plus the consent form's choices, such as {@code approve=yes} and {@code account=…}) and reads the
 * redirect back to the app. Requests go straight to the sandbox, without sockets, as with
 * {@link SandboxHttpPort}.
 */
public final class SignInBrowser {

    private final NetworkSandbox sandbox;
    private final Supplier<Clock> clock;

    /** A browser whose sandbox sees the clock {@code clock} gives at each request. */
    public SignInBrowser(NetworkSandbox sandbox, Supplier<Clock> clock) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    /** A browser whose sandbox sees {@code clock}. */
    public SignInBrowser(NetworkSandbox sandbox, Clock clock) {
        this(sandbox, () -> clock);
        Objects.requireNonNull(clock, "clock is null");
    }

    /** Follows a link: a GET of the address. */
    public HttpResponse open(String url) {
        return sandbox.handle(HttpRequest.get(URI.create(url)), clock.get());
    }

    /** Opens an authorization URL with {@code extra} added to (or replacing in) its query: a submitted consent form. */
    public HttpResponse open(URI url, Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>(Urls.queryParams(url));
        query.putAll(extra);
        return sandbox.handle(HttpRequest.get(Urls.build(url.getScheme() + "://" + url.getRawAuthority(), url.getRawPath(),
                query)), clock.get());
    }

    /** A GET with the token as {@code Authorization: Bearer}, as an app calls the network's API after signing in. */
    public HttpResponse get(String url, String token) {
        return sandbox.handle(HttpRequest.get(URI.create(url)).withHeader("Authorization", "Bearer " + token), clock.get());
    }

    /**
     * The query parameters of the redirect back to the app ({@code code} and {@code state}, or {@code error}).
     *
     * @throws IllegalStateException when the response is not a 302 to {@code redirectUri}
     */
    public static Map<String, String> redirectedBack(HttpResponse response, String redirectUri) {
        if (response.status() != 302 || response.header("Location") == null) {
            throw new IllegalStateException("expected a 302 back to " + redirectUri + ", got " + response.status() + ": "
                    + response.bodyText());
        }
        URI location = URI.create(response.header("Location"));
        String target = location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath();
        URI expected = URI.create(redirectUri);
        if (!target.equals(expected.getScheme() + "://" + expected.getRawAuthority() + expected.getRawPath())) {
            throw new IllegalStateException("redirected to " + location + ", not back to " + redirectUri);
        }
        return Urls.queryParams(location);
    }
}
