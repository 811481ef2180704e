package id.ilpatlas.geo.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value types: {@link ChildAge}, {@link GrowthInput}, {@link ZScore}, {@link Sex}. */
class ModelTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "24, 731",
        "22.45, 683",
        "7.7, 234",
        "59.99, 1826",
        "60, 1826",
        "60.83, 1852",
        // 0.0164271047 months = 0.5 days (round half up), 0.01642710 just under
        "0.016427104722792608, 1",
        "0.0164271, 0",
    })
    void monthsToDays(double months, int days) {
        ChildAge age = ChildAge.ofMonths(months);
        assertThat(age.days()).isEqualTo(days);
        assertThat(age.months()).isEqualTo(months);
    }

    @Test
    void underFiveAndUnderNineUseExactMonths() {
        assertThat(ChildAge.ofMonths(60).isUnderFiveYears()).isFalse();
        assertThat(ChildAge.ofMonths(59.999).isUnderFiveYears()).isTrue();
        assertThat(ChildAge.ofDays(1826).isUnderFiveYears()).isTrue();
        assertThat(ChildAge.ofDays(1827).isUnderFiveYears()).isFalse();
        assertThat(ChildAge.ofDays(273).isUnderNineMonths()).isTrue();
        assertThat(ChildAge.ofDays(274).isUnderNineMonths()).isFalse();
        assertThat(ChildAge.ofMonths(8.99).days()).isEqualTo(274);
        assertThat(ChildAge.ofMonths(8.99).isUnderNineMonths()).isTrue();
    }

    @Test
    void ageBetweenDatesIsExactDays() {
        assertThat(ChildAge.between(LocalDate.of(2024, 2, 28), LocalDate.of(2024, 3, 1))
                        .days())
                .isEqualTo(2);
        assertThat(ChildAge.between(LocalDate.of(2022, 6, 15), LocalDate.of(2024, 6, 15))
                        .days())
                .isEqualTo(731);
        assertThat(ChildAge.between(LocalDate.of(2022, 6, 15), LocalDate.of(2022, 6, 15))
                        .days())
                .isZero();
        GrowthInput input = GrowthInput.between(
                Sex.FEMALE,
                LocalDate.of(2023, 1, 10),
                LocalDate.of(2023, 4, 10),
                5.5,
                58.0,
                MeasurePosition.LYING,
                false);
        assertThat(input.ageDays()).isEqualTo(90);
    }

    @Test
    void invalidAgesAreRejected() {
        assertThatThrownBy(() -> ChildAge.between(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before birthDate");
        assertThatThrownBy(() -> ChildAge.between(null, LocalDate.of(2024, 1, 1)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChildAge.ofDays(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildAge.ofMonths(-0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChildAge.ofMonths(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChildAge(100, 12.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not round to 100 days");
        assertThat(new ChildAge(365, 12.0).days()).isEqualTo(365);
    }

    @Test
    void growthInputValidation() {
        assertThatThrownBy(() -> GrowthInput.withoutAge(null, 10.0, 80.0, null, false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GrowthInput.atAgeDays(Sex.MALE, 10, Double.NaN, 80.0, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weightKg");
        assertThatThrownBy(() -> GrowthInput.atAgeDays(Sex.MALE, 10, 3.0, Double.POSITIVE_INFINITY, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lengthHeightCm");
        assertThatThrownBy(() -> GrowthInput.atAgeDays(Sex.MALE, 10, 3.0, 50.0, null, false)
                        .withHeadCircumferenceCm(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        GrowthInput input =
                GrowthInput.atAgeDays(Sex.MALE, 10, 3.0, 50.0, null, false).withHeadCircumferenceCm(35.0);
        assertThat(input.headCircumferenceCm()).isEqualTo(35.0);
        assertThat(input.ageDays()).isEqualTo(10);
        assertThat(GrowthInput.withoutAge(Sex.MALE, 3.0, 50.0, null, false).ageDays())
                .isNull();
    }

    @Test
    void zScoreInvariants() {
        ZScore<WeightForAgeCategory> na = ZScore.notAvailable(UnavailableReason.MISSING_INPUT, "weightKg is not given");
        assertThat(na.isAvailable()).isFalse();
        assertThat(na.unavailable().reason()).isEqualTo(UnavailableReason.MISSING_INPUT);
        assertThat(na.value()).isEqualTo(OptionalDouble.empty());
        assertThat(na.flagged()).isFalse();
        ZScore<WeightForAgeCategory> z = new ZScore<>(-2.5, WeightForAgeCategory.BERAT_BADAN_KURANG, false);
        assertThat(z.value()).isEqualTo(OptionalDouble.of(-2.5));
        assertThatThrownBy(() -> new ZScore<>(null, WeightForAgeCategory.BERAT_BADAN_KURANG, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZScore<WeightForAgeCategory>(null, null, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZScore<WeightForAgeCategory>(null, null, false))
                .as("an NA z-score without a reason")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZScore<>(
                        -2.5,
                        WeightForAgeCategory.BERAT_BADAN_KURANG,
                        false,
                        new ZScore.Unavailable(UnavailableReason.OEDEMA, "oedema")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZScore<WeightForAgeCategory>(1.0, null, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZScore<>(Double.NaN, WeightForAgeCategory.BERAT_BADAN_KURANG, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sexCodes() {
        assertThat(Sex.ofWhoCode(1)).isEqualTo(Sex.MALE);
        assertThat(Sex.ofWhoCode(2)).isEqualTo(Sex.FEMALE);
        assertThat(Sex.FEMALE.whoCode()).isEqualTo(2);
        assertThatThrownBy(() -> Sex.ofWhoCode(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
