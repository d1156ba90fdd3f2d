package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.Urls;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The authorization endpoint of an OAuth 2.0 sign-in as a sandbox plays it, shared by the sandboxes of
 * networks with a consent page of that shape (Pinterest, TikTok, X). It checks the request (the client,
 * an absolute http(s) redirect URI, {@code response_type=code}, what {@link Settings#check} adds, then
 * the scopes), shows the {@link ConsentPage} with a choice of demo accounts, redirects back with
 * {@code error=access_denied} on {@code approve=no}, and on {@code approve=yes} issues an authorization
 * code for the chosen account: {@code <codePrefix><n>}, single use, valid {@link Settings#codeLifetime}
 * on the sandbox clock, kept in memory only (a code is needed only for the seconds of a sign-in).
 *
 * @param <A> the sandbox's demo account type
 */
public final class SandboxAuthorization<A> {

    /**
     * How a network's authorization endpoint differs.
     *
     * @param network the network's name for people ("Pinterest")
     * @param clientParam the query parameter naming the app ({@code client_id}; TikTok: {@code client_key})
     * @param clientId the only app the sandbox knows
     * @param scopeSeparator between scopes in the {@code scope} parameter ("," or " ")
     * @param knownScopes the network's scopes; any other is refused
     * @param scopeMeanings what some scopes mean, shown on the consent page
     * @param appName the app's name on the consent page
     * @param accountPrefix before an account's key in messages ("@" for handles)
     * @param codePrefix before the serial number of each code ("sandbox-x-code-")
     * @param codeLifetime how long a code is valid
     * @param approvedParams the parameters of the redirect after approving, in the network's order: {@code state}
     *     for the request's state (left out when it had none), any other name for the code ({@code code}; TikTok
     *     also {@code auth_code})
     * @param deniedDescription the {@code error_description} when the person denies
     * @param check further checks of the request before the scopes (X: state and PKCE); a problem in words, or empty
     */
    public record Settings(String network, String clientParam, String clientId, String scopeSeparator, Set<String> knownScopes,
            Map<String, String> scopeMeanings, String appName, String accountPrefix, String codePrefix, Duration codeLifetime,
            List<String> approvedParams, String deniedDescription, Function<Map<String, String>, Optional<String>> check) {
        public Settings {
            Objects.requireNonNull(network, "network is null");
            Objects.requireNonNull(clientParam, "clientParam is null");
            Objects.requireNonNull(clientId, "clientId is null");
            Objects.requireNonNull(scopeSeparator, "scopeSeparator is null");
            knownScopes = Set.copyOf(knownScopes);
            scopeMeanings = Map.copyOf(scopeMeanings);
            Objects.requireNonNull(appName, "appName is null");
            Objects.requireNonNull(accountPrefix, "accountPrefix is null");
            Objects.requireNonNull(codePrefix, "codePrefix is null");
            Objects.requireNonNull(codeLifetime, "codeLifetime is null");
            approvedParams = List.copyOf(approvedParams);
            if (approvedParams.stream().allMatch("state"::equals)) {
                throw new IllegalArgumentException("approvedParams has no parameter for the code");
            }
            Objects.requireNonNull(deniedDescription, "deniedDescription is null");
            Objects.requireNonNull(check, "check is null");
        }
    }

    /**
     * An authorization code's grant.
     *
     * @param account the demo account that signed in
     * @param redirectUri the redirect URI it was issued for
     * @param scopes the scopes asked for
     * @param request the authorization request's parameters (e.g. a PKCE challenge)
     * @param serial the code's serial number in this sandbox
     * @param issuedAt when the person approved
     * @param expiresAt when the code lapses
     */
    public record Grant<A>(A account, String redirectUri, List<String> scopes, Map<String, String> request, long serial,
            Instant issuedAt, Instant expiresAt) {
        public Grant {
            Objects.requireNonNull(account, "account is null");
            scopes = List.copyOf(scopes);
            request = Map.copyOf(request);
        }
    }

    private final Settings settings;
    private final List<A> accounts;
    private final Function<A, String> key;
    private final Function<A, String> label;
    private final Map<String, Grant<A>> codes = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    /**
     * @param accounts the demo accounts a person may sign in as, the first chosen by default
     * @param key an account's value in the consent form ({@code account=…}), e.g. its handle
     * @param label an account's words on the consent page
     */
    public SandboxAuthorization(Settings settings, List<A> accounts, Function<A, String> key, Function<A, String> label) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.accounts = List.copyOf(accounts);
        if (this.accounts.isEmpty()) {
            throw new IllegalArgumentException("no demo account");
        }
        this.key = Objects.requireNonNull(key, "key is null");
        this.label = Objects.requireNonNull(label, "label is null");
    }

    /** The authorization endpoint: the consent page, the redirect back after approving or denying, or an error page. */
    public HttpResponse authorize(HttpRequest request, Instant now) {
        Map<String, String> q = Urls.queryParams(request.uri());
        String network = settings.network();
        String redirectUri = q.get("redirect_uri");
        if (!settings.clientId().equals(q.get(settings.clientParam()))) {
            return ConsentPage.error(400, network, "This app is not known to the " + network + " sandbox ("
                    + settings.clientParam() + " must be " + settings.clientId() + ").");
        }
        if (!ConsentPage.validRedirectUri(redirectUri)) {
            return ConsentPage.error(400, network, "The redirect_uri is missing or is not an absolute http(s) URL.");
        }
        if (!"code".equals(q.get("response_type"))) {
            return ConsentPage.error(400, network, "response_type must be code.");
        }
        Optional<String> problem = settings.check().apply(q);
        if (problem.isPresent()) {
            return ConsentPage.error(400, network, problem.get());
        }
        List<String> scopes = Arrays.stream(q.getOrDefault("scope", "").split(java.util.regex.Pattern.quote(settings.scopeSeparator())))
                .map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (scopes.isEmpty()) {
            return ConsentPage.error(400, network, "scope is required.");
        }
        Optional<String> unknown = scopes.stream().filter(s -> !settings.knownScopes().contains(s)).findFirst();
        if (unknown.isPresent()) {
            return ConsentPage.error(400, network, "Unknown scope: " + unknown.get() + ".");
        }
        String approve = q.getOrDefault("approve", "");
        Map<String, String> back = new LinkedHashMap<>();
        if (approve.equals("no")) {
            back.put("error", "access_denied");
            back.put("error_description", settings.deniedDescription());
            state(q, back);
            return ConsentPage.redirect(redirectUri, back);
        }
        if (!approve.equals("yes")) {
            List<ConsentPage.Choice> choices = new ArrayList<>();
            accounts.forEach(a -> choices.add(new ConsentPage.Choice(key.apply(a), label.apply(a))));
            return ConsentPage.page(request.uri().getPath(), q,
                    new ConsentPage.Content(network, settings.appName(), scopes, settings.scopeMeanings(), choices));
        }
        String chosen = q.getOrDefault("account", key.apply(accounts.get(0)));
        Optional<A> account = accounts.stream().filter(a -> key.apply(a).equals(chosen)).findFirst();
        if (account.isEmpty()) {
            return ConsentPage.error(400, network, "There is no demo account " + settings.accountPrefix() + chosen + " in the "
                    + network + " sandbox.");
        }
        long n = serial.incrementAndGet();
        String code = settings.codePrefix() + n;
        codes.values().removeIf(g -> !now.isBefore(g.expiresAt()));
        codes.put(code, new Grant<>(account.get(), redirectUri, scopes, q, n, now, now.plus(settings.codeLifetime())));
        for (String p : settings.approvedParams()) {
            if (p.equals("state")) {
                state(q, back);
            } else {
                back.put(p, code);
            }
        }
        return ConsentPage.redirect(redirectUri, back);
    }

    /** Spends a code: its grant when it was known and unexpired; empty otherwise. Any attempt spends it. */
    public Optional<Grant<A>> redeem(String code, Instant now) {
        Grant<A> g = code == null ? null : codes.remove(code);
        return g == null || !now.isBefore(g.expiresAt()) ? Optional.empty() : Optional.of(g);
    }

    /** The access token a request carries: {@code Authorization: Bearer …}, else its {@code access_token} parameter. */
    public static String bearerToken(HttpRequest request) {
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return request.queryParam("access_token");
    }

    private static void state(Map<String, String> query, Map<String, String> back) {
        String state = query.get("state");
        if (state != null) {
            back.put("state", state);
        }
    }
}
