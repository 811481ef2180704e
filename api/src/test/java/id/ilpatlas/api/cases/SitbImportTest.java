package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.sql.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SITB case lists into the TB register (cases/sitb-valid.csv): every row lands with its vocabulary mapped, RWs
 * assigned or kept unassigned, the same file twice changes nothing, and a case whose outcome is recorded later is
 * exactly one update of the same registration.
 */
@Slow
class SitbImportTest extends CaseTestSupport {

    @Test
    void everyRowLandsWithItsVocabularyMappedAndItsRw() {
        Fixture file = fixture("sitb-valid.csv");
        String run = file.marker();
        ImportJob job = importFixture(ImportFormat.SITB, file);

        assertThat(job.state()).as(job.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(problemLines(job)).containsExactly("4 RW UNASSIGNED", "5 RW UNASSIGNED");
        assertThat(job.rowsRead()).isEqualTo(5);
        assertThat(job.rowsInserted()).isEqualTo(5);
        assertCountersAddUp(job);
        assertThat(count("SELECT count(*) FROM tb_cases WHERE name LIKE :m", "m", "Pasien " + run + " %"))
                .isEqualTo(5);
        assertRwAssignment(job, "tb_cases", "name", "Pasien", run);

        Map<String, Object> cured = rowOf("tb_cases", "registration_number", file.get("REG:1"));
        assertThat(cured)
                .containsEntry("sex", "MALE")
                .containsEntry("birth_date", Date.valueOf("1980-04-12"))
                .containsEntry("nik_masked", masked(file.get("NIK:1")))
                .containsEntry("facility_id", facilityId("PKM-3375-MEDONO"))
                .containsEntry("diagnosed_on", Date.valueOf("2025-02-03"))
                .containsEntry("diagnosis_type", "BACTERIOLOGICAL")
                .containsEntry("anatomical_site", "PULMONARY")
                .containsEntry("treatment_history", "NEW")
                .containsEntry("hiv_status", "NEGATIVE")
                .containsEntry("drug_sensitivity", "SO")
                .containsEntry("treatment_started_on", Date.valueOf("2025-02-05"))
                .containsEntry("treatment_ended_on", Date.valueOf("2025-08-05"))
                .containsEntry("outcome", "CURED")
                .containsEntry("contacts_identified", 8)
                .containsEntry("contacts_investigated", 6);
        assertThat((String) cured.get("nik_hash")).hasSize(64).doesNotContain(file.get("NIK:1"));

        assertThat(rowOf("tb_cases", "registration_number", file.get("REG:2")))
                .as("facility by name, clinical extrapulmonary relapse, resistant, on treatment")
                .containsEntry("facility_id", facilityId("PKM-3375-MEDONO"))
                .containsEntry("sex", "FEMALE")
                .containsEntry("diagnosis_type", "CLINICAL")
                .containsEntry("anatomical_site", "EXTRAPULMONARY")
                .containsEntry("treatment_history", "RELAPSE")
                .containsEntry("hiv_status", "UNKNOWN")
                .containsEntry("drug_sensitivity", "RO")
                .containsEntry("outcome", null)
                .containsEntry("nik_hash", null)
                .containsEntry("nik_masked", null);
        assertThat(rowOf("tb_cases", "registration_number", file.get("REG:3")))
                .containsEntry("diagnosed_on", Date.valueOf("2025-04-01"))
                .containsEntry("treatment_history", "AFTER_LOSS_TO_FOLLOW_UP")
                .containsEntry("hiv_status", "POSITIVE");
        assertThat(rowOf("tb_cases", "registration_number", file.get("REG:4")))
                .containsEntry("treatment_history", "UNKNOWN")
                .containsEntry("hiv_status", "UNKNOWN");
        assertThat(rowOf("tb_cases", "registration_number", file.get("REG:5")))
                .containsEntry("outcome", "LOST_TO_FOLLOW_UP");
    }

    @Test
    void sameFileTwiceChangesNothing() {
        assertReimportChangesNothing(ImportFormat.SITB, fixture("sitb-valid.csv"), "tb_cases", "name");
    }

    @Test
    void laterOutcomeIsExactlyOneUpdateOfTheSameRegistration() {
        Fixture file = fixture("sitb-valid.csv");
        String run = file.marker();
        importFixture(ImportFormat.SITB, file);
        Object id = rowOf("tb_cases", "registration_number", file.get("REG:2")).get("id");
        Map<String, Long> counts = tableCounts();

        String onTreatment = ";RO;12/03/2025;;;;";
        assertThat(file.text()).contains(onTreatment);
        ImportJob later = importText(
                ImportFormat.SITB,
                "sitb-later.csv",
                file.text().replace(onTreatment, ";RO;12/03/2025;12/09/2025;Gagal;;"));

        assertThat(later.rowsUpdated()).as(later.describe()).isEqualTo(1);
        assertThat(later.rowsInserted()).isZero();
        assertThat(later.rowsUnchanged()).isEqualTo(4);
        assertCountersAddUp(later);
        assertThat(tableCounts()).isEqualTo(counts);
        assertThat(rowOf("tb_cases", "registration_number", file.get("REG:2")))
                .containsEntry("id", id)
                .containsEntry("outcome", "FAILED")
                .containsEntry("treatment_ended_on", Date.valueOf("2025-09-12"))
                .containsEntry("import_job_id", later.id());
    }

    private long facilityId(String code) {
        return count("SELECT id FROM facilities WHERE code = :c", "c", code);
    }
}
