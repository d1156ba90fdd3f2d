package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.AdapterDescriptor;
import io.goalpost.plugin.api.AppCredentials;
import io.goalpost.plugin.api.HttpRequest;
import io.goalpost.plugin.api.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A simulation of a network's API in the same wire format, with deterministic synthetic data, so the
 * demo and tests run the real adapter over real HTTP without the network. It ships in a sandbox zip of
 * its own ({@code goalpost-sandbox-<network>}), never in the network's plugin zip: only the demo (and
 * tests) load sandboxes, a production server ({@code serve}) never does. The host serves it on a local
 * port while the network's plugin runs; sandboxes carry no server code.
 *
 * <p>Until plugin-api 2.0 this interface was {@code io.goalpost.plugin.sandbox.NetworkSandbox}, an optional
 * extension of the network plugin itself.
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
     * The network app credentials this sandbox accepts for its sign-in flow with the
     * sandbox as their base URL; the demo presets them. Empty for a sandbox without a sign-in flow.
     */
    default java.util.Optional<AppCredentials> demoApp(String sandboxBaseUrl) {
        return java.util.Optional.empty();
    }
}
