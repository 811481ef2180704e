package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.CaseIndicator;
import id.ilpatlas.api.cases.importing.ImportFormat;

/**
 * The counts behind the per-RW indicators: one column of {@code rw_indicator_summaries} each (but the 12-month TB
 * window), the GraphQL field that shows it, the register it comes from (whose coverage decides NO_DATA and
 * PARTIAL_PERIOD, {@link DataAvailability}) and how the public sees it ({@link Publication}).
 */
enum Counted {
    CHILDREN_MEASURED("children_measured", "childrenMeasured", ImportFormat.EPPGBM, CaseIndicator.MEASUREMENTS),
    STUNTED("children_stunted", "stunted", ImportFormat.EPPGBM, CaseIndicator.STUNTED),
    SEVERELY_STUNTED(
            "children_severely_stunted", "severelyStunted", ImportFormat.EPPGBM, CaseIndicator.SEVERELY_STUNTED),
    WASTED("children_wasted", "wasted", ImportFormat.EPPGBM, CaseIndicator.WASTED),
    UNDERWEIGHT("children_underweight", "underweight", ImportFormat.EPPGBM, CaseIndicator.UNDERWEIGHT),
    /**
     * The denominator of measurement coverage (V28). Not an exposure like the population: it holds the register's own
     * count of children (all of it where the sasaran is 0, e.g. a kelurahan's records without an RW) and bounds the
     * children measured (a complementary-suppressed 0 next to an eligible 0 is a 0), so the public sees it for the
     * kelurahan and larger areas only, whose figures are large and leave no RW part to subtract.
     */
    BALITA_ELIGIBLE("balita_eligible", "balitaEligible", ImportFormat.EPPGBM, Publication.AREA_TOTALS),
    TB_NOTIFIED("tb_notified", "tbNotifications", ImportFormat.SITB, CaseIndicator.TB_NOTIFICATIONS),
    /** TB notifications of the 12 months ending with the period: not a summary column (RwIndicators counts it). */
    TB_NOTIFIED_12_MONTHS(null, "tbNotifications12Months", ImportFormat.SITB, Publication.WINDOW),
    TB_WITH_OUTCOME("tb_with_outcome", "tbCasesWithOutcome", ImportFormat.SITB, CaseIndicator.TB_WITH_OUTCOME),
    TB_SUCCESS("tb_success", "tbTreatmentSuccesses", ImportFormat.SITB, CaseIndicator.TB_TREATMENT_SUCCESSES),
    EXTREME_POOR(
            "extreme_poor_households",
            "extremePoorHouseholds",
            ImportFormat.P3KE,
            CaseIndicator.EXTREME_POOR_HOUSEHOLDS),
    BIRTHS("births", "births", ImportFormat.PERMAISURI, CaseIndicator.BIRTHS),
    LOW_BIRTH_WEIGHT(
            "low_birth_weight_births",
            "lowBirthWeightBirths",
            ImportFormat.PERMAISURI,
            CaseIndicator.LOW_BIRTH_WEIGHT_BIRTHS),
    LOW_BIRTH_WEIGHT_OVERDUE(
            "low_birth_weight_overdue",
            "lowBirthWeightOverdueFollowUps",
            ImportFormat.PERMAISURI,
            Publication.STOCK_HERE),
    HIGH_RISK_PREGNANCIES(
            "high_risk_pregnancies",
            "highRiskPregnancies",
            ImportFormat.PERMAISURI,
            CaseIndicator.HIGH_RISK_PREGNANCIES),
    MATERNAL_DEATHS("maternal_deaths", "maternalDeaths", ImportFormat.PERMAISURI, CaseIndicator.MATERNAL_DEATHS),
    INFANT_DEATHS("infant_deaths", "infantDeaths", ImportFormat.PERMAISURI, CaseIndicator.INFANT_DEATHS);

    /** How aggregate-only callers see a count. */
    enum Publication {
        /** The cells {@code caseCounts} publishes ({@link CaseIndicator}): one lattice per count family. */
        CASE_COUNTS,
        /** A count only this channel shows (the BBLR follow-ups due on the period's last day): suppressed here. */
        STOCK_HERE,
        /** The sum of the published {@code caseCounts} cells that tile the window; suppressed when any of them is. */
        WINDOW,
        /** Exact for kelurahan and larger areas; withheld from aggregate-only callers for RWs and unassigned rows. */
        AREA_TOTALS
    }

    /** The summary column, or null for the window count. */
    final String column;

    final String field;
    final ImportFormat register;
    final CaseIndicator lattice;
    final Publication publication;

    Counted(String column, String field, ImportFormat register, CaseIndicator lattice) {
        this(column, field, register, lattice, Publication.CASE_COUNTS);
    }

    Counted(String column, String field, ImportFormat register, Publication publication) {
        this(column, field, register, null, publication);
    }

    Counted(String column, String field, ImportFormat register, CaseIndicator lattice, Publication publication) {
        this.column = column;
        this.field = field;
        this.register = register;
        this.lattice = lattice;
        this.publication = publication;
    }
}
