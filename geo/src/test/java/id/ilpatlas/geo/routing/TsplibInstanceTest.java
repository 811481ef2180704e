package id.ilpatlas.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TsplibInstanceTest {

    static Iterable<String> instances() {
        return RoutingFixtures.TSPLIB;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instances")
    void optimalTourScoresToThePublishedOptimum(String name) {
        TsplibInstance instance = RoutingFixtures.tsplib(name);
        int[] tour = TsplibInstance.parseTour(RoutingFixtures.resource(name + ".opt.tour"));
        Map<String, Long> optima = RoutingFixtures.tsplibOptima();

        assertThat(tour).hasSize(instance.dimension());
        assertThat(instance.tourLength(tour)).isEqualTo(optima.get(name));
    }

    @Test
    void distanceFunctionsFollowTheSpec() {
        // EUC_2D rounds to nearest: sqrt(2) = 1.414 -> 1, sqrt(2.25) = 1.5 -> 2
        assertThat(TsplibInstance.distance("EUC_2D", new double[] {0, 0}, new double[] {1, 1}))
                .isEqualTo(1);
        assertThat(TsplibInstance.distance("EUC_2D", new double[] {0, 0}, new double[] {1.5, 0}))
                .isEqualTo(2);
        assertThat(TsplibInstance.distance("CEIL_2D", new double[] {0, 0}, new double[] {1, 1}))
                .isEqualTo(2);
        // ATT: sqrt(100/10) = 3.162 -> nint 3 < r -> 4
        assertThat(TsplibInstance.distance("ATT", new double[] {0, 0}, new double[] {10, 0}))
                .isEqualTo(4);
        // ATT exact: sqrt(1000/10) = 10 -> 10
        assertThat(TsplibInstance.distance("ATT", new double[] {0, 0}, new double[] {0, Math.sqrt(1000)}))
                .isEqualTo(10);
        assertThatThrownBy(() -> TsplibInstance.distance("MAN_2D", new double[] {0, 0}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAN_2D");
    }

    @Test
    void explicitFormatsAreSymmetric() {
        TsplibInstance gr24 = RoutingFixtures.tsplib("gr24");
        TsplibInstance bayg29 = RoutingFixtures.tsplib("bayg29");
        for (TsplibInstance t : new TsplibInstance[] {gr24, bayg29}) {
            for (int a = 0; a < t.dimension(); a++) {
                assertThat(t.distances()[a][a]).isZero();
                for (int b = 0; b < t.dimension(); b++) {
                    assertThat(t.distances()[a][b]).isEqualTo(t.distances()[b][a]);
                }
            }
        }
        // first UPPER_ROW entries of bayg29: d(1,2) = 97, d(1,3) = 205; LOWER_DIAG_ROW gr24: d(2,1) = 257
        assertThat(bayg29.distances()[0][1]).isEqualTo(97);
        assertThat(bayg29.distances()[0][2]).isEqualTo(205);
        assertThat(gr24.distances()[1][0]).isEqualTo(257);
    }
}
