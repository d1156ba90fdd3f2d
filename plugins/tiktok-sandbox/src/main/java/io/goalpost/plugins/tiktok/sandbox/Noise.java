package io.goalpost.plugins.tiktok.sandbox;

/**
 * Deterministic pseudo-random numbers from a key: the same key always gives the same number, so the
 * synthetic history needs no state and overlapping requests agree. SplitMix64 finalizer over the parts.
 */
final class Noise {

    private Noise() {
    }

    /** A number in [0, 1) determined by the parts. */
    static double unit(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            h = mix(h ^ part);
        }
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A number in [low, high) determined by the parts. */
    static double between(double low, double high, long... parts) {
        return low + (high - low) * unit(parts);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
