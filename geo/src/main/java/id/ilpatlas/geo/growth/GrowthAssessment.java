package id.ilpatlas.geo.growth;

import java.util.Objects;

/**
 * The result of {@link GrowthStandards#assess(GrowthInput)}: the cleaned inputs and the z-scores
 * with their Permenkes RI No. 2 Tahun 2020 categories and WHO plausibility flags.
 *
 * @param ageDays the age in whole days used for the table lookups, or {@code null} if unknown
 * @param measuredPosition the measurement position used, or {@code null} if none was given or if a
 *     standing height under 9 months was discarded (see {@code standingUnderNineMonths})
 * @param standingUnderNineMonths whether the child is under 9 months (exact age) and was measured
 *     standing; the position is then treated as unknown and the length is not converted (WHO
 *     Anthro's {@code c9mo_flag})
 * @param lengthHeightCm the length/height after the ±0.7 cm conversion to the position expected for
 *     the age (length below 731 days, height from 731 days), or {@code null} if not measured
 * @param bmi body mass index in kg/m² from the weight and {@code lengthHeightCm}, or {@code null}
 *     if either is missing or ≤ 0
 * @param lengthHeightForAge length/height-for-age (PB/U, TB/U)
 * @param weightForAge weight-for-age (BB/U)
 * @param weightForLengthHeight weight-for-length/height (BB/PB, BB/TB)
 * @param bmiForAge BMI-for-age (IMT/U)
 * @param headCircumferenceForAge head-circumference-for-age (LK/U)
 */
public record GrowthAssessment(
        Integer ageDays,
        MeasurePosition measuredPosition,
        boolean standingUnderNineMonths,
        Double lengthHeightCm,
        Double bmi,
        ZScore<LengthHeightForAgeCategory> lengthHeightForAge,
        ZScore<WeightForAgeCategory> weightForAge,
        ZScore<WeightForLengthHeightCategory> weightForLengthHeight,
        ZScore<WeightForLengthHeightCategory> bmiForAge,
        ZScore<HeadCircumferenceForAgeCategory> headCircumferenceForAge) {

    /**
     * Checks that the z-scores are present (NA is a z-score with a reason, {@link ZScore#unavailable()}, not null).
     *
     * @throws NullPointerException if a z-score is null
     */
    public GrowthAssessment {
        Objects.requireNonNull(lengthHeightForAge, "lengthHeightForAge must not be null");
        Objects.requireNonNull(weightForAge, "weightForAge must not be null");
        Objects.requireNonNull(weightForLengthHeight, "weightForLengthHeight must not be null");
        Objects.requireNonNull(bmiForAge, "bmiForAge must not be null");
        Objects.requireNonNull(headCircumferenceForAge, "headCircumferenceForAge must not be null");
    }

    /**
     * Whether any z-score is flagged as implausible.
     *
     * @return true if at least one z-score is flagged
     */
    public boolean anyFlagged() {
        return lengthHeightForAge.flagged()
                || weightForAge.flagged()
                || weightForLengthHeight.flagged()
                || bmiForAge.flagged()
                || headCircumferenceForAge.flagged();
    }
}
