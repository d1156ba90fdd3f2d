package io.goalpost.platform.notifications;

import java.util.Objects;

/**
 * The SMTP server alert and report email goes through, as the admin set it (password decrypted).
 *
 * @param host the server's name or address
 * @param port its port (587 for mail submission with STARTTLS, or 25)
 * @param starttls whether the connection must be upgraded with STARTTLS before anything is sent
 * @param username the login, or null to send without authentication
 * @param password the password, or null
 * @param from the sender address
 */
public record SmtpServer(String host, int port, boolean starttls, String username, String password, String from) {

    public SmtpServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535");
        }
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + (starttls ? ", STARTTLS" : "") + (username == null ? "" : ", user " + username)
                + ", from " + from + "]";
    }
}
