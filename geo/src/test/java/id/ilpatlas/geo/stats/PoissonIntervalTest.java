package id.ilpatlas.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.geo.growth.TestCsv;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Garwood intervals pinned to indicators/poisson_ci_reference.csv (every row: 1e-6 against the 6-decimal columns,
 * 1e-4 relative against the values printed by R's survival, FSA and epitools) and checked independently: the
 * Poisson CDF, summed term by term here, equals α/2 at both bounds.
 */
class PoissonIntervalTest {

    /** P(X ≤ k) for X ~ Poisson(mu), summed term by term in log space (no incomplete gamma). */
    static double poissonCdf(long k, double mu) {
        if (k < 0) {
            return 0;
        }
        double sum = 0;
        double logFactorial = 0;
        for (long j = 0; j <= k; j++) {
            if (j > 0) {
                logFactorial += Math.log(j);
            }
            sum += Math.exp(-mu + j * Math.log(mu) - logFactorial);
        }
        return sum;
    }

    @Test
    void everyReferenceRowAndEveryPublishedValue() {
        List<Map<String, String>> rows = TestCsv.read("/indicators/poisson_ci_reference.csv");
        assertThat(rows).hasSize(14);
        int published = 0;
        for (Map<String, String> row : rows) {
            long k = Long.parseLong(row.get("count"));
            double level = Double.parseDouble(row.get("conf_level"));
            PoissonInterval ci = PoissonInterval.of(k, level);
            assertThat(ci.lower()).as("lower of %d", k).isCloseTo(Double.parseDouble(row.get("lower")), within(1e-6));
            assertThat(ci.upper()).as("upper of %d", k).isCloseTo(Double.parseDouble(row.get("upper")), within(1e-6));
            for (String side : List.of("lower", "upper")) {
                String printed = row.get("published_" + side);
                if (!printed.isEmpty()) {
                    double expected = Double.parseDouble(printed);
                    double got = side.equals("lower") ? ci.lower() : ci.upper();
                    assertThat(got)
                            .as("%s of %d vs %s", side, k, row.get("published_check"))
                            .isCloseTo(expected, within(1e-4 * expected));
                    published++;
                }
            }
        }
        assertThat(published).isEqualTo(7);
    }

    /** The tails to 1e-8 relative (the term-by-term sum itself loses about 1e-9 of α/2 at k = 1000). */
    @Test
    void thePoissonTailsAtTheBoundsAreHalfAlpha() {
        for (double level : new double[] {0.95, 0.90, 0.99}) {
            double halfAlpha = (1 - level) / 2;
            for (long k : new long[] {0, 1, 2, 3, 5, 9, 17, 33, 100, 250, 1000}) {
                PoissonInterval ci = PoissonInterval.of(k, level);
                assertThat(poissonCdf(k, ci.upper()))
                        .as("P(X <= %d; upper) at %s", k, level)
                        .isCloseTo(halfAlpha, within(1e-8 * halfAlpha));
                if (k == 0) {
                    assertThat(ci.lower()).isZero();
                } else {
                    assertThat(1 - poissonCdf(k - 1, ci.lower()))
                            .as("P(X >= %d; lower) at %s", k, level)
                            .isCloseTo(halfAlpha, within(1e-8 * halfAlpha));
                }
                assertThat(ci.lower()).isLessThan(Math.max(k, 1e-300)).isGreaterThanOrEqualTo(0);
                assertThat(ci.upper()).isGreaterThan(k);
            }
        }
        // k = 0: the upper bound is -ln(alpha/2), in closed form.
        assertThat(PoissonInterval.of(0).upper()).isCloseTo(-Math.log(0.025), within(1e-12));
    }

    /** The bounds to 1e-12 relative: roots of the regularized gamma found with mpmath 1.3.0 at 40 digits. */
    @Test
    void largeCountsAgainstAHighPrecisionComputation() {
        PoissonInterval hundred = PoissonInterval.of(100);
        assertThat(hundred.lower()).isCloseTo(81.363991250923144, within(1e-12 * 81.36));
        assertThat(hundred.upper()).isCloseTo(121.62679379242639, within(1e-12 * 121.6));
        PoissonInterval thousand = PoissonInterval.of(1000);
        assertThat(thousand.lower()).isCloseTo(938.97301840769523, within(1e-12 * 939));
        assertThat(thousand.upper()).isCloseTo(1063.952136016302, within(1e-12 * 1064));
    }

    @Test
    void defaultsAndRates() {
        PoissonInterval ci = PoissonInterval.of(4);
        assertThat(ci.confidenceLevel()).isEqualTo(0.95);
        assertThat(ci.count()).isEqualTo(4);
        assertThat(ci.lowerRate(23_500) * 1e5).isCloseTo(1.089865 / 23_500 * 1e5, within(1e-4));
        assertThat(ci.upperRate(23_500)).isEqualTo(ci.upper() / 23_500);
        assertThatThrownBy(() -> ci.lowerRate(0)).hasMessageContaining("denominator");
        assertThatThrownBy(() -> PoissonInterval.of(-1)).hasMessageContaining("count");
        assertThatThrownBy(() -> PoissonInterval.of(1, 1.0)).hasMessageContaining("confidenceLevel");
    }
}
