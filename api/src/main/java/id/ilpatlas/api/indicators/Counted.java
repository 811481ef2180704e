package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.CaseIndicator;

/**
 * The counts behind the per-RW indicators: one column of {@code rw_indicator_summaries} each, and the GraphQL field
 * that shows it. Each is a {@code caseCounts} count with the same definition ({@link CaseIndicator}), and
 * aggregate-only callers see exactly the cells {@code caseCounts} publishes, but for the BBLR follow-ups due, a stock
 * on the last day of the period that only this channel publishes (suppressed over the area tree of that day).
 */
enum Counted {
    CHILDREN_MEASURED("children_measured", "childrenMeasured", CaseIndicator.MEASUREMENTS),
    STUNTED("children_stunted", "stunted", CaseIndicator.STUNTED),
    SEVERELY_STUNTED("children_severely_stunted", "severelyStunted", CaseIndicator.SEVERELY_STUNTED),
    WASTED("children_wasted", "wasted", CaseIndicator.WASTED),
    UNDERWEIGHT("children_underweight", "underweight", CaseIndicator.UNDERWEIGHT),
    TB_NOTIFIED("tb_notified", "tbNotifications", CaseIndicator.TB_NOTIFICATIONS),
    TB_WITH_OUTCOME("tb_with_outcome", "tbCasesWithOutcome", CaseIndicator.TB_WITH_OUTCOME),
    TB_SUCCESS("tb_success", "tbTreatmentSuccesses", CaseIndicator.TB_TREATMENT_SUCCESSES),
    EXTREME_POOR("extreme_poor_households", "extremePoorHouseholds", CaseIndicator.EXTREME_POOR_HOUSEHOLDS),
    BIRTHS("births", "births", CaseIndicator.BIRTHS),
    LOW_BIRTH_WEIGHT("low_birth_weight_births", "lowBirthWeightBirths", CaseIndicator.LOW_BIRTH_WEIGHT_BIRTHS),
    LOW_BIRTH_WEIGHT_OVERDUE("low_birth_weight_overdue", "lowBirthWeightOverdueFollowUps", null),
    HIGH_RISK_PREGNANCIES("high_risk_pregnancies", "highRiskPregnancies", CaseIndicator.HIGH_RISK_PREGNANCIES),
    MATERNAL_DEATHS("maternal_deaths", "maternalDeaths", CaseIndicator.MATERNAL_DEATHS),
    INFANT_DEATHS("infant_deaths", "infantDeaths", CaseIndicator.INFANT_DEATHS);

    final String column;
    final String field;
    final CaseIndicator lattice;

    Counted(String column, String field, CaseIndicator lattice) {
        this.column = column;
        this.field = field;
        this.lattice = lattice;
    }
}
