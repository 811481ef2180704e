package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.geo.growth.GrowthAssessment;
import id.ilpatlas.geo.growth.GrowthInput;
import id.ilpatlas.geo.growth.GrowthStandards;
import id.ilpatlas.geo.growth.MeasurePosition;
import id.ilpatlas.geo.growth.Sex;
import id.ilpatlas.geo.testing.Slow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * e-PPGBM files into the child growth register (cases/eppgbm-valid.csv): every row lands with WHO z-scores computed
 * on write (the export's own z-scores ignored), RWs assigned by point, by kelurahan + RW number or kept unassigned,
 * the same file twice changes nothing, a corrected weight updates exactly its measurement, and an older file never
 * moves a child back to an older address.
 */
@Slow
class EppgbmImportTest extends CaseTestSupport {

    private static final String COUNT_MEASUREMENTS = """
            SELECT count(*) FROM growth_measurements m JOIN children c ON c.kabkota_code = m.kabkota_code
                                                                     AND c.id = m.child_id
             WHERE c.name LIKE :m""";

    @Test
    void everyRowLandsWithWhoZScoresAndItsRw() {
        Fixture file = fixture("eppgbm-valid.csv");
        String run = file.marker();
        ImportJob job = importFixture(ImportFormat.EPPGBM, file);

        assertThat(job.state()).as(job.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(problemLines(job)).as("problems").containsExactly("4 RW UNASSIGNED", "5 RW UNASSIGNED");
        assertThat(job.rowsRead()).isEqualTo(6);
        assertThat(job.rowsInserted()).isEqualTo(6);
        assertThat(job.rowsRejected()).isZero();
        assertCountersAddUp(job);
        assertThat(count(COUNT_MEASUREMENTS, "m", "Anak " + run + " %")).isEqualTo(6);
        assertThat(jdbc.sql("""
                        SELECT actor || ' ' || role || ' ' || outcome || ' ' || target_type FROM audit_log
                         WHERE action = 'importCases' AND target_id = :id""")
                        .param("id", Long.toString(job.id()))
                        .query(String.class)
                        .list())
                .as("the import is audited")
                .containsExactly("dinkes DINKES_ADMIN DONE ImportJob");
        assertRwAssignment(job, "children", "name", "Anak", run);

        Map<String, Object> siti = rowOf("children", "name", "Anak " + run + " point");
        assertThat(siti)
                .containsEntry("sex", "FEMALE")
                .containsEntry("birth_weight_g", 2900)
                .containsEntry("parent_name", "Ibu Satu")
                .containsEntry("address", "Jl. Melati 3")
                .containsEntry("nik_masked", masked(file.get("NIK:1")))
                .containsEntry("posyandu_id", facilityId("PSY-3375011002RW001-1"))
                .containsEntry("last_seen_on", java.sql.Date.valueOf("2025-03-15"));
        assertThat((BigDecimal) siti.get("birth_length_cm")).isEqualByComparingTo("48.5");
        assertThat((String) siti.get("child_key"))
                .doesNotContain(file.get("NIK:1"))
                .hasSize(64);

        Map<String, Object> m = measurementOf("Anak " + run + " point");
        assertThat(m)
                .containsEntry("measured", "STANDING")
                .containsEntry("oedema", false)
                .containsEntry("flagged", false)
                .containsEntry("rw_code", "33.75.01.1002.RW005")
                .containsEntry("region_code", "33.75.01.1002.RW005")
                .containsEntry(
                        "age_days", (int) ChronoUnit.DAYS.between(LocalDate.of(2023, 1, 5), LocalDate.of(2025, 3, 15)));
        assertThat((BigDecimal) m.get("weight_kg")).isEqualByComparingTo("10.2");
        assertThat((BigDecimal) m.get("length_height_cm")).isEqualByComparingTo("82.5");
        assertThat((BigDecimal) m.get("muac_cm")).isEqualByComparingTo("14.0");
        assertThat((BigDecimal) m.get("head_cm")).isEqualByComparingTo("46.5");
        GrowthAssessment expected = GrowthStandards.assess(GrowthInput.between(
                        Sex.FEMALE,
                        LocalDate.of(2023, 1, 5),
                        LocalDate.of(2025, 3, 15),
                        10.2,
                        82.5,
                        MeasurePosition.STANDING,
                        false)
                .withHeadCircumferenceCm(46.5));
        assertZ(m, "z_length_height_for_age", expected.lengthHeightForAge().z());
        assertZ(m, "z_weight_for_age", expected.weightForAge().z());
        assertZ(
                m,
                "z_weight_for_length_height",
                expected.weightForLengthHeight().z());
        assertZ(m, "z_bmi_for_age", expected.bmiForAge().z());
        assertThat(((BigDecimal) m.get("z_length_height_for_age")).doubleValue())
                .as("the export's own ZS TB/U 9,99 is ignored")
                .isLessThan(5);
        assertThat(m.get("category_length_height_for_age"))
                .isEqualTo(((Enum<?>) expected.lengthHeightForAge().category()).name());

        Map<String, Object> budi = rowOf("children", "name", "Anak " + run + " kelrw");
        assertThat(budi)
                .containsEntry("birth_weight_g", 3100)
                .containsEntry("address", "Gg. Mawar; No. \"7\"")
                .containsEntry("posyandu_id", facilityId("PSY-3375011002RW009-1"));
        Map<String, Object> budiM = measurementOf("Anak " + run + " kelrw");
        assertThat(budiM).containsEntry("measured", "LYING");
        assertThat((BigDecimal) budiM.get("weight_kg"))
                .as("a point decimal is read too")
                .isEqualByComparingTo("8.1");

        Map<String, Object> noNik = rowOf("children", "name", "Anak " + run + " unknownkel");
        assertThat(noNik).containsEntry("nik_masked", null);
        assertThat((String) noNik.get("child_key")).startsWith("gen:");
        assertThat(measurementOf("Anak " + run + " unknownkel"))
                .as("empty Cara Ukur: the expected position")
                .containsEntry("measured", null)
                .containsEntry("region_code", "33.75");

        Map<String, Object> oedema = measurementOf("Anak " + run + " byname");
        assertThat(oedema)
                .containsEntry("oedema", true)
                .containsEntry("z_weight_for_age", null)
                .containsEntry("z_weight_for_length_height", null)
                .containsEntry("z_bmi_for_age", null);
        assertThat(oedema.get("z_length_height_for_age"))
                .as("length-for-age does not need the weight")
                .isNotNull();
        assertThat(rowOf("children", "name", "Anak " + run + " byname")).containsEntry("birth_weight_g", 2400);

        Map<String, Object> stunted = measurementOf("Anak " + run + " stunted");
        assertThat(stunted.get("category_length_height_for_age")).isIn("PENDEK", "SANGAT_PENDEK");
        assertThat(((BigDecimal) stunted.get("z_length_height_for_age")).doubleValue())
                .isLessThan(-2);
    }

    @Test
    void sameFileTwiceChangesNothing() {
        assertReimportChangesNothing(ImportFormat.EPPGBM, fixture("eppgbm-valid.csv"), "children", "name");
    }

    @Test
    void correctedWeightUpdatesExactlyThatMeasurement() {
        Fixture file = fixture("eppgbm-valid.csv");
        String run = file.marker();
        ImportJob first = importFixture(ImportFormat.EPPGBM, file);
        Map<String, Object> before = measurementOf("Anak " + run + " point");
        Map<String, Long> counts = tableCounts();

        String corrected = file.text().replace("15/03/2025;10,2;82,5;", "15/03/2025;10,6;82,5;");
        assertThat(corrected).isNotEqualTo(file.text());
        ImportJob second = importText(ImportFormat.EPPGBM, "eppgbm-corrected.csv", corrected);

        assertThat(second.rowsUpdated()).as(second.describe()).isEqualTo(1);
        assertThat(second.rowsInserted()).isZero();
        assertThat(second.rowsUnchanged()).isEqualTo(first.rowsInserted() - 1);
        assertCountersAddUp(second);
        assertThat(tableCounts()).isEqualTo(counts);
        Map<String, Object> after = measurementOf("Anak " + run + " point");
        assertThat((BigDecimal) after.get("weight_kg")).isEqualByComparingTo("10.6");
        assertThat(after.get("id")).as("the same measurement, updated in place").isEqualTo(before.get("id"));
        assertThat(after.get("z_weight_for_age")).isNotEqualTo(before.get("z_weight_for_age"));
        assertThat(after.get("import_job_id")).isEqualTo(second.id());
        assertThat(measurementOf("Anak " + run + " kelrw").get("import_job_id"))
                .as("the others are untouched")
                .isEqualTo(first.id());
    }

    @Test
    void olderFileNeverMovesAChildBackToAnOlderAddress() {
        String nik = nik();
        String header = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Tinggi";
        String march = header + "\n" + nik + ";Anak " + RUN + " moved;L;01/01/2024;33.75.01.1002;1;3;15/03/2025;"
                + "9,0;74,0\n";
        String april = header + "\n" + nik + ";Anak " + RUN + " moved;L;01/01/2024;33.75.01.1002;1;4;15/04/2025;"
                + "9,3;75,0\n";
        importText(ImportFormat.EPPGBM, "march.csv", march);
        ImportJob newer = importText(ImportFormat.EPPGBM, "april.csv", april);
        assertThat(newer.rowsInserted())
                .as("a new measurement of the same child")
                .isEqualTo(1);
        assertThat(rowOf("children", "name", "Anak " + RUN + " moved")).containsEntry("rw_code", "33.75.01.1002.RW004");

        ImportJob older = importText(ImportFormat.EPPGBM, "march-again.csv", march);

        assertThat(older.rowsUnchanged()).as(older.describe()).isEqualTo(1);
        assertThat(rowOf("children", "name", "Anak " + RUN + " moved"))
                .as("the child keeps the address of its newest measurement")
                .containsEntry("rw_code", "33.75.01.1002.RW004")
                .containsEntry("last_seen_on", java.sql.Date.valueOf("2025-04-15"));
        assertThat(count(COUNT_MEASUREMENTS, "m", "Anak " + RUN + " moved")).isEqualTo(2);
        assertThat(jdbc.sql("""
                        SELECT m.rw_code FROM growth_measurements m JOIN children c ON c.id = m.child_id
                         WHERE c.name = :n ORDER BY m.measured_on""")
                        .param("n", "Anak " + RUN + " moved")
                        .query(String.class)
                        .list())
                .as("each measurement keeps where the child lived then")
                .containsExactly("33.75.01.1002.RW003", "33.75.01.1002.RW004");
    }

    @Test
    void kelurahanByNameInsideKodeKabKota() {
        String header = "Nama;JK;Tgl Lahir;Kode Kab/Kota;Desa/Kel;RT;RW;Tanggal Pengukuran;Berat";
        String text = header + "\n"
                + "Anak " + RUN + " kab1;P;01/01/2024;33.75;Krapyak;1;1;15/03/2025;8,0\n"
                + "Anak " + RUN + " kab2;P;01/01/2024;3375;kandang panjang;1;1;15/03/2025;8,0\n"
                + "Anak " + RUN + " kab3;P;01/01/2024;33.74;Krapyak;1;1;15/03/2025;8,0\n"
                + "Anak " + RUN + " kab4;P;01/01/2024;;Krapyak;1;1;15/03/2025;8,0\n";

        ImportJob job = importText(ImportFormat.EPPGBM, "bykabkota.csv", text);

        assertThat(problemLines(job)).as("Krapyak is not in kab/kota 33.74").containsExactly("4 Desa/Kel REJECTED");
        assertThat(rowOf("children", "name", "Anak " + RUN + " kab1")).containsEntry("rw_code", "33.75.03.1002.RW001");
        assertThat(rowOf("children", "name", "Anak " + RUN + " kab2")).containsEntry("kelurahan_code", "33.75.03.1003");
        assertThat(rowOf("children", "name", "Anak " + RUN + " kab4"))
                .as("a unique name needs no kab/kota")
                .containsEntry("kelurahan_code", "33.75.03.1002");
    }

    @Test
    void birthWeightsAreReadAsKilogramsOrGramsAndImplausibleOnesRejected() {
        String header = "Nama;JK;Tgl Lahir;BB Lahir;Kode Kel;RW;Tanggal Pengukuran;Berat";
        StringBuilder text = new StringBuilder(header).append('\n');
        List<String> weights = List.of("2,8", "2800", "0,25", "7,5", "9", "7000", "50", "250");
        for (int i = 0; i < weights.size(); i++) {
            text.append("Anak ")
                    .append(RUN)
                    .append(" bb")
                    .append(i)
                    .append(";L;01/01/2024;")
                    .append(weights.get(i))
                    .append(";33.75.01.1002;1;15/03/2025;8,0\n");
        }

        ImportJob job = importText(ImportFormat.EPPGBM, "birthweights.csv", text.toString());

        assertThat(job.state())
                .as("no weight may fail a batch at the database: " + job.describe())
                .isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(problemsOf(job)).extracting(ImportJobs.Problem::rowNumber).containsExactly(4, 5, 6, 8, 9);
        assertThat(problemsOf(job)).allSatisfy(p -> assertThat(p.column()).isEqualTo("BB Lahir"));
        assertThat(rowOf("children", "name", "Anak " + RUN + " bb0")).containsEntry("birth_weight_g", 2800);
        assertThat(rowOf("children", "name", "Anak " + RUN + " bb1")).containsEntry("birth_weight_g", 2800);
        assertThat(rowOf("children", "name", "Anak " + RUN + " bb5")).containsEntry("birth_weight_g", 7000);
    }

    private Map<String, Object> measurementOf(String childName) {
        List<Map<String, Object>> rows =
                jdbc.sql("""
                        SELECT m.* FROM growth_measurements m JOIN children c ON c.kabkota_code = m.kabkota_code
                                                                             AND c.id = m.child_id
                         WHERE c.name = :n""").param("n", childName).query().listOfRows();
        assertThat(rows).as("measurements of %s", childName).hasSize(1);
        return rows.get(0);
    }

    private long facilityId(String code) {
        return count("SELECT id FROM facilities WHERE code = :c", "c", code);
    }

    private static void assertZ(Map<String, Object> measurement, String column, Double expected) {
        assertThat(expected).as("WHO gives a %s", column).isNotNull();
        assertThat(((BigDecimal) measurement.get(column)).doubleValue())
                .as(column)
                .isCloseTo(expected, within(0.0051));
    }
}
