package id.ilpatlas.geo.growth;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One measurement of a child, the input of {@link GrowthStandards#assess(GrowthInput)}.
 *
 * <p>Every measurement may be missing ({@code null}); the z-scores that need it are then NA. A
 * measurement ≤ 0 is accepted and also gives NA, as in the WHO Anthro software.
 *
 * @param sex the child's sex, required
 * @param age the age at the measurement, or {@code null} if unknown (only weight-for-length/height
 *     can then be computed)
 * @param weightKg body weight in kg, or {@code null}
 * @param lengthHeightCm length or height in cm as measured, before the ±0.7 cm conversion, or
 *     {@code null}
 * @param measuredPosition how {@code lengthHeightCm} was measured, or {@code null} if not recorded
 * @param oedema whether the child has bilateral pitting oedema; the weight-based z-scores are then
 *     NA
 * @param headCircumferenceCm head circumference in cm, or {@code null}
 */
public record GrowthInput(
        Sex sex,
        ChildAge age,
        Double weightKg,
        Double lengthHeightCm,
        MeasurePosition measuredPosition,
        boolean oedema,
        Double headCircumferenceCm) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if a measurement is NaN or infinite
     */
    public GrowthInput {
        Objects.requireNonNull(sex, "sex must not be null");
        requireFiniteOrNull(weightKg, "weightKg");
        requireFiniteOrNull(lengthHeightCm, "lengthHeightCm");
        requireFiniteOrNull(headCircumferenceCm, "headCircumferenceCm");
    }

    /**
     * A measurement at an age in whole days.
     *
     * @param sex the child's sex
     * @param ageDays the age in days, ≥ 0
     * @param weightKg weight in kg, or {@code null}
     * @param lengthHeightCm length/height in cm as measured, or {@code null}
     * @param measuredPosition how the length/height was measured, or {@code null}
     * @param oedema bilateral pitting oedema
     * @return the input, without head circumference
     */
    public static GrowthInput atAgeDays(
            Sex sex,
            int ageDays,
            Double weightKg,
            Double lengthHeightCm,
            MeasurePosition measuredPosition,
            boolean oedema) {
        return new GrowthInput(sex, ChildAge.ofDays(ageDays), weightKg, lengthHeightCm, measuredPosition, oedema, null);
    }

    /**
     * A measurement at an age in (possibly fractional) months; the day is {@code months × 30.4375}
     * rounded half up, see {@link ChildAge#ofMonths(double)}.
     *
     * @param sex the child's sex
     * @param ageMonths the exact age in months, ≥ 0
     * @param weightKg weight in kg, or {@code null}
     * @param lengthHeightCm length/height in cm as measured, or {@code null}
     * @param measuredPosition how the length/height was measured, or {@code null}
     * @param oedema bilateral pitting oedema
     * @return the input, without head circumference
     */
    public static GrowthInput atAgeMonths(
            Sex sex,
            double ageMonths,
            Double weightKg,
            Double lengthHeightCm,
            MeasurePosition measuredPosition,
            boolean oedema) {
        return new GrowthInput(
                sex, ChildAge.ofMonths(ageMonths), weightKg, lengthHeightCm, measuredPosition, oedema, null);
    }

    /**
     * A measurement on {@code measuredOn} of a child born on {@code birthDate}; the age is the exact
     * number of days between the dates.
     *
     * @param sex the child's sex
     * @param birthDate date of birth
     * @param measuredOn date of the measurement, not before {@code birthDate}
     * @param weightKg weight in kg, or {@code null}
     * @param lengthHeightCm length/height in cm as measured, or {@code null}
     * @param measuredPosition how the length/height was measured, or {@code null}
     * @param oedema bilateral pitting oedema
     * @return the input, without head circumference
     */
    public static GrowthInput between(
            Sex sex,
            LocalDate birthDate,
            LocalDate measuredOn,
            Double weightKg,
            Double lengthHeightCm,
            MeasurePosition measuredPosition,
            boolean oedema) {
        return new GrowthInput(
                sex, ChildAge.between(birthDate, measuredOn), weightKg, lengthHeightCm, measuredPosition, oedema, null);
    }

    /**
     * A measurement of a child of unknown age: only weight-for-length/height is computed.
     *
     * @param sex the child's sex
     * @param weightKg weight in kg, or {@code null}
     * @param lengthHeightCm length/height in cm as measured, or {@code null}
     * @param measuredPosition how the length/height was measured, or {@code null}
     * @param oedema bilateral pitting oedema
     * @return the input, without age and head circumference
     */
    public static GrowthInput withoutAge(
            Sex sex, Double weightKg, Double lengthHeightCm, MeasurePosition measuredPosition, boolean oedema) {
        return new GrowthInput(sex, null, weightKg, lengthHeightCm, measuredPosition, oedema, null);
    }

    /**
     * This input with a head circumference.
     *
     * @param cm head circumference in cm, or {@code null}
     * @return a copy with {@code headCircumferenceCm = cm}
     */
    public GrowthInput withHeadCircumferenceCm(Double cm) {
        return new GrowthInput(sex, age, weightKg, lengthHeightCm, measuredPosition, oedema, cm);
    }

    /**
     * The age in whole days.
     *
     * @return {@code age().days()}, or {@code null} if the age is unknown
     */
    public Integer ageDays() {
        return age == null ? null : age.days();
    }

    private static void requireFiniteOrNull(Double value, String name) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite or null, got " + value);
        }
    }
}
