package io.goalpost.platform.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.goalpost.platform.accounts.AccountStore;
import io.goalpost.platform.accounts.Credentials;
import io.goalpost.platform.http.OutboundPolicy;
import io.goalpost.platform.plugins.LoadedNetwork;
import io.goalpost.platform.plugins.PluginRegistry;
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
import io.goalpost.plugin.api.NetworkAdapter;
import io.goalpost.plugin.api.NetworkAdapterFactory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the host does when a plugin misbehaves inside a call: a bug (an unexpected exception) is logged
 * with its stack trace and without the account's secrets, and a call that overruns the deadline is
 * stopped and reported as transient instead of holding the sync forever.
 */
class PluginCallTest {

    private static final String TOKEN = "tok-5ecret-98765";
    private static Vertx vertx;
    private static WebClient web;
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    /** A network whose check either throws a bug (quoting the token) or hangs. */
    static final class BuggyFactory implements NetworkAdapterFactory {
        private final String id;
        private final boolean hang;

        BuggyFactory(String id, boolean hang) {
            this.id = id;
            this.hang = hang;
        }

        @Override
        public AdapterDescriptor descriptor() {
            return AdapterDescriptor.builder(id, id).reports(CanonicalMetric.VIEWS)
                    .config(ConfigSpec.of(ConfigField.secret("access_token", "Token", "The token.")))
                    .history(new HistoryLimits(30, 30, 1, false)).allowedHosts("api.example.com").build();
        }

        @Override
        public NetworkAdapter create(AdapterContext context, ConfigValues config) {
            return new NetworkAdapter() {
                @Override
                public CheckResult check() {
                    if (hang) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }
                    return parse(config.require("access_token"));
                }

                private CheckResult parse(String token) {
                    throw new IllegalStateException("cannot read answer for https://api.example.com/me?access_token=" + token,
                            new NumberFormatException("For input string: \"" + token + "\""));
                }

                @Override
                public FetchResult fetch(FetchRequest request) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    private static SyncService sync;
    private static LoadedNetwork buggy;
    private static LoadedNetwork hanging;

    @BeforeAll
    static void setUp() {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(SyncService.class)).addAppender(LOGS);
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
        buggy = network(new BuggyFactory("buggy", false));
        hanging = network(new BuggyFactory("hanging", true));
        // Checks touch neither the database nor the credentials store.
        sync = new SyncService(new AccountStore(null), PluginRegistry.inProcess(List.of(buggy, hanging)), new Credentials(null),
                web, new OutboundPolicy(false, Set.of(), () -> 0, OutboundPolicy.JDK_RESOLVER), null, Duration.ofMillis(500));
    }

    private static LoadedNetwork network(NetworkAdapterFactory f) {
        return new LoadedNetwork(f.descriptor().networkId(), f.descriptor(), f, PluginCallTest.class.getClassLoader());
    }

    @AfterAll
    static void tearDown() throws Exception {
        ((Logger) LoggerFactory.getLogger(SyncService.class)).detachAppender(LOGS);
        web.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ConfigValues config() {
        return new ConfigValues(Map.of("access_token", TOKEN), Set.of("access_token"));
    }

    @Test
    void aPluginBugIsLoggedWithItsStackTraceAndWithoutTheToken() {
        LOGS.list.clear();

        assertThatThrownBy(() -> sync.check(buggy, config(), Clock.systemUTC()))
                .isInstanceOf(AdapterException.BadResponse.class)
                .hasMessageContaining("plugin buggy failed: IllegalStateException")
                .hasMessageNotContaining(TOKEN);

        ILoggingEvent event = LOGS.list.stream().filter(e -> e.getFormattedMessage().contains("buggy")).findFirst()
                .orElseThrow(() -> new AssertionError("no log line names the plugin: " + LOGS.list));
        assertThat(event.getThrowableProxy()).as("the stack trace is logged").isNotNull();
        String logged = event.getFormattedMessage() + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        assertThat(logged).contains("java.lang.IllegalStateException: cannot read answer")
                .contains("BuggyFactory$1.parse(PluginCallTest.java")
                .contains("Caused by: ").contains("java.lang.NumberFormatException")
                .doesNotContain(TOKEN);
    }

    @Test
    void aCallThatOverrunsTheDeadlineIsStoppedAndReportedAsTransient() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> sync.check(hanging, config(), Clock.systemUTC()))
                .isInstanceOf(AdapterException.TransientFailure.class)
                .hasMessageContaining("plugin hanging did not answer within");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the deadline only")
                .isLessThan(Duration.ofSeconds(10));
    }
}
