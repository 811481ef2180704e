package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;

/**
 * Issue 14 item 5: clinical details go to health roles only (docs/DESIGN.md §4). Every register × every role with
 * case access reads a record of its own area, with HIV positive, drug-resistant, a relapse, cured, and a pregnancy whose
 * file names a diagnosis as a risk factor. DINKES_ADMIN and PUSKESMAS_STAFF read the clinical fields; CAMAT, LURAH
 * and KADER read the person (name, street, diagnosis date, contacts, high-risk flag) with every clinical field null
 * and exactly one FORBIDDEN error per clinical field, and the rest of the data served. Children and households have
 * no clinical field: every role reads them whole.
 */
@Slow
class ClinicalFieldsAccessTest extends CaseTestSupport {

    static final List<String> TB_CLINICAL =
            List.of("diagnosisType", "anatomicalSite", "treatmentHistory", "hivStatus", "drugSensitivity", "outcome");
    static final List<String> PREGNANCY_CLINICAL = List.of("riskFactors");

    /** Role → {user, kelurahan, RW} of a record inside the role's scope. */
    static final Map<String, String[]> READERS = Map.of(
            "DINKES_ADMIN", new String[] {"dinkes", "33.75.03.1002", "1"},
            "PUSKESMAS_STAFF", new String[] {"puskesmas-tirto", "33.75.01.1009", "1"},
            "CAMAT", new String[] {"camat-utara", "33.75.03.1002", "1"},
            "LURAH", new String[] {"lurah-medono", "33.75.01.1002", "1"},
            "KADER", new String[] {"kader-PSY-3375011002RW001-1", "33.75.01.1002", "1"});

    static final List<String> HEALTH_ROLES = List.of("DINKES_ADMIN", "PUSKESMAS_STAFF");

    enum Register {
        CHILDREN,
        TB,
        POVERTY,
        PREGNANCIES
    }

    private static boolean imported;

    @BeforeEach
    void importOneRecordPerPlace() {
        synchronized (ClinicalFieldsAccessTest.class) {
            if (imported) {
                return;
            }
            StringBuilder tb = new StringBuilder("No Registrasi;NIK;Nama;Kode Kel;RW;Alamat;Tgl Diagnosis;"
                    + "Tipe Diagnosis;Lokasi Anatomi;Riwayat Pengobatan;Status HIV;Status Resistensi;"
                    + "Tgl Mulai Pengobatan;Tgl Akhir Pengobatan;Hasil Akhir;Kontak Teridentifikasi\n");
            StringBuilder mothers = new StringBuilder(
                    "NIK Ibu;Nama Ibu;Tgl Lahir Ibu;Kode Kel;RW;Alamat;HPHT;" + "Kehamilan Ke;Faktor Risiko Lain\n");
            StringBuilder children = new StringBuilder(
                    "NIK;Nama;JK;Tgl Lahir;Kode Kel;RW;Alamat;Tanggal Pengukuran;" + "Berat;Tinggi\n");
            StringBuilder families = new StringBuilder(
                    "No KK;Nama Kepala Keluarga;Kode Kel;RW;Alamat;Desil;" + "Jumlah Anggota;Sumber;Tgl Data\n");
            for (String[] place : List.of(
                    new String[] {"krapyak", "33.75.03.1002", "1"},
                    new String[] {"tirto", "33.75.01.1009", "1"},
                    new String[] {"medono", "33.75.01.1002", "1"})) {
                String where = place[1] + ";" + place[2] + ";Jl. Klinis " + place[0];
                tb.append(registration())
                        .append(';')
                        .append(nik())
                        .append(';')
                        .append(name(Register.TB, place[1]))
                        .append(';')
                        .append(where)
                        .append(";01/02/2025;Bakteriologis;Paru;Kambuh;Positif;RO;"
                                + "05/02/2025;05/10/2025;Sembuh;3\n");
                mothers.append(nik())
                        .append(';')
                        .append(name(Register.PREGNANCIES, place[1]))
                        .append(";01/01/1995;")
                        .append(where)
                        .append(";01/03/2025;2;Hipertensi\n");
                children.append(nik())
                        .append(';')
                        .append(name(Register.CHILDREN, place[1]))
                        .append(";P;01/02/2023;")
                        .append(where)
                        .append(";15/03/2025;10,1;80,0\n");
                families.append(kk())
                        .append(';')
                        .append(name(Register.POVERTY, place[1]))
                        .append(';')
                        .append(where)
                        .append(";1;4;P3KE;01/06/2025\n");
            }
            for (ImportJob job : List.of(
                    importText(ImportFormat.SITB, "clinical.csv", tb.toString()),
                    importText(ImportFormat.PERMAISURI, "clinical.csv", mothers.toString()),
                    importText(ImportFormat.EPPGBM, "clinical.csv", children.toString()),
                    importText(ImportFormat.P3KE, "clinical.csv", families.toString()))) {
                assertThat(job.rowsInserted())
                        .as(job.describe() + " " + problemLines(job))
                        .isEqualTo(3);
            }
            imported = true;
        }
    }

    private static String name(Register register, String kelurahan) {
        return "Klinis " + RUN + " " + register + " " + kelurahan;
    }

    static Stream<Arguments> registersAndRoles() {
        List<Arguments> cases = new ArrayList<>();
        for (Register register : Register.values()) {
            for (String role : List.of("DINKES_ADMIN", "PUSKESMAS_STAFF", "CAMAT", "LURAH", "KADER")) {
                cases.add(Arguments.of(register, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} reads {0}")
    @MethodSource("registersAndRoles")
    @SuppressWarnings("unchecked")
    void clinicalFieldsGoToHealthRolesOnly(Register register, String role) {
        String[] reader = READERS.get(role);
        String document = switch (register) {
            case CHILDREN -> "caseChildren";
            case TB -> "caseTbCasesClinical";
            case POVERTY -> "casePovertyHouseholds";
            case PREGNANCIES -> "casePregnanciesClinical";
        };
        String field = switch (register) {
            case CHILDREN -> "children";
            case TB -> "tbCases";
            case POVERTY -> "povertyHouseholds";
            case PREGNANCIES -> "pregnancies";
        };
        List<String> clinical = switch (register) {
            case TB -> TB_CLINICAL;
            case PREGNANCIES -> PREGNANCY_CLINICAL;
            default -> List.of();
        };
        String rw = reader[1] + ".RW00" + reader[2];
        GraphQlResponse response = run(as(reader[0]), document, Map.of("filter", Map.of("regionCode", rw)));

        Map<String, Object> node = ((List<Map<String, Object>>) at(response, field + ".edges"))
                .stream()
                        .map(e -> (Map<String, Object>) e.get("node"))
                        .filter(n -> name(register, reader[1])
                                .equals(n.get(
                                        register == Register.PREGNANCIES
                                                ? "motherName"
                                                : register == Register.POVERTY ? "headName" : "name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(
                                role + " reads no " + register + " in " + rw + ": " + response.getErrors()));
        assertThat(at(node, "address.street"))
                .as("the street, for %s", role)
                .isEqualTo("Jl. Klinis "
                        + (reader[1].equals("33.75.03.1002")
                                ? "krapyak"
                                : reader[1].equals("33.75.01.1009") ? "tirto" : "medono"));

        if (HEALTH_ROLES.contains(role) || clinical.isEmpty()) {
            assertThat(response.getErrors())
                    .as("errors for %s reading %s", role, register)
                    .isEmpty();
            if (register == Register.TB) {
                assertThat(node)
                        .containsEntry("hivStatus", "POSITIVE")
                        .containsEntry("drugSensitivity", "RO")
                        .containsEntry("diagnosisType", "BACTERIOLOGICAL")
                        .containsEntry("anatomicalSite", "PULMONARY")
                        .containsEntry("treatmentHistory", "RELAPSE")
                        .containsEntry("outcome", "CURED");
            }
            if (register == Register.PREGNANCIES) {
                assertThat((List<String>) node.get("riskFactors")).contains("HIPERTENSI");
            }
            return;
        }
        for (String f : clinical) {
            assertThat(node).as("%s of %s for %s", f, register, role).containsEntry(f, null);
        }
        List<String> forbidden = new ArrayList<>();
        for (ResponseError error : response.getErrors()) {
            assertThat(String.valueOf(error.getExtensions().get("classification")))
                    .as(error.getMessage())
                    .isEqualTo("FORBIDDEN");
            assertThat(error.getMessage()).contains("health roles only").contains(role);
            forbidden.add(
                    error.getParsedPath().get(error.getParsedPath().size() - 1).toString());
        }
        assertThat(forbidden)
                .as("one FORBIDDEN error per clinical field, for %s", role)
                .containsExactlyInAnyOrderElementsOf(clinical);
        if (register == Register.TB) {
            assertThat(node)
                    .containsEntry("diagnosedOn", "2025-02-01")
                    .containsEntry("treatmentStartedOn", "2025-02-05")
                    .containsEntry("contactsIdentified", 3);
        } else {
            assertThat(node).containsEntry("highRisk", true);
        }
    }
}
