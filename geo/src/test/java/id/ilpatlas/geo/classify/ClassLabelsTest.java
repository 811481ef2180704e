package id.ilpatlas.geo.classify;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.geo.classify.ClassLabels.Unit;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClassLabelsTest {

    private static final Pattern RANGE = Pattern.compile("(.+) – (.+?)( %| per 100k| per 1,000)?");

    @Test
    void percentWithOneDecimalAndDegenerateClassesByTheirValue() {
        assertThat(ClassLabels.of(new double[] {0, 0, 0.125, 0.2034}, Unit.PERCENT))
                .containsExactly("0 %", "0 – 12.5 %", "12.5 – 20.3 %");
        assertThat(ClassLabels.of(new double[] {0.2, 0.2}, Unit.PERCENT)).containsExactly("20.0 %");
    }

    @Test
    void boundsThatWouldPrintAlikeGetMoreDecimals() {
        // 0.001 % and 0.004 %: at one or two decimals both would read 0.
        assertThat(ClassLabels.of(new double[] {0, 0.00001, 0.00004}, Unit.PERCENT))
                .containsExactly("0 – 0.001 %", "0.001 – 0.004 %");
        assertThat(ClassLabels.of(new double[] {0.2, 0.6, 1.4}, Unit.PER_100K))
                .containsExactly("0.2 – 0.6 per 100k", "0.6 – 1.4 per 100k");
    }

    @Test
    void countsAsTheWholeNumbersAClassHolds() {
        assertThat(ClassLabels.of(new double[] {0, 0, 2, 5}, Unit.COUNT)).containsExactly("0", "1 – 2", "3 – 5");
        assertThat(ClassLabels.of(new double[] {0, 2.5, 5}, Unit.COUNT)).containsExactly("0 – 2", "3 – 5");
        assertThat(ClassLabels.of(new double[] {1, 1.4, 1.8, 3}, Unit.COUNT))
                .containsExactly("1", "1.4 – 1.8", "2 – 3");
        assertThat(ClassLabels.of(new double[] {0, 1200, 3400}, Unit.COUNT))
                .containsExactly("0 – 1,200", "1,201 – 3,400");
    }

    @Test
    void perHundredThousandWithoutDecimals() {
        assertThat(ClassLabels.of(new double[] {0, 120.4, 1442.3}, Unit.PER_100K))
                .containsExactly("0 – 120 per 100k", "120 – 1,442 per 100k");
        assertThat(ClassLabels.of(new double[] {0, 0, 24.3}, Unit.PER_1000))
                .containsExactly("0 per 1,000", "0 – 24 per 1,000");
        assertThat(ClassLabels.of(new double[0], Unit.PER_100K)).isEmpty();
    }

    /** On random data: no range reads the same number twice, whatever the method and unit. */
    @Test
    void noLabelRepeatsItsBound() {
        long seed = 17L;
        Random random = new Random(seed);
        for (int t = 0; t < 300; t++) {
            int n = 1 + random.nextInt(40);
            double[] values = new double[n];
            double scale = Math.pow(10, -6 + random.nextInt(9));
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? 0 : Math.floor(random.nextDouble() * 50) * scale;
            }
            for (ClassBreaks.Method method : ClassBreaks.Method.values()) {
                ClassBreaks breaks = ClassBreaks.of(method, values, 1 + random.nextInt(9));
                for (Unit unit : Unit.values()) {
                    List<String> labels = ClassLabels.of(breaks.breaks(), unit);
                    assertThat(labels).hasSize(breaks.classes());
                    for (String label : labels) {
                        assertThat(label)
                                .as("seed %d, %s %s %s", seed, method, unit, breaks)
                                .doesNotContain("0.0 % – 0.0 %");
                        Matcher m = RANGE.matcher(label);
                        if (m.matches()) {
                            assertThat(m.group(1))
                                    .as("seed %d, %s %s %s: %s", seed, method, unit, breaks, label)
                                    .isNotEqualTo(m.group(2));
                        }
                    }
                }
            }
        }
    }
}
