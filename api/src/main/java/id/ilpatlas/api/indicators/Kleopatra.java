package id.ilpatlas.api.indicators;

import id.ilpatlas.api.graphql.InvalidArgumentException;

/**
 * The KLEOPATRA criteria of one RW (Kota Semarang's programme: where stunting, TB and extreme poverty overlap), the one
 * rule behind every channel that shows them: the GraphQL layer ({@code RwIndicatorReport.kleopatra}), the target
 * ranking ({@code KLEOPATRA_CRITERIA}) and the map features (tiles and exports).
 *
 * <p>A criterion is {@code TRUE} when its indicator is at or over the threshold, {@code FALSE} when under it and
 * unknown ({@code null}) when the indicator is: suppressed for the caller, or undefined (no child measured, no
 * population). Unknown is never counted as not met: {@link #criteriaMet()} is the number of criteria met only when
 * all three are known, else null; {@link #knownMet()} is what is known for certain (a lower bound).
 *
 * <p>A rate is compared by its stable figure by default (see {@link #of(AreaIndicators, Thresholds, RateEstimateKind)}).
 *
 * @param stunting       stunting prevalence ≥ its threshold; null when the prevalence is unknown
 * @param tb             TB notifications per 100,000 ≥ its threshold; null when unknown
 * @param extremePoverty extreme-poor share of households ≥ its threshold; null when unknown
 */
public record Kleopatra(Boolean stunting, Boolean tb, Boolean extremePoverty) {

    /** The thresholds of the three criteria. */
    public record Thresholds(double stuntingPrevalence, double tbNotificationsPer100k, double extremePoorShare) {}

    /** The programme's thresholds, also the defaults of the GraphQL {@code kleopatra} field: 0.2, 300, 0.02. */
    public static final Thresholds DEFAULTS = new Thresholds(0.2, 300, 0.02);

    /** The criteria of an RW at the default thresholds, on the stable figures. */
    public static Kleopatra of(AreaIndicators rw) {
        return of(rw, DEFAULTS, RateEstimateKind.STABLE);
    }

    /**
     * The criteria of an RW at the given thresholds, comparing the rates' crude values or their stable figures (an
     * RW's local empirical-Bayes estimate, {@link RateEstimate#stable()}), so that one case does not make a hotspot.
     */
    public static Kleopatra of(AreaIndicators rw, Thresholds t, RateEstimateKind estimate) {
        return new Kleopatra(
                atLeast(estimate.of(rw, RwIndicator.STUNTING_PREVALENCE), t.stuntingPrevalence()),
                atLeast(estimate.of(rw, RwIndicator.TB_NOTIFICATIONS_PER_100K), t.tbNotificationsPer100k()),
                atLeast(estimate.of(rw, RwIndicator.EXTREME_POOR_SHARE), t.extremePoorShare()));
    }

    private static Boolean atLeast(Double value, double threshold) {
        return value == null ? null : value >= threshold;
    }

    /** The number of criteria known to be met (0–3): a lower bound when one is unknown. */
    public int knownMet() {
        return count(Boolean.TRUE);
    }

    /** The number of unknown criteria (0–3). */
    public int unknown() {
        return (stunting == null ? 1 : 0) + (tb == null ? 1 : 0) + (extremePoverty == null ? 1 : 0);
    }

    /** The number of criteria met (0–3) when all three are known; null when any is unknown. */
    public Integer criteriaMet() {
        return unknown() == 0 ? knownMet() : null;
    }

    /** True when at least {@code n} criteria are known to be met (unknown ones are not assumed either way). */
    public boolean knownToMeet(int n) {
        return knownMet() >= n;
    }

    private int count(Boolean value) {
        return (value.equals(stunting) ? 1 : 0) + (value.equals(tb) ? 1 : 0) + (value.equals(extremePoverty) ? 1 : 0);
    }

    /** Refuses a {@code minCriteria} argument outside 0 (every RW, to read its criteria) to 3. */
    static void checkMinCriteria(int minCriteria) {
        if (minCriteria < 0 || minCriteria > 3) {
            throw new InvalidArgumentException("minCriteria", "must be 0-3, was " + minCriteria);
        }
    }
}
