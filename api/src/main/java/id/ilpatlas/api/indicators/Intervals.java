package id.ilpatlas.api.indicators;

import id.ilpatlas.geo.stats.PoissonInterval;
import id.ilpatlas.geo.stats.ProportionInterval;

/** The exact 95 % intervals of the rates (geo's statistics), as {@code {lower, upper}} of the unscaled rate. */
final class Intervals {

    private Intervals() {}

    /** Clopper-Pearson interval of the proportion x / n. */
    static double[] proportion(long x, long n) {
        ProportionInterval interval = ProportionInterval.of(x, n);
        return new double[] {interval.lower(), interval.upper()};
    }

    /** Garwood interval of the count, over the denominator. */
    static double[] poissonRate(long count, double denominator) {
        PoissonInterval interval = PoissonInterval.of(count);
        return new double[] {interval.lowerRate(denominator), interval.upperRate(denominator)};
    }
}
