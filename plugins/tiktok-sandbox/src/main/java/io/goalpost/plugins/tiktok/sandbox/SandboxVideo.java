package io.goalpost.plugins.tiktok.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One simulated video.
 *
 * @param itemId TikTok-style 19-digit id, derived from the account and the day
 * @param publishedAt when it was posted (TikTok's {@code create_time}, whole seconds)
 * @param caption its caption
 * @param durationSeconds its length
 */
record SandboxVideo(String itemId, Instant publishedAt, String caption, double durationSeconds) {

    SandboxVideo {
        Objects.requireNonNull(itemId, "itemId is null");
        Objects.requireNonNull(publishedAt, "publishedAt is null");
        Objects.requireNonNull(caption, "caption is null");
    }

    /** The UTC day it was posted. */
    LocalDate day() {
        return LocalDate.ofInstant(publishedAt, ZoneOffset.UTC);
    }

    /**
     * Lifetime metrics of a video at one moment. Fields TikTok may leave out are nullable: watch time
     * and reach disappear once a video has been inactive for long, link clicks exist only for
     * registered Business accounts.
     */
    record Stats(long videoViews, Long reach, long likes, long comments, long shares, long favorites,
            Long totalTimeWatched, Double averageTimeWatched, Double fullVideoWatchedRate, long newFollowers,
            long profileViews, Long websiteClicks) {
    }
}
