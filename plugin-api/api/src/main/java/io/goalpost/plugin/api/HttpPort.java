package io.goalpost.plugin.api;

/**
 * The host's HTTP client as seen by an adapter. The host owns timeouts, the allow-list of hosts, the
 * check of every address a host resolves to (no loopback, private or link-local addresses unless the
 * operator allows them), redirects, redaction of secrets in logs, and connection pooling. The adapter
 * owns reading its network's status codes, headers and bodies and translating them into
 * {@link AdapterException}s.
 *
 * <p>Redirects: the host follows a redirect only to the same scheme, host and port, after the same
 * checks; it never follows one to another host, so headers such as {@code Authorization} never travel
 * there (it reports {@link AdapterException.ConfigInvalid} instead).
 */
public interface HttpPort {

    /**
     * Sends a request and returns the response, whatever its status code.
     *
     * @throws AdapterException.TransientFailure when no response arrived (connection refused, timeout, the
     *     name did not resolve)
     * @throws AdapterException.ConfigInvalid when the host refuses the target (not an allowed host, an address
     *     the host does not call, plain http, a redirect to another host)
     */
    HttpResponse send(HttpRequest request) throws AdapterException;
}
