package id.ilpatlas.api.cases.aggregate;

import id.ilpatlas.api.cases.importing.ImportFormat;
import java.util.stream.IntStream;

/**
 * The public case counts, one definition each, the same in every channel ({@code caseCounts}, {@code rwIndicators},
 * tiles, exports, reports). Most are events additive over RWs and months, published on their
 * {@link CountFamily}'s lattice; {@link #EXTREME_POOR_HOUSEHOLDS} and {@link #HIGH_RISK_PREGNANCIES} are stocks
 * ({@link #snapshot()}), published per period over the area tree.
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
    UNDERWEIGHT(
            CountFamily.GROWTH, IntStream.range(0, 12).filter(a -> (a & 1) != 0).toArray()),
    /** TB cases by diagnosis date. */
    TB_NOTIFICATIONS(CountFamily.TB, 0, 1, 2),
    /** TB cases by diagnosis date that have a treatment outcome. */
    TB_WITH_OUTCOME(CountFamily.TB, 0, 1),
    /** TB cases by diagnosis date cured or with treatment completed. */
    TB_TREATMENT_SUCCESSES(CountFamily.TB, 0),
    /**
     * Desil-1 households of the P3KE/DTSEN register as it stands (its latest snapshot; the same whatever the
     * period): a stock, not events.
     */
    EXTREME_POOR_HOUSEHOLDS(ImportFormat.P3KE),
    /**
     * High-risk pregnancies ongoing in the period: HPHT on or before its last day, not ended (delivered, the mother
     * died, or 42 weeks after the HPHT) before its first day. A stock, not additive over months.
     */
    HIGH_RISK_PREGNANCIES(ImportFormat.PERMAISURI),
    /** Births by delivery date. */
    BIRTHS(CountFamily.BIRTHS, 0, 1),
    /** Births under 2500 g (BBLR) by delivery date. */
    LOW_BIRTH_WEIGHT_BIRTHS(CountFamily.BIRTHS, 0),
    /** Maternal deaths (AKI). */
    MATERNAL_DEATHS(CountFamily.MATERNAL_DEATHS, 0),
    /** Infant deaths (AKB). */
    INFANT_DEATHS(CountFamily.INFANT_DEATHS, 0);

    /** The family whose lattice publishes it, or null for a stock. */
    final CountFamily family;
    /** The family's atoms it sums. */
    final int[] atoms;
    /** The register it is counted from (whose imports decide NO_DATA and PARTIAL_PERIOD). */
    private final ImportFormat register;

    CaseIndicator(CountFamily family, int... atoms) {
        this.family = family;
        this.atoms = atoms;
        this.register = family.register;
    }

    /** A stock of the register. */
    CaseIndicator(ImportFormat register) {
        this.family = null;
        this.atoms = new int[0];
        this.register = register;
    }

    /** The register it is counted from. */
    public ImportFormat register() {
        return register;
    }

    /** Whether it is a stock of the period rather than events in it (sql/case-counts/NAME.sql counts it). */
    public boolean snapshot() {
        return family == null;
    }
}
