package io.goalpost.plugins.facebook.sandbox;

/**
 * Deterministic pseudo-random numbers: a pure function of (seed, key, salt), so that the same day of
 * the same Page always gets the same values, whatever was asked before.
 */
final class Noise {

    private Noise() {
    }

    /** A uniform value in [0, 1). */
    static double uniform(long seed, long key, String salt) {
        return (mix(seed ^ mix(key * 0x9E3779B97F4A7C15L) ^ mix(salt.hashCode() * 0xC2B2AE3D27D4EB4FL)) >>> 11)
                * 0x1.0p-53;
    }

    /** A uniform value in [low, high). */
    static double between(long seed, long key, String salt, double low, double high) {
        return low + (high - low) * uniform(seed, key, salt);
    }

    /** A log-normal factor around 1 with the given spread (sigma of the underlying normal). */
    static double logNormal(long seed, long key, String salt, double sigma) {
        double u1 = Math.max(uniform(seed, key, salt + "#1"), 1e-12);
        double u2 = uniform(seed, key, salt + "#2");
        double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.exp(sigma * normal - sigma * sigma / 2);
    }

    /** SplitMix64 finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
