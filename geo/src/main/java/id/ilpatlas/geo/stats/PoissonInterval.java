package id.ilpatlas.geo.stats;

/**
 * The exact (Garwood 1936) two-sided confidence interval for the mean of a Poisson count: with α = 1 − level,
 * {@code lower = ½ χ²(α/2; 2k)} (0 for k = 0) and {@code upper = ½ χ²(1 − α/2; 2k + 2)}; equivalently the
 * means at which P(X ≥ k) = α/2 and P(X ≤ k) = α/2. Bounds are of the count: divide by the denominator (and
 * multiply by 100,000 for a rate per 100k) for a rate's interval. The interval is conservative: its coverage is
 * at least the level for every true mean.
 *
 * <pre>{@code
 * PoissonInterval ci = PoissonInterval.of(4);       // 95 %: 1.089865 – 10.241589
 * double perHundredK = ci.upper() / 23_500 * 1e5;   // the upper bound of 4 cases in 23,500 people, per 100k
 * }</pre>
 *
 * @param count the observed count k ≥ 0
 * @param confidenceLevel the level in (0, 1), e.g. 0.95
 * @param lower the lower bound of the mean count (0 when k = 0)
 * @param upper the upper bound of the mean count
 */
public record PoissonInterval(long count, double confidenceLevel, double lower, double upper) {

    /** The conventional level, 95 %. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /**
     * The 95 % interval of a count.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public static PoissonInterval of(long count) {
        return of(count, DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * The interval of a count at a level.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the level is not in (0, 1)
     */
    public static PoissonInterval of(long count, double confidenceLevel) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
        double halfAlpha = (1 - confidenceLevel) / 2;
        double k = count;
        // lower: P(X >= k; mu) = P_gamma(k, mu) = alpha/2, increasing in mu.
        double lower = count == 0 ? 0 : gammaQuantile(k, halfAlpha);
        // upper: P(X <= k; mu) = Q_gamma(k + 1, mu) = alpha/2, i.e. P_gamma(k + 1, mu) = 1 - alpha/2.
        double upper = gammaUpperQuantile(k + 1, halfAlpha);
        return new PoissonInterval(count, confidenceLevel, lower, upper);
    }

    /** The x with P(a, x) = p (a small tail probability). */
    private static double gammaQuantile(double a, double p) {
        double hi = Math.max(1, a);
        while (SpecialFunctions.gammaP(a, hi) < p) {
            hi *= 2;
        }
        double top = hi;
        return SpecialFunctions.bisect(x -> SpecialFunctions.gammaP(a, x) - p, 0, top);
    }

    /** The x with Q(a, x) = q (a small upper-tail probability); computed on Q so that q keeps its precision. */
    private static double gammaUpperQuantile(double a, double q) {
        double hi = Math.max(1, 2 * a);
        while (SpecialFunctions.gammaQ(a, hi) > q) {
            hi *= 2;
        }
        double top = hi;
        return SpecialFunctions.bisect(x -> q - SpecialFunctions.gammaQ(a, x), 0, top);
    }

    /** The lower bound as a rate: {@code lower / denominator} (e.g. per person; multiply for per 100k). */
    public double lowerRate(double denominator) {
        return lower / positive(denominator);
    }

    /** The upper bound as a rate: {@code upper / denominator}. */
    public double upperRate(double denominator) {
        return upper / positive(denominator);
    }

    private static double positive(double denominator) {
        if (!(denominator > 0) || Double.isInfinite(denominator)) {
            throw new IllegalArgumentException("denominator must be positive and finite, got " + denominator);
        }
        return denominator;
    }
}
