package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PERMAISURI files into the pregnancy register (cases/permaisuri-valid.csv): the 4T and KEK risks are computed, the
 * file's other risks added (once; "-" and "Tidak ada" are none), BBLR babies get KRISNNA's 4 home visits, RWs are
 * assigned or kept unassigned, the same file twice changes nothing, and a pregnancy that progresses is one update.
 */
@Slow
class PermaisuriImportTest extends CaseTestSupport {

    @Test
    void everyPregnancyLandsWithItsRisksAndRw() throws SQLException {
        Fixture file = fixture("permaisuri-valid.csv");
        String run = file.marker();
        ImportJob job = importFixture(ImportFormat.PERMAISURI, file);

        assertThat(job.state()).as(job.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(problemLines(job)).containsExactly("4 RW UNASSIGNED", "5 RW UNASSIGNED");
        assertThat(job.rowsInserted()).isEqualTo(5);
        assertCountersAddUp(job);
        assertRwAssignment(job, "pregnancies", "mother_name", "Ibu", run);

        Map<String, Object> young = rowOf("pregnancies", "mother_name", "Ibu " + run + " point");
        assertThat(risks(young))
                .as("18 at HPHT, LiLA 22,0, and the file's own (KEK once)")
                .containsExactly("TOO_YOUNG", "KEK", "HIPERTENSI", "ANEMIA");
        assertThat(young)
                .containsEntry("high_risk", true)
                .containsEntry("gravida", 1)
                .containsEntry("nik_masked", masked(file.get("NIK:1")))
                .containsEntry("last_menstrual_period", Date.valueOf("2025-01-01"))
                .containsEntry("estimated_due_date", Date.valueOf("2025-10-08"))
                .containsEntry("anc_contacts", 4)
                .containsEntry("delivered_on", Date.valueOf("2025-10-10"))
                .containsEntry("delivery_place", "Puskesmas")
                .containsEntry("birth_weight_g", 2300)
                .containsEntry("low_birth_weight", true)
                .containsEntry("home_visits_due", 4)
                .containsEntry("home_visits_done", 1)
                .containsEntry(
                        "referral_facility_id", count("SELECT id FROM facilities WHERE code = 'PKM-3375-MEDONO'"));
        assertThat((BigDecimal) young.get("muac_cm")).isEqualByComparingTo("22.0");
        assertThat((String) young.get("mother_key")).doesNotContain(file.get("NIK:1"));

        Map<String, Object> old = rowOf("pregnancies", "mother_name", "Ibu " + run + " kelrw");
        assertThat(risks(old))
                .as("37 at HPHT, 12 months since the last birth, fifth pregnancy; '-' is no risk")
                .containsExactly("TOO_OLD", "TOO_CLOSE", "TOO_MANY");
        assertThat(old)
                .containsEntry("high_risk", true)
                .containsEntry("months_since_last_birth", 12)
                .containsEntry("estimated_due_date", Date.valueOf("2025-11-10"))
                .containsEntry("low_birth_weight", null)
                .containsEntry("home_visits_due", 0);

        Map<String, Object> none = rowOf("pregnancies", "mother_name", "Ibu " + run + " unknownkel");
        assertThat(risks(none))
                .as("30 at HPHT, second pregnancy after 36 months, 'Tidak ada'")
                .isEmpty();
        assertThat(none).containsEntry("high_risk", false).containsEntry("nik_masked", null);
        assertThat((String) none.get("mother_key")).startsWith("gen:");

        assertThat(rowOf("pregnancies", "mother_name", "Ibu " + run + " norw"))
                .containsEntry("birth_weight_g", 3200)
                .containsEntry("low_birth_weight", false)
                .containsEntry("home_visits_due", 0)
                .containsEntry("anc_contacts", 0);

        Map<String, Object> infantDeath = rowOf("pregnancies", "mother_name", "Ibu " + run + " byname");
        assertThat(infantDeath)
                .containsEntry("low_birth_weight", true)
                .containsEntry("home_visits_due", 4)
                .containsEntry("home_visits_done", 2)
                .containsEntry("infant_death_on", Date.valueOf("2025-03-10"))
                .containsEntry("maternal_death_on", null)
                .containsEntry("death_place", "Rumah")
                .containsEntry("high_risk", false);
    }

    @Test
    void sameFileTwiceChangesNothing() {
        assertReimportChangesNothing(
                ImportFormat.PERMAISURI, fixture("permaisuri-valid.csv"), "pregnancies", "mother_name");
    }

    @Test
    void aPregnancyThatProgressesIsOneUpdate() {
        Fixture file = fixture("permaisuri-valid.csv");
        String run = file.marker();
        importFixture(ImportFormat.PERMAISURI, file);
        Object id = rowOf("pregnancies", "mother_name", "Ibu " + run + " unknownkel")
                .get("id");
        Map<String, Long> counts = tableCounts();

        String pregnant = ";01/03/2025;;2;36;26,0;2;Tidak ada;;;;;;;;";
        assertThat(file.text()).contains(pregnant);
        ImportJob later = importText(
                ImportFormat.PERMAISURI,
                "permaisuri-later.csv",
                file.text().replace(pregnant, ";01/03/2025;;2;36;26,0;5;Tidak ada;;01/12/2025;Rumah Sakit;2100;;;;"));

        assertThat(later.rowsUpdated()).as(later.describe()).isEqualTo(1);
        assertThat(later.rowsInserted()).isZero();
        assertCountersAddUp(later);
        assertThat(tableCounts()).isEqualTo(counts);
        assertThat(rowOf("pregnancies", "mother_name", "Ibu " + run + " unknownkel"))
                .containsEntry("id", id)
                .containsEntry("anc_contacts", 5)
                .containsEntry("birth_weight_g", 2100)
                .containsEntry("low_birth_weight", true)
                .containsEntry("home_visits_due", 4);
    }

    private static List<String> risks(Map<String, Object> pregnancy) throws SQLException {
        return Arrays.asList((String[]) ((Array) pregnancy.get("risk_factors")).getArray());
    }
}
