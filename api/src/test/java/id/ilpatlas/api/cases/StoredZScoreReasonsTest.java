package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;

/** A stored measurement's null z-scores say why too, like the calculator's ({@code GrowthAssessmentApiTest}). */
@Slow
class StoredZScoreReasonsTest extends CaseTestSupport {

    @Test
    void everyNullZScoreOfAStoredMeasurementSaysWhy() {
        String name = "Anak " + RUN + " zreason";
        ImportJob job = importText(
                ImportFormat.EPPGBM,
                "zreason-" + RUN + ".csv",
                "Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Edema\n" + name
                        + ";L;01/02/2024;33.75.01.1002;1;1;15/03/2025;9,0;Ya\n");
        assertThat(job.rowsInserted()).as(job.describe() + problemLines(job)).isEqualTo(1);
        String id = Long.toString(count("SELECT id FROM children WHERE name = :n", "n", name));

        GraphQlResponse response = run(as("dinkes"), "caseChildZScores", Map.of("id", id));

        assertThat(response.getErrors()).isEmpty();
        String base = "child.measurements[0].assessment.";
        assertThat(value(response, base + "lengthHeightForAge.z")).isNull();
        assertThat(value(response, base + "lengthHeightForAge.unavailableReason"))
                .isEqualTo("MISSING_INPUT");
        assertThat(value(response, base + "lengthHeightForAge.unavailableMessage"))
                .isEqualTo("lengthHeightCm is not given");
        for (String index : new String[] {"weightForAge", "weightForLengthHeight", "bmiForAge"}) {
            assertThat(value(response, base + index + ".z")).as(index).isNull();
            assertThat(value(response, base + index + ".unavailableReason"))
                    .as(index)
                    .isEqualTo("OEDEMA");
        }
    }

    private static Object value(GraphQlResponse response, String path) {
        return response.field(path).getValue();
    }
}
