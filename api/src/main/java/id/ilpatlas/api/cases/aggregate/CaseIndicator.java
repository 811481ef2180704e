package id.ilpatlas.api.cases.aggregate;

/**
 * Countable case events, each additive over RWs and months (so that totals of areas and periods are sums and the
 * suppression lattice holds): what is counted, from which register, dated by which column.
 */
public enum CaseIndicator {
    /** Growth measurements (posyandu visits with a measurement). */
    MEASUREMENTS("growth_measurements", "measured_on", "true"),
    /** Measurements with length/height-for-age z < -2 (stunted, incl. severely). */
    STUNTED("growth_measurements", "measured_on", "z_length_height_for_age < -2"),
    /** Measurements with length/height-for-age z < -3. */
    SEVERELY_STUNTED("growth_measurements", "measured_on", "z_length_height_for_age < -3"),
    /** Measurements with weight-for-length/height z < -2. */
    WASTED("growth_measurements", "measured_on", "z_weight_for_length_height < -2"),
    /** Measurements with weight-for-age z < -2. */
    UNDERWEIGHT("growth_measurements", "measured_on", "z_weight_for_age < -2"),
    /** TB cases by diagnosis date. */
    TB_NOTIFICATIONS("tb_cases", "diagnosed_on", "true"),
    /** Desil-1 (extreme-poverty) households by as-of date. */
    EXTREME_POOR_HOUSEHOLDS("poverty_households", "as_of", "desil = 1"),
    /** High-risk pregnancies by HPHT. */
    HIGH_RISK_PREGNANCIES("pregnancies", "last_menstrual_period", "high_risk"),
    /** Births by delivery date. */
    BIRTHS("pregnancies", "delivered_on", "true"),
    /** Births under 2500 g by delivery date. */
    LOW_BIRTH_WEIGHT_BIRTHS("pregnancies", "delivered_on", "low_birth_weight"),
    /** Maternal deaths (AKI). */
    MATERNAL_DEATHS("pregnancies", "maternal_death_on", "true"),
    /** Infant deaths (AKB). */
    INFANT_DEATHS("pregnancies", "infant_death_on", "true");

    final String table;
    final String dateColumn;
    final String condition;

    CaseIndicator(String table, String dateColumn, String condition) {
        this.table = table;
        this.dateColumn = dateColumn;
        this.condition = condition;
    }
}
