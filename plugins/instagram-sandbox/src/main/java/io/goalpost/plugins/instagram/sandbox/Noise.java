package io.goalpost.plugins.instagram.sandbox;

/**
 * Deterministic pseudo-random numbers from (account, day, purpose): the same inputs always give the same
 * number, so the simulated history is a pure function and overlapping requests agree.
 */
final class Noise {

    private Noise() {
    }

    /** A number in [0, 1). */
    static double unit(int account, long day, int salt) {
        long h = mix(account * 0x9E3779B97F4A7C15L ^ (day + 1_000_003L) * 0xC2B2AE3D27D4EB4FL
                ^ salt * 0x165667B19E3779F9L);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A number in [low, high). */
    static double between(int account, long day, int salt, double low, double high) {
        return low + (high - low) * unit(account, day, salt);
    }

    /** A seed for a {@link java.util.SplittableRandom}. */
    static long seed(int account, long key, int salt) {
        return mix(account * 0x9E3779B97F4A7C15L + key * 0xBF58476D1CE4E5B9L + salt);
    }

    /** Rounds so that the expected value is kept: 0.3 becomes 1 three times in ten. */
    static long stochasticRound(double value, int account, long day, int salt) {
        if (value <= 0) {
            return 0;
        }
        return (long) Math.floor(value + unit(account, day, salt));
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85A3BL;
        return z ^ (z >>> 33);
    }
}
