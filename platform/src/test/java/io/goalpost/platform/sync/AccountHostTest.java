package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
import io.goalpost.plugin.api.AccountIdentity;
import io.goalpost.plugin.api.AdapterContext;
import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.CanonicalMetric;
import io.goalpost.plugin.api.CheckResult;
import io.goalpost.plugin.api.ConfigField;
import io.goalpost.plugin.api.ConfigSpec;
import io.goalpost.plugin.api.ConfigValues;
import io.goalpost.plugin.api.FetchRequest;
import io.goalpost.plugin.api.FetchResult;
import io.goalpost.plugin.api.HistoryLimits;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.goalpost.plugin.api.Urls;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plugin for a network whose server each account chooses (Mastodon-like) may call the host of that
 * account's server field when its descriptor says so, and only then; the server's outbound rules
 * (here: no loopback address without --allow-private-api-hosts) still apply to that host.
 */
class AccountHostTest {

    private static HttpServer server;
    private static Vertx vertx;
    private static WebClient web;

    /** Reads {@code /api/v1/accounts/verify_credentials} of the account's server. */
    static final class SelfHostedFactory implements NetworkAdapterFactory {
        private final boolean allowServerHost;

        SelfHostedFactory(boolean allowServerHost) {
            this.allowServerHost = allowServerHost;
        }

        @Override
        public AdapterDescriptor descriptor() {
            AdapterDescriptor.Builder b = AdapterDescriptor.builder("selfhosted", "Self-hosted")
                    .config(ConfigSpec.of(ConfigField.requiredUrl("server_url", "Server", "Your server's address."),
                            ConfigField.secret("access_token", "Token", "The token.")))
                    .reports(CanonicalMetric.FOLLOWERS).history(new HistoryLimits(30, 30, 0, true))
                    .allowedHosts("mastodon.social");
            return (allowServerHost ? b.allowHostOf("server_url") : b).build();
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            return new NetworkAdapter() {
                @Override
                public CheckResult check() throws AdapterException {
                    HttpResponse r = context.http().send(HttpRequest.get(Urls.build(config.require("server_url"),
                            "/api/v1/accounts/verify_credentials")));
                    String body = r.bodyText();
                    return CheckResult.of(new AccountIdentity(body.replaceAll("\\D", ""), "alice", "Alice", ZoneOffset.UTC));
                }

                @Override
                public FetchResult fetch(FetchRequest request) {
                    return FetchResult.last(List.of(), List.of());
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/accounts/verify_credentials", ex -> {
            byte[] body = "{\"id\":\"4711\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        web.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static CheckResult check(boolean allowServerHost, boolean allowPrivate) throws AdapterException {
        SelfHostedFactory f = new SelfHostedFactory(allowServerHost);
        LoadedNetwork network = new LoadedNetwork("selfhosted", f.descriptor(), f, AccountHostTest.class.getClassLoader());
        SyncService sync = new SyncService(new AccountStore(null), PluginRegistry.inProcess(List.of(network)),
                new Credentials(null), web, new OutboundPolicy(allowPrivate, Set.of(), () -> 0, OutboundPolicy.JDK_RESOLVER),
                null);
        ConfigValues values = f.descriptor().config().resolve(Map.of(
                "server_url", "http://127.0.0.1:" + server.getAddress().getPort(), "access_token", "tok-0001"));
        return sync.check(network, values, Clock.systemUTC());
    }

    @Test
    void theAccountsServerIsCalledWhenThePluginAllowsTheHostOfItsField() throws AdapterException {
        assertThat(check(true, true).identity().externalId()).isEqualTo("4711");
    }

    @Test
    void withoutTheDeclarationTheAccountsServerIsNotAnAllowedHost() {
        assertThatThrownBy(() -> check(false, true)).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("may not call").hasMessageContaining("mastodon.social");
    }

    @Test
    void theAddressRulesStillApplyToAnAccountsServer() {
        assertThatThrownBy(() -> check(true, false)).isInstanceOf(AdapterException.ConfigInvalid.class)
                .hasMessageContaining("127.0.0.1");
    }
}
