package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.AppCredentials;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a {@link NetworkSandbox} that every sandbox said the same way: which network it simulates,
 * one demo account for each simulated subject (an account, a Page, an organization) pointing at the
 * sandbox, and the demo app whose sign-in it accepts. A sandbox extends it, says how one subject
 * becomes a {@link DemoAccount} and answers {@link #handle} itself.
 *
 * @param <S> what the sandbox simulates one of per demo account
 */
public abstract class DemoSandbox<S> implements NetworkSandbox {

    private final String networkId;
    private final String appId;
    private final String appSecret;
    private final List<S> subjects;

    /**
     * @param networkId the network's plugin id, written out because a sandbox ships in a zip of its own
     *     with no compile dependency on the network's plugin
     * @param appId the demo app's client (app) id, which the sandbox's sign-in accepts
     * @param appSecret its secret
     * @param subjects one per demo account, in the order the demo lists them
     */
    protected DemoSandbox(String networkId, String appId, String appSecret, List<S> subjects) {
        this.networkId = Objects.requireNonNull(networkId, "networkId is null");
        this.appId = Objects.requireNonNull(appId, "appId is null");
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret is null");
        this.subjects = List.copyOf(subjects);
    }

    /**
     * The demo account that connects {@code subject} through the sandbox.
     *
     * @param base the sandbox's base URL without a trailing slash ({@link DemoAccount#base})
     */
    protected abstract DemoAccount demoAccount(S subject, String base);

    @Override
    public final String networkId() {
        return networkId;
    }

    @Override
    public final List<DemoAccount> demoAccounts(String sandboxBaseUrl) {
        String base = DemoAccount.base(sandboxBaseUrl);
        return subjects.stream().map(subject -> demoAccount(subject, base)).toList();
    }

    /** The demo app, with the sandbox standing in for the network's sign-in and token endpoints. */
    @Override
    public final Optional<AppCredentials> demoApp(String sandboxBaseUrl) {
        return DemoAccount.app(appId, appSecret, sandboxBaseUrl);
    }
}
