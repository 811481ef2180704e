package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.CaseIndicator;

/**
 * The counts behind the per-RW indicators: one column of {@code rw_indicator_summaries} each, and the GraphQL field
 * that shows it. Those that are also {@code caseCounts} cells name their {@link CaseIndicator}: aggregate-only
 * callers then see exactly the cells {@code caseCounts} publishes.
 */
enum Counted {
    CHILDREN_MEASURED("children_measured", "childrenMeasured", null),
    STUNTED("children_stunted", "stunted", null),
    SEVERELY_STUNTED("children_severely_stunted", "severelyStunted", null),
    WASTED("children_wasted", "wasted", null),
    UNDERWEIGHT("children_underweight", "underweight", null),
    TB_NOTIFIED("tb_notified", "tbNotifications", CaseIndicator.TB_NOTIFICATIONS),
    TB_WITH_OUTCOME("tb_with_outcome", "tbCasesWithOutcome", null),
    TB_SUCCESS("tb_success", "tbTreatmentSuccesses", null),
    EXTREME_POOR("extreme_poor_households", "extremePoorHouseholds", null),
    BIRTHS("births", "births", CaseIndicator.BIRTHS),
    LOW_BIRTH_WEIGHT("low_birth_weight_births", "lowBirthWeightBirths", CaseIndicator.LOW_BIRTH_WEIGHT_BIRTHS),
    LOW_BIRTH_WEIGHT_OVERDUE("low_birth_weight_overdue", "lowBirthWeightOverdueFollowUps", null),
    HIGH_RISK_PREGNANCIES("high_risk_pregnancies", "highRiskPregnancies", null),
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
