package io.goalpost.plugin.api;

import java.time.Clock;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Optional second extension of a plugin: a simulation of its network's API in the same wire format,
 * with deterministic synthetic data, so the demo and load tests run the real adapter over real HTTP
 * without the network. The host serves it on a local port; plugins carry no server code.
 */
public interface NetworkSandbox extends ExtensionPoint {

    /** The network this sandbox simulates; equals its factory's {@link AdapterDescriptor#networkId()}. */
    String networkId();

    /**
     * Answers one request as the network would, including its limits and error shapes.
     *
     * @param request the request as received; its URI is absolute against the sandbox's base URL
     * @param clock the clock that defines "today" for the simulated history
     */
    HttpResponse handle(HttpRequest request, Clock clock);

    /**
     * The demo accounts this sandbox knows, each with the configuration that connects it through the
     * sandbox (its API base URL pointing at {@code sandboxBaseUrl}).
     */
    List<DemoAccount> demoAccounts(String sandboxBaseUrl);

    /**
     * The network app credentials this sandbox accepts for its sign-in flow (since 1.2), with the
     * sandbox as their base URL; the demo presets them. Empty for a sandbox without a sign-in flow.
     */
    default java.util.Optional<AppCredentials> demoApp(String sandboxBaseUrl) {
        return java.util.Optional.empty();
    }
}
