package id.ilpatlas.geo.stats;

/**
 * The exact (Clopper–Pearson 1934) two-sided confidence interval for a binomial proportion, x successes of n
 * trials: with α = 1 − level, {@code lower} is the p at which P(X ≥ x) = α/2 (0 when x = 0) and {@code upper}
 * the p at which P(X ≤ x) = α/2 (1 when x = n); equivalently the α/2 quantile of Beta(x, n − x + 1) and the
 * 1 − α/2 quantile of Beta(x + 1, n − x). What R's {@code binom.test} reports. Conservative.
 *
 * <pre>{@code
 * ProportionInterval ci = ProportionInterval.of(3, 10); // 0.06673951 – 0.65245285
 * }</pre>
 *
 * @param successes x, 0 ≤ x ≤ n
 * @param trials n ≥ 1
 * @param confidenceLevel the level in (0, 1)
 * @param lower the lower bound of the proportion, in [0, 1]
 * @param upper the upper bound of the proportion, in [0, 1]
 */
public record ProportionInterval(long successes, long trials, double confidenceLevel, double lower, double upper) {

    /** The 95 % interval of {@code successes} of {@code trials}. */
    public static ProportionInterval of(long successes, long trials) {
        return of(successes, trials, PoissonInterval.DEFAULT_CONFIDENCE_LEVEL);
    }

    /**
     * The interval at a level.
     *
     * @throws IllegalArgumentException if not 0 ≤ successes ≤ trials, trials &lt; 1, or the level is not in (0, 1)
     */
    public static ProportionInterval of(long successes, long trials, double confidenceLevel) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in 0.." + trials + ", got " + successes);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
        double halfAlpha = (1 - confidenceLevel) / 2;
        double x = successes;
        double n = trials;
        // P(X >= x; p) = I_p(x, n - x + 1): increasing in p.
        double lower = successes == 0
                ? 0
                : SpecialFunctions.bisect(p -> SpecialFunctions.betaI(x, n - x + 1, p) - halfAlpha, 0, 1);
        // P(X <= x; p) = I_{1-p}(n - x, x + 1): decreasing in p.
        double upper = successes == trials
                ? 1
                : SpecialFunctions.bisect(p -> halfAlpha - SpecialFunctions.betaI(n - x, x + 1, 1 - p), 0, 1);
        return new ProportionInterval(successes, trials, confidenceLevel, lower, upper);
    }

    /** The point estimate x / n. */
    public double proportion() {
        return (double) successes / trials;
    }
}
