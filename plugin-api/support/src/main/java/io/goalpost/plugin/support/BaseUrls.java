package io.goalpost.plugin.support;

import java.util.Objects;

/**
 * The base URL a config record keeps: as the user typed it, less a trailing slash, so that
 * {@code base + "/path"} never doubles the slash whether or not the user ended the field with one.
 */
public final class BaseUrls {

    private BaseUrls() {
    }

    /** {@code https://api.example.com/v1/} becomes {@code https://api.example.com/v1}; others stay as they are. */
    public static String withoutTrailingSlash(String url) {
        Objects.requireNonNull(url, "url is null");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
