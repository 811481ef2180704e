package id.ilpatlas.api.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.CaseTestSupport;
import id.ilpatlas.api.demo.SyntheticCaseData;
import id.ilpatlas.geo.testing.Slow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Choropleth classes people know, through GraphQL on the seeded synthetic data: the WHO–UNICEF prevalence levels
 * recomputed here from the values served, and the server-side legend of every indicator × method on several periods
 * (counts per class, labels that read as ranges, degenerate classes by their single value, never "0.0 % – 0.0 %").
 */
@SuppressWarnings("unchecked")
@Slow
class ChoroplethLegendTest extends CaseTestSupport {

    /** de Onis et al. 2019, as proportions: the lower bounds of low, medium, high and very high. */
    private static final Map<String, double[]> WHO = Map.of(
            "STUNTING_PREVALENCE", new double[] {0.025, 0.10, 0.20, 0.30},
            "WASTING_PREVALENCE", new double[] {0.025, 0.05, 0.10, 0.15});

    private static final Map<String, List<String>> WHO_LABELS = Map.of(
            "STUNTING_PREVALENCE", List.of("< 2.5 %", "2.5 – < 10 %", "10 – < 20 %", "20 – < 30 %", "≥ 30 %"),
            "WASTING_PREVALENCE", List.of("< 2.5 %", "2.5 – < 5 %", "5 – < 10 %", "10 – < 15 %", "≥ 15 %"));
    /** Complete periods with data (a year still running, or 2025 with December only, is PARTIAL_PERIOD: null). */
    private static final List<Map<String, Object>> PERIODS = List.of(
            Map.of("year", 2026, "month", 3),
            Map.of("year", 2026, "quarter", 1),
            Map.of("year", 2026, "month", 9),
            Map.of("year", 2026, "quarter", 2));
    /** A label with two bounds: "a – b", "a – < b", with an optional unit. */
    private static final Pattern RANGE = Pattern.compile("(.+?) – (< )?(.+?)( %| per 100k| per 1,000)?");

    @Autowired
    SyntheticCaseData syntheticCaseData;

    @BeforeEach
    void loadSyntheticCases() {
        syntheticCaseData.ensureLoaded();
    }

    private GraphQlTester.Response request(Map<String, Object> period, String indicator, String method, int classes) {
        return graphQl.documentName("choropleth")
                .variable("regionCode", "33.75")
                .variable("period", period)
                .variable("indicator", indicator)
                .variable("method", method)
                .variable("classes", classes)
                .execute();
    }

    private Map<String, Object> choropleth(Map<String, Object> period, String indicator, String method, int classes) {
        return request(period, indicator, method, classes)
                .path("rwIndicators.choropleth")
                .entity(Map.class)
                .get();
    }

    private static List<Map<String, Object>> list(Map<String, Object> map, String field) {
        return (List<Map<String, Object>>) map.get(field);
    }

    private static Double number(Object v) {
        return v == null ? null : ((Number) v).doubleValue();
    }

    @Test
    void whoLevelsClassifyTheRwsByTheirServedValue() {
        int[] seenPerLevel = new int[5];
        for (String indicator : WHO.keySet()) {
            int valued = 0;
            for (Map<String, Object> period : PERIODS) {
                Map<String, Object> c = choropleth(period, indicator, "WHO_PREVALENCE_THRESHOLDS", 3);
                assertThat(c.get("method")).isEqualTo("WHO_PREVALENCE_THRESHOLDS");
                assertThat(c.get("classes")).as("classes is ignored: always 5").isEqualTo(5);
                double[] t = WHO.get(indicator);
                assertThat((List<Number>) c.get("breaks"))
                        .extracting(Number::doubleValue)
                        .containsExactly(0.0, t[0], t[1], t[2], t[3], 1.0);
                List<String> colors = (List<String>) c.get("colors");
                int[] counts = new int[5];
                for (Map<String, Object> rw : list(c, "rws")) {
                    Double value = number(rw.get("value"));
                    if (value == null) {
                        assertThat(rw.get("classIndex")).isNull();
                        continue;
                    }
                    int expected = 0;
                    while (expected < 4 && value >= t[expected]) {
                        expected++;
                    }
                    assertThat(rw.get("classIndex"))
                            .as("%s %s %s = %s", indicator, period, rw.get("regionCode"), value)
                            .isEqualTo(expected);
                    assertThat(rw.get("color")).isEqualTo(colors.get(expected));
                    counts[expected]++;
                    seenPerLevel[expected]++;
                    valued++;
                }
                List<Map<String, Object>> legend = list(c, "legend");
                assertThat(legend).extracting(l -> l.get("label")).containsExactlyElementsOf(WHO_LABELS.get(indicator));
                assertThat(legend)
                        .extracting(l -> l.get("level"))
                        .containsExactly("very low", "low", "medium", "high", "very high");
                for (int i = 0; i < 5; i++) {
                    Map<String, Object> level = legend.get(i);
                    assertThat(level.get("classIndex")).isEqualTo(i);
                    assertThat(level.get("rwCount"))
                            .as("%s %s level %d", indicator, period, i)
                            .isEqualTo(counts[i]);
                    assertThat(level.get("color")).isEqualTo(colors.get(i));
                    assertThat(number(level.get("lower"))).isEqualTo(i == 0 ? 0.0 : t[i - 1]);
                    assertThat(number(level.get("upper"))).isEqualTo(i == 4 ? null : t[i]);
                }
            }
            assertThat(valued).as("%s has values in %s", indicator, PERIODS).isPositive();
        }
        assertThat(seenPerLevel[0] + seenPerLevel[1] + seenPerLevel[2] + seenPerLevel[3] + seenPerLevel[4])
                .isPositive();
        assertThat(java.util.Arrays.stream(seenPerLevel).filter(n -> n > 0).count())
                .as("RWs in several levels %s", java.util.Arrays.toString(seenPerLevel))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void whoLevelsAreRefusedForOtherIndicatorsNamingMethodAndIndicator() {
        for (RwIndicator indicator : RwIndicator.values()) {
            if (WHO.containsKey(indicator.name())) {
                continue;
            }
            request(PERIODS.get(0), indicator.name(), "WHO_PREVALENCE_THRESHOLDS", 5)
                    .errors()
                    .satisfy(errors -> {
                        assertThat(errors).as("%s", indicator).hasSize(1);
                        assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                        assertThat(errors.get(0).getMessage())
                                .contains("'method'")
                                .contains(indicator.name());
                    });
        }
    }

    /**
     * Every indicator × data-driven method × period: the legend lists the non-empty classes with their RW counts,
     * colours and bounds; a degenerate class reads as its single value; no label repeats its number or reads
     * "0.0 % – 0.0 %".
     */
    @Test
    void everyLegendReadsAsRanges() {
        int legends = 0;
        int degenerate = 0;
        for (RwIndicator indicator : RwIndicator.values()) {
            for (String method : List.of("QUANTILE", "EQUAL_INTERVAL", "NATURAL_BREAKS")) {
                for (Map<String, Object> period : PERIODS) {
                    Map<String, Object> c = choropleth(period, indicator.name(), method, 5);
                    String what = indicator + " " + method + " " + period;
                    List<Double> breaks = ((List<Number>) c.get("breaks"))
                            .stream().map(Number::doubleValue).toList();
                    List<String> colors = (List<String>) c.get("colors");
                    Map<Integer, Integer> counts = new HashMap<>();
                    for (Map<String, Object> rw : list(c, "rws")) {
                        if (rw.get("classIndex") != null) {
                            counts.merge((Integer) rw.get("classIndex"), 1, Integer::sum);
                        }
                    }
                    List<Map<String, Object>> legend = list(c, "legend");
                    assertThat(legend)
                            .extracting(l -> (Integer) l.get("classIndex"))
                            .as(what)
                            .containsExactlyElementsOf(
                                    counts.keySet().stream().sorted().toList());
                    for (Map<String, Object> cls : legend) {
                        int i = (Integer) cls.get("classIndex");
                        String label = (String) cls.get("label");
                        String at = what + " class " + i + " '" + label + "'";
                        assertThat(cls.get("rwCount")).as(at).isEqualTo(counts.get(i));
                        assertThat(cls.get("color")).as(at).isEqualTo(colors.get(i));
                        assertThat(cls.get("level")).as(at).isNull();
                        assertThat(number(cls.get("lower"))).as(at).isEqualTo(breaks.get(i));
                        assertThat(number(cls.get("upper"))).as(at).isEqualTo(breaks.get(i + 1));
                        assertThat(label)
                                .as(at)
                                .doesNotContain("0.0 % – 0.0 %")
                                .isNotBlank()
                                .as(at + ": zero is written 0")
                                .doesNotContainPattern("(?<![0-9.,])0\\.0+(?![0-9])");
                        Matcher m = RANGE.matcher(label);
                        if (breaks.get(i).equals(breaks.get(i + 1))) {
                            degenerate++;
                            assertThat(label)
                                    .as(at + ": a degenerate class shows its value")
                                    .doesNotContain("–");
                            if (breaks.get(i) == 0) {
                                assertThat(label).as(at).isIn("0 %", "0", "0 per 100k", "0 per 1,000");
                            }
                        } else if (m.matches()) {
                            assertThat(m.group(1)).as(at).isNotEqualTo(m.group(3));
                        }
                        switch (Choropleths.unit(indicator)) {
                            case PERCENT -> assertThat(label).as(at).endsWith(" %");
                            case PER_100K -> assertThat(label).as(at).endsWith(" per 100k");
                            case PER_1000 -> assertThat(label).as(at).endsWith(" per 1,000");
                            case COUNT -> assertThat(label).as(at).matches("[0-9,]+( – [0-9,]+)?");
                        }
                    }
                    legends++;
                }
            }
        }
        assertThat(legends).isEqualTo(RwIndicator.values().length * 3 * PERIODS.size());
        assertThat(degenerate)
                .as("the demo data has degenerate classes (e.g. the zeros alone)")
                .isPositive();
    }

    @Test
    void aDegenerateClassOfZerosReadsZeroPercent() {
        // A month's quantiles of a prevalence most RWs have at 0: class 0 holds the zeros alone.
        Map<String, Object> c = choropleth(Map.of("year", 2026, "month", 3), "WASTING_PREVALENCE", "QUANTILE", 5);
        List<Number> breaks = (List<Number>) c.get("breaks");
        assertThat(breaks.get(0).doubleValue()).isZero();
        assertThat(breaks.get(1).doubleValue()).as("breaks %s", breaks).isZero();
        Map<String, Object> zeros = list(c, "legend").get(0);
        assertThat(zeros.get("label")).isEqualTo("0 %");
        assertThat(zeros.get("rwCount")).isEqualTo((int) list(c, "rws").stream()
                .filter(r -> r.get("value") != null && number(r.get("value")) == 0)
                .count());
        assertThat(list(c, "legend").get(1).get("label").toString()).startsWith("0 – ");
    }
}
