package id.ilpatlas.geo.rw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApportionmentTest {

    @Test
    void handComputedCase() {
        // Quotas for 10 over weights 1:2:3:4 (sum 10) are exact: 1, 2, 3, 4.
        assertThat(Apportionment.largestRemainder(10, new double[] {1, 2, 3, 4}))
                .containsExactly(1, 2, 3, 4);
        // 100 over 3:3:1 -> quotas 42.857, 42.857, 14.286; floors 42+42+14 = 98; the two +1 go to the
        // largest remainders (.857, .857).
        assertThat(Apportionment.largestRemainder(100, new double[] {3, 3, 1})).containsExactly(43, 43, 14);
        // 7 over 0.5:0.2:0.3 -> quotas 3.5, 1.4, 2.1; floors 3+1+2 = 6; +1 to remainder .5.
        assertThat(Apportionment.largestRemainder(7, new double[] {0.5, 0.2, 0.3}))
                .containsExactly(4, 1, 2);
    }

    @Test
    void tiesGoToTheLowerIndex() {
        assertThat(Apportionment.largestRemainder(2, new double[] {1, 1, 1})).containsExactly(1, 1, 0);
        assertThat(Apportionment.largestRemainder(1, new double[] {1, 1, 1, 1})).containsExactly(1, 0, 0, 0);
        assertThat(Apportionment.largestRemainder(5, new double[] {1, 1})).containsExactly(3, 2);
    }

    @Test
    void zeroTotalAndZeroWeights() {
        assertThat(Apportionment.largestRemainder(0, new double[] {0.7, 1.3})).containsExactly(0, 0);
        assertThat(Apportionment.largestRemainder(9, new double[] {0, 1, 0, 2})).containsExactly(0, 3, 0, 6);
        assertThat(Apportionment.largestRemainder(5, new double[] {2.5})).containsExactly(5);
    }

    @Test
    void largeTotalsAreExact() {
        long total = Long.MAX_VALUE / 4;
        long[] shares = Apportionment.largestRemainder(total, new double[] {1, 1, 1});

        assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
        assertThat(shares[0] - shares[2]).isBetween(0L, 1L);
    }

    @ParameterizedTest(name = "[{index}] seed {0}")
    @ValueSource(longs = {1, 2, 3, 20171, 987654321})
    void randomizedSharesSumExactlyAndStayWithinOneOfTheQuota(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 200; round++) {
            long total = random.nextLong(0, 1_000_000);
            double[] weights = new double[random.nextInt(1, 40)];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = random.nextInt(10) == 0 ? 0 : random.nextDouble(0.01, 5);
            }
            weights[random.nextInt(weights.length)] += 0.5; // at least one positive weight
            double weightSum = Arrays.stream(weights).sum();

            long[] shares = Apportionment.largestRemainder(total, weights);

            String context = "seed " + seed + ", round " + round + ", total " + total + ", weights "
                    + Arrays.toString(weights) + ", shares " + Arrays.toString(shares);
            assertThat(Arrays.stream(shares).sum()).as(context).isEqualTo(total);
            for (int i = 0; i < shares.length; i++) {
                double quota = total * weights[i] / weightSum;
                assertThat(shares[i]).as(context).isNotNegative();
                assertThat(Math.abs(shares[i] - quota))
                        .as(context + ", share " + i)
                        .isLessThan(1 + 1e-6);
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Apportionment.largestRemainder(-1, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("total");
        assertThatThrownBy(() -> Apportionment.largestRemainder(1, new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> Apportionment.largestRemainder(1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Apportionment.largestRemainder(1, new double[] {1, -0.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[1]");
        assertThatThrownBy(() -> Apportionment.largestRemainder(1, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Apportionment.largestRemainder(1, new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Apportionment.largestRemainder(1, new double[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zero");
    }
}
