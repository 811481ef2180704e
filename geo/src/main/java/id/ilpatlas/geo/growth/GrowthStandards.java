package id.ilpatlas.geo.growth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * WHO Child Growth Standards (WHO MGRS 2006) z-scores for children under 60 months, computed as the
 * WHO Anthro software (R package {@code anthro}) does, with the categories of Peraturan Menteri
 * Kesehatan RI Nomor 2 Tahun 2020 tentang Standar Antropometri Anak.
 *
 * <p>Method, from the daily LMS tables (age 0..1826 days; length 45–110 cm, height 65–120 cm):
 *
 * <ul>
 *   <li>{@code z = ((y / M)^L − 1) / (L·S)}. For the weight-based indices (weight-for-age,
 *       weight-for-length/height, BMI-for-age) a z beyond ±3 is replaced by {@code 3 + (y − SD3) /
 *       (SD3 − SD2)} (resp. {@code −3 + (y − SD−3) / (SD−2 − SD−3)}), where {@code SDk = M·(1 +
 *       L·S·k)^(1/L)}. Length/height- and head-circumference-for-age are not adjusted.
 *   <li>The z-score is rounded to two decimals: the exact binary value of the double, half to even
 *       (as R's {@code round(z, 2)}); categories and flags use the rounded value.
 *   <li>Weight-for-length/height interpolates L, M and S linearly between the two 0.1 cm rows
 *       around the length/height; outside the table the z-score is NA.
 *   <li>Age-based z-scores are NA from 60 months (exact age) on; measurements ≤ 0 give NA; oedema
 *       makes the weight-based z-scores NA.
 *   <li>Implausibility flags (WHO): length/height-for-age |z| &gt; 6; weight-for-age z &lt; −6 or z
 *       &gt; 5; weight-for-length/height, BMI-for-age and head-circumference-for-age |z| &gt; 5.
 * </ul>
 *
 * <p>All methods are thread-safe; the tables are loaded once, on first use.
 */
public final class GrowthStandards {

    /** The oldest age in days with a table row (60 months × 30.4375 = 1826.25, rounded down). */
    public static final int MAX_AGE_DAYS = 1826;

    /** From this age in days (24 months) on, standing height is expected instead of length. */
    public static final int HEIGHT_FROM_AGE_DAYS = 731;

    /** Recumbent length minus standing height, in cm, used to convert one into the other. */
    public static final double LYING_MINUS_STANDING_CM = 0.7;

    /** Without age and measurement position, a length/height below this (cm) counts as a length. */
    public static final double LENGTH_BELOW_CM = 87;

    private GrowthStandards() {}

    /**
     * All z-scores for one measurement.
     *
     * <p>Steps, as in WHO Anthro: a standing height under 9 months (exact age) is implausible, so the
     * position is dropped and {@link GrowthAssessment#standingUnderNineMonths()} is set. Then the
     * length/height is converted to the position expected for the age: below {@value
     * #HEIGHT_FROM_AGE_DAYS} days a standing height gets +0.7 cm, from {@value #HEIGHT_FROM_AGE_DAYS}
     * days a lying length gets −0.7 cm; without an age or a position nothing is converted. BMI is the
     * weight over the square of the converted length/height in metres. Weight-for-length/height uses
     * the length table below {@value #HEIGHT_FROM_AGE_DAYS} days and the height table from then on;
     * without an age, the table of the measurement position, and without a position either, the
     * length table below {@value #LENGTH_BELOW_CM} cm.
     *
     * @param input the measurement
     * @return the assessment; z-scores that cannot be computed are NA with the reason ({@link
     *     ZScore#unavailable()})
     * @throws NullPointerException if {@code input} is null
     */
    public static GrowthAssessment assess(GrowthInput input) {
        Objects.requireNonNull(input, "input must not be null");
        ChildAge age = input.age();
        Sex sex = input.sex();
        boolean standingUnderNineMonths =
                age != null && input.measuredPosition() == MeasurePosition.STANDING && age.isUnderNineMonths();
        MeasurePosition position = standingUnderNineMonths ? null : input.measuredPosition();

        Double lengthHeight = input.lengthHeightCm();
        if (lengthHeight != null && age != null && position != null) {
            if (age.days() < HEIGHT_FROM_AGE_DAYS && position == MeasurePosition.STANDING) {
                lengthHeight = lengthHeight + LYING_MINUS_STANDING_CM;
            } else if (age.days() >= HEIGHT_FROM_AGE_DAYS && position == MeasurePosition.LYING) {
                lengthHeight = lengthHeight - LYING_MINUS_STANDING_CM;
            }
        }
        Double weight = input.weightKg();
        Double bmi = null;
        if (weight != null && weight > 0 && lengthHeight != null && lengthHeight > 0) {
            double metres = lengthHeight / 100;
            bmi = weight / (metres * metres);
        }

        // Each NA z-score says why: the first of age, oedema, missing input, then the table's own checks.
        ZScore.Unavailable ageProblem = age == null
                ? new ZScore.Unavailable(
                        UnavailableReason.MISSING_INPUT,
                        "the age is unknown: give the age in days, or the birth and measurement dates")
                : age.isUnderFiveYears() ? null : ageOutOfRange(age.days());
        ZScore.Unavailable oedemaProblem = input.oedema()
                ? new ZScore.Unavailable(
                        UnavailableReason.OEDEMA,
                        "bilateral pitting oedema: the weight-based z-scores are not computed")
                : null;
        int days = age == null ? -1 : age.days();

        ZScore<LengthHeightForAgeCategory> lhfa = ageProblem != null
                ? na(ageProblem)
                : lengthHeight == null ? missing("lengthHeightCm") : lengthHeightForAge(sex, days, lengthHeight);
        ZScore<WeightForAgeCategory> wfa = ageProblem != null
                ? na(ageProblem)
                : oedemaProblem != null
                        ? na(oedemaProblem)
                        : weight == null ? missing("weightKg") : weightForAge(sex, days, weight);
        ZScore<WeightForLengthHeightCategory> bfa = ageProblem != null
                ? na(ageProblem)
                : oedemaProblem != null
                        ? na(oedemaProblem)
                        : weight == null
                                ? missing("weightKg")
                                : lengthHeight == null
                                        ? missing("lengthHeightCm")
                                        : bmi == null
                                                ? ZScore.notAvailable(
                                                        UnavailableReason.INVALID_MEASUREMENT,
                                                        "BMI needs a positive weightKg and lengthHeightCm, got "
                                                                + plain(weight) + " kg and " + plain(lengthHeight)
                                                                + " cm")
                                                : bmiForAge(sex, days, bmi);
        ZScore<HeadCircumferenceForAgeCategory> hcfa = ageProblem != null
                ? na(ageProblem)
                : input.headCircumferenceCm() == null
                        ? missing("headCircumferenceCm")
                        : headCircumferenceForAge(sex, days, input.headCircumferenceCm());

        ZScore<WeightForLengthHeightCategory> wflh;
        if (age != null && !age.isUnderFiveYears()) {
            wflh = na(ageOutOfRange(age.days()));
        } else if (oedemaProblem != null) {
            wflh = na(oedemaProblem);
        } else if (weight == null) {
            wflh = missing("weightKg");
        } else if (lengthHeight == null) {
            wflh = missing("lengthHeightCm");
        } else {
            boolean lengthTable;
            if (age != null) {
                lengthTable = age.days() < HEIGHT_FROM_AGE_DAYS;
            } else if (position != null) {
                lengthTable = position == MeasurePosition.LYING;
            } else {
                lengthTable = lengthHeight < LENGTH_BELOW_CM;
            }
            wflh = lengthTable
                    ? weightForLength(sex, lengthHeight, weight)
                    : weightForHeight(sex, lengthHeight, weight);
        }
        return new GrowthAssessment(
                age == null ? null : age.days(),
                position,
                standingUnderNineMonths,
                lengthHeight,
                bmi,
                lhfa,
                wfa,
                wflh,
                bfa,
                hcfa);
    }

    /**
     * Length/height-for-age (PB/U, TB/U) z-score, not adjusted beyond ±3 SD; flagged if |z| &gt; 6.
     *
     * @param sex the child's sex
     * @param ageDays age in whole days, ≥ 0; from 1827 (60 months) on the z-score is NA
     * @param lengthHeightCm length (below 731 days) or height (from 731 days) in cm, already
     *     converted to the position expected for the age
     * @return the z-score, NA if {@code lengthHeightCm ≤ 0} or the age is out of range
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if {@code ageDays} is negative or {@code lengthHeightCm} is
     *     NaN
     */
    public static ZScore<LengthHeightForAgeCategory> lengthHeightForAge(Sex sex, int ageDays, double lengthHeightCm) {
        return byAge(
                WhoTable.LENGTH_HEIGHT_FOR_AGE,
                sex,
                ageDays,
                lengthHeightCm,
                "lengthHeightCm",
                LengthHeightForAgeCategory::of,
                z -> Math.abs(z) > 6);
    }

    /**
     * Weight-for-age (BB/U) z-score, adjusted beyond ±3 SD; flagged if z &lt; −6 or z &gt; 5. Does
     * not know about oedema: {@link #assess(GrowthInput)} makes it NA in that case.
     *
     * @param sex the child's sex
     * @param ageDays age in whole days, ≥ 0; from 1827 (60 months) on the z-score is NA
     * @param weightKg weight in kg
     * @return the z-score, NA if {@code weightKg ≤ 0} or the age is out of range
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if {@code ageDays} is negative or {@code weightKg} is NaN
     */
    public static ZScore<WeightForAgeCategory> weightForAge(Sex sex, int ageDays, double weightKg) {
        return byAge(
                WhoTable.WEIGHT_FOR_AGE,
                sex,
                ageDays,
                weightKg,
                "weightKg",
                WeightForAgeCategory::of,
                z -> z < -6 || z > 5);
    }

    /**
     * BMI-for-age (IMT/U) z-score, adjusted beyond ±3 SD; flagged if |z| &gt; 5.
     *
     * @param sex the child's sex
     * @param ageDays age in whole days, ≥ 0; from 1827 (60 months) on the z-score is NA
     * @param bmi body mass index in kg/m², from the length (below 731 days) or height
     * @return the z-score, NA if {@code bmi ≤ 0} or the age is out of range
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if {@code ageDays} is negative or {@code bmi} is NaN
     */
    public static ZScore<WeightForLengthHeightCategory> bmiForAge(Sex sex, int ageDays, double bmi) {
        return byAge(
                WhoTable.BMI_FOR_AGE,
                sex,
                ageDays,
                bmi,
                "BMI",
                WeightForLengthHeightCategory::of,
                z -> Math.abs(z) > 5);
    }

    /**
     * Head-circumference-for-age (LK/U) z-score, not adjusted beyond ±3 SD; flagged if |z| &gt; 5.
     *
     * @param sex the child's sex
     * @param ageDays age in whole days, ≥ 0; from 1827 (60 months) on the z-score is NA
     * @param headCircumferenceCm head circumference in cm
     * @return the z-score, NA if {@code headCircumferenceCm ≤ 0} or the age is out of range
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if {@code ageDays} is negative or the circumference is NaN
     */
    public static ZScore<HeadCircumferenceForAgeCategory> headCircumferenceForAge(
            Sex sex, int ageDays, double headCircumferenceCm) {
        return byAge(
                WhoTable.HEAD_CIRCUMFERENCE_FOR_AGE,
                sex,
                ageDays,
                headCircumferenceCm,
                "headCircumferenceCm",
                HeadCircumferenceForAgeCategory::of,
                z -> Math.abs(z) > 5);
    }

    /**
     * Weight-for-length/height (BB/PB, BB/TB) z-score with the table chosen by age: the length table
     * below {@value #HEIGHT_FROM_AGE_DAYS} days, the height table from then on.
     *
     * @param sex the child's sex
     * @param ageDays age in whole days, ≥ 0; from 1827 (60 months) on the z-score is NA
     * @param lengthHeightCm length or height in cm, already converted to the position expected for
     *     the age
     * @param weightKg weight in kg
     * @return the z-score, see {@link #weightForLength(Sex, double, double)}
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if {@code ageDays} is negative or a measurement is NaN
     */
    public static ZScore<WeightForLengthHeightCategory> weightForLengthHeight(
            Sex sex, int ageDays, double lengthHeightCm, double weightKg) {
        requireAge(ageDays);
        if (ageDays > MAX_AGE_DAYS) {
            requireNotNaN(lengthHeightCm, "lengthHeightCm");
            requireNotNaN(weightKg, "weightKg");
            return na(ageOutOfRange(ageDays));
        }
        return ageDays < HEIGHT_FROM_AGE_DAYS
                ? weightForLength(sex, lengthHeightCm, weightKg)
                : weightForHeight(sex, lengthHeightCm, weightKg);
    }

    /**
     * Weight-for-length (BB/PB) z-score from the length table (45–110 cm), adjusted beyond ±3 SD;
     * flagged if |z| &gt; 5. L, M and S are interpolated linearly between the 0.1 cm rows below and
     * above {@code lengthCm}.
     *
     * @param sex the child's sex
     * @param lengthCm recumbent length in cm
     * @param weightKg weight in kg
     * @return the z-score, NA if the length is outside 45–110 cm or the weight is ≤ 0
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if a measurement is NaN
     */
    public static ZScore<WeightForLengthHeightCategory> weightForLength(Sex sex, double lengthCm, double weightKg) {
        return byLength(WhoTable.WEIGHT_FOR_LENGTH, "weight-for-length", sex, lengthCm, weightKg);
    }

    /**
     * Weight-for-height (BB/TB) z-score from the height table (65–120 cm), adjusted beyond ±3 SD;
     * flagged if |z| &gt; 5. L, M and S are interpolated linearly between the 0.1 cm rows below and
     * above {@code heightCm}.
     *
     * @param sex the child's sex
     * @param heightCm standing height in cm
     * @param weightKg weight in kg
     * @return the z-score, NA if the height is outside 65–120 cm or the weight is ≤ 0
     * @throws NullPointerException if {@code sex} is null
     * @throws IllegalArgumentException if a measurement is NaN
     */
    public static ZScore<WeightForLengthHeightCategory> weightForHeight(Sex sex, double heightCm, double weightKg) {
        return byLength(WhoTable.WEIGHT_FOR_HEIGHT, "weight-for-height", sex, heightCm, weightKg);
    }

    /**
     * Rounds a z-score to two decimals like R's {@code round(z, 2)}: the exact binary value of the
     * double, ties (only possible for values such as 0.125) to even. Returns {@code 0.0}, never
     * {@code -0.0}.
     *
     * @param z a finite number
     * @return the rounded value
     */
    public static double roundZ(double z) {
        return new BigDecimal(z).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Unrounded z-score of an age-based table, or NaN for NA; weight-based tables adjusted. */
    static double unroundedByAge(WhoTable table, Sex sex, int ageDays, double value) {
        Objects.requireNonNull(sex, "sex must not be null");
        requireAge(ageDays);
        requireNotNaN(value, "measurement");
        Lms lms = table.row(sex, ageDays);
        if (lms == null || !(value > 0) || Double.isInfinite(value)) {
            return Double.NaN;
        }
        return isAdjusted(table) ? lms.adjustedZ(value) : lms.z(value);
    }

    /**
     * Unrounded weight-for-length/height z-score, or NaN for NA. The rows are {@code lo =
     * trunc(10·x)} and {@code lo + 1} tenths of a cm, weighted by {@code (x − lo/10) / 0.1}, as in
     * WHO Anthro.
     */
    static double unroundedByLength(WhoTable table, Sex sex, double lengthHeightCm, double weightKg) {
        Objects.requireNonNull(sex, "sex must not be null");
        requireNotNaN(lengthHeightCm, "lengthHeightCm");
        requireNotNaN(weightKg, "weightKg");
        double min = table.firstKeyUnits() / 10.0;
        double max = table.lastKeyUnits() / 10.0;
        if (!(weightKg > 0) || Double.isInfinite(weightKg) || lengthHeightCm < min || lengthHeightCm > max) {
            return Double.NaN;
        }
        long lo = (long) (lengthHeightCm * 10);
        double weight = (lengthHeightCm - lo / 10.0) / 0.1;
        Lms lms = table.row(sex, lo);
        if (weight > 0) {
            // WHO Anthro takes the upper row as trunc(10·x + 1), which is lo + 1 except within one ulp
            // below 51.2 and 102.4 cm, where floating point makes it lo + 2; here it is always lo + 1.
            Lms upper = table.row(sex, lo + 1);
            if (upper != null) {
                lms = lms.interpolate(upper, weight);
            }
        }
        return lms.adjustedZ(weightKg);
    }

    private static boolean isAdjusted(WhoTable table) {
        return table != WhoTable.LENGTH_HEIGHT_FOR_AGE && table != WhoTable.HEAD_CIRCUMFERENCE_FOR_AGE;
    }

    /** An age-based z-score, or NA saying why: the age beyond the table, or a measurement ≤ 0. */
    private static <C extends GrowthCategory> ZScore<C> byAge(
            WhoTable table,
            Sex sex,
            int ageDays,
            double value,
            String input,
            DoubleFunction<C> category,
            DoublePredicate flag) {
        double unrounded = unroundedByAge(table, sex, ageDays, value);
        if (Double.isNaN(unrounded) || Double.isInfinite(unrounded)) {
            return ageDays > table.lastKeyUnits()
                    ? na(ageOutOfRange(ageDays))
                    : ZScore.notAvailable(
                            UnavailableReason.INVALID_MEASUREMENT,
                            input + " must be a positive number, got " + plain(value));
        }
        return score(unrounded, category, flag);
    }

    /**
     * A weight-for-length/height z-score, or NA saying why: a weight or length ≤ 0, or a length
     * outside the table.
     */
    private static ZScore<WeightForLengthHeightCategory> byLength(
            WhoTable table, String name, Sex sex, double lengthHeightCm, double weightKg) {
        double unrounded = unroundedByLength(table, sex, lengthHeightCm, weightKg);
        if (Double.isNaN(unrounded) || Double.isInfinite(unrounded)) {
            if (!(weightKg > 0) || Double.isInfinite(weightKg)) {
                return ZScore.notAvailable(
                        UnavailableReason.INVALID_MEASUREMENT,
                        "weightKg must be a positive number, got " + plain(weightKg));
            }
            if (!(lengthHeightCm > 0)) {
                return ZScore.notAvailable(
                        UnavailableReason.INVALID_MEASUREMENT,
                        "lengthHeightCm must be a positive number, got " + plain(lengthHeightCm));
            }
            return ZScore.notAvailable(
                    UnavailableReason.LENGTH_HEIGHT_OUT_OF_RANGE,
                    "length/height " + plain(lengthHeightCm) + " cm (as used, after any ±0.7 cm conversion) "
                            + "is outside the WHO " + name + " table (" + plain(table.firstKeyUnits() / 10.0)
                            + "–" + plain(table.lastKeyUnits() / 10.0) + " cm)");
        }
        return score(unrounded, WeightForLengthHeightCategory::of, z -> Math.abs(z) > 5);
    }

    private static ZScore.Unavailable ageOutOfRange(int ageDays) {
        return new ZScore.Unavailable(
                UnavailableReason.AGE_OUT_OF_RANGE,
                "age " + ageDays
                        + " days is beyond the WHO growth standards, which cover 0–" + MAX_AGE_DAYS
                        + " days (under 60 months)");
    }

    private static <C extends GrowthCategory> ZScore<C> missing(String input) {
        return ZScore.notAvailable(UnavailableReason.MISSING_INPUT, input + " is not given");
    }

    private static <C extends GrowthCategory> ZScore<C> na(ZScore.Unavailable why) {
        return ZScore.notAvailable(why.reason(), why.message());
    }

    private static String plain(double value) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    private static <C extends GrowthCategory> ZScore<C> score(
            double unrounded, DoubleFunction<C> category, DoublePredicate flag) {
        double z = roundZ(unrounded);
        return new ZScore<>(z, category.apply(z), flag.test(z));
    }

    private static void requireAge(int ageDays) {
        if (ageDays < 0) {
            throw new IllegalArgumentException("ageDays must be >= 0, got " + ageDays);
        }
    }

    private static void requireNotNaN(double value, String name) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must not be NaN");
        }
    }
}
