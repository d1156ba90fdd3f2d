package io.goalpost.plugin.api;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Optional extension of a network plugin (since plugin-api 1.2): connects accounts through the
 * network's own sign-in ("Connect with …") instead of pasted tokens. The host runs the OAuth 2.0
 * authorization code flow: it creates the single-use state and the PKCE pair, sends the person to
 * {@link #authorizeUrl}, receives the callback, calls {@link #exchange} and {@link #discover}, and
 * creates the accounts the person picks from the discovered ones' configuration. Calls are
 * synchronous, made on a worker thread, through the host's {@link HttpPort} (its allow-list applies:
 * the authorize, token and discovery hosts must be in the descriptor's allowed hosts, or under the
 * app's {@link AppCredentials#baseUrl()}).
 *
 * <p>A plugin without this extension keeps the pasted-token form.
 */
public interface NetworkAuthorizer extends ExtensionPoint {

    /** The network; equals its factory's {@link AdapterDescriptor#networkId()}. */
    String networkId();

    /** The flow's parameters: scopes, PKCE, token lifetimes, what to set up in the developer console. */
    AuthorizationSpec spec();

    /** The network's consent page for this request (the host redirects the browser there). */
    URI authorizeUrl(AuthorizationRequest request);

    /**
     * Exchanges the callback's code for tokens (and, where the network issues short-lived tokens
     * first, for the long-lived ones).
     *
     * @throws AdapterException {@link AdapterException.PermissionMissing} when a required scope was not
     *     granted; {@link AdapterException.AuthExpired} for a used or expired code
     */
    TokenGrant exchange(CodeExchange exchange, HttpPort http, Clock clock) throws AdapterException;

    /**
     * The accounts the grant may connect, each with the configuration that connects it (Facebook
     * Pages with their Page tokens, the Instagram accounts of those Pages, LinkedIn organizations the
     * person administers, the X user, TikTok and Pinterest business accounts).
     */
    List<DiscoveredAccount> discover(AppCredentials app, TokenGrant grant, HttpPort http, Clock clock) throws AdapterException;
}
