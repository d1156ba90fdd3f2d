package io.goalpost.plugin.signing;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PEM blocks and {@code Name:} header of key files. */
final class Pem {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}");

    private Pem() {
    }

    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a key name is 1-64 letters, digits, spaces and . _ @ - (starting with a"
                    + " letter or digit): " + name);
        }
        return name;
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static byte[] block(String text, String type) {
        Matcher m = Pattern.compile("-----BEGIN " + type + "-----(.*?)-----END " + type + "-----", Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(m.group(1).strip());
    }

    static Optional<String> header(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":[ \\t]*(.+?)[ \\t]*$").matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
