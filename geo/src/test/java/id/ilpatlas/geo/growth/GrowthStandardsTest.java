package id.ilpatlas.geo.growth;

import static id.ilpatlas.geo.growth.MeasurePosition.LYING;
import static id.ilpatlas.geo.growth.MeasurePosition.STANDING;
import static id.ilpatlas.geo.growth.Sex.FEMALE;
import static id.ilpatlas.geo.growth.Sex.MALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Edge cases of {@link GrowthStandards}: the conversions and NA rules of the WHO Anthro method. */
class GrowthStandardsTest {

    // ---- Literal values from the tables (lenanthro: boys day 730 M 87.8018, day 731 M 87.1303;
    // weianthro: boys day 0 L 0.3487 M 3.3464 S 0.14602, SD3 5.03064, SD2 4.41935).

    @Test
    void medianGivesZeroAndSd3GivesThree() {
        assertThat(GrowthStandards.lengthHeightForAge(MALE, 730, 87.8018).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.lengthHeightForAge(MALE, 731, 87.1303).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.weightForAge(MALE, 0, 3.3464).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.weightForAge(MALE, 0, 5.0306392513813405).z())
                .isEqualTo(3.0);
        // Adjusted: one SD2-SD3 distance (0.6112854506857215 kg) above SD3 is exactly +4.
        assertThat(GrowthStandards.weightForAge(MALE, 0, 5.641924702067062).z()).isEqualTo(4.0);
        // The plain LMS formula would give 3.92 here.
        assertThat(new Lms(0.3487, 3.3464, 0.14602).z(5.641924702067062)).isCloseTo(3.92, within(0.01));
    }

    @Test
    void headCircumferenceIsNotAdjusted() {
        // hcanthro boys day 0: M 34.4618, S 0.03686; (30 / 34.4618 - 1) / 0.03686 = -3.5125.
        ZScore<HeadCircumferenceForAgeCategory> z = GrowthStandards.headCircumferenceForAge(MALE, 0, 30);
        assertThat(z.z()).isEqualTo(-3.51);
        assertThat(z.category()).isEqualTo(HeadCircumferenceForAgeCategory.MIKROSEFALI);
        assertThat(z.flagged()).isFalse();
    }

    // ---- Cases of the WHO anthro package's tests (also rows of zscore_expected.csv), via assess().

    @Test
    void anthroLyingFrom731DaysLosesSevenMillimetresAndIsFlagged() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 987, null, 72.86, LYING, false));
        assertThat(a.lengthHeightCm()).isCloseTo(72.16, within(1e-12));
        assertThat(a.lengthHeightForAge().z()).isEqualTo(-6.09);
        assertThat(a.lengthHeightForAge().flagged()).isTrue();
        assertThat(a.lengthHeightForAge().category()).isEqualTo(LengthHeightForAgeCategory.SANGAT_PENDEK);
    }

    @Test
    void anthroStandingUnderNineMonthsIsNotConverted() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 244, null, 60.0, STANDING, false));
        assertThat(a.standingUnderNineMonths()).isTrue();
        assertThat(a.measuredPosition()).isNull();
        assertThat(a.lengthHeightCm()).isEqualTo(60.0);
        assertThat(a.lengthHeightForAge().z()).isEqualTo(-4.81);
    }

    @Test
    void anthroStandingAtNineMonthsGetsSevenMillimetres() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 274, null, 60.0, STANDING, false));
        assertThat(a.standingUnderNineMonths()).isFalse();
        assertThat(a.measuredPosition()).isEqualTo(STANDING);
        assertThat(a.lengthHeightCm()).isCloseTo(60.7, within(1e-12));
        assertThat(a.lengthHeightForAge().z()).isEqualTo(-5.02);
    }

    @Test
    void anthroTwentyFourMonthsIsDay731() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeMonths(FEMALE, 24, null, 77.5, null, false));
        assertThat(a.ageDays()).isEqualTo(731);
        assertThat(a.lengthHeightForAge().z()).isEqualTo(-2.55);
        assertThat(a.lengthHeightForAge().category()).isEqualTo(LengthHeightForAgeCategory.PENDEK);
    }

    @Test
    void anthroWeightForAge() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(FEMALE, 1522, 17.0, null, null, false));
        assertThat(a.weightForAge().z()).isEqualTo(0.24);
        assertThat(a.weightForAge().category()).isEqualTo(WeightForAgeCategory.BERAT_BADAN_NORMAL);
        assertThat(a.lengthHeightForAge().isAvailable()).isFalse();
        assertThat(a.weightForLengthHeight().isAvailable()).isFalse();
        assertThat(a.bmi()).isNull();
        assertThat(a.bmiForAge().isAvailable()).isFalse();
    }

    // ---- The 731-day switch, both directions.

    @Test
    void standingBelow731DaysGainsSevenMillimetresAndUsesLengthTables() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 730, 12.0, 87.1018, STANDING, false));
        assertThat(a.lengthHeightCm()).isCloseTo(87.8018, within(1e-12));
        assertThat(a.lengthHeightForAge().z()).isEqualTo(0.0);
        assertThat(a.weightForLengthHeight())
                .isEqualTo(GrowthStandards.weightForLength(MALE, a.lengthHeightCm(), 12.0));
        assertThat(a.weightForLengthHeight())
                .isNotEqualTo(GrowthStandards.weightForHeight(MALE, a.lengthHeightCm(), 12.0));
    }

    @Test
    void lyingFrom731DaysLosesSevenMillimetresAndUsesHeightTables() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 731, 12.0, 87.8303, LYING, false));
        assertThat(a.lengthHeightCm()).isCloseTo(87.1303, within(1e-12));
        assertThat(a.lengthHeightForAge().z()).isEqualTo(0.0);
        assertThat(a.weightForLengthHeight())
                .isEqualTo(GrowthStandards.weightForHeight(MALE, a.lengthHeightCm(), 12.0));
        assertThat(a.weightForLengthHeight())
                .isNotEqualTo(GrowthStandards.weightForLength(MALE, a.lengthHeightCm(), 12.0));
    }

    @ParameterizedTest
    @CsvSource({"730, LYING", "731, STANDING", "730, ", "731, "})
    void expectedPositionOrNoPositionIsNotConverted(int days, MeasurePosition position) {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(FEMALE, days, 11.0, 85.0, position, false));
        assertThat(a.lengthHeightCm()).isEqualTo(85.0);
        assertThat(a.measuredPosition()).isEqualTo(position);
        assertThat(a.weightForLengthHeight())
                .isEqualTo(
                        days < 731
                                ? GrowthStandards.weightForLength(FEMALE, 85.0, 11.0)
                                : GrowthStandards.weightForHeight(FEMALE, 85.0, 11.0));
    }

    @Test
    void perIndexWeightForLengthHeightChoosesTableByAge() {
        assertThat(GrowthStandards.weightForLengthHeight(MALE, 730, 80.0, 10.0))
                .isEqualTo(GrowthStandards.weightForLength(MALE, 80.0, 10.0));
        assertThat(GrowthStandards.weightForLengthHeight(MALE, 731, 80.0, 10.0))
                .isEqualTo(GrowthStandards.weightForHeight(MALE, 80.0, 10.0));
        assertThat(GrowthStandards.weightForLengthHeight(MALE, 1827, 80.0, 10.0).isAvailable())
                .isFalse();
    }

    // ---- Under 9 months standing: the exact age in months decides.

    @Test
    void nineMonthRuleUsesExactMonths() {
        // 8.99 months is day 274 (273.63 rounded), still under 9 months: the rule fires.
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeMonths(MALE, 8.99, 8.0, 60.0, STANDING, false));
        assertThat(a.ageDays()).isEqualTo(274);
        assertThat(a.standingUnderNineMonths()).isTrue();
        assertThat(a.lengthHeightCm()).isEqualTo(60.0);
        assertThat(a.lengthHeightForAge()).isEqualTo(GrowthStandards.lengthHeightForAge(MALE, 274, 60.0));
        // Day 273 is 8.97 months, day 274 9.0021 months.
        assertThat(GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 273, 8.0, 60.0, STANDING, false))
                        .standingUnderNineMonths())
                .isTrue();
        assertThat(GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 274, 8.0, 60.0, STANDING, false))
                        .standingUnderNineMonths())
                .isFalse();
        // Lying under 9 months is fine.
        GrowthAssessment lying = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 100, 6.0, 60.0, LYING, false));
        assertThat(lying.standingUnderNineMonths()).isFalse();
        assertThat(lying.measuredPosition()).isEqualTo(LYING);
        assertThat(lying.anyFlagged()).isFalse();
    }

    // ---- No age.

    @ParameterizedTest
    @CsvSource({
        "LYING, 95.0, true",
        "STANDING, 80.0, false",
        ", 86.9, true",
        ", 87.0, false",
    })
    void withoutAgeTheTableFollowsPositionThenLength(MeasurePosition position, double cm, boolean lengthTable) {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.withoutAge(MALE, 12.0, cm, position, false));
        assertThat(a.ageDays()).isNull();
        assertThat(a.lengthHeightCm()).isEqualTo(cm);
        assertThat(a.weightForLengthHeight())
                .isEqualTo(
                        lengthTable
                                ? GrowthStandards.weightForLength(MALE, cm, 12.0)
                                : GrowthStandards.weightForHeight(MALE, cm, 12.0));
        assertThat(a.weightForLengthHeight().isAvailable()).isTrue();
        assertThat(a.lengthHeightForAge().isAvailable()).isFalse();
        assertThat(a.weightForAge().isAvailable()).isFalse();
        assertThat(a.bmi()).isCloseTo(12.0 / (cm / 100 * cm / 100), within(1e-9));
        assertThat(a.bmiForAge().isAvailable()).isFalse();
        assertThat(a.standingUnderNineMonths()).isFalse();
    }

    @Test
    void withoutAgeOutsideTheChosenTableIsNa() {
        // 112 cm without position is taken as a height (table 65-120): available; lying: length table
        // ends at 110 cm.
        assertThat(GrowthStandards.assess(GrowthInput.withoutAge(MALE, 19.0, 112.0, null, false))
                        .weightForLengthHeight()
                        .isAvailable())
                .isTrue();
        assertThat(GrowthStandards.assess(GrowthInput.withoutAge(MALE, 19.0, 112.0, LYING, false))
                        .weightForLengthHeight()
                        .isAvailable())
                .isFalse();
    }

    // ---- Oedema.

    @Test
    void oedemaMakesWeightBasedIndicesNa() {
        GrowthInput input = new GrowthInput(FEMALE, ChildAge.ofDays(400), 8.0, 72.0, LYING, true, 44.0);
        GrowthAssessment a = GrowthStandards.assess(input);
        assertThat(a.weightForAge().isAvailable()).isFalse();
        assertThat(a.weightForLengthHeight().isAvailable()).isFalse();
        assertThat(a.bmiForAge().isAvailable()).isFalse();
        assertThat(a.bmi()).isCloseTo(8.0 / (0.72 * 0.72), within(1e-12));
        assertThat(a.lengthHeightForAge()).isEqualTo(GrowthStandards.lengthHeightForAge(FEMALE, 400, 72.0));
        assertThat(a.lengthHeightForAge().isAvailable()).isTrue();
        assertThat(a.headCircumferenceForAge().isAvailable()).isTrue();

        GrowthAssessment without =
                GrowthStandards.assess(new GrowthInput(FEMALE, ChildAge.ofDays(400), 8.0, 72.0, LYING, false, 44.0));
        assertThat(List.of(without.weightForAge(), without.weightForLengthHeight(), without.bmiForAge()))
                .allMatch(ZScore::isAvailable);
    }

    // ---- Measurements <= 0 and NaN.

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, -1.0, Double.NEGATIVE_INFINITY})
    void nonPositiveMeasurementsAreNa(double value) {
        assertThat(GrowthStandards.weightForAge(MALE, 100, value).isAvailable()).isFalse();
        assertThat(GrowthStandards.lengthHeightForAge(MALE, 100, value).isAvailable())
                .isFalse();
        assertThat(GrowthStandards.bmiForAge(MALE, 100, value).isAvailable()).isFalse();
        assertThat(GrowthStandards.headCircumferenceForAge(MALE, 100, value).isAvailable())
                .isFalse();
        assertThat(GrowthStandards.weightForLength(MALE, 70.0, value).isAvailable())
                .isFalse();
        assertThat(GrowthStandards.weightForHeight(MALE, value, 8.0).isAvailable())
                .isFalse();
    }

    @Test
    void nonPositiveMeasurementsInAssessAreNa() {
        GrowthAssessment zeroWeight = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 400, 0.0, 75.0, LYING, false));
        assertThat(zeroWeight.weightForAge().isAvailable()).isFalse();
        assertThat(zeroWeight.weightForLengthHeight().isAvailable()).isFalse();
        assertThat(zeroWeight.bmi()).isNull();
        assertThat(zeroWeight.bmiForAge().isAvailable()).isFalse();
        assertThat(zeroWeight.lengthHeightForAge().isAvailable()).isTrue();

        GrowthAssessment negativeLength =
                GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 400, 9.0, -75.0, LYING, false));
        assertThat(negativeLength.lengthHeightForAge().isAvailable()).isFalse();
        assertThat(negativeLength.weightForLengthHeight().isAvailable()).isFalse();
        assertThat(negativeLength.bmi()).isNull();
        assertThat(negativeLength.weightForAge().isAvailable()).isTrue();

        GrowthAssessment nothing = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 400, null, null, null, false));
        assertThat(List.of(
                        nothing.lengthHeightForAge(),
                        nothing.weightForAge(),
                        nothing.weightForLengthHeight(),
                        nothing.bmiForAge(),
                        nothing.headCircumferenceForAge()))
                .allMatch(z -> !z.isAvailable() && z.unavailable().reason() == UnavailableReason.MISSING_INPUT);
        assertThat(nothing.anyFlagged()).isFalse();
    }

    @Test
    void everyNaZScoreSaysWhy() {
        GrowthAssessment old = GrowthStandards.assess(
                GrowthInput.atAgeDays(MALE, 2000, 18.0, 110.0, STANDING, false).withHeadCircumferenceCm(50.0));
        assertThat(List.of(
                        old.lengthHeightForAge(),
                        old.weightForAge(),
                        old.weightForLengthHeight(),
                        old.bmiForAge(),
                        old.headCircumferenceForAge()))
                .allSatisfy(z -> {
                    assertThat(z.isAvailable()).isFalse();
                    assertThat(z.unavailable().reason()).isEqualTo(UnavailableReason.AGE_OUT_OF_RANGE);
                    assertThat(z.unavailable().message())
                            .isEqualTo("age 2000 days is beyond the WHO growth "
                                    + "standards, which cover 0–1826 days (under 60 months)");
                });

        GrowthAssessment oedema = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 400, 9.0, 75.0, LYING, true));
        assertThat(List.of(oedema.weightForAge(), oedema.weightForLengthHeight(), oedema.bmiForAge()))
                .allSatisfy(z -> assertThat(z.unavailable().reason()).isEqualTo(UnavailableReason.OEDEMA));
        assertThat(oedema.lengthHeightForAge().isAvailable()).isTrue();
        assertThat(oedema.lengthHeightForAge().unavailable()).isNull();
        assertThat(oedema.headCircumferenceForAge().unavailable())
                .isEqualTo(new ZScore.Unavailable(UnavailableReason.MISSING_INPUT, "headCircumferenceCm is not given"));

        GrowthAssessment tall = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 1500, 30.0, 125.0, STANDING, false));
        assertThat(tall.weightForLengthHeight().unavailable())
                .isEqualTo(new ZScore.Unavailable(
                        UnavailableReason.LENGTH_HEIGHT_OUT_OF_RANGE,
                        "length/height 125 cm (as used, after any "
                                + "±0.7 cm conversion) is outside the WHO weight-for-height table (65–120 cm)"));
        assertThat(tall.lengthHeightForAge().isAvailable()).isTrue();

        GrowthAssessment noAge = GrowthStandards.assess(GrowthInput.withoutAge(MALE, 9.0, 75.0, LYING, false));
        assertThat(noAge.weightForAge().unavailable().reason()).isEqualTo(UnavailableReason.MISSING_INPUT);
        assertThat(noAge.weightForAge().unavailable().message()).startsWith("the age is unknown");
        assertThat(noAge.weightForLengthHeight().isAvailable()).isTrue();

        assertThat(GrowthStandards.weightForAge(MALE, 100, 0.0).unavailable())
                .isEqualTo(new ZScore.Unavailable(
                        UnavailableReason.INVALID_MEASUREMENT, "weightKg must be a positive number, got 0"));
    }

    @Test
    void nanAndNegativeAgeAreRejected() {
        assertThatThrownBy(() -> GrowthStandards.weightForAge(MALE, 100, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrowthStandards.weightForLength(MALE, Double.NaN, 8.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrowthStandards.weightForAge(MALE, -1, 8.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrowthStandards.weightForAge(null, 1, 8.0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GrowthStandards.assess(null)).isInstanceOf(NullPointerException.class);
    }

    // ---- Age limits: day 1826 is the last; 60 months (exact) and over is NA.

    @Test
    void day1826IsTheLastDay() {
        assertThat(GrowthStandards.weightForAge(FEMALE, 1826, 18.2179).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.weightForAge(FEMALE, 1827, 18.2179).isAvailable())
                .isFalse();
        assertThat(GrowthStandards.lengthHeightForAge(FEMALE, 1827, 109.0).isAvailable())
                .isFalse();
        assertThat(GrowthStandards.bmiForAge(FEMALE, 1827, 15.0).isAvailable()).isFalse();
        assertThat(GrowthStandards.headCircumferenceForAge(FEMALE, 1827, 50.0).isAvailable())
                .isFalse();
    }

    @Test
    void datesAroundTheFifthBirthday() {
        LocalDate birth = LocalDate.of(2020, 1, 1);
        GrowthAssessment last = GrowthStandards.assess(
                GrowthInput.between(FEMALE, birth, LocalDate.of(2024, 12, 31), 18.0, 109.0, STANDING, false));
        assertThat(last.ageDays()).isEqualTo(1826);
        assertThat(List.of(
                        last.lengthHeightForAge(), last.weightForAge(), last.weightForLengthHeight(), last.bmiForAge()))
                .allMatch(ZScore::isAvailable);

        GrowthAssessment fiveYears = GrowthStandards.assess(
                GrowthInput.between(FEMALE, birth, LocalDate.of(2025, 1, 1), 18.0, 109.0, STANDING, false));
        assertThat(fiveYears.ageDays()).isEqualTo(1827);
        assertThat(List.of(
                        fiveYears.lengthHeightForAge(),
                        fiveYears.weightForAge(),
                        fiveYears.weightForLengthHeight(),
                        fiveYears.bmiForAge()))
                .allMatch(z -> !z.isAvailable());
    }

    @Test
    void sixtyMonthsExactlyIsNaAlthoughItRoundsToDay1826() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeMonths(FEMALE, 60.0, 18.0, 109.0, STANDING, false)
                .withHeadCircumferenceCm(50.0));
        assertThat(a.ageDays()).isEqualTo(1826);
        assertThat(List.of(
                        a.lengthHeightForAge(),
                        a.weightForAge(),
                        a.weightForLengthHeight(),
                        a.bmiForAge(),
                        a.headCircumferenceForAge()))
                .allMatch(z -> !z.isAvailable());

        GrowthAssessment younger =
                GrowthStandards.assess(GrowthInput.atAgeMonths(FEMALE, 59.99, 18.0, 109.0, STANDING, false)
                        .withHeadCircumferenceCm(50.0));
        assertThat(younger.ageDays()).isEqualTo(1826);
        assertThat(List.of(
                        younger.lengthHeightForAge(),
                        younger.weightForAge(),
                        younger.weightForLengthHeight(),
                        younger.bmiForAge(),
                        younger.headCircumferenceForAge()))
                .allMatch(ZScore::isAvailable);
    }

    // ---- Weight-for-length/height table ranges and interpolation.

    @ParameterizedTest
    @CsvSource({
        "44.99, false",
        "45.0, true",
        "110.0, true",
        "110.01, false",
    })
    void weightForLengthRange(double cm, boolean available) {
        assertThat(GrowthStandards.weightForLength(FEMALE, cm, 5.0).isAvailable())
                .isEqualTo(available);
    }

    @ParameterizedTest
    @CsvSource({
        "64.99, false",
        "65.0, true",
        "120.0, true",
        "120.01, false",
    })
    void weightForHeightRange(double cm, boolean available) {
        assertThat(GrowthStandards.weightForHeight(FEMALE, cm, 15.0).isAvailable())
                .isEqualTo(available);
    }

    @Test
    void lengthOutsideTableInAssessIsNa() {
        // A 300-day-old measured at 44 cm (length table starts at 45) or 3-year-old at 121 cm.
        assertThat(GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 300, 3.0, 44.0, LYING, false))
                        .weightForLengthHeight()
                        .isAvailable())
                .isFalse();
        assertThat(GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 1100, 25.0, 121.0, STANDING, false))
                        .weightForLengthHeight()
                        .isAvailable())
                .isFalse();
        // 730 days standing 109.5 cm becomes 110.2 cm lying: beyond the length table.
        assertThat(GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 730, 18.0, 109.5, STANDING, false))
                        .weightForLengthHeight()
                        .isAvailable())
                .isFalse();
    }

    @Test
    void interpolatesBetweenTenthCentimetreRows() {
        // wflanthro boys 45.0: M 2.441; 45.1: M 2.4577 (L equal, S 0.09182 / 0.09176). Halfway, the
        // interpolated median 2.44935 has z = 0.
        assertThat(GrowthStandards.weightForLength(MALE, 45.0, 2.441).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.weightForLength(MALE, 45.1, 2.4577).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.weightForLength(MALE, 45.05, 2.44935).z()).isEqualTo(0.0);
        assertThat(GrowthStandards.unroundedByLength(WhoTable.WEIGHT_FOR_LENGTH, MALE, 45.05, 2.44935))
                .isCloseTo(0.0, within(1e-12));
        // Without interpolation (row 45.0 only), 2.44935 kg would be z = 0.04.
        assertThat(new Lms(-0.3521, 2.441, 0.09182).z(2.44935)).isCloseTo(0.037, within(0.001));
    }

    @Test
    void interpolationIsContinuousJustBelowATenth() {
        // trunc(10·x + 1) would skip the 102.4 cm row for the double just below 102.4; lo + 1 does not.
        for (double cm : new double[] {51.2, 102.4, 84.8, 65.0}) {
            double below = Math.nextDown(cm);
            assertThat(GrowthStandards.unroundedByLength(
                            WhoTable.WEIGHT_FOR_HEIGHT, FEMALE, Math.max(below, 65.0), 16.0))
                    .as("%s", cm)
                    .isCloseTo(
                            GrowthStandards.unroundedByLength(
                                    WhoTable.WEIGHT_FOR_HEIGHT, FEMALE, Math.max(cm, 65.0), 16.0),
                            within(1e-9));
        }
    }

    // ---- BMI uses the converted length/height.

    @Test
    void bmiUsesTheConvertedLength() {
        GrowthAssessment a = GrowthStandards.assess(GrowthInput.atAgeDays(MALE, 500, 10.0, 76.3, STANDING, false));
        assertThat(a.lengthHeightCm()).isCloseTo(77.0, within(1e-12));
        assertThat(a.bmi()).isCloseTo(10.0 / (0.77 * 0.77), within(1e-12));
        assertThat(a.bmiForAge()).isEqualTo(GrowthStandards.bmiForAge(MALE, 500, a.bmi()));
    }

    // ---- Rounding.

    @ParameterizedTest
    @CsvSource({
        // exact binary ties go to even (R's round(x, 2), Python's round(x, 2))
        "0.125, 0.12",
        "-0.125, -0.12",
        "0.375, 0.38",
        "-0.375, -0.38",
        "2.5, 2.5",
        // 2.675 and 1.005 are stored just below the tie, so they round down
        "2.675, 2.67",
        "1.005, 1.0",
        "-2.675, -2.67",
        "3.0049999, 3.0",
        "-3.005001, -3.01",
        "-0.001, 0.0",
        "6.0149, 6.01",
    })
    void roundsTheExactBinaryValueHalfEven(double z, double rounded) {
        assertThat(GrowthStandards.roundZ(z)).isEqualTo(rounded);
    }

    @Test
    void roundingNeverGivesNegativeZero() {
        assertThat(GrowthStandards.roundZ(-0.004)).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(GrowthStandards.roundZ(-0.004))).isZero();
    }
}
