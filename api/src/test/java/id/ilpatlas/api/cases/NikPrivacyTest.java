package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;

/**
 * A NIK (or No KK) never leaves the database in clear: after importing files full of them - well formed, malformed,
 * and in the wrong column - no column of the registers, the jobs, their problem reports or the audit log holds any of
 * them, GraphQL shows only the masked form, and the downloadable report never repeats one.
 */
@Slow
class NikPrivacyTest extends CaseTestSupport {

    private static final List<String> TABLES = List.of(
            "children",
            "growth_measurements",
            "tb_cases",
            "poverty_households",
            "pregnancies",
            "audit_log",
            "import_problems",
            "import_jobs");

    @Test
    void noNikFromTheFilesIsStoredReportedOrAnsweredInClear() {
        List<String> identities = new ArrayList<>();
        String child = nik();
        String childNoName = nik();
        String wrongColumn = nik();
        String patient = nik();
        String mother = nik();
        String card = kk();
        identities.addAll(List.of(child, childNoName, wrongColumn, patient, mother, card));
        // Malformed ones: each still holds a 16-digit run someone could read a NIK from.
        String badDate = "3375019913230001";
        String badSerial = "3375015501230000";
        String tooLong = nik() + "7";
        identities.addAll(List.of(badDate, badSerial, tooLong.substring(0, 16), tooLong.substring(1)));

        String eppgbm = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Alamat\n"
                + child + ";Anak " + RUN + " nik1;P;01/02/2023;33.75.01.1002;1;1;15/03/2025;10,1;Jl. A\n"
                + childNoName + ";;L;01/02/2023;33.75.01.1002;1;1;15/03/2025;10,1;Jl. B\n"
                + badDate + ";Anak " + RUN + " nik3;L;01/02/2023;33.75.01.1002;1;1;15/03/2025;10,1;\n"
                + badSerial + ";Anak " + RUN + " nik4;L;01/02/2023;33.75.01.1002;1;1;15/03/2025;10,1;\n"
                + tooLong + ";Anak " + RUN + " nik5;L;01/02/2023;33.75.01.1002;1;1;15/03/2025;10,1;\n"
                // a NIK shifted into RT, Tanggal Pengukuran and Berat: the report must not echo it
                + ";Anak " + RUN + " nik6;L;01/02/2023;33.75.01.1002;" + wrongColumn + ";1;" + wrongColumn + ";"
                + wrongColumn + ";\n"
                + ";Anak " + RUN + " nik7;L;01/02/2023;" + wrongColumn + ";1;1;15/03/2025;10,1;\n";
        ImportJob children = importText(ImportFormat.EPPGBM, "nik-" + RUN + ".csv", eppgbm);
        assertThat(children.rowsInserted())
                .as(children.describe() + problemLines(children))
                .isEqualTo(2);
        assertThat(problemLines(children))
                .contains(
                        "4 NIK REJECTED",
                        "5 NIK REJECTED",
                        "6 NIK REJECTED",
                        "7 RT REJECTED",
                        "7 Tanggal Pengukuran REJECTED",
                        "7 Berat REJECTED",
                        "8 Kode Kel REJECTED");

        ImportJob tb = importText(
                ImportFormat.SITB,
                "nik.csv",
                "No Registrasi;NIK;Nama;Kode Kel;RW;Tgl Diagnosis;"
                        + "Tipe Diagnosis;Lokasi Anatomi;Riwayat Pengobatan;Status Resistensi\n" + registration() + ";"
                        + patient
                        + ";Pasien " + RUN + " nik;33.75.01.1002;1;01/02/2025;Klinis;Paru;Baru;SO\n" + registration()
                        + ";"
                        + badDate + ";Pasien " + RUN + " nikbad;33.75.01.1002;1;01/02/2025;Klinis;Paru;Baru;SO\n");
        assertThat(tb.rowsInserted()).isEqualTo(1);
        ImportJob mothers = importText(
                ImportFormat.PERMAISURI,
                "nik.csv",
                "NIK Ibu;Nama Ibu;Tgl Lahir Ibu;Kode Kel;"
                        + "RW;HPHT;Kehamilan Ke\n" + mother + ";Ibu " + RUN
                        + " nik;01/01/1995;33.75.01.1002;1;01/03/2025;1\n"
                        + badSerial + ";Ibu " + RUN + " nikbad;01/01/1995;33.75.01.1002;1;01/03/2025;1\n");
        assertThat(mothers.rowsInserted()).isEqualTo(1);
        ImportJob families = importText(
                ImportFormat.P3KE,
                "nik.csv",
                "No KK;Nama Kepala Keluarga;Kode Kel;RW;Desil;"
                        + "Jumlah Anggota;Sumber;Tgl Data\n" + card + ";Kepala " + RUN
                        + " nik;33.75.01.1002;1;1;4;P3KE;"
                        + "01/06/2025\n" + card.substring(0, 12) + "0000" + ";Kepala " + RUN
                        + " nikbad;33.75.01.1002;1;1;4;"
                        + "P3KE;01/06/2025\n");
        assertThat(families.rowsInserted()).isEqualTo(1);
        identities.add(card.substring(0, 12) + "0000");

        String[] patterns = identities.stream().map(n -> "%" + n + "%").toArray(String[]::new);
        for (String table : TABLES) {
            assertThat(count(
                            "SELECT count(*) FROM " + table + " t WHERE row_to_json(t)::text LIKE ANY(CAST(:n AS "
                                    + "text[]))",
                            "n",
                            patterns))
                    .as("rows of %s holding a NIK / No KK of the files", table)
                    .isZero();
        }
        assertThat(rowOf("children", "name", "Anak " + RUN + " nik1")).containsEntry("nik_masked", masked(child));
        assertThat(rowOf("tb_cases", "name", "Pasien " + RUN + " nik")).containsEntry("nik_masked", masked(patient));
        assertThat(rowOf("pregnancies", "mother_name", "Ibu " + RUN + " nik"))
                .containsEntry("nik_masked", masked(mother));
        assertThat(rowOf("poverty_households", "head_name", "Kepala " + RUN + " nik"))
                .containsEntry("family_card_masked", masked(card));

        StringWriter report = new StringWriter();
        for (ImportJob job : List.of(children, tb, mothers, families)) {
            jobs.writeProblemsCsv(job.id(), report);
        }
        for (String identity : identities) {
            assertThat(report.toString()).as("the problem reports").doesNotContain(identity);
        }
        assertThat(report.toString()).contains("malformed");

        for (String document : List.of("caseChildren", "caseTbCases", "casePregnancies", "casePovertyHouseholds")) {
            GraphQlResponse response =
                    run(as("dinkes"), document, Map.of("filter", Map.of("regionCode", "33.75.01.1002.RW001")));
            assertThat(response.getErrors()).isEmpty();
            String json = response.toMap().toString();
            for (String identity : identities) {
                assertThat(json).as("%s as dinkes", document).doesNotContain(identity);
            }
            assertThat(json).containsAnyOf(masked(child), masked(patient), masked(mother), masked(card));
        }
        for (ImportJob job : List.of(children, tb, mothers, families)) {
            String json = run(as("dinkes"), "caseImportJob", Map.of("id", Long.toString(job.id())))
                    .toMap()
                    .toString();
            for (String identity : identities) {
                assertThat(json).as("importJob %s", job.id()).doesNotContain(identity);
            }
        }
    }

    /** A NIK written in groups (spaces, dashes, dots) in a wrong column is masked in the report like a plain one. */
    @Test
    void aNikWrittenInGroupsIsMaskedInTheProblemReports() {
        String spaced = grouped(nik(), " ");
        String dashed = grouped(nik(), "-");
        String dotted = grouped(nik(), ".");
        String mixed = nik().replaceFirst("^(\\d{6})(\\d{6})(\\d{4})$", "$1 - $2/$3");
        List<String> grouped = List.of(spaced, dashed, dotted, mixed);
        String eppgbm = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;Usia Saat Ukur\n"
                + ";Anak " + RUN + " grp1;L;01/02/2023;33.75.01.1002;" + spaced + ";1;" + dashed + ";" + dotted
                + ";" + mixed + "\n"
                + ";Anak " + RUN + " grp2;L;01/02/2023;" + dotted + ";1;" + mixed + ";15/03/2025;10,1;\n";

        ImportJob job = importText(ImportFormat.EPPGBM, "nik-grouped-" + RUN + ".csv", eppgbm);

        assertThat(problemLines(job))
                .contains(
                        "2 RT REJECTED",
                        "2 Tanggal Pengukuran REJECTED",
                        "2 Berat REJECTED",
                        "3 Kode Kel REJECTED",
                        "3 RW REJECTED");
        StringWriter report = new StringWriter();
        jobs.writeProblemsCsv(job.id(), report);
        GraphQlResponse response = run(as("dinkes"), "caseImportJob", Map.of("id", Long.toString(job.id())));
        assertThat(response.getErrors()).isEmpty();
        String json = response.toMap().toString();
        for (String identity : grouped) {
            assertThat(report.toString()).as("the problem report").doesNotContain(identity);
            assertThat(json).as("importJob problems").doesNotContain(identity);
        }
        assertThat(report.toString())
                .as("the value is repeated, masked")
                .contains("'**** **** **** ****'")
                .contains("'****-****-****-****'")
                .contains("'****.****.****.****'");
    }

    private static String grouped(String digits, String separator) {
        return String.join(
                separator,
                digits.substring(0, 4),
                digits.substring(4, 8),
                digits.substring(8, 12),
                digits.substring(12));
    }
}
