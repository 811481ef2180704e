package id.ilpatlas.geo.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full pipeline ({@link GrowthStandards#assess(GrowthInput)}) from the raw inputs of the WHO
 * igrowup sample survey ({@code who_igrowup_survey_z_rc.csv}, 498 children: sex, age in months,
 * weight, length/height, measurement position, oedema) against the z-scores, flags, converted
 * length/height and BMI computed by WHO software.
 *
 * <p>The four children aged 60 months or more (ids 4, 44, 95, 343) have z-scores in the file, but
 * the WHO Anthro R package (and this implementation) computes z-scores only below 60 months, so NA
 * is expected for them.
 */
class SurveyPipelineTest {

    private static final String RESOURCE = "who_igrowup_survey_z_rc.csv";
    private static final Set<String> AGED_60_MONTHS_OR_MORE = Set.of("4", "44", "95", "343");

    static Stream<Arguments> children() {
        return TestCsv.read(RESOURCE).stream().map(r -> Arguments.of("id " + r.get("id"), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("children")
    void matchesWhoSoftware(String name, Map<String, String> row) {
        assertThat(differences(row)).as(name).isEmpty();
    }

    @Test
    void allChildrenMatch() {
        List<Map<String, String>> rows = TestCsv.read(RESOURCE);
        List<String> differences = new ArrayList<>();
        int zScores = 0;
        for (Map<String, String> row : rows) {
            differences.addAll(differences(row));
            GrowthAssessment a = GrowthStandards.assess(input(row));
            zScores += count(a.weightForAge())
                    + count(a.lengthHeightForAge())
                    + count(a.weightForLengthHeight())
                    + count(a.bmiForAge());
        }
        assertThat(rows).hasSize(498);
        assertThat(differences)
                .as("%d differences: %s", differences.size(), differences)
                .isEmpty();
        // 1,883 z-scores of children under 60 months, as in zscore_expected.csv.
        assertThat(zScores).isEqualTo(1883);
    }

    @Test
    void childrenAged60MonthsOrMoreGetNa() {
        for (Map<String, String> row : TestCsv.read(RESOURCE)) {
            boolean old = Double.parseDouble(row.get("agemons")) >= 60;
            assertThat(old).as("id %s", row.get("id")).isEqualTo(AGED_60_MONTHS_OR_MORE.contains(row.get("id")));
            if (old) {
                assertThat(row.get("_ZWEI")).as("the file itself has a z-score").isNotEmpty();
                GrowthAssessment a = GrowthStandards.assess(input(row));
                assertThat(List.of(a.weightForAge(), a.lengthHeightForAge(), a.weightForLengthHeight(), a.bmiForAge()))
                        .allMatch(z -> !z.isAvailable());
            }
        }
    }

    private static int count(ZScore<?> z) {
        return z.isAvailable() ? 1 : 0;
    }

    static GrowthInput input(Map<String, String> row) {
        MeasurePosition position = switch (row.get("measure")) {
            case "l" -> MeasurePosition.LYING;
            case "h" -> MeasurePosition.STANDING;
            case "" -> null;
            default -> throw new IllegalArgumentException("measure " + row.get("measure"));
        };
        return GrowthInput.atAgeMonths(
                Sex.ofWhoCode(Integer.parseInt(row.get("GENDER"))),
                Double.parseDouble(row.get("agemons")),
                number(row.get("WEIGHT")),
                number(row.get("HEIGHT")),
                position,
                "y".equals(row.get("oedema")));
    }

    private static List<String> differences(Map<String, String> row) {
        String id = "id " + row.get("id");
        GrowthAssessment a = GrowthStandards.assess(input(row));
        List<String> out = new ArrayList<>();
        if (a.ageDays() != Integer.parseInt(row.get("_agedays"))) {
            out.add(id + " _agedays " + row.get("_agedays") + " != " + a.ageDays());
        }
        Double clenhei = number(row.get("_CLENHEI"));
        if (clenhei == null ? a.lengthHeightCm() != null : Math.abs(clenhei - a.lengthHeightCm()) > 1e-6) {
            out.add(id + " _CLENHEI " + clenhei + " != " + a.lengthHeightCm());
        }
        Double cbmi = number(row.get("_CBMI"));
        if (cbmi == null ? a.bmi() != null : Math.abs(cbmi - a.bmi()) > 1e-6) {
            out.add(id + " _CBMI " + cbmi + " != " + a.bmi());
        }
        boolean old = AGED_60_MONTHS_OR_MORE.contains(row.get("id"));
        compare(out, id, "WEI", row, a.weightForAge(), old);
        compare(out, id, "LEN", row, a.lengthHeightForAge(), old);
        compare(out, id, "WFL", row, a.weightForLengthHeight(), old);
        compare(out, id, "BMI", row, a.bmiForAge(), old);
        return out;
    }

    private static void compare(
            List<String> out, String id, String index, Map<String, String> row, ZScore<?> actual, boolean expectNa) {
        Double z = expectNa ? null : number(row.get("_Z" + index));
        boolean flag = !expectNa && "1".equals(row.get("_F" + index));
        if (z == null ? actual.z() != null : !z.equals(actual.z())) {
            out.add(id + " _Z" + index + " " + z + " != " + actual.z());
        }
        if (flag != actual.flagged()) {
            out.add(id + " _F" + index + " " + flag + " != " + actual.flagged());
        }
    }

    private static Double number(String s) {
        return s == null || s.isEmpty() ? null : Double.valueOf(s);
    }

    @Test
    void convertedLengthMatchesFileWithinFloatPrecision() {
        for (Map<String, String> row : TestCsv.read(RESOURCE)) {
            Double clenhei = number(row.get("_CLENHEI"));
            if (clenhei != null) {
                assertThat(GrowthStandards.assess(input(row)).lengthHeightCm())
                        .as("id %s", row.get("id"))
                        .isCloseTo(clenhei, within(1e-6));
            }
        }
    }
}
