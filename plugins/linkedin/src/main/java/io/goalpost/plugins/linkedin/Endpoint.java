package io.goalpost.plugins.linkedin;

import java.util.Set;

/**
 * The LinkedIn resources this plugin reads, with what each needs. Error messages name the resource
 * by {@link #path()} only, never by the full URL.
 */
enum Endpoint {
    ORGANIZATION("/rest/organizations", "the organization's profile", false, Scopes.ADMIN),
    NETWORK_SIZES("/rest/networkSizes", "the follower count", false, Scopes.ADMIN),
    FOLLOWER_STATISTICS("/rest/organizationalEntityFollowerStatistics", "follower statistics", false, Scopes.ADMIN),
    PAGE_STATISTICS("/rest/organizationPageStatistics", "page statistics", false, Scopes.ADMIN),
    SHARE_STATISTICS("/rest/organizationalEntityShareStatistics", "post statistics", false, Scopes.ADMIN),
    POSTS("/rest/posts", "the organization's posts", true, Scopes.SOCIAL),
    ORGANIZATION_ACLS("/rest/organizationAcls", "the pages you administer", false, Scopes.ADMIN),
    ACCESS_TOKEN("/oauth/v2/accessToken", "the token refresh", false, Set.of());

    private final String path;
    private final String description;
    private final boolean finder;
    private final Set<String> scopes;

    Endpoint(String path, String description, boolean finder, Set<String> scopes) {
        this.path = path;
        this.description = description;
        this.finder = finder;
        this.scopes = scopes;
    }

    /** The resource path as LinkedIn documents it, safe to show. */
    String path() {
        return path;
    }

    /** What the resource gives, in words. */
    String description() {
        return description;
    }

    /**
     * True when LinkedIn's examples send {@code X-RestLi-Method: FINDER} for this call. Only the posts
     * finder shows it; the statistics finders are documented without it.
     */
    boolean finderHeader() {
        return finder;
    }

    /** The OAuth scopes the call needs, as LinkedIn's Community Management API documents them. */
    Set<String> scopes() {
        return scopes;
    }

    /** What the member must have besides the scope, for the 403 message. */
    String roleHint() {
        return this == POSTS
                ? "the r_organization_social scope and the ADMINISTRATOR or DIRECT_SPONSORED_CONTENT_POSTER role"
                : "the rw_organization_admin scope and the ADMINISTRATOR role on the page";
    }

    private static final class Scopes {
        static final Set<String> ADMIN = Set.of("rw_organization_admin");
        static final Set<String> SOCIAL = Set.of("r_organization_social");
    }
}
