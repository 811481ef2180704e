package id.ilpatlas.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Clopper–Pearson intervals pinned to R's {@code binom.test} and checked independently: the binomial tails,
 * summed term by term here, equal α/2 at the bounds.
 */
class ProportionIntervalTest {

    /** P(X ≤ x) for X ~ Binomial(n, p), summed term by term in log space (no incomplete beta). */
    static double binomialCdf(long x, long n, double p) {
        if (x < 0) {
            return 0;
        }
        if (x >= n) {
            return 1;
        }
        double sum = 0;
        double logChoose = 0; // ln C(n, j)
        for (long j = 0; j <= x; j++) {
            if (j > 0) {
                logChoose += Math.log(n - j + 1) - Math.log(j);
            }
            sum += Math.exp(logChoose + j * Math.log(p) + (n - j) * Math.log1p(-p));
        }
        return sum;
    }

    @Test
    void rBinomTest() {
        // binom.test(3, 10)$conf.int, binom.test(0, 10), binom.test(10, 10) in R 4.x.
        ProportionInterval three = ProportionInterval.of(3, 10);
        assertThat(three.lower()).isCloseTo(0.06673951, within(5e-9));
        assertThat(three.upper()).isCloseTo(0.65245285, within(5e-9));
        assertThat(three.proportion()).isEqualTo(0.3);
        ProportionInterval none = ProportionInterval.of(0, 10);
        assertThat(none.lower()).isZero();
        assertThat(none.upper()).isCloseTo(0.3084971, within(5e-8));
        ProportionInterval all = ProportionInterval.of(10, 10);
        assertThat(all.lower()).isCloseTo(0.6915029, within(5e-8));
        assertThat(all.upper()).isEqualTo(1);
        // x = 0 and x = n in closed form: upper = 1 - (alpha/2)^(1/n).
        assertThat(none.upper()).isCloseTo(1 - Math.pow(0.025, 0.1), within(1e-13));
        assertThat(all.lower()).isCloseTo(Math.pow(0.025, 0.1), within(1e-13));
    }

    @Test
    void theBinomialTailsAtTheBoundsAreHalfAlpha() {
        long seed = 20261207L;
        Random random = new Random(seed);
        for (int t = 0; t < 200; t++) {
            long n = 1 + random.nextInt(t < 150 ? 60 : 3000);
            long x = random.nextInt((int) n + 1);
            double level = new double[] {0.95, 0.90, 0.99}[random.nextInt(3)];
            double halfAlpha = (1 - level) / 2;
            ProportionInterval ci = ProportionInterval.of(x, n, level);
            String what = "seed " + seed + ", " + x + "/" + n + " at " + level;
            if (x > 0) {
                assertThat(1 - binomialCdf(x - 1, n, ci.lower()))
                        .as("P(X >= x; lower), %s", what)
                        .isCloseTo(halfAlpha, within(1e-11));
            } else {
                assertThat(ci.lower()).as(what).isZero();
            }
            if (x < n) {
                assertThat(binomialCdf(x, n, ci.upper()))
                        .as("P(X <= x; upper), %s", what)
                        .isCloseTo(halfAlpha, within(1e-11));
            } else {
                assertThat(ci.upper()).as(what).isEqualTo(1);
            }
            assertThat(ci.lower()).as(what).isLessThanOrEqualTo(ci.proportion());
            assertThat(ci.upper()).as(what).isGreaterThanOrEqualTo(ci.proportion());
        }
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> ProportionInterval.of(1, 0)).hasMessageContaining("trials");
        assertThatThrownBy(() -> ProportionInterval.of(11, 10)).hasMessageContaining("successes");
        assertThatThrownBy(() -> ProportionInterval.of(1, 10, 0)).hasMessageContaining("confidenceLevel");
    }
}
