package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.MissingReason;

/**
 * A rate as an epidemiologist reports it (GraphQL type {@code RateEstimate}): its count, denominator, the crude value
 * with its exact 95 % interval, whether it rests on too few events, and the empirical-Bayes smoothed values that
 * rankings and choropleths can use instead. Every value is already multiplied by {@code per}.
 *
 * @param indicator      the rate
 * @param count          the events counted (numerator); null when it is missing ({@code missing} says why)
 * @param denominator    what the count is divided by (children measured, population, births …)
 * @param per            the multiplier (1 for a proportion, 1,000 or 100,000)
 * @param value          the crude rate; null when missing
 * @param lower95        lower bound of the exact 95 % interval (Clopper-Pearson for a proportion, Garwood for counts)
 * @param upper95        upper bound of the exact 95 % interval
 * @param unstable       true when {@code count} is under {@link #UNSTABLE_BELOW}; null when the value is missing
 * @param smoothed       Marshall's local empirical-Bayes estimate (the RW and its neighbours as prior); RWs only
 * @param smoothedGlobal Marshall's global empirical-Bayes estimate (every RW of the kab/kota as prior); RWs only
 * @param missing        why {@code value} is null; null when it is not
 */
public record RateEstimate(
        RwIndicator indicator,
        Integer count,
        Double denominator,
        int per,
        Double value,
        Double lower95,
        Double upper95,
        Boolean unstable,
        Double smoothed,
        Double smoothedGlobal,
        MissingReason missing) {

    /** A rate on fewer events than this is flagged unstable (relative standard error over about 22 %). */
    public static final int UNSTABLE_BELOW = 20;

    /**
     * The figure to rank and compare areas by: the local smoothed rate of an RW when there is one, else the crude rate
     * (kelurahan and larger areas, whose counts are large enough).
     */
    public Double stable() {
        return smoothed != null ? smoothed : value;
    }

    RateEstimate withSmoothed(Double local, Double global) {
        return new RateEstimate(
                indicator, count, denominator, per, value, lower95, upper95, unstable, local, global, missing);
    }

    /** The rate of {@code count} over {@code denominator}, with its interval; a reason instead when missing. */
    static RateEstimate of(RwIndicator indicator, Long count, Double denominator, MissingReason missing) {
        if (missing != null || count == null) {
            return missing(indicator, null, denominator, missing == null ? MissingReason.NO_DATA : missing);
        }
        if (denominator == null || denominator <= 0) {
            return missing(indicator, Math.toIntExact(count), denominator, MissingReason.NO_DENOMINATOR);
        }
        double per = indicator.per;
        double[] interval = indicator.interval == RwIndicator.Interval.PROPORTION && count <= denominator
                ? Intervals.proportion(count, Math.round(denominator))
                : Intervals.poissonRate(count, denominator);
        return new RateEstimate(
                indicator,
                Math.toIntExact(count),
                denominator,
                indicator.per,
                count * per / denominator,
                interval[0] * per,
                interval[1] * per,
                count < UNSTABLE_BELOW,
                null,
                null,
                null);
    }

    /** A rate that cannot be given, and why. */
    private static RateEstimate missing(
            RwIndicator indicator, Integer count, Double denominator, MissingReason reason) {
        return new RateEstimate(
                indicator, count, denominator, indicator.per, null, null, null, null, null, null, reason);
    }
}
