package io.goalpost.plugins.facebook;

import java.util.regex.Pattern;

/**
 * Makes text from Facebook safe for user-facing messages: no token, no query string that might carry
 * one, bounded length. Facebook's own error messages do not normally echo tokens, but URLs in them
 * (and in paging links) carry {@code access_token=}.
 */
final class Redaction {

    private static final Pattern ACCESS_TOKEN_PARAM = Pattern.compile("(?i)(access_token=)[^&\\s\"']+");
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s\"'?]+)\\?[^\\s\"']*");
    private static final int MAX_LENGTH = 300;

    private final java.util.List<String> secrets;

    Redaction(String... secrets) {
        java.util.List<String> known = new java.util.ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                known.add(secret);
            }
        }
        this.secrets = java.util.List.copyOf(known);
    }

    /** The text without the secrets, query strings or access_token parameters, cut to a readable length. */
    String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = text;
        for (String secret : secrets) {
            s = s.replace(secret, "******");
        }
        s = ACCESS_TOKEN_PARAM.matcher(s).replaceAll("$1******");
        s = URL_QUERY.matcher(s).replaceAll("$1");
        s = s.strip();
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "...";
    }
}
