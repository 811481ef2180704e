package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.api.cases.importing.ImportJobs;
import id.ilpatlas.geo.testing.Slow;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;

/**
 * Issue 14 item 4: an import must not take over another area's records. The Dinkes has a record in Medono in every
 * register; Puskesmas Tirto (scope Tirto and Pringrejo) imports a file whose row 2 carries that record's key (the
 * child's NIK, the SITB number, the No KK, the mother's NIK + HPHT) with a Tirto address, a new name and other
 * clinical values, row 3 a new Tirto record and row 4 a Medono address. Row 2 is rejected on its key column and row
 * 4 on Kode Kel with the same reason ("belongs to another area", naming neither Medono nor the record), row 3 is
 * imported; the Medono record is unchanged to the last column, and Tirto reads neither it nor its history.
 */
@Slow
class ImportScopeTakeoverTest extends CaseTestSupport {

    static final String MEDONO = "33.75.01.1002";
    static final String TIRTO = "33.75.01.1009";

    /** One register: its format, table, the key column of the problem report, and a row maker. */
    enum Register {
        CHILDREN(
                ImportFormat.EPPGBM,
                "children",
                "name",
                "NIK",
                "NIK;Nama;JK;Tgl Lahir;Kode Kel;RW;Tanggal Pengukuran;Berat;Tinggi\n") {
            @Override
            String row(String key, String name, String kelurahan, boolean victimValues) {
                return key + ";" + name + ";P;01/02/2023;" + kelurahan + ";1;"
                        + (victimValues ? "15/03/2025" : "15/04/2025") + ";" + (victimValues ? "10,1" : "11,5")
                        + ";80,0\n";
            }
        },
        TB(
                ImportFormat.SITB,
                "tb_cases",
                "name",
                "No Registrasi",
                "No Registrasi;NIK;Nama;Kode Kel;RW;Tgl Diagnosis;Tipe Diagnosis;Lokasi Anatomi;Riwayat Pengobatan;"
                        + "Status HIV;Status Resistensi\n") {
            @Override
            String row(String key, String name, String kelurahan, boolean victimValues) {
                return key + ";" + nik() + ";" + name + ";" + kelurahan + ";1;01/02/2025;"
                        + (victimValues ? "Bakteriologis;Paru;Kambuh;Positif;RO\n" : "Klinis;Paru;Baru;Negatif;SO\n");
            }
        },
        POVERTY(
                ImportFormat.P3KE,
                "poverty_households",
                "head_name",
                "No KK",
                "No KK;Nama Kepala Keluarga;Kode Kel;RW;Desil;Jumlah Anggota;Sumber;Tgl Data\n") {
            @Override
            String row(String key, String name, String kelurahan, boolean victimValues) {
                return key + ";" + name + ";" + kelurahan + ";1;"
                        + (victimValues ? "1;4;P3KE;01/06/2025\n" : "7;2;DTSEN;01/07/2025\n");
            }
        },
        PREGNANCIES(
                ImportFormat.PERMAISURI,
                "pregnancies",
                "mother_name",
                "NIK Ibu",
                "NIK Ibu;Nama Ibu;Tgl Lahir Ibu;Kode Kel;RW;HPHT;Kehamilan Ke;LiLA\n") {
            @Override
            String row(String key, String name, String kelurahan, boolean victimValues) {
                return key + ";" + name + ";01/01/1995;" + kelurahan + ";1;01/03/2025;"
                        + (victimValues ? "1;21,0\n" : "3;26,0\n");
            }
        };

        final ImportFormat format;
        final String table;
        final String nameColumn;
        final String keyColumn;
        final String header;

        Register(ImportFormat format, String table, String nameColumn, String keyColumn, String header) {
            this.format = format;
            this.table = table;
            this.nameColumn = nameColumn;
            this.keyColumn = keyColumn;
            this.header = header;
        }

        /** A data row; {@code victimValues} picks the Medono record's values, else different ones. */
        abstract String row(String key, String name, String kelurahan, boolean victimValues);

        String key() {
            return switch (this) {
                case TB -> registration();
                case POVERTY -> kk();
                default -> nik();
            };
        }
    }

    @Test
    void aTirtoImportCannotTakeOverAMedonoChild() {
        attempt(Register.CHILDREN);
    }

    @Test
    void aTirtoImportCannotTakeOverAMedonoTbCase() {
        attempt(Register.TB);
    }

    @Test
    void aTirtoImportCannotTakeOverAMedonoHousehold() {
        attempt(Register.POVERTY);
    }

    @Test
    void aTirtoImportCannotTakeOverAMedonoPregnancy() {
        attempt(Register.PREGNANCIES);
    }

    private void attempt(Register register) {
        String key = register.key();
        String victim = "Korban " + RUN + " " + register;
        ImportJob byDinkes =
                importText(register.format, "medono.csv", register.header + register.row(key, victim, MEDONO, true));
        assertThat(byDinkes.rowsInserted())
                .as(byDinkes.describe() + " " + problemLines(byDinkes))
                .isEqualTo(1);
        Map<String, Object> before = storedRow(register, victim);
        String beforeText = storedText(register, victim);
        long measurementsBefore = register == Register.CHILDREN ? measurementsOf(before) : 0;
        long auditBefore = count("SELECT coalesce(max(id), 0) FROM audit_log");

        String fresh = "Baru " + RUN + " " + register;
        String text = register.header
                + register.row(key, "Ganti " + RUN + " " + register, TIRTO, false)
                + register.row(register.key(), fresh, TIRTO, false)
                + register.row(register.key(), "Luar " + RUN + " " + register, MEDONO, false);
        ImportJob byTirto =
                importBytes(register.format, "tirto.csv", text.getBytes(StandardCharsets.UTF_8), TIRTO_STAFF);

        assertThat(byTirto.state()).as(byTirto.describe()).isEqualTo(ImportJob.State.SUCCEEDED);
        assertThat(byTirto.rowsInserted())
                .as("the new Tirto row is imported: " + byTirto.describe())
                .isEqualTo(1);
        assertThat(byTirto.rowsUpdated()).as(byTirto.describe()).isZero();
        assertThat(byTirto.rowsRejected()).as(byTirto.describe()).isEqualTo(2);
        assertCountersAddUp(byTirto);
        List<ImportJobs.Problem> problems = problemsOf(byTirto);
        assertThat(problems)
                .extracting(ImportJobs.Problem::rowNumber, ImportJobs.Problem::column, ImportJobs.Problem::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, register.keyColumn, "REJECTED"),
                        org.assertj.core.groups.Tuple.tuple(4, "Kode Kel", "REJECTED"));
        String reason = problems.get(0).reason();
        assertThat(reason)
                .startsWith("belongs to another area")
                .doesNotContain(MEDONO)
                .doesNotContain("Medono")
                .doesNotContain(key)
                .doesNotContain(masked(key.length() == 16 ? key : "0000000000000000"));
        assertThat(problems.get(1).reason())
                .as("a key of another area and an address of another area are refused " + "in the same words")
                .isEqualTo(reason);
        assertThat(count(
                        "SELECT count(*) FROM " + register.table + " WHERE " + register.nameColumn + " = :n",
                        "n",
                        fresh))
                .isEqualTo(1);

        assertThat(storedText(register, victim))
                .as("the Medono record after Tirto's import, every column")
                .isEqualTo(beforeText);
        assertThat(before).containsEntry("region_code", MEDONO + ".RW001");
        if (register == Register.TB) {
            assertThat(before).containsEntry("hiv_status", "POSITIVE").containsEntry("drug_sensitivity", "RO");
        }
        if (register == Register.CHILDREN) {
            assertThat(measurementsOf(before)).as("the child's measurements").isEqualTo(measurementsBefore);
        }

        // Tirto does not read the record, by list or by id.
        String document = switch (register) {
            case CHILDREN -> "caseChildren";
            case TB -> "caseTbCases";
            case POVERTY -> "casePovertyHouseholds";
            case PREGNANCIES -> "casePregnancies";
        };
        GraphQlResponse tirto = run(as("puskesmas-tirto"), document, Map.of("filter", Map.of("regionCode", TIRTO)));
        assertThat(tirto.getErrors()).isEmpty();
        assertThat(tirto.toMap().toString())
                .doesNotContain(victim)
                .doesNotContain("Ganti " + RUN + " " + register)
                .contains(fresh);
        GraphQlResponse medono = run(as("puskesmas-tirto"), document, Map.of("filter", Map.of("regionCode", MEDONO)));
        assertThat(medono.toMap().toString()).doesNotContain(victim);
        if (register == Register.CHILDREN) {
            GraphQlResponse byId = run(
                    as("puskesmas-tirto"),
                    "caseChild",
                    Map.of("id", before.get("id").toString()));
            assertThat(at(byId, "child"))
                    .as("the Medono child by id, for Tirto")
                    .isNull();
        }

        // The Dinkes learns of the refused takeover from its audit log (the importer's report does not say why).
        List<String> audited = jdbc.sql("""
                        SELECT detail FROM audit_log WHERE id > :after AND actor = 'puskesmas-tirto'
                           AND action = 'importCases' AND outcome = 'REJECTED' AND target_id = :job""")
                .param("after", auditBefore)
                .param("job", Long.toString(byTirto.id()))
                .query(String.class)
                .list();
        assertThat(audited)
                .singleElement()
                .asString()
                .contains("outside the importer's scope")
                .contains("rows 2");
    }

    private Map<String, Object> storedRow(Register register, String name) {
        return jdbc.sql("SELECT * FROM " + register.table + " WHERE " + register.nameColumn + " = :n")
                .param("n", name)
                .query()
                .singleRow();
    }

    private String storedText(Register register, String name) {
        return jdbc.sql("SELECT t::text FROM " + register.table + " t WHERE " + register.nameColumn + " = :n")
                .param("n", name)
                .query(String.class)
                .single();
    }

    private long measurementsOf(Map<String, Object> child) {
        return count("SELECT count(*) FROM growth_measurements WHERE child_id = :id", "id", child.get("id"));
    }

    /**
     * Nested history is scope-filtered: when the Dinkes moves a Medono child to Tirto (a later measurement with a
     * Tirto address), Tirto reads the child with the measurement taken in Tirto only, and the Dinkes with both.
     */
    @Test
    void aChildWhoMovedComesWithoutTheHistoryOfTheOtherArea() {
        String key = nik();
        String name = "Pindah " + RUN;
        String header = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RW;Tanggal Pengukuran;Berat;Tinggi\n";
        importText(
                ImportFormat.EPPGBM,
                "medono.csv",
                header + key + ";" + name + ";L;01/02/2023;" + MEDONO + ";1;15/03/2025;10,1;80,0\n");
        ImportJob moved = importText(
                ImportFormat.EPPGBM,
                "moved.csv",
                header + key + ";" + name + ";L;01/02/2023;" + TIRTO + ";1;15/05/2025;10,9;82,0\n");
        assertThat(moved.rowsInserted()).as(moved.describe()).isEqualTo(1);
        String id = Long.toString(count("SELECT id FROM children WHERE name = :n", "n", name));

        GraphQlResponse tirto = run(as("puskesmas-tirto"), "caseChild", Map.of("id", id));
        assertThat(tirto.getErrors()).isEmpty();
        assertThat(at(tirto, "child.address.kelurahanCode")).isEqualTo(TIRTO);
        assertThat(measuredOn(tirto))
                .as("Tirto's view of the child's measurements")
                .containsExactly("2025-05-15");

        GraphQlResponse dinkes = run(as("dinkes"), "caseChild", Map.of("id", id));
        assertThat(measuredOn(dinkes)).containsExactly("2025-03-15", "2025-05-15");

        GraphQlResponse lurah = run(as("lurah-medono"), "caseChild", Map.of("id", id));
        assertThat(at(lurah, "child"))
                .as("the child, now in Tirto, for the lurah of Medono")
                .isNull();
    }

    private static List<Object> measuredOn(GraphQlResponse response) {
        return ((List<?>) at(response, "child.measurements"))
                .stream()
                        .map(m -> ((Map<?, ?>) m).get("measuredOn"))
                        .map(Object.class::cast)
                        .toList();
    }
}
