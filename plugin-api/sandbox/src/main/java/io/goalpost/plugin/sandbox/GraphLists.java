package io.goalpost.plugin.sandbox;

import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How Meta's Graph API pages a list, for the sandboxes that simulate it (Facebook's and Instagram's):
 * the {@code limit} parameter's rules, and the address of a neighbouring page in {@code paging}. Each
 * sandbox keeps its own error type; it passes how to make Graph's "invalid parameter" error.
 */
public final class GraphLists {

    private GraphLists() {
    }

    /**
     * The page size a request asks for: {@code defaultLimit} without a {@code limit} parameter, at most
     * {@code maxLimit}; not a number or below 1 is Graph's invalid-parameter error {@code (#100)}.
     *
     * @param invalidParameter makes the sandbox's invalid-parameter error from its message (without the
     *     {@code (#100)} prefix)
     */
    public static <E extends Exception> int limit(Map<String, String> query, int defaultLimit, int maxLimit,
            Function<String, E> invalidParameter) throws E {
        Objects.requireNonNull(invalidParameter, "invalidParameter is null");
        String asked = query.get("limit");
        if (asked == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Math.min(maxLimit, Integer.parseInt(asked));
        } catch (NumberFormatException e) {
            throw invalidParameter.apply("Param limit must be a number");
        }
        if (limit < 1) {
            throw invalidParameter.apply("Param limit must be a positive number");
        }
        return limit;
    }

    /**
     * The address of a neighbouring page, as Graph writes it into {@code paging.next}/{@code previous}:
     * the request's own address and query with the parameters {@code changes} (name, value, name, value,
     * …, in that order) set, and never its access token.
     */
    public static String pageUrl(URI request, Map<String, String> query, String... changes) {
        if (changes.length % 2 != 0) {
            throw new IllegalArgumentException("changes come in name and value pairs");
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        q.remove("access_token");
        for (int i = 0; i < changes.length; i += 2) {
            q.put(changes[i], changes[i + 1]);
        }
        return Urls.build(request.getScheme() + "://" + request.getRawAuthority(), request.getRawPath(), q).toString();
    }

    /** The opaque cursor Graph gives a position in a list that does not change (a person's Pages). */
    public static String indexCursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("page:" + index).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position an {@link #indexCursor} names; one it did not make is Graph's invalid-parameter error.
     *
     * @param invalidParameter makes the sandbox's invalid-parameter error from its message (without the
     *     {@code (#100)} prefix)
     */
    public static <E extends Exception> int indexOf(String cursor, Function<String, E> invalidParameter) throws E {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("page:")) {
                throw new IllegalArgumentException(raw);
            }
            return Math.max(0, Integer.parseInt(raw.substring(5)));
        } catch (IllegalArgumentException e) {
            throw invalidParameter.apply("The after cursor is not valid");
        }
    }

    /**
     * Graph's {@code paging} object of one page of a list paged by {@link #indexCursor}: the page starts
     * at {@code start} and shows {@code shown} of {@code total} items, {@code limit} at most. Nested maps
     * in Graph's order ({@code cursors.before}, {@code cursors.after}, then {@code next} while items
     * remain), for the sandbox's JSON writer; Graph sends no paging for an empty page, so call it for a
     * page with items.
     */
    public static Map<String, Object> indexPaging(URI request, Map<String, String> query, int start, int shown,
            int total, int limit) {
        Map<String, Object> cursors = new LinkedHashMap<>();
        cursors.put("before", indexCursor(start));
        cursors.put("after", indexCursor(start + shown));
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", cursors);
        if (start + shown < total) {
            paging.put("next", pageUrl(request, query, "limit", Integer.toString(limit), "after",
                    indexCursor(start + shown)));
        }
        return paging;
    }
}
