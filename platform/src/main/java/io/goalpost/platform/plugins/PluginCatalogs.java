package io.goalpost.platform.plugins;

import io.goalpost.plugin.api.PluginApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * Plugin catalogs: {@code plugins.json} indexes in pf4j-update's format at {@code https://} or
 * {@code file:} URLs ({@code --plugin-catalog}, several allowed):
 *
 * <pre>[{"id": "x", "description": "…", "provider": "…", "projectUrl": "…",
 *   "releases": [{"version": "0.2.0", "date": "2026-12-01", "requires": "&gt;=2.0.0 &amp; &lt;3.0.0",
 *                 "url": "x-0.2.0.zip", "sha512sum": "…"}]}]</pre>
 *
 * A release's {@code url} is resolved against the catalog's; {@code sha512sum} (hex) is checked when
 * given. What a catalog offers is only a candidate: the zip must pass the same checks as an upload
 * (signed by a trusted key, compatible), so a catalog cannot make the server run what it would refuse.
 * Blocking: call from worker threads.
 */
public final class PluginCatalogs {

    /** Largest plugins.json read: 4 MiB. */
    static final long MAX_INDEX = 4L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<URI> catalogs;
    private final HttpClient http;
    private final VersionManager versions = new DefaultVersionManager();

    /** A release a catalog offers. */
    public record Release(String id, String version, String description, String provider, String requires, URI url,
            String sha512, URI catalog) {
        public Release {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(version, "version is null");
            Objects.requireNonNull(url, "url is null");
        }
    }

    /** Every catalog's newest compatible release per plugin, and what went wrong reading a catalog. */
    public record Listing(List<Release> releases, Map<URI, String> problems) {
    }

    /** Catalogs whose https certificates the JDK's trust store checks ({@code javax.net.ssl.trustStore}, else its cacerts). */
    public PluginCatalogs(List<URI> catalogs) {
        this(catalogs, List.of());
    }

    /**
     * Catalogs whose https certificates are checked against the JDK's trust store and these CA
     * certificates too ({@code --plugin-catalog-ca}: a catalog on a private CA, without replacing the
     * JDK's list of public ones).
     *
     * @throws IllegalArgumentException naming the URL or file when a catalog is not https: or file:
     *     (a plain http catalog could be changed on the way, and it chooses the code the server runs),
     *     or a certificate file cannot be read
     */
    public PluginCatalogs(List<URI> catalogs, List<Path> caCertificates) {
        for (URI u : catalogs) {
            String scheme = String.valueOf(u.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("file")) {
                throw new IllegalArgumentException("a plugin catalog is an https:// or file: URL, not " + u + (scheme.equals("http")
                        ? ": over plain http anyone on the way could change what the server is offered to install" : ""));
            }
        }
        this.catalogs = List.copyOf(catalogs);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (!caCertificates.isEmpty()) {
            builder.sslContext(trusting(caCertificates));
        }
        this.http = builder.build();
    }

    /** TLS that trusts the JDK's trust anchors and the certificates in these PEM files. */
    private static SSLContext trusting(List<Path> pemFiles) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            int n = 0;
            for (TrustManager tm : jdk.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("jdk-" + n++, c);
                    }
                }
            }
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path file : pemFiles) {
                try (InputStream in = Files.newInputStream(file)) {
                    var certificates = x509.generateCertificates(in);
                    if (certificates.isEmpty()) {
                        throw new IllegalArgumentException("--plugin-catalog-ca " + file + " holds no PEM certificate");
                    }
                    for (var c : certificates) {
                        anchors.setCertificateEntry("catalog-ca-" + n++, c);
                    }
                } catch (IOException | java.security.cert.CertificateException e) {
                    throw new IllegalArgumentException("--plugin-catalog-ca " + file + " cannot be read: " + e.getMessage(), e);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the plugin catalogs: " + e.getMessage(), e);
        }
    }

    /** Parses {@code --plugin-catalog} values (comma-separated too); a folder URL ending in / gets plugins.json. */
    public static List<URI> parse(List<String> values) {
        List<URI> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String s = part.strip();
                if (!s.isEmpty()) {
                    out.add(URI.create(s.endsWith("/") ? s + "plugins.json" : s));
                }
            }
        }
        return out;
    }

    public List<URI> urls() {
        return catalogs;
    }

    /** Reads every catalog: the newest release of each plugin that this host's plugin-api satisfies. */
    public Listing list() {
        Map<String, Release> newest = new java.util.TreeMap<>();
        Map<URI, String> problems = new java.util.LinkedHashMap<>();
        for (URI catalog : catalogs) {
            try {
                List<String> skipped = new ArrayList<>();
                for (Release r : read(catalog, skipped::add)) {
                    Release have = newest.get(r.id());
                    if (have == null || versions.compareVersions(r.version(), have.version()) > 0) {
                        newest.put(r.id(), r);
                    }
                }
                if (!skipped.isEmpty()) {
                    problems.put(catalog, String.join("; ", skipped));
                }
            } catch (IOException | RuntimeException e) {
                problems.put(catalog, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return new Listing(List.copyOf(newest.values()), problems);
    }

    /** Whether {@code candidate} is newer than {@code installed}. */
    public boolean newer(String candidate, String installed) {
        return versions.compareVersions(candidate, installed) > 0;
    }

    /** The release of {@code id} at {@code version} in any catalog. */
    public Optional<Release> find(String id, String version) {
        for (URI catalog : catalogs) {
            List<Release> offered;
            try {
                offered = read(catalog, skipped -> { });
            } catch (IOException | RuntimeException e) {
                continue; // an unreadable catalog offers nothing; GET /api/plugins/available names its problem
            }
            for (Release r : offered) {
                if (r.id().equals(id) && r.version().equals(version)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Downloads a release's zip and checks its sha512sum; an IOException saying why when it does not match. */
    public byte[] download(Release r) throws IOException {
        byte[] zip = fetch(r.url(), PluginPackage.MAX_ZIP);
        if (r.sha512() != null && !r.sha512().isBlank() && !PluginPackage.sha512(zip).equalsIgnoreCase(r.sha512().strip())) {
            throw new IOException("wrong checksum: " + shown(r.url()) + " does not match the sha512sum in the catalog "
                    + shown(r.catalog()) + " (damaged or replaced)");
        }
        return zip;
    }

    /** The catalog's newest usable release per plugin; {@code skipped} hears of each release left out for its URL. */
    private List<Release> read(URI catalog, java.util.function.Consumer<String> skipped) throws IOException {
        JsonArray index;
        try {
            index = new JsonArray(new String(fetch(catalog, MAX_INDEX), java.nio.charset.StandardCharsets.UTF_8));
        } catch (io.vertx.core.json.DecodeException e) {
            throw new IOException("not a plugins.json array: " + e.getMessage(), e);
        }
        List<Release> out = new ArrayList<>();
        for (Object o : index) {
            if (!(o instanceof JsonObject p) || p.getString("id") == null) {
                continue;
            }
            Function<Object, Optional<JsonObject>> asRelease = r -> r instanceof JsonObject j ? Optional.of(j) : Optional.empty();
            List<JsonObject> releases = p.getJsonArray("releases", new JsonArray()).stream().map(asRelease)
                    .flatMap(Optional::stream).collect(Collectors.toList());
            Release best = null;
            for (JsonObject rel : releases) {
                String version = rel.getString("version");
                String url = rel.getString("url");
                String requires = rel.getString("requires", "");
                if (version == null || url == null
                        || !versions.checkVersionConstraint(PluginApi.VERSION, requires.isBlank() ? "*" : requires)) {
                    continue;
                }
                URI resolved = catalog.resolve(url);
                String scheme = String.valueOf(resolved.getScheme()).toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !(scheme.equals("file") && catalog.getScheme().equalsIgnoreCase("file"))) {
                    // A release is fetched over https, or from the same file system as its file: catalog.
                    skipped.accept(p.getString("id") + " " + version + " is not offered: its url " + shown(resolved)
                            + " is not https" + (catalog.getScheme().equalsIgnoreCase("file") ? " or a file beside the catalog" : ""));
                    continue;
                }
                if (best == null || versions.compareVersions(version, best.version()) > 0) {
                    best = new Release(p.getString("id"), version, p.getString("description", ""), p.getString("provider", ""),
                            requires, resolved, rel.getString("sha512sum"), catalog);
                }
            }
            if (best != null) {
                out.add(best);
            }
        }
        return out;
    }

    private byte[] fetch(URI uri, long limit) throws IOException {
        if (uri.getScheme().equalsIgnoreCase("file")) {
            Path file = Path.of(uri);
            if (Files.size(file) > limit) {
                throw new IOException(shown(uri) + " is larger than " + limit / (1024 * 1024) + " MiB");
            }
            return Files.readAllBytes(file);
        }
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "Goalpost/0.1")
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IOException(shown(uri) + " answered HTTP " + r.statusCode());
                }
                if (!r.uri().getScheme().equalsIgnoreCase("https")) {
                    throw new IOException(shown(uri) + " redirected away from https");
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (bytes.length > limit) {
                    throw new IOException(shown(uri) + " is larger than " + limit / (1024 * 1024) + " MiB");
                }
                return bytes;
            }
        } catch (SSLHandshakeException e) {
            throw new IOException(shown(uri) + ": its TLS certificate is not trusted by this server (" + e.getMessage()
                    + "); trust its CA with --plugin-catalog-ca or the JDK's trust store", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + shown(uri), e);
        }
    }

    /** A catalog URL as shown to users: without user info or query (they could hold a token). */
    public static String shown(URI u) {
        return u.getScheme() + ":" + (u.getHost() == null ? "" : "//" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()))
                + (u.getPath() == null ? "" : u.getPath());
    }
}
