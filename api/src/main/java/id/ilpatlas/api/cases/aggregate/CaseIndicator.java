package id.ilpatlas.api.cases.aggregate;

import java.util.stream.IntStream;

/**
 * The public case counts, one definition each, the same in every channel ({@code caseCounts}, {@code rwIndicators},
 * tiles, exports, reports). All but one are events additive over RWs and months, published on their
 * {@link CountFamily}'s lattice; {@link #EXTREME_POOR_HOUSEHOLDS} is a snapshot (a stock at the end of the period).
 */
public enum CaseIndicator {
    /** Child-months measured: per month, the children measured in it (each once); a quarter or year sums its months. */
    MEASUREMENTS(CountFamily.GROWTH, IntStream.range(0, 12).toArray()),
    /** Child-months whose latest measurement of the month has length/height-for-age z < -2 (incl. severely). */
    STUNTED(CountFamily.GROWTH, IntStream.range(4, 12).toArray()),
    /** Child-months whose latest measurement of the month has length/height-for-age z < -3. */
    SEVERELY_STUNTED(CountFamily.GROWTH, IntStream.range(8, 12).toArray()),
    /** Child-months whose latest measurement of the month has weight-for-length/height z < -2. */
    WASTED(CountFamily.GROWTH, IntStream.range(0, 12).filter(a -> (a & 2) != 0).toArray()),
    /** Child-months whose latest measurement of the month has weight-for-age z < -2. */
    UNDERWEIGHT(CountFamily.GROWTH, IntStream.range(0, 12).filter(a -> (a & 1) != 0).toArray()),
    /** TB cases by diagnosis date. */
    TB_NOTIFICATIONS(CountFamily.TB, 0, 1, 2),
    /** TB cases by diagnosis date that have a treatment outcome. */
    TB_WITH_OUTCOME(CountFamily.TB, 0, 1),
    /** TB cases by diagnosis date cured or with treatment completed. */
    TB_TREATMENT_SUCCESSES(CountFamily.TB, 0),
    /** Desil-1 households in the P3KE/DTSEN register as of the period's last day (a stock, not events). */
    EXTREME_POOR_HOUSEHOLDS(null),
    /** High-risk pregnancies by HPHT. */
    HIGH_RISK_PREGNANCIES(CountFamily.HIGH_RISK_PREGNANCIES, 0),
    /** Births by delivery date. */
    BIRTHS(CountFamily.BIRTHS, 0, 1),
    /** Births under 2500 g (BBLR) by delivery date. */
    LOW_BIRTH_WEIGHT_BIRTHS(CountFamily.BIRTHS, 0),
    /** Maternal deaths (AKI). */
    MATERNAL_DEATHS(CountFamily.MATERNAL_DEATHS, 0),
    /** Infant deaths (AKB). */
    INFANT_DEATHS(CountFamily.INFANT_DEATHS, 0);

    /** The family whose lattice publishes it, or null for the snapshot count. */
    final CountFamily family;
    /** The family's atoms it sums. */
    final int[] atoms;

    CaseIndicator(CountFamily family, int... atoms) {
        this.family = family;
        this.atoms = atoms;
    }

    /** Whether it is a stock at the end of the period rather than events in it. */
    public boolean snapshot() {
        return family == null;
    }
}
