package io.goalpost.plugins.instagram.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * When each simulated account posts: a few posts per Monday-to-Sunday week (between the account's
 * minimum and maximum), on distinct days, at a daytime hour, each a Reel, a carousel or an image. A
 * pure function of (account, week), so the media list is the same whenever it is asked.
 */
final class PostSchedule {

    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    /** What kind of media a post is. */
    enum Kind {
        REEL("VIDEO", "REELS"), CAROUSEL("CAROUSEL_ALBUM", "FEED"), IMAGE("IMAGE", "FEED");

        final String mediaType;
        final String productType;

        Kind(String mediaType, String productType) {
            this.mediaType = mediaType;
            this.productType = productType;
        }
    }

    /** One planned post. */
    record Post(SandboxAccount account, LocalDate day, Instant publishedAt, Kind kind, String id) {
    }

    private PostSchedule() {
    }

    /** The id of the post of an account on a day: {@code 18}, account (2 digits), epoch day (9), slot (4). */
    static String mediaId(SandboxAccount account, LocalDate day) {
        return String.format("18%02d%09d%04d", account.index(), day.toEpochDay(), 1);
    }

    /** The post with that id, if the id is one of this schedule's. */
    static Optional<Post> byId(String id) {
        if (id == null || !id.matches("18[0-9]{15}") || !id.endsWith("0001")) {
            return Optional.empty();
        }
        int index = Integer.parseInt(id.substring(2, 4));
        long epochDay = Long.parseLong(id.substring(4, 13));
        return SandboxAccount.byIndex(index).flatMap(a -> on(a, LocalDate.ofEpochDay(epochDay)));
    }

    /** The post of an account on a day, if it posts that day. */
    static Optional<Post> on(SandboxAccount account, LocalDate day) {
        if (day.isBefore(account.firstPostDay())) {
            return Optional.empty();
        }
        long epochDay = day.toEpochDay();
        long week = Math.floorDiv(epochDay + 3, 7); // 1970-01-05 (epoch day 4) is a Monday
        int dayOfWeek = (int) (epochDay + 3 - week * 7); // 0 = Monday
        SplittableRandom random = new SplittableRandom(Noise.seed(account.index(), week, 11));
        int count = account.minPostsPerWeek()
                + random.nextInt(account.maxPostsPerWeek() - account.minPostsPerWeek() + 1);
        int[] days = {0, 1, 2, 3, 4, 5, 6};
        for (int i = 6; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = days[i];
            days[i] = days[j];
            days[j] = t;
        }
        boolean posts = false;
        for (int i = 0; i < count; i++) {
            posts |= days[i] == dayOfWeek;
        }
        if (!posts) {
            return Optional.empty();
        }
        SplittableRandom detail = new SplittableRandom(Noise.seed(account.index(), epochDay, 13));
        int secondOfDay = (7 + detail.nextInt(14)) * 3600 + detail.nextInt(60) * 60 + detail.nextInt(60);
        Instant publishedAt = day.atStartOfDay(PACIFIC).plusSeconds(secondOfDay).toInstant();
        double k = detail.nextDouble();
        Kind kind = k < account.reelPostShare() ? Kind.REEL
                : k < account.reelPostShare() + account.carouselPostShare() ? Kind.CAROUSEL : Kind.IMAGE;
        return Optional.of(new Post(account, day, publishedAt, kind, mediaId(account, day)));
    }

    /**
     * Posts published up to {@code now}, newest first, starting on {@code startDay} and going back; at
     * most {@code limit} of them.
     */
    static List<Post> newestFirst(SandboxAccount account, LocalDate startDay, Instant now, int limit) {
        List<Post> posts = new ArrayList<>();
        for (LocalDate d = startDay; !d.isBefore(account.firstPostDay()) && posts.size() < limit; d = d.minusDays(1)) {
            on(account, d).filter(p -> !p.publishedAt().isAfter(now)).ifPresent(posts::add);
        }
        return posts;
    }
}
