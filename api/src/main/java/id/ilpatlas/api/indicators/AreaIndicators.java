package id.ilpatlas.api.indicators;

import id.ilpatlas.api.cases.aggregate.MissingReason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One row of per-RW indicators as a caller may see it (GraphQL type {@code AreaIndicators}): the counts it may see, why
 * the others are missing, and every indicator computed from them by its one definition ({@link RwIndicator}).
 */
public final class AreaIndicators {

    /** Sasaran balita: 8.5% of the population (also in rw_indicator_counts, V28, for coverage's denominator). */
    public static final double BALITA_SHARE = 0.085;
    /** Average household size used for the estimated households. */
    public static final double HOUSEHOLD_SIZE = 3.8;

    /** A field that is null, and why (GraphQL type {@code MissingValue}). */
    public record Missing(String field, MissingReason reason) {}

    private final String regionCode;
    private final String name;
    private final String level;
    private final int population;
    private final int targeted;
    private final int households;
    private final boolean exact;
    private final List<String> suppressed;
    private final Long[] counts;
    private final MissingReason[] reasons;
    private final LocalDate extremePoorAsOf;
    private final Map<RwIndicator, RateEstimate> rates;

    /**
     * A row from the counts a caller may see ({@code counts[c]} null exactly when {@code reasons[c]} says why); rates
     * are computed here, not smoothed yet ({@link #withSmoothed}).
     */
    AreaIndicators(
            String regionCode,
            String name,
            String level,
            int population,
            int targeted,
            int households,
            boolean exact,
            Long[] counts,
            MissingReason[] reasons,
            LocalDate extremePoorAsOf) {
        this.regionCode = regionCode;
        this.name = name;
        this.level = level;
        this.population = population;
        this.targeted = targeted;
        this.households = households;
        this.exact = exact;
        this.counts = counts;
        this.reasons = reasons;
        this.extremePoorAsOf = extremePoorAsOf;
        this.rates = crudeRates(population, households, counts, reasons);
        List<String> withheld = new ArrayList<>();
        for (Counted c : Counted.values()) {
            if (reasons[c.ordinal()] == MissingReason.SUPPRESSED) {
                withheld.add(c.field);
            }
        }
        this.suppressed = Collections.unmodifiableList(withheld);
    }

    /** The same row as {@code row} with other rates. */
    private AreaIndicators(AreaIndicators row, Map<RwIndicator, RateEstimate> rates) {
        this.regionCode = row.regionCode;
        this.name = row.name;
        this.level = row.level;
        this.population = row.population;
        this.targeted = row.targeted;
        this.households = row.households;
        this.exact = row.exact;
        this.counts = row.counts;
        this.reasons = row.reasons;
        this.extremePoorAsOf = row.extremePoorAsOf;
        this.suppressed = row.suppressed;
        this.rates = rates;
    }

    /** The crude rates of a row's counts. */
    private static Map<RwIndicator, RateEstimate> crudeRates(
            int population, int households, Long[] counts, MissingReason[] reasons) {
        Map<RwIndicator, RateEstimate> rates = new EnumMap<>(RwIndicator.class);
        for (RwIndicator indicator : RwIndicator.values()) {
            if (!indicator.isRate()) {
                continue;
            }
            Counted numerator = indicator.numerator;
            Double denominator;
            MissingReason missing = reasons[numerator.ordinal()];
            Counted d = indicator.denominator.counted;
            if (d != null) {
                denominator = counts[d.ordinal()] == null ? null : counts[d.ordinal()].doubleValue();
                if (missing == null) {
                    missing = reasons[d.ordinal()];
                }
            } else {
                denominator = (double)
                        (indicator.denominator == RwIndicator.Denominator.POPULATION ? population : households);
            }
            rates.put(indicator, RateEstimate.of(indicator, counts[numerator.ordinal()], denominator, missing));
        }
        return rates;
    }

    /** The same row with the smoothed rates of an RW ({@code local} and {@code global} per rate, × per). */
    AreaIndicators withSmoothed(Map<RwIndicator, Double> local, Map<RwIndicator, Double> global) {
        Map<RwIndicator, RateEstimate> smoothed = new EnumMap<>(RwIndicator.class);
        rates.forEach((indicator, rate) ->
                smoothed.put(indicator, rate.withSmoothed(local.get(indicator), global.get(indicator))));
        return new AreaIndicators(this, smoothed);
    }

    /** The value of an indicator by its definition: the count, or the crude rate (× its {@code per}). */
    public Double value(RwIndicator indicator) {
        if (indicator.isRate()) {
            return rates.get(indicator).value();
        }
        Long count = counts[indicator.numerator.ordinal()];
        return count == null ? null : count.doubleValue();
    }

    /** The figure to rank and compare by: a rate's {@link RateEstimate#stable()}, a count itself. */
    public Double stableValue(RwIndicator indicator) {
        return indicator.isRate() ? rates.get(indicator).stable() : value(indicator);
    }

    /** A rate with its count, interval and smoothed values; null for a count indicator. */
    public RateEstimate rate(RwIndicator indicator) {
        return rates.get(indicator);
    }

    /** Every rate, in {@link RwIndicator} order. */
    public List<RateEstimate> rates() {
        return List.copyOf(rates.values());
    }

    /** The count a caller sees, or null ({@link #reason} says why). */
    Long count(Counted c) {
        return counts[c.ordinal()];
    }

    /** Why a count is null; null when it is not. */
    MissingReason reason(Counted c) {
        return reasons[c.ordinal()];
    }

    /** Every null count and indicator field, with its reason. */
    public List<Missing> missing() {
        List<Missing> missing = new ArrayList<>();
        for (Counted c : Counted.values()) {
            if (reasons[c.ordinal()] != null) {
                missing.add(new Missing(c.field, reasons[c.ordinal()]));
            }
        }
        for (RateEstimate rate : rates.values()) {
            if (rate.missing() != null) {
                missing.add(new Missing(rate.indicator().field, rate.missing()));
            }
        }
        return missing;
    }

    public String regionCode() {
        return regionCode;
    }

    public String name() {
        return name;
    }

    public String level() {
        return level;
    }

    public int population() {
        return population;
    }

    public boolean exact() {
        return exact;
    }

    public List<String> suppressed() {
        return suppressed;
    }

    public int balitaTargeted() {
        return targeted;
    }

    public int estimatedHouseholds() {
        return households;
    }

    public LocalDate extremePoorAsOf() {
        return extremePoorAsOf;
    }

    private Integer i(Counted c) {
        Long v = counts[c.ordinal()];
        return v == null ? null : Math.toIntExact(v);
    }

    public Integer balitaEligible() {
        return i(Counted.BALITA_ELIGIBLE);
    }

    public Integer childrenMeasured() {
        return i(Counted.CHILDREN_MEASURED);
    }

    public Double measurementCoverage() {
        return value(RwIndicator.MEASUREMENT_COVERAGE);
    }

    public Integer stunted() {
        return i(Counted.STUNTED);
    }

    public Double stuntingPrevalence() {
        return value(RwIndicator.STUNTING_PREVALENCE);
    }

    public Integer severelyStunted() {
        return i(Counted.SEVERELY_STUNTED);
    }

    public Double severeStuntingPrevalence() {
        return value(RwIndicator.SEVERE_STUNTING_PREVALENCE);
    }

    public Integer wasted() {
        return i(Counted.WASTED);
    }

    public Double wastingPrevalence() {
        return value(RwIndicator.WASTING_PREVALENCE);
    }

    public Integer underweight() {
        return i(Counted.UNDERWEIGHT);
    }

    public Double underweightPrevalence() {
        return value(RwIndicator.UNDERWEIGHT_PREVALENCE);
    }

    public Integer tbNotifications() {
        return i(Counted.TB_NOTIFIED);
    }

    public Integer tbNotifications12Months() {
        return i(Counted.TB_NOTIFIED_12_MONTHS);
    }

    public Double tbNotificationsPer100k() {
        return value(RwIndicator.TB_NOTIFICATIONS_PER_100K);
    }

    public Integer tbCasesWithOutcome() {
        return i(Counted.TB_WITH_OUTCOME);
    }

    public Integer tbTreatmentSuccesses() {
        return i(Counted.TB_SUCCESS);
    }

    public Double tbTreatmentSuccessRate() {
        return value(RwIndicator.TB_TREATMENT_SUCCESS_RATE);
    }

    public Integer extremePoorHouseholds() {
        return i(Counted.EXTREME_POOR);
    }

    public Double extremePoorShare() {
        return value(RwIndicator.EXTREME_POOR_SHARE);
    }

    public Integer births() {
        return i(Counted.BIRTHS);
    }

    public Integer lowBirthWeightBirths() {
        return i(Counted.LOW_BIRTH_WEIGHT);
    }

    public Integer lowBirthWeightOverdueFollowUps() {
        return i(Counted.LOW_BIRTH_WEIGHT_OVERDUE);
    }

    public Integer highRiskPregnancies() {
        return i(Counted.HIGH_RISK_PREGNANCIES);
    }

    public Integer maternalDeaths() {
        return i(Counted.MATERNAL_DEATHS);
    }

    public Integer infantDeaths() {
        return i(Counted.INFANT_DEATHS);
    }

    public Double maternalMortalityRatio() {
        return value(RwIndicator.MATERNAL_MORTALITY_RATIO);
    }

    public Double infantMortalityRate() {
        return value(RwIndicator.INFANT_MORTALITY_RATE);
    }
}
