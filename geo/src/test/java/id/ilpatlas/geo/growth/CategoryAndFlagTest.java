package id.ilpatlas.geo.growth;

import static id.ilpatlas.geo.growth.Sex.FEMALE;
import static id.ilpatlas.geo.growth.Sex.MALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Category boundaries (Permenkes RI No. 2 Tahun 2020) and WHO flag thresholds, exactly at and one
 * hundredth beyond each cut-off.
 */
class CategoryAndFlagTest {

    @ParameterizedTest
    @CsvSource({
        "-3.01, SANGAT_PENDEK",
        "-3.0, PENDEK",
        "-2.01, PENDEK",
        "-2.0, NORMAL",
        "0.0, NORMAL",
        "3.0, NORMAL",
        "3.01, TINGGI",
        "-9.99, SANGAT_PENDEK",
        "9.99, TINGGI",
    })
    void lengthHeightForAge(double z, LengthHeightForAgeCategory expected) {
        assertThat(LengthHeightForAgeCategory.of(z)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "-3.01, BERAT_BADAN_SANGAT_KURANG", "-3.0, BERAT_BADAN_KURANG", "-2.01, BERAT_BADAN_KURANG",
        "-2.0, BERAT_BADAN_NORMAL", "1.0, BERAT_BADAN_NORMAL", "1.01, RISIKO_BERAT_BADAN_LEBIH",
        "2.0, RISIKO_BERAT_BADAN_LEBIH", "3.01, RISIKO_BERAT_BADAN_LEBIH",
    })
    void weightForAge(double z, WeightForAgeCategory expected) {
        assertThat(WeightForAgeCategory.of(z)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "-3.01, GIZI_BURUK", "-3.0, GIZI_KURANG", "-2.01, GIZI_KURANG", "-2.0, GIZI_BAIK",
        "1.0, GIZI_BAIK", "1.01, BERISIKO_GIZI_LEBIH", "2.0, BERISIKO_GIZI_LEBIH", "2.01, GIZI_LEBIH",
        "3.0, GIZI_LEBIH", "3.01, OBESITAS",
    })
    void weightForLengthHeightAndBmiForAge(double z, WeightForLengthHeightCategory expected) {
        assertThat(WeightForLengthHeightCategory.of(z)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "-2.01, MIKROSEFALI",
        "-2.0, NORMAL",
        "2.0, NORMAL",
        "2.01, MAKROSEFALI",
    })
    void headCircumferenceForAge(double z, HeadCircumferenceForAgeCategory expected) {
        assertThat(HeadCircumferenceForAgeCategory.of(z)).isEqualTo(expected);
    }

    @Test
    void nanHasNoCategory() {
        assertThatThrownBy(() -> WeightForAgeCategory.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LengthHeightForAgeCategory.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightForLengthHeightCategory.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeadCircumferenceForAgeCategory.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labels() {
        assertThat(LengthHeightForAgeCategory.SANGAT_PENDEK.label()).isEqualTo("Sangat pendek");
        assertThat(LengthHeightForAgeCategory.SANGAT_PENDEK.englishLabel()).isEqualTo("severely stunted");
        assertThat(WeightForAgeCategory.RISIKO_BERAT_BADAN_LEBIH.label()).isEqualTo("Risiko berat badan lebih");
        assertThat(WeightForLengthHeightCategory.BERISIKO_GIZI_LEBIH.label()).isEqualTo("Berisiko gizi lebih");
        assertThat(WeightForLengthHeightCategory.GIZI_BURUK.englishLabel()).isEqualTo("severely wasted");
        GrowthCategory category = WeightForAgeCategory.BERAT_BADAN_KURANG;
        assertThat(category.name()).isEqualTo("BERAT_BADAN_KURANG");
    }

    // ---- Through the calculator: categories use the rounded z-score.

    @Test
    void categoryUsesTheRoundedZScore() {
        // -2.004 rounds to -2.00: normal, although the unrounded value is below -2.
        ZScore<LengthHeightForAgeCategory> nearMinusTwo = GrowthStandards.lengthHeightForAge(
                MALE, 400, measurement(WhoTable.LENGTH_HEIGHT_FOR_AGE, MALE, 400, -2.004));
        assertThat(nearMinusTwo.z()).isEqualTo(-2.0);
        assertThat(nearMinusTwo.category()).isEqualTo(LengthHeightForAgeCategory.NORMAL);

        // -3.004 rounds to -3.00: pendek, not sangat pendek.
        ZScore<LengthHeightForAgeCategory> nearMinusThree = GrowthStandards.lengthHeightForAge(
                MALE, 400, measurement(WhoTable.LENGTH_HEIGHT_FOR_AGE, MALE, 400, -3.004));
        assertThat(nearMinusThree.z()).isEqualTo(-3.0);
        assertThat(nearMinusThree.category()).isEqualTo(LengthHeightForAgeCategory.PENDEK);

        // weight-for-age +1.004 -> 1.00 normal; +1.006 -> 1.01 risk of overweight.
        assertThat(GrowthStandards.weightForAge(FEMALE, 900, measurement(WhoTable.WEIGHT_FOR_AGE, FEMALE, 900, 1.004))
                        .category())
                .isEqualTo(WeightForAgeCategory.BERAT_BADAN_NORMAL);
        assertThat(GrowthStandards.weightForAge(FEMALE, 900, measurement(WhoTable.WEIGHT_FOR_AGE, FEMALE, 900, 1.006))
                        .category())
                .isEqualTo(WeightForAgeCategory.RISIKO_BERAT_BADAN_LEBIH);

        // BMI-for-age 3.004 -> 3.00 gizi lebih; 3.006 -> 3.01 obesitas (adjusted region).
        assertThat(GrowthStandards.bmiForAge(MALE, 1000, measurement(WhoTable.BMI_FOR_AGE, MALE, 1000, 3.004))
                        .category())
                .isEqualTo(WeightForLengthHeightCategory.GIZI_LEBIH);
        assertThat(GrowthStandards.bmiForAge(MALE, 1000, measurement(WhoTable.BMI_FOR_AGE, MALE, 1000, 3.006))
                        .category())
                .isEqualTo(WeightForLengthHeightCategory.OBESITAS);
    }

    // ---- Flags, on the rounded z-score: at the threshold not flagged, 0.01 beyond flagged.

    @ParameterizedTest
    @CsvSource({
        "LENGTH_HEIGHT_FOR_AGE, -6.01, true",
        "LENGTH_HEIGHT_FOR_AGE, -6.0, false",
        "LENGTH_HEIGHT_FOR_AGE, 6.0, false",
        "LENGTH_HEIGHT_FOR_AGE, 6.01, true",
        "WEIGHT_FOR_AGE, -6.01, true",
        "WEIGHT_FOR_AGE, -6.0, false",
        "WEIGHT_FOR_AGE, -5.5, false",
        "WEIGHT_FOR_AGE, 5.0, false",
        "WEIGHT_FOR_AGE, 5.01, true",
        "BMI_FOR_AGE, -5.01, true",
        "BMI_FOR_AGE, -5.0, false",
        "BMI_FOR_AGE, 5.0, false",
        "BMI_FOR_AGE, 5.01, true",
        "HEAD_CIRCUMFERENCE_FOR_AGE, -5.01, true",
        "HEAD_CIRCUMFERENCE_FOR_AGE, -5.0, false",
        "HEAD_CIRCUMFERENCE_FOR_AGE, 5.0, false",
        "HEAD_CIRCUMFERENCE_FOR_AGE, 5.01, true",
    })
    void ageBasedFlags(WhoTable table, double z, boolean flagged) {
        for (Sex sex : Sex.values()) {
            for (int day : new int[] {0, 365, 731, 1826}) {
                double y = measurement(table, sex, day, z);
                ZScore<?> score = switch (table) {
                    case LENGTH_HEIGHT_FOR_AGE -> GrowthStandards.lengthHeightForAge(sex, day, y);
                    case WEIGHT_FOR_AGE -> GrowthStandards.weightForAge(sex, day, y);
                    case BMI_FOR_AGE -> GrowthStandards.bmiForAge(sex, day, y);
                    default -> GrowthStandards.headCircumferenceForAge(sex, day, y);
                };
                assertThat(score.z()).as("%s %s day %d", table, sex, day).isEqualTo(z);
                assertThat(score.flagged())
                        .as("%s %s day %d z %s", table, sex, day, z)
                        .isEqualTo(flagged);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"-5.01, true", "-5.0, false", "5.0, false", "5.01, true", "4.99, false"})
    void weightForLengthHeightFlags(double z, boolean flagged) {
        for (Sex sex : Sex.values()) {
            double weightAt80Length = adjustedMeasurement(WhoTable.WEIGHT_FOR_LENGTH.row(sex, 800), z);
            ZScore<WeightForLengthHeightCategory> wfl = GrowthStandards.weightForLength(sex, 80.0, weightAt80Length);
            assertThat(wfl.z()).isEqualTo(z);
            assertThat(wfl.flagged()).isEqualTo(flagged);
            double weightAt100Height = adjustedMeasurement(WhoTable.WEIGHT_FOR_HEIGHT.row(sex, 1000), z);
            ZScore<WeightForLengthHeightCategory> wfh = GrowthStandards.weightForHeight(sex, 100.0, weightAt100Height);
            assertThat(wfh.z()).isEqualTo(z);
            assertThat(wfh.flagged()).isEqualTo(flagged);
        }
    }

    @Test
    void flaggedScoresKeepTheirCategory() {
        ZScore<WeightForAgeCategory> z =
                GrowthStandards.weightForAge(MALE, 300, measurement(WhoTable.WEIGHT_FOR_AGE, MALE, 300, -7));
        assertThat(z.z()).isEqualTo(-7.0);
        assertThat(z.flagged()).isTrue();
        assertThat(z.category()).isEqualTo(WeightForAgeCategory.BERAT_BADAN_SANGAT_KURANG);
    }

    /** The measurement with z-score {@code z} (WHO adjusted beyond ±3 SD where the index is). */
    static double measurement(WhoTable table, Sex sex, int day, double z) {
        Lms lms = table.row(sex, day);
        boolean adjusted = table == WhoTable.WEIGHT_FOR_AGE || table == WhoTable.BMI_FOR_AGE;
        return adjusted ? adjustedMeasurement(lms, z) : lms.measurementAt(z);
    }

    /** The measurement with adjusted z-score {@code z}: linear beyond ±3 SD. */
    private static double adjustedMeasurement(Lms lms, double z) {
        if (z > 3) {
            return lms.measurementAt(3) + (z - 3) * (lms.measurementAt(3) - lms.measurementAt(2));
        }
        if (z < -3) {
            return lms.measurementAt(-3) - (-3 - z) * (lms.measurementAt(-2) - lms.measurementAt(-3));
        }
        return lms.measurementAt(z);
    }
}
