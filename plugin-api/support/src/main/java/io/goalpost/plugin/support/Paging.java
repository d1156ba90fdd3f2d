package io.goalpost.plugin.support;

import io.goalpost.plugin.api.HttpResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next page is, in the four ways networks say it. Each gives empty on the last page, so
 * {@link PhasedCursor#postsPage(String)} or the end of the range follows directly.
 * <ul>
 *   <li>a {@code Link: <...>; rel="next"} header (RFC 8288; Mastodon, GitHub): {@link #linkNext};</li>
 *   <li>a next-token or bookmark in the body ({@code meta.next_token}, {@code bookmark},
 *       {@code paging.cursors.after}): {@link #token};</li>
 *   <li>an offset and a page size: {@link #nextOffset}.</li>
 * </ul>
 */
public final class Paging {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private Paging() {
    }

    /** The URI of the {@code rel="next"} link of a response's {@code Link} headers, resolved against {@code base}. */
    public static Optional<URI> linkNext(HttpResponse response, URI base) {
        List<String> headers = response.headers().getOrDefault("Link", List.of());
        for (String header : headers) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                Matcher rel = REL_NEXT.matcher(m.group(2));
                while (rel.find()) {
                    for (String r : rel.group(1).trim().split("\\s+")) {
                        if (r.equalsIgnoreCase("next")) {
                            try {
                                return Optional.of(base.resolve(m.group(1).trim()));
                            } catch (IllegalArgumentException e) {
                                return Optional.empty();
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A next-token or bookmark at a dotted path of the body; empty when missing or blank (the last page). */
    public static Optional<String> token(Json body, String dottedPath) {
        return body.at(dottedPath).asText().filter(t -> !t.isBlank());
    }

    /**
     * The offset of the next page, or empty when this page was the last: it held fewer items than
     * asked for, or none.
     */
    public static OptionalInt nextOffset(int offset, int pageSize, int received) {
        if (received <= 0 || received < pageSize) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(offset + received);
    }
}
