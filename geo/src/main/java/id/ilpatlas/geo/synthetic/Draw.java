package id.ilpatlas.geo.synthetic;

import java.util.SplittableRandom;

/** Seeded random streams and the few distributions the generators need. */
final class Draw {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Draw() {}

    /**
     * A random stream for one purpose ({@code salt}), one key (an RW, kelurahan or posyandu code; its
     * {@link String#hashCode()} is fixed by the JLS) and one pass of the streaming mode.
     */
    static SplittableRandom stream(long seed, long salt, String key, long pass) {
        long h = mix(seed ^ mix(salt * GOLDEN));
        h = mix(h ^ (key.hashCode() * GOLDEN));
        h = mix(h ^ ((pass + 1) * 0xD1B54A32D192ED03L));
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code floor(x)} plus one with probability {@code x - floor(x)}: unbiased counts from a rate. */
    static long stochasticRound(double x, SplittableRandom random) {
        double floor = Math.floor(x);
        return (long) floor + (random.nextDouble() < x - floor ? 1 : 0);
    }

    /** A Poisson draw (Knuth's product method up to a mean of 30, a rounded normal above). */
    static long poisson(double mean, SplittableRandom random) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        long k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    /** Index into cumulative weights (need not sum to 1: the last entry is the total). */
    static int pick(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Running sums of {@code weights}. */
    static double[] cumulative(double... weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    /** A uniformly chosen element. */
    static <T> T oneOf(T[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    /** Uniform integer in {@code [from, to]} (both inclusive). */
    static int between(int from, int to, SplittableRandom random) {
        return from + random.nextInt(to - from + 1);
    }
}
