package id.ilpatlas.geo.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-index methods against {@code zscore_expected.csv}: 1,889 z-scores from the WHO {@code
 * anthro} R package's tests and the WHO igrowup sample survey (see the file's SOURCE.md in
 * /work/shared/data/who and NOTICE item 8). Every row must match at two decimals.
 */
class ZScoreOracleTest {

    private static final String RESOURCE = "zscore_expected.csv";

    static Stream<Arguments> rows() {
        return TestCsv.read(RESOURCE).stream().map(r -> Arguments.of(r.get("case_id") + " " + r.get("indicator"), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesOracle(String name, Map<String, String> row) {
        assertThat(compute(row)).as("%s: %s", name, row).isEqualTo(expected(row));
    }

    @Test
    void allRowsMatch() {
        List<Map<String, String>> rows = TestCsv.read(RESOURCE);
        List<String> mismatches = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Double actual = compute(row);
            if (!expected(row).equals(actual)) {
                mismatches.add(row.get("case_id") + " " + row.get("indicator") + ": expected " + row.get("expected_z")
                        + ", got " + actual);
            }
        }
        assertThat(rows).hasSize(1889);
        assertThat(mismatches)
                .as("%d of %d rows differ: %s", mismatches.size(), rows.size(), mismatches)
                .isEmpty();
    }

    private static Double expected(Map<String, String> row) {
        return new BigDecimal(row.get("expected_z")).doubleValue();
    }

    private static Double compute(Map<String, String> row) {
        Sex sex = Sex.ofWhoCode(Integer.parseInt(row.get("sex")));
        int days = Integer.parseInt(row.get("age_days"));
        double value = Double.parseDouble(row.get("value"));
        ZScore<?> z = switch (row.get("indicator")) {
            case "wfa" -> GrowthStandards.weightForAge(sex, days, value);
            case "lhfa" -> GrowthStandards.lengthHeightForAge(sex, days, value);
            case "bmifa" -> GrowthStandards.bmiForAge(sex, days, value);
            case "wflh" ->
                GrowthStandards.weightForLengthHeight(sex, days, Double.parseDouble(row.get("lenhei_cm")), value);
            default -> throw new IllegalArgumentException("indicator " + row.get("indicator"));
        };
        return z.z();
    }
}
