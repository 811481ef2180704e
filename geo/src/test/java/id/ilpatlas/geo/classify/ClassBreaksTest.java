package id.ilpatlas.geo.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.geo.classify.ClassBreaks.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassBreaksTest {

    private static final double[] TEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void quantilesPutTheSameNumberOfValuesInEveryClass() {
        ClassBreaks b = ClassBreaks.of(Method.QUANTILE, TEN, 5);
        assertThat(b.breaks()).containsExactly(1, 2, 4, 6, 8, 10);
        assertThat(Arrays.stream(TEN).mapToInt(b::classOf).toArray()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4);
        // Hand-computed: 7 values in 3 classes, upper ranks ⌈7/3⌉=3, ⌈14/3⌉=5, 7.
        assertThat(ClassBreaks.of(Method.QUANTILE, new double[] {7, 1, 5, 3, 2, 9, 4}, 3)
                        .breaks())
                .containsExactly(1, 3, 5, 9);
    }

    @Test
    void quantileBreaksCollapseOnTies() {
        ClassBreaks b = ClassBreaks.of(Method.QUANTILE, new double[] {0, 0, 0, 0, 0, 0, 1, 2}, 4);
        // Upper ranks 3, 6, 8 of 3 classes (3 distinct values) are 0, 0, 2: class 0 holds the zeros alone.
        assertThat(b.breaks()).containsExactly(0, 0, 2);
        assertThat(b.classOf(0)).isZero();
        assertThat(b.classOf(1)).isEqualTo(1);
        assertThat(b.classOf(2)).isEqualTo(1);
    }

    @Test
    void equalIntervalsSplitTheRange() {
        ClassBreaks b = ClassBreaks.of(Method.EQUAL_INTERVAL, new double[] {0, 3, 10, 4, 7.5}, 4);
        assertThat(b.breaks()).containsExactly(0, 2.5, 5, 7.5, 10);
        assertThat(b.classOf(0)).isZero();
        assertThat(b.classOf(2.5)).isZero();
        assertThat(b.classOf(3)).isEqualTo(1);
        assertThat(b.classOf(7.5)).isEqualTo(2);
        assertThat(b.classOf(10)).isEqualTo(3);
    }

    @Test
    void naturalBreaksFindTheObviousGroups() {
        ClassBreaks b = ClassBreaks.of(Method.NATURAL_BREAKS, new double[] {1, 2, 3, 10, 11, 12, 30, 31}, 3);
        assertThat(b.breaks()).containsExactly(1, 3, 12, 31);
        assertThat(b.colors()).containsExactly("#ffeda0", "#feb24c", "#f03b20");
        // Hand-computed: {1,2,4,5,7,8} in 2 classes: {1,2,4} | {5,7,8} has SSD 4.67 + 4.67 = 9.33, less than
        // {1,2} | {4,5,7,8} (0.5 + 10) and {1,2,4,5} | {7,8} (10 + 0.5).
        assertThat(ClassBreaks.of(Method.NATURAL_BREAKS, new double[] {1, 2, 4, 5, 7, 8}, 2)
                        .breaks())
                .containsExactly(1, 4, 8);
    }

    @Test
    void fewerClassesThanAskedWhenValuesDoNotAllowThem() {
        assertThat(ClassBreaks.of(Method.NATURAL_BREAKS, new double[] {4, 4, 4}, 5)
                        .classes())
                .isEqualTo(1);
        assertThat(ClassBreaks.of(Method.EQUAL_INTERVAL, new double[] {1, 2}, 5).classes())
                .isEqualTo(2);
        assertThat(ClassBreaks.of(Method.QUANTILE, new double[0], 5).classes()).isZero();
        assertThat(ClassBreaks.of(Method.QUANTILE, new double[0], 5).colors()).isEmpty();
        assertThatThrownBy(() -> ClassBreaks.of(Method.QUANTILE, TEN, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassBreaks.of(Method.QUANTILE, new double[] {Double.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void colorRampsAreSequentialHex() {
        for (int k = 0; k <= ColorRamp.MAX_CLASSES; k++) {
            assertThat(ColorRamp.sequential(k)).hasSize(k).allMatch(c -> c.matches("#[0-9a-f]{6}"));
        }
    }

    @Test
    void naturalBreaksAreTheOptimalPartitionOnRandomData() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 400; round++) {
            int n = 1 + random.nextInt(10);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(3) == 0 ? random.nextInt(5) : Math.round(random.nextDouble() * 1000) / 10.0;
            }
            int k = 1 + random.nextInt(4);
            ClassBreaks b = ClassBreaks.of(Method.NATURAL_BREAKS, values, k);
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int distinct = (int) Arrays.stream(sorted).distinct().count();
            String message = "seed " + seed + " round " + round + " values " + Arrays.toString(sorted) + " k " + k;
            assertThat(b.classes()).as(message).isEqualTo(Math.min(k, distinct));
            double[] ssd = new double[b.classes()];
            double[][] members = new double[b.classes()][];
            for (int c = 0; c < b.classes(); c++) {
                final int cls = c;
                members[c] =
                        Arrays.stream(sorted).filter(v -> b.classOf(v) == cls).toArray();
                assertThat(members[c]).as(message + ": class %d empty", c).isNotEmpty();
                ssd[c] = ssd(members[c]);
            }
            assertThat(Arrays.stream(ssd).sum())
                    .as(message)
                    .isCloseTo(bruteForce(sorted, 0, b.classes()), within(1e-6));
        }
    }

    /** Least SSD of sorted[from..] in exactly k contiguous classes that never split equal values. */
    private static double bruteForce(double[] sorted, int from, int k) {
        if (k == 1) {
            return ssd(Arrays.copyOfRange(sorted, from, sorted.length));
        }
        double best = Double.POSITIVE_INFINITY;
        for (int end = from + 1; end < sorted.length; end++) {
            if (sorted[end] == sorted[end - 1]) {
                continue;
            }
            best = Math.min(best, ssd(Arrays.copyOfRange(sorted, from, end)) + bruteForce(sorted, end, k - 1));
        }
        return best;
    }

    private static double ssd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    }
}
