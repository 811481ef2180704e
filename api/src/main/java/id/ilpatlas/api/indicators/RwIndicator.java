package id.ilpatlas.api.indicators;

/**
 * An indicator an RW can be mapped by (GraphQL enum {@code RwIndicator}), with its one definition: a count, or a rate
 * of a counted numerator over a denominator. Every channel (the {@code AreaIndicators} fields, choropleths, tiles,
 * exports, the KLEOPATRA layer, target ranking, series and the KIA-gizi review) computes it from here
 * ({@link AreaIndicators#value}, {@link AreaIndicators#rate}).
 */
public enum RwIndicator {
    /** Child-months measured over eligible child-months (V28): at most 1 by construction. */
    MEASUREMENT_COVERAGE(
            "measurementCoverage", Counted.CHILDREN_MEASURED, Denominator.BALITA_ELIGIBLE, 1, Interval.PROPORTION),
    STUNTING_PREVALENCE("stuntingPrevalence", Counted.STUNTED, Denominator.CHILDREN_MEASURED, 1, Interval.PROPORTION),
    SEVERE_STUNTING_PREVALENCE(
            "severeStuntingPrevalence",
            Counted.SEVERELY_STUNTED,
            Denominator.CHILDREN_MEASURED,
            1,
            Interval.PROPORTION),
    WASTING_PREVALENCE("wastingPrevalence", Counted.WASTED, Denominator.CHILDREN_MEASURED, 1, Interval.PROPORTION),
    UNDERWEIGHT_PREVALENCE(
            "underweightPrevalence", Counted.UNDERWEIGHT, Denominator.CHILDREN_MEASURED, 1, Interval.PROPORTION),
    STUNTED("stunted", Counted.STUNTED),
    TB_NOTIFICATIONS("tbNotifications", Counted.TB_NOTIFIED),
    /** Notifications of the 12 months ending with the period per 100,000 population. */
    TB_NOTIFICATIONS_PER_100K(
            "tbNotificationsPer100k", Counted.TB_NOTIFIED_12_MONTHS, Denominator.POPULATION, 100_000, Interval.POISSON),
    TB_TREATMENT_SUCCESS_RATE(
            "tbTreatmentSuccessRate", Counted.TB_SUCCESS, Denominator.TB_WITH_OUTCOME, 1, Interval.PROPORTION),
    EXTREME_POOR_HOUSEHOLDS("extremePoorHouseholds", Counted.EXTREME_POOR),
    /** Over the estimated households (an estimate, so a Poisson interval: the share may exceed 1). */
    EXTREME_POOR_SHARE("extremePoorShare", Counted.EXTREME_POOR, Denominator.ESTIMATED_HOUSEHOLDS, 1, Interval.POISSON),
    LOW_BIRTH_WEIGHT_BIRTHS("lowBirthWeightBirths", Counted.LOW_BIRTH_WEIGHT),
    LOW_BIRTH_WEIGHT_OVERDUE_FOLLOW_UPS("lowBirthWeightOverdueFollowUps", Counted.LOW_BIRTH_WEIGHT_OVERDUE),
    HIGH_RISK_PREGNANCIES("highRiskPregnancies", Counted.HIGH_RISK_PREGNANCIES),
    MATERNAL_DEATHS("maternalDeaths", Counted.MATERNAL_DEATHS),
    INFANT_DEATHS("infantDeaths", Counted.INFANT_DEATHS),
    /** Maternal deaths per 100,000 births (AKI; the register records births, taken as live births). */
    MATERNAL_MORTALITY_RATIO(
            "maternalMortalityRatio", Counted.MATERNAL_DEATHS, Denominator.BIRTHS, 100_000, Interval.PROPORTION),
    /**
     * Infant deaths per 1,000 births (AKB), deaths and births of the same period. Deaths are at most the births on
     * small areas, so both mortality rates take the exact binomial interval (a Poisson one could pass 1,000 per
     * 1,000); a period with more deaths than births falls back to Poisson ({@link RateEstimate#of}).
     */
    INFANT_MORTALITY_RATE("infantMortalityRate", Counted.INFANT_DEATHS, Denominator.BIRTHS, 1_000, Interval.PROPORTION);

    /** What a rate is divided by. */
    enum Denominator {
        CHILDREN_MEASURED(Counted.CHILDREN_MEASURED),
        BALITA_ELIGIBLE(Counted.BALITA_ELIGIBLE),
        TB_WITH_OUTCOME(Counted.TB_WITH_OUTCOME),
        BIRTHS(Counted.BIRTHS),
        POPULATION(null),
        ESTIMATED_HOUSEHOLDS(null);

        /** The count it is, or null for the population-based figures (never missing, never suppressed). */
        final Counted counted;

        Denominator(Counted counted) {
            this.counted = counted;
        }
    }

    /** The exact 95 % interval of a rate. */
    enum Interval {
        /** Clopper-Pearson: the numerator is part of the denominator. */
        PROPORTION,
        /** Garwood: a Poisson count over a population or another count. */
        POISSON
    }

    /** The {@code AreaIndicators} field that shows it. */
    final String field;

    final Counted numerator;
    /** Null for a count. */
    final Denominator denominator;

    final int per;
    final Interval interval;

    RwIndicator(String field, Counted count) {
        this(field, count, null, 1, null);
    }

    RwIndicator(String field, Counted numerator, Denominator denominator, int per, Interval interval) {
        this.field = field;
        this.numerator = numerator;
        this.denominator = denominator;
        this.per = per;
        this.interval = interval;
    }

    /** Whether it is a rate (else a count). */
    public boolean isRate() {
        return denominator != null;
    }
}
