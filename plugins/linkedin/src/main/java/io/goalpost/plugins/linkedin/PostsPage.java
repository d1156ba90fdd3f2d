package io.goalpost.plugins.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import io.goalpost.plugin.api.AdapterException;
import io.goalpost.plugin.api.PostSnapshot;
import io.goalpost.plugin.api.Urls;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One page of {@code GET /rest/posts?q=author}: the posts and where the next page starts.
 *
 * @param posts the page's posts, in LinkedIn's order (newest created first with {@code sortBy=CREATED})
 * @param nextStart the offset of the next page, or empty when this is the last page
 */
record PostsPage(List<Post> posts, OptionalInt nextStart) {

    PostsPage {
        posts = List.copyOf(posts);
    }

    /**
     * One post of the list.
     *
     * @param urn {@code urn:li:share:...} or {@code urn:li:ugcPost:...}
     * @param createdAt creation time (the list's sort key)
     * @param publishedAt publication time, the creation time when LinkedIn gives none
     * @param published true when {@code lifecycleState} is {@code PUBLISHED}
     * @param type the kind of content, lower case
     * @param text the post's commentary as plain text, or null when it has none
     */
    record Post(String urn, Instant createdAt, Instant publishedAt, boolean published, String type, String text) {

        /** True for a share; false for a ugcPost. LinkedIn wants each in its own list ({@code shares=} vs {@code ugcPosts=}). */
        boolean isShare() {
            return urn.startsWith("urn:li:share:");
        }

        /** True when LinkedIn has statistics for it (shares and ugcPosts). */
        boolean hasStatistics() {
            return isShare() || urn.startsWith("urn:li:ugcPost:");
        }

        /** The post with its lifetime metrics (empty when LinkedIn returned none). */
        PostSnapshot snapshot(Map<io.goalpost.plugin.api.MetricId, Double> metrics) {
            return new PostSnapshot(urn, publishedAt, type, "https://www.linkedin.com/feed/update/" + urn + "/",
                    metrics, text);
        }
    }

    /**
     * Reads a page. {@code id} and {@code createdAt} are required; the next page is the {@code start}
     * of {@code paging.links[rel=next]}, else {@code start + count} while {@code total} (when given)
     * says more posts exist, else, with neither, whether the page came back full.
     */
    static PostsPage read(JsonNode body, int start, int count) throws AdapterException {
        JsonNode elements = body.get("elements");
        if (elements == null || !elements.isArray()) {
            throw new AdapterException.BadResponse("LinkedIn " + Endpoint.POSTS.path() + " returned no elements array");
        }
        List<Post> posts = new ArrayList<>();
        for (JsonNode element : elements) {
            String urn = element.path("id").asText("");
            if (urn.isBlank() || !element.path("createdAt").canConvertToLong()) {
                throw new AdapterException.BadResponse("LinkedIn " + Endpoint.POSTS.path()
                        + " returned a post without id or createdAt");
            }
            Instant created = Instant.ofEpochMilli(element.path("createdAt").asLong());
            Instant published = element.path("publishedAt").canConvertToLong()
                    ? Instant.ofEpochMilli(element.path("publishedAt").asLong()) : created;
            posts.add(new Post(urn, created, published,
                    "PUBLISHED".equals(element.path("lifecycleState").asText("")), typeOf(element.path("content")),
                    element.path("commentary").isTextual() ? plainText(element.path("commentary").asText()) : null));
        }
        return new PostsPage(posts, nextStart(body.path("paging"), start, count, posts.size()));
    }

    /**
     * LinkedIn's commentary is "little text": mentions are {@code @[Name](urn:li:...)} and reserved characters
     * come backslash-escaped. The reader wants the words: the mentioned name, the characters unescaped.
     */
    static String plainText(String littleText) {
        String mentionsNamed = littleText.replaceAll("@\\[([^\\]]*)\\]\\(urn:li:[^)]*\\)", "$1");
        return mentionsNamed.replaceAll("\\\\([\\\\|{}@\\[\\]()<>#*_~])", "$1");
    }

    static OptionalInt nextStart(JsonNode paging, int start, int count, int returned) {
        if (returned == 0) {
            return OptionalInt.empty();
        }
        for (JsonNode link : paging.path("links")) {
            if ("next".equals(link.path("rel").asText(""))) {
                OptionalInt fromHref = startOf(link.path("href").asText(""));
                return fromHref.isPresent() && fromHref.getAsInt() > start ? fromHref : OptionalInt.of(start + count);
            }
        }
        JsonNode total = paging.get("total");
        if (total != null && total.canConvertToLong()) {
            return start + returned < total.asLong() ? OptionalInt.of(start + count) : OptionalInt.empty();
        }
        return returned >= count ? OptionalInt.of(start + count) : OptionalInt.empty();
    }

    private static OptionalInt startOf(String href) {
        try {
            String value = Urls.queryParams(URI.create("http://x" + (href.startsWith("/") ? "" : "/") + href))
                    .get("start");
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
    }

    /** A short content type from the post's {@code content} (none means a text post). */
    private static String typeOf(JsonNode content) {
        if (content.isMissingNode() || content.isNull() || content.isEmpty()) {
            return "text";
        }
        String media = content.path("media").path("id").asText("");
        if (media.startsWith("urn:li:video:")) {
            return "video";
        }
        if (media.startsWith("urn:li:image:")) {
            return "image";
        }
        if (media.startsWith("urn:li:document:")) {
            return "document";
        }
        for (String kind : List.of("multiImage", "article", "poll", "carousel", "celebration")) {
            if (content.has(kind)) {
                return kind.equals("multiImage") ? "multi_image" : kind;
            }
        }
        return "post";
    }
}
