package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.sql.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * P3KE / DTSEN files into the extreme-poverty register (cases/p3ke-valid.csv): every family lands keyed by its hashed
 * family card, RWs assigned or kept unassigned, the same file twice changes nothing, and an older ranking never
 * overwrites a newer one: not from a later file, not from a later row of the same file.
 */
@Slow
class P3keImportTest extends CaseTestSupport {

    private static final String HEADER =
            "No KK;Nama Kepala Keluarga;Kode Kel;RT;RW;Desil;Jumlah Anggota;Sumber;Tgl Data";

    @Test
    void everyFamilyLandsWithItsDesilAndRw() {
        Fixture file = fixture("p3ke-valid.csv");
        String run = file.marker();
        ImportJob job = importFixture(ImportFormat.P3KE, file);

        assertThat(job.state()).as(job.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(problemLines(job)).containsExactly("4 RW UNASSIGNED", "5 RW UNASSIGNED");
        assertThat(job.rowsInserted()).isEqualTo(5);
        assertCountersAddUp(job);
        assertRwAssignment(job, "poverty_households", "head_name", "Kepala", run);

        Map<String, Object> poorest = rowOf("poverty_households", "head_name", "Kepala " + run + " point");
        assertThat(poorest)
                .containsEntry("desil", 1)
                .containsEntry("household_size", 5)
                .containsEntry("source", "P3KE")
                .containsEntry("as_of", Date.valueOf("2025-06-01"))
                .containsEntry("family_card_masked", masked(file.get("KK:1")));
        assertThat((String) poorest.get("family_card_hash")).hasSize(64).doesNotContain(file.get("KK:1"));
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + run + " kelrw"))
                .containsEntry("desil", 2)
                .containsEntry("source", "DTSEN");
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + run + " norw"))
                .as("the source compared without case")
                .containsEntry("source", "P3KE")
                .containsEntry("desil", 3);
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + run + " byname"))
                .containsEntry("desil", 10)
                .containsEntry("household_size", 1)
                .containsEntry("as_of", Date.valueOf("2025-06-01"));
    }

    @Test
    void sameFileTwiceChangesNothing() {
        assertReimportChangesNothing(ImportFormat.P3KE, fixture("p3ke-valid.csv"), "poverty_households", "head_name");
    }

    @Test
    void olderRankingFromALaterFileNeverOverwritesANewerOne() {
        String kk = kk();
        importText(
                ImportFormat.P3KE,
                "june.csv",
                HEADER + "\n" + kk + ";Kepala " + RUN + " asof;33.75.01.1002;1;2;3;4;" + "DTSEN;01/06/2025\n");

        ImportJob older = importText(
                ImportFormat.P3KE,
                "january.csv",
                HEADER + "\n" + kk + ";Kepala " + RUN + " asof;33.75.01.1002;1;2;1;6;P3KE;01/01/2025\n");

        assertThat(older.rowsUpdated()).as(older.describe()).isZero();
        assertThat(older.rowsInserted()).isZero();
        assertCountersAddUp(older);
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + RUN + " asof"))
                .containsEntry("desil", 3)
                .containsEntry("household_size", 4)
                .containsEntry("as_of", Date.valueOf("2025-06-01"));

        ImportJob newer = importText(
                ImportFormat.P3KE,
                "december.csv",
                HEADER + "\n" + kk + ";Kepala " + RUN + " asof;33.75.01.1002;1;2;2;5;DTSEN;01/12/2025\n");

        assertThat(newer.rowsUpdated()).as(newer.describe()).isEqualTo(1);
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + RUN + " asof"))
                .containsEntry("desil", 2)
                .containsEntry("as_of", Date.valueOf("2025-12-01"));
        assertThat(count(
                        "SELECT count(*) FROM poverty_households WHERE head_name = :n", "n", "Kepala " + RUN + " asof"))
                .isEqualTo(1);
    }

    @Test
    void olderRankingLaterInTheSameFileIsSupersededByTheNewerOne() {
        String kk = kk();
        String text = HEADER + "\n"
                + kk + ";Kepala " + RUN + " samefile;33.75.01.1002;1;2;3;4;DTSEN;01/06/2025\n"
                + kk + ";Kepala " + RUN + " samefile;33.75.01.1002;1;2;1;6;P3KE;01/01/2025\n";

        ImportJob job = importText(ImportFormat.P3KE, "twice.csv", text);

        assertThat(job.rowsInserted()).as(job.describe()).isEqualTo(1);
        assertThat(job.rowsSuperseded()).isEqualTo(1);
        assertCountersAddUp(job);
        assertThat(problemLines(job))
                .as("the older row (3) is the one set aside")
                .containsExactly("3 (row) SUPERSEDED");
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + RUN + " samefile"))
                .containsEntry("desil", 3)
                .containsEntry("as_of", Date.valueOf("2025-06-01"));
    }
}
