package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public WHO growth calculator through GraphQL, anonymously, pinned to WHO's own expected z-scores: the WHO
 * igrowup survey rows (raw inputs, as a frontend sends them) must give WHO's z-scores at 2 decimals.
 */
class GrowthAssessmentApiTest extends IntegrationTest {

    @Test
    void anonymousCallerGetsWhoZScoresOfTheSurveyChildren() throws IOException {
        List<String[]> rows = survey();
        int checked = 0;
        for (String[] r : rows.subList(0, 80)) {
            int ageDays = Integer.parseInt(r[13]);
            if (Double.parseDouble(r[3]) >= 60) {
                continue;
            }
            Map<String, Object> input = new HashMap<>();
            input.put("sex", r[2].equals("1") ? "MALE" : "FEMALE");
            input.put("ageDays", ageDays);
            input.put("weightKg", r[4].isEmpty() ? null : Double.parseDouble(r[4]));
            input.put("lengthHeightCm", r[5].isEmpty() ? null : Double.parseDouble(r[5]));
            input.put("measured", r[6].isEmpty() ? null : r[6].equals("l") ? "LYING" : "STANDING");
            input.put("oedema", r[7].equals("y"));
            var response = anonymous()
                    .documentName("growthAssessment")
                    .variable("input", input)
                    .execute();
            assertZ(response.path("growthAssessment.lengthHeightForAge.z"), r[17], "lhfa of child " + r[0]);
            assertZ(response.path("growthAssessment.weightForAge.z"), r[16], "wfa of child " + r[0]);
            assertZ(response.path("growthAssessment.weightForLengthHeight.z"), r[18], "wflh of child " + r[0]);
            assertZ(response.path("growthAssessment.bmiForAge.z"), r[19], "bmi of child " + r[0]);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    private static void assertZ(
            org.springframework.graphql.test.tester.GraphQlTester.Path path, String expected, String what) {
        if (expected.isEmpty()) {
            path.valueIsNull();
        } else {
            path.entity(Double.class).satisfies(z -> assertThat(z).as(what).isEqualTo(Double.parseDouble(expected)));
        }
    }

    @Test
    void categoriesFollowPermenkes2020() {
        Map<String, Object> input =
                Map.of("sex", "MALE", "ageDays", 730, "weightKg", 9.0, "lengthHeightCm", 78.0, "measured", "LYING");
        var response = anonymous()
                .documentName("growthAssessment")
                .variable("input", input)
                .execute();
        response.path("growthAssessment.ageDays").entity(Integer.class).isEqualTo(730);
        response.path("growthAssessment.lengthHeightForAge.category")
                .entity(String.class)
                .isEqualTo("SANGAT_PENDEK");
        response.path("growthAssessment.lengthHeightForAge.flagged")
                .entity(Boolean.class)
                .isEqualTo(false);
    }

    @Test
    void birthDateAndMeasuredOnGiveTheAge() {
        Map<String, Object> input = Map.of(
                "sex",
                "FEMALE",
                "birthDate",
                "2024-01-31",
                "measuredOn",
                "2025-01-31",
                "weightKg",
                8.9,
                "lengthHeightCm",
                74.0);
        anonymous()
                .documentName("growthAssessment")
                .variable("input", input)
                .execute()
                .path("growthAssessment.ageDays")
                .entity(Integer.class)
                .isEqualTo(366);
    }

    @Test
    void oedemaLeavesWeightBasedScoresEmpty() {
        Map<String, Object> input =
                Map.of("sex", "FEMALE", "ageDays", 400, "weightKg", 8.0, "lengthHeightCm", 74.0, "oedema", true);
        var response = anonymous()
                .documentName("growthAssessment")
                .variable("input", input)
                .execute();
        response.path("growthAssessment.weightForAge.z").valueIsNull();
        response.path("growthAssessment.weightForAge.category").valueIsNull();
        response.path("growthAssessment.lengthHeightForAge.z").hasValue();
    }

    @Test
    void everyNullZScoreSaysWhy() {
        Map<String, Object> old = Map.of("sex", "MALE", "ageDays", 2000, "weightKg", 18.0, "lengthHeightCm", 110.0);
        var response = anonymous()
                .documentName("growthAssessment")
                .variable("input", old)
                .execute();
        for (String index : List.of("lengthHeightForAge", "weightForAge", "weightForLengthHeight", "bmiForAge")) {
            response.path("growthAssessment." + index + ".z").valueIsNull();
            response.path("growthAssessment." + index + ".unavailableReason")
                    .entity(String.class)
                    .isEqualTo("AGE_OUT_OF_RANGE");
            response.path("growthAssessment." + index + ".unavailableMessage")
                    .entity(String.class)
                    .isEqualTo("age 2000 days is beyond the WHO growth standards, which cover 0–1826 days (under 60 "
                            + "months)");
        }

        Map<String, Object> partial = Map.of("sex", "FEMALE", "ageDays", 400, "lengthHeightCm", 40.0);
        response = anonymous()
                .documentName("growthAssessment")
                .variable("input", partial)
                .execute();
        response.path("growthAssessment.lengthHeightForAge.z").hasValue();
        response.path("growthAssessment.lengthHeightForAge.unavailableReason").valueIsNull();
        response.path("growthAssessment.lengthHeightForAge.unavailableMessage").valueIsNull();
        response.path("growthAssessment.weightForAge.unavailableReason")
                .entity(String.class)
                .isEqualTo("MISSING_INPUT");
        response.path("growthAssessment.weightForAge.unavailableMessage")
                .entity(String.class)
                .isEqualTo("weightKg is not given");

        Map<String, Object> shortChild =
                Map.of("sex", "FEMALE", "ageDays", 400, "weightKg", 3.0, "lengthHeightCm", 40.0, "measured", "LYING");
        response = anonymous()
                .documentName("growthAssessment")
                .variable("input", shortChild)
                .execute();
        response.path("growthAssessment.weightForLengthHeight.unavailableReason")
                .entity(String.class)
                .isEqualTo("LENGTH_HEIGHT_OUT_OF_RANGE");
        response.path("growthAssessment.weightForLengthHeight.unavailableMessage")
                .entity(String.class)
                .satisfies(m -> assertThat(m).contains("40 cm").contains("weight-for-length table (45–110 cm)"));

        Map<String, Object> oedema =
                Map.of("sex", "FEMALE", "ageDays", 400, "weightKg", 8.0, "lengthHeightCm", 74.0, "oedema", true);
        response = anonymous()
                .documentName("growthAssessment")
                .variable("input", oedema)
                .execute();
        response.path("growthAssessment.bmiForAge.unavailableReason")
                .entity(String.class)
                .isEqualTo("OEDEMA");
    }

    @Test
    void contradictoryAgeArgumentsNameTheField() {
        Map<String, Object> input =
                Map.of("sex", "FEMALE", "ageDays", 400, "birthDate", "2024-01-31", "measuredOn", "2025-01-31");
        anonymous()
                .documentName("growthAssessment")
                .variable("input", input)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getMessage()).contains("input.ageDays")));
    }

    private List<String[]> survey() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/cases/who_igrowup_survey_z_rc.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                rows.add(lines[i].strip().split(",", -1));
            }
            return rows;
        }
    }
}
