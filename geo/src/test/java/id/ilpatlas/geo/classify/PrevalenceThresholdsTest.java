package id.ilpatlas.geo.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.geo.classify.PrevalenceThresholds.Band;
import id.ilpatlas.geo.classify.PrevalenceThresholds.Indicator;
import org.junit.jupiter.api.Test;

class PrevalenceThresholdsTest {

    @Test
    void stuntingLevelsAsPublished() {
        PrevalenceThresholds stunting = PrevalenceThresholds.of(Indicator.STUNTING);
        assertThat(stunting.bands())
                .extracting(Band::label)
                .containsExactly("< 2.5 %", "2.5 – < 10 %", "10 – < 20 %", "20 – < 30 %", "≥ 30 %");
        assertThat(stunting.bands())
                .extracting(Band::level)
                .containsExactly("very low", "low", "medium", "high", "very high");
        assertThat(stunting.breaks()).containsExactly(0, 0.025, 0.10, 0.20, 0.30, 1);
        assertThat(stunting.colors()).isEqualTo(ColorRamp.sequential(5));
    }

    @Test
    void wastingAndOverweightLevelsAsPublished() {
        for (Indicator indicator : new Indicator[] {Indicator.WASTING, Indicator.OVERWEIGHT}) {
            assertThat(PrevalenceThresholds.of(indicator).bands())
                    .extracting(Band::label)
                    .containsExactly("< 2.5 %", "2.5 – < 5 %", "5 – < 10 %", "10 – < 15 %", "≥ 15 %");
        }
    }

    @Test
    void lowerBoundsAreInclusive() {
        PrevalenceThresholds stunting = PrevalenceThresholds.of(Indicator.STUNTING);
        assertThat(stunting.classOf(0)).isZero();
        assertThat(stunting.classOf(0.0249)).isZero();
        assertThat(stunting.classOf(0.025)).isEqualTo(1);
        assertThat(stunting.classOf(1.0 / 10)).isEqualTo(2);
        assertThat(stunting.classOf(3.0 / 15)).isEqualTo(3); // 20 %
        assertThat(stunting.classOf(0.2999)).isEqualTo(3);
        assertThat(stunting.classOf(3.0 / 10)).isEqualTo(4);
        assertThat(stunting.classOf(1)).isEqualTo(4);
        PrevalenceThresholds wasting = PrevalenceThresholds.of(Indicator.WASTING);
        assertThat(wasting.classOf(1.0 / 20)).isEqualTo(2);
        assertThat(wasting.classOf(0.149)).isEqualTo(3);
        assertThat(wasting.classOf(0.15)).isEqualTo(4);
        assertThatThrownBy(() -> stunting.classOf(1.2)).hasMessageContaining("proportion");
    }
}
