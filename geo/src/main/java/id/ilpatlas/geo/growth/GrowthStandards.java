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
   * @return the assessment; z-scores that cannot be computed are {@link ZScore#notAvailable()}
   * @throws NullPointerException if {@code input} is null
   */
  public static GrowthAssessment assess(GrowthInput input) {
    Objects.requireNonNull(input, "input must not be null");
    ChildAge age = input.age();
    Sex sex = input.sex();
    boolean standingUnderNineMonths = age != null
        && input.measuredPosition() == MeasurePosition.STANDING && age.isUnderNineMonths();
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

    boolean ageValid = age != null && age.isUnderFiveYears();
    boolean weightValid = weight != null && !input.oedema();
    int days = age == null ? -1 : age.days();

    ZScore<LengthHeightForAgeCategory> lhfa = ageValid && lengthHeight != null
        ? lengthHeightForAge(sex, days, lengthHeight) : ZScore.notAvailable();
    ZScore<WeightForAgeCategory> wfa = ageValid && weightValid
        ? weightForAge(sex, days, weight) : ZScore.notAvailable();
    ZScore<WeightForLengthHeightCategory> bfa = ageValid && bmi != null && !input.oedema()
        ? bmiForAge(sex, days, bmi) : ZScore.notAvailable();
    ZScore<HeadCircumferenceForAgeCategory> hcfa = ageValid && input.headCircumferenceCm() != null
        ? headCircumferenceForAge(sex, days, input.headCircumferenceCm()) : ZScore.notAvailable();

    ZScore<WeightForLengthHeightCategory> wflh = ZScore.notAvailable();
    if (weightValid && lengthHeight != null && (age == null || age.isUnderFiveYears())) {
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
    return new GrowthAssessment(age == null ? null : age.days(), position, standingUnderNineMonths,
        lengthHeight, bmi, lhfa, wfa, wflh, bfa, hcfa);
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
  public static ZScore<LengthHeightForAgeCategory> lengthHeightForAge(Sex sex, int ageDays,
      double lengthHeightCm) {
    return score(unroundedByAge(WhoTable.LENGTH_HEIGHT_FOR_AGE, sex, ageDays, lengthHeightCm),
        LengthHeightForAgeCategory::of, z -> Math.abs(z) > 6);
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
    return score(unroundedByAge(WhoTable.WEIGHT_FOR_AGE, sex, ageDays, weightKg),
        WeightForAgeCategory::of, z -> z < -6 || z > 5);
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
    return score(unroundedByAge(WhoTable.BMI_FOR_AGE, sex, ageDays, bmi),
        WeightForLengthHeightCategory::of, z -> Math.abs(z) > 5);
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
  public static ZScore<HeadCircumferenceForAgeCategory> headCircumferenceForAge(Sex sex,
      int ageDays, double headCircumferenceCm) {
    return score(unroundedByAge(WhoTable.HEAD_CIRCUMFERENCE_FOR_AGE, sex, ageDays,
        headCircumferenceCm), HeadCircumferenceForAgeCategory::of, z -> Math.abs(z) > 5);
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
  public static ZScore<WeightForLengthHeightCategory> weightForLengthHeight(Sex sex, int ageDays,
      double lengthHeightCm, double weightKg) {
    requireAge(ageDays);
    if (ageDays > MAX_AGE_DAYS) {
      requireNotNaN(lengthHeightCm, "lengthHeightCm");
      requireNotNaN(weightKg, "weightKg");
      return ZScore.notAvailable();
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
  public static ZScore<WeightForLengthHeightCategory> weightForLength(Sex sex, double lengthCm,
      double weightKg) {
    return score(unroundedByLength(WhoTable.WEIGHT_FOR_LENGTH, sex, lengthCm, weightKg),
        WeightForLengthHeightCategory::of, z -> Math.abs(z) > 5);
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
  public static ZScore<WeightForLengthHeightCategory> weightForHeight(Sex sex, double heightCm,
      double weightKg) {
    return score(unroundedByLength(WhoTable.WEIGHT_FOR_HEIGHT, sex, heightCm, weightKg),
        WeightForLengthHeightCategory::of, z -> Math.abs(z) > 5);
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
    if (!(weightKg > 0) || Double.isInfinite(weightKg)
        || lengthHeightCm < min || lengthHeightCm > max) {
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

  private static <C extends GrowthCategory> ZScore<C> score(double unrounded,
      DoubleFunction<C> category, DoublePredicate flag) {
    if (Double.isNaN(unrounded) || Double.isInfinite(unrounded)) {
      return ZScore.notAvailable();
    }
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
