package io.goalpost.plugin.api;

/**
 * The host's HTTP client as seen by an adapter. The host owns timeouts, the allow-list of hosts,
 * redaction of secrets in logs, and connection pooling. The adapter owns reading its network's
 * status codes, headers and bodies and translating them into {@link AdapterException}s.
 */
public interface HttpPort {

    /**
     * Sends a request and returns the response, whatever its status code.
     *
     * @throws AdapterException.TransientFailure when no response arrived (connection refused, timeout)
     * @throws AdapterException.ConfigInvalid when the host refuses the target (not an allowed host)
     */
    HttpResponse send(HttpRequest request) throws AdapterException;
}
