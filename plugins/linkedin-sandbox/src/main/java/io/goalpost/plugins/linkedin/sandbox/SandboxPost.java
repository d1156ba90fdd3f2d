package io.goalpost.plugins.linkedin.sandbox;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A simulated post.
 *
 * @param urn {@code urn:li:share:...}, or {@code urn:li:ugcPost:...} for videos
 * @param organization the authoring page
 * @param day the UTC day it was published
 * @param publishedAt when it was published (also its creation time: the sandbox has no scheduled posts)
 * @param kind {@code text}, {@code image}, {@code video} or {@code article}
 * @param commentary the post's text
 */
record SandboxPost(String urn, SandboxOrganization organization, LocalDate day, Instant publishedAt, String kind,
        String commentary) {

    boolean isUgcPost() {
        return urn.startsWith("urn:li:ugcPost:");
    }
}
