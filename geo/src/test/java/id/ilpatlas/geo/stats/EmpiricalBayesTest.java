package id.ilpatlas.geo.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.geo.growth.TestCsv;
import id.ilpatlas.geo.stats.EmpiricalBayes.Estimate;
import id.ilpatlas.geo.stats.EmpiricalBayes.NegativeVariance;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Marshall's estimators pinned to PySAL esda (indicators/empirical_bayes_worked_example.csv): the values esda
 * prints ({@code published}) to their printed precision, every other row ({@code reproduced}) to 1e-9 relative,
 * and the documented degenerate cases.
 */
class EmpiricalBayesTest {

    private static final List<Map<String, String>> ROWS =
            TestCsv.read("/indicators/empirical_bayes_worked_example.csv");

    /** The rows of one dataset and method, in row order. */
    private static List<Map<String, String>> rows(String dataset, String method) {
        List<Map<String, String>> rows = ROWS.stream()
                .filter(r -> r.get("dataset").equals(dataset) && r.get("method").equals("esda.smoothing." + method))
                .toList();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(Integer.parseInt(rows.get(i).get("row_index"))).isEqualTo(i);
        }
        return rows;
    }

    private static double[] column(List<Map<String, String>> rows, String name) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(name))).toArray();
    }

    /** GAL ids (row order + 1) to 0-based indexes. */
    private static int[][] neighbours(List<Map<String, String>> rows) {
        return rows.stream()
                .map(r -> Arrays.stream(r.get("neighbor_ids").trim().split(" "))
                        .mapToInt(id -> Integer.parseInt(id) - 1)
                        .toArray())
                .toArray(int[][]::new);
    }

    /** Compares every row: published to half a unit of the last printed digit, all to 1e-9 relative. */
    private static int check(List<Map<String, String>> rows, double[] actual, String what) {
        assertThat(actual).hasSize(rows.size());
        int published = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            double expected = Double.parseDouble(row.get("expected_smoothed_rate"));
            assertThat(actual[i])
                    .as("%s row %d (%s)", what, i, row.get("area_name"))
                    .isCloseTo(expected, within(1e-9 * Math.abs(expected)));
            if (row.get("value_status").equals("published")) {
                BigDecimal printed = new BigDecimal(row.get("published_value"));
                double halfUnit = printed.ulp().doubleValue() / 2;
                assertThat(actual[i])
                        .as("%s row %d published %s", what, i, printed)
                        .isCloseTo(printed.doubleValue(), within(halfUnit * (1 + 1e-9)));
                published++;
            }
        }
        return published;
    }

    private static double[] smoothed(List<Estimate> estimates) {
        return estimates.stream().mapToDouble(Estimate::smoothedRate).toArray();
    }

    @Test
    void globalOnNorthCarolinaSids() {
        List<Map<String, String>> rows = rows("nc_sids2_1974_78", "Empirical_Bayes");
        assertThat(rows).hasSize(100);
        List<Estimate> eb = EmpiricalBayes.global(column(rows, "events"), column(rows, "population"));
        // Intermediate values from SOURCE.md.
        assertThat(eb.get(0).priorMean()).isCloseTo(0.00202144489365, within(1e-14));
        assertThat(eb.get(0).priorVariance()).isCloseTo(7.69293064701e-07, within(1e-17));
        assertThat(check(rows, smoothed(eb), "SIDS EB")).isEqualTo(5);
        assertThat(eb).allSatisfy(e -> assertThat(e.weight()).isBetween(0.086, 0.892));
        // A > 0 here, so clipping changes nothing.
        assertThat(EmpiricalBayes.global(
                        column(rows, "events"), column(rows, "population"), NegativeVariance.CLIP_TO_ZERO))
                .isEqualTo(eb);
    }

    @Test
    void globalLocalAndSpatialRateOnStLouisHomicides() {
        List<Map<String, String>> global = rows("stl_homicide_1979_84", "Empirical_Bayes");
        assertThat(global).hasSize(78);
        List<Estimate> eb = EmpiricalBayes.global(column(global, "events"), column(global, "population"));
        assertThat(eb.get(0).priorMean()).isCloseTo(1.02364316444e-04, within(1e-15));
        assertThat(eb.get(0).priorVariance()).isCloseTo(1.69211982401e-08, within(1e-19));
        assertThat(check(global, smoothed(eb), "StL EB")).isEqualTo(10);

        List<Map<String, String>> spatial = rows("stl_homicide_1979_84", "Spatial_Empirical_Bayes");
        List<Map<String, String>> rate = rows("stl_homicide_1979_84", "Spatial_Rate");
        assertThat(spatial).hasSize(78);
        assertThat(rate).hasSize(78);
        List<Estimate> seb =
                EmpiricalBayes.local(column(spatial, "events"), column(spatial, "population"), neighbours(spatial));
        assertThat(check(spatial, smoothed(seb), "StL SEB")).isEqualTo(10);
        assertThat(check(rate, seb.stream().mapToDouble(Estimate::priorMean).toArray(), "StL Spatial_Rate"))
                .isEqualTo(10);
        assertThat(seb).allSatisfy(e -> assertThat(e.priorVariance()).isGreaterThanOrEqualTo(0));
    }

    @Test
    void areasWithoutPopulationHaveNoRateAndAreLeftOut() {
        double[] events = {1, 0, 5, 1, 3};
        double[] populations = {1091, 487, 3188, 0, 508};
        List<Estimate> eb = EmpiricalBayes.global(events, populations);
        List<Estimate> without = EmpiricalBayes.global(new double[] {1, 0, 5, 3}, new double[] {1091, 487, 3188, 508});
        assertThat(eb.get(3).rate()).isNaN();
        assertThat(eb.get(3).smoothedRate()).isNaN();
        assertThat(eb.get(3).weight()).isNaN();
        assertThat(List.of(eb.get(0), eb.get(1), eb.get(2), eb.get(4))).isEqualTo(without);
        // Local: area 3 as a neighbour counts for nothing.
        int[][] chain = {{1}, {0, 2}, {1, 3}, {2, 4}, {3}};
        int[][] chainWithout = {{1}, {0, 2}, {1}, {}};
        List<Estimate> seb = EmpiricalBayes.local(events, populations, chain);
        List<Estimate> sebWithout =
                EmpiricalBayes.local(new double[] {1, 0, 5, 3}, new double[] {1091, 487, 3188, 508}, chainWithout);
        assertThat(seb.get(3).smoothedRate()).isNaN();
        assertThat(List.of(seb.get(0), seb.get(1), seb.get(2), seb.get(4))).isEqualTo(sebWithout);
    }

    @Test
    void degenerateCases() {
        // All zero events: every rate 0, smoothed 0, weight 0 (esda: 0/0).
        List<Estimate> zeros = EmpiricalBayes.global(new double[] {0, 0, 0}, new double[] {100, 200, 300});
        assertThat(zeros).allSatisfy(e -> {
            assertThat(e.smoothedRate()).isZero();
            assertThat(e.weight()).isZero();
        });
        assertThat(EmpiricalBayes.local(new double[] {0, 0}, new double[] {10, 20}, new int[][] {{1}, {0}}))
                .allSatisfy(e -> assertThat(e.smoothedRate()).isZero());
        // One area: smoothed = its rate.
        Estimate single =
                EmpiricalBayes.global(new double[] {3}, new double[] {1000}).get(0);
        assertThat(single.smoothedRate()).isEqualTo(0.003);
        assertThat(single.priorMean()).isEqualTo(0.003);
        // An island is its own prior: not smoothed.
        Estimate island = EmpiricalBayes.local(new double[] {3, 1}, new double[] {1000, 50}, new int[][] {{}, {}})
                .get(0);
        assertThat(island.smoothedRate()).isEqualTo(0.003);
        // No population anywhere, and no areas.
        assertThat(EmpiricalBayes.global(new double[] {1, 2}, new double[] {0, 0}))
                .allSatisfy(e -> assertThat(e.smoothedRate()).isNaN());
        assertThat(EmpiricalBayes.global(new double[0], new double[0])).isEmpty();
    }

    @Test
    void aNegativePriorVarianceIsKeptAsEsdaDoesOrClipped() {
        // Rates nearly equal: less spread than Poisson noise, A < 0.
        double[] events = {10, 11, 9, 10};
        double[] populations = {1000, 1000, 1000, 1000};
        List<Estimate> kept = EmpiricalBayes.global(events, populations);
        double m = 0.01;
        double a = 1000 * (0.001 * 0.001 * 2) / 4000 - m / 1000; // s² = 5e-7, A = -9.5e-6
        assertThat(kept.get(0).priorVariance()).isCloseTo(a, within(1e-15)).isNegative();
        double w = a / (a + m / 1000);
        assertThat(kept.get(1).smoothedRate()).isCloseTo(w * 0.011 + (1 - w) * m, within(1e-15));
        assertThat(kept.get(1).weight()).isNegative();
        List<Estimate> clipped = EmpiricalBayes.global(events, populations, NegativeVariance.CLIP_TO_ZERO);
        assertThat(clipped).allSatisfy(e -> {
            assertThat(e.priorVariance()).isZero();
            assertThat(e.smoothedRate()).isCloseTo(m, within(1e-17));
        });
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> EmpiricalBayes.global(new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("populations");
        assertThatThrownBy(() -> EmpiricalBayes.global(new double[] {-1}, new double[] {1}))
                .hasMessageContaining("events[0]");
        assertThatThrownBy(() -> EmpiricalBayes.global(new double[] {1}, new double[] {Double.NaN}))
                .hasMessageContaining("populations[0]");
        assertThatThrownBy(() -> EmpiricalBayes.local(new double[] {1, 1}, new double[] {1, 1}, new int[][] {{0}, {}}))
                .hasMessageContaining("neighbours[0]")
                .hasMessageContaining("itself");
        assertThatThrownBy(() ->
                        EmpiricalBayes.local(new double[] {1, 1}, new double[] {1, 1}, new int[][] {{1, 1}, {}}))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> EmpiricalBayes.local(new double[] {1, 1}, new double[] {1, 1}, new int[][] {{2}, {}}))
                .hasMessageContaining("not in 0..1");
    }
}
