package id.ilpatlas.api.indicators;

import java.util.List;

/** One row of per-RW indicators as a caller may see it (GraphQL type {@code AreaIndicators}). */
public record AreaIndicators(String regionCode, String name, String level, int population, boolean exact,
                             List<String> suppressed, int balitaTargeted, Integer childrenMeasured,
                             Double measurementCoverage, Integer stunted, Double stuntingPrevalence,
                             Integer severelyStunted, Double severeStuntingPrevalence, Integer wasted,
                             Double wastingPrevalence, Integer underweight, Double underweightPrevalence,
                             Integer tbNotifications, Double tbNotificationsPer100k, Integer tbCasesWithOutcome,
                             Integer tbTreatmentSuccesses, Double tbTreatmentSuccessRate, int estimatedHouseholds,
                             Integer extremePoorHouseholds, Double extremePoorShare, Integer births,
                             Integer lowBirthWeightBirths, Integer lowBirthWeightOverdueFollowUps,
                             Integer highRiskPregnancies, Integer maternalDeaths, Integer infantDeaths) {

    /** Sasaran balita: 8.5% of the population. */
    public static final double BALITA_SHARE = 0.085;
    /** Average household size used for the estimated households. */
    public static final double HOUSEHOLD_SIZE = 3.8;

    static AreaIndicators of(String regionCode, String name, String level, int population, int targeted,
                             int households, boolean exact, List<String> suppressed, Long[] c, double annualFactor) {
        Integer measured = i(c[Counted.CHILDREN_MEASURED.ordinal()]);
        Integer stunted = i(c[Counted.STUNTED.ordinal()]);
        Integer severe = i(c[Counted.SEVERELY_STUNTED.ordinal()]);
        Integer wasted = i(c[Counted.WASTED.ordinal()]);
        Integer underweight = i(c[Counted.UNDERWEIGHT.ordinal()]);
        Integer tb = i(c[Counted.TB_NOTIFIED.ordinal()]);
        Integer outcome = i(c[Counted.TB_WITH_OUTCOME.ordinal()]);
        Integer success = i(c[Counted.TB_SUCCESS.ordinal()]);
        Integer poor = i(c[Counted.EXTREME_POOR.ordinal()]);
        return new AreaIndicators(regionCode, name, level, population, exact, suppressed, targeted, measured,
                ratio(measured, targeted * 12.0 / annualFactor), stunted, ratio(stunted, measured), severe, ratio(severe, measured), wasted,
                ratio(wasted, measured), underweight, ratio(underweight, measured), tb,
                tb == null || population == 0 ? null : tb * 100_000.0 / population * annualFactor, outcome, success,
                ratio(success, outcome), households, poor, ratio(poor, households), i(c[Counted.BIRTHS.ordinal()]),
                i(c[Counted.LOW_BIRTH_WEIGHT.ordinal()]), i(c[Counted.LOW_BIRTH_WEIGHT_OVERDUE.ordinal()]),
                i(c[Counted.HIGH_RISK_PREGNANCIES.ordinal()]), i(c[Counted.MATERNAL_DEATHS.ordinal()]),
                i(c[Counted.INFANT_DEATHS.ordinal()]));
    }

    private static Integer i(Long v) {
        return v == null ? null : Math.toIntExact(v);
    }

    private static Double ratio(Integer numerator, Integer denominator) {
        return ratio(numerator, denominator == null ? null : denominator.doubleValue());
    }

    private static Double ratio(Integer numerator, Double denominator) {
        return numerator == null || denominator == null || denominator == 0 ? null
                : numerator.doubleValue() / denominator;
    }

    /** The value of a mappable indicator. */
    Double value(RwIndicator indicator) {
        return switch (indicator) {
            case MEASUREMENT_COVERAGE -> measurementCoverage;
            case STUNTING_PREVALENCE -> stuntingPrevalence;
            case SEVERE_STUNTING_PREVALENCE -> severeStuntingPrevalence;
            case WASTING_PREVALENCE -> wastingPrevalence;
            case UNDERWEIGHT_PREVALENCE -> underweightPrevalence;
            case STUNTED -> d(stunted);
            case TB_NOTIFICATIONS -> d(tbNotifications);
            case TB_NOTIFICATIONS_PER_100K -> tbNotificationsPer100k;
            case TB_TREATMENT_SUCCESS_RATE -> tbTreatmentSuccessRate;
            case EXTREME_POOR_HOUSEHOLDS -> d(extremePoorHouseholds);
            case EXTREME_POOR_SHARE -> extremePoorShare;
            case LOW_BIRTH_WEIGHT_BIRTHS -> d(lowBirthWeightBirths);
            case LOW_BIRTH_WEIGHT_OVERDUE_FOLLOW_UPS -> d(lowBirthWeightOverdueFollowUps);
            case HIGH_RISK_PREGNANCIES -> d(highRiskPregnancies);
            case MATERNAL_DEATHS -> d(maternalDeaths);
            case INFANT_DEATHS -> d(infantDeaths);
        };
    }

    private static Double d(Integer v) {
        return v == null ? null : v.doubleValue();
    }
}
