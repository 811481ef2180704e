package id.ilpatlas.api.cases;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.cases.importing.ImportFormat;
import id.ilpatlas.api.cases.importing.ImportJob;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The four case registers through GraphQL under the access rules, one tester per demo role. Each register gets a
 * record in seven places (an RW of Medono, Medono without an RW, an RW of Tirto, Pringrejo, Krapyak, Kauman, and an
 * unknown kelurahan kept at the kab/kota). Every row a role reads must lie inside its scope (checked on the region
 * codes of the answer, over every page), and of this run's records it must read exactly those of its scope. PLANNER
 * and anonymous callers get FORBIDDEN and no data; a child outside the scope is null; import jobs are for their
 * starter and the Dinkes only.
 */
@Slow
class CaseAccessTest extends CaseTestSupport {

    static final String KADER = "kader-PSY-3375011002RW001-1";

    /** Place → {kode kelurahan, RW}. */
    static final Map<String, String[]> PLACES = new LinkedHashMap<>();

    static {
        PLACES.put("medono-rw1", new String[] {"33.75.01.1002", "1"});
        PLACES.put("medono-norw", new String[] {"33.75.01.1002", "099"});
        PLACES.put("tirto-rw1", new String[] {"33.75.01.1009", "1"});
        PLACES.put("pringrejo", new String[] {"33.75.01.1012", "2"});
        PLACES.put("krapyak", new String[] {"33.75.03.1002", "1"});
        PLACES.put("kauman", new String[] {"33.75.02.1004", "1"});
        PLACES.put("unknownkel", new String[] {"33.75.02.1999", "1"});
    }

    /** Who reads which of the places, and the scope the answer's regions must lie in. */
    static final Map<String, List<String>> VISIBLE = Map.of(
            "dinkes",
            List.copyOf(PLACES.keySet()),
            "camat-utara",
            List.of("krapyak"),
            "lurah-medono",
            List.of("medono-rw1", "medono-norw"),
            KADER,
            List.of("medono-rw1"),
            "puskesmas-tirto",
            List.of("tirto-rw1", "pringrejo"));

    static final Map<String, List<String>> SCOPE = Map.of(
            "dinkes",
            List.of("33.75"),
            "camat-utara",
            List.of("33.75.03"),
            "lurah-medono",
            List.of("33.75.01.1002"),
            KADER,
            List.of("33.75.01.1002.RW001"),
            "puskesmas-tirto",
            List.of("33.75.01.1009", "33.75.01.1012"));

    /** A register as the API lists it. */
    enum Register {
        CHILDREN("caseChildren", "children", "name", "Anak", ImportFormat.EPPGBM),
        TB("caseTbCases", "tbCases", "name", "Pasien", ImportFormat.SITB),
        POVERTY("casePovertyHouseholds", "povertyHouseholds", "headName", "Kepala", ImportFormat.P3KE),
        PREGNANCIES("casePregnancies", "pregnancies", "motherName", "Ibu", ImportFormat.PERMAISURI);

        final String document;
        final String field;
        final String nameField;
        final String prefix;
        final ImportFormat format;

        Register(String document, String field, String nameField, String prefix, ImportFormat format) {
            this.document = document;
            this.field = field;
            this.nameField = nameField;
            this.prefix = prefix;
            this.format = format;
        }

        String name(String place) {
            return prefix + " " + RUN + " acc-" + place;
        }
    }

    /** The identity numbers of this run's records, by name (to find them in answers and the database). */
    private static final Map<String, String> IDENTITIES = new HashMap<>();

    private static boolean imported;

    @BeforeEach
    void importTheSevenPlacesOnce() {
        synchronized (IDENTITIES) {
            if (imported) {
                return;
            }
            StringBuilder eppgbm = new StringBuilder(
                    "NIK;Nama;JK;Tgl Lahir;Kode Kel;RT;RW;Tanggal Pengukuran;Berat;" + "Tinggi;Cara Ukur\n");
            StringBuilder sitb = new StringBuilder("No Registrasi;NIK;Nama;Kode Kel;RT;RW;Tgl Diagnosis;Tipe Diagnosis;"
                    + "Lokasi Anatomi;Riwayat Pengobatan;Status Resistensi\n");
            StringBuilder p3ke = new StringBuilder(
                    "No KK;Nama Kepala Keluarga;Kode Kel;RT;RW;Desil;Jumlah Anggota;" + "Sumber;Tgl Data\n");
            StringBuilder permaisuri =
                    new StringBuilder("NIK Ibu;Nama Ibu;Tgl Lahir Ibu;Kode Kel;RT;RW;HPHT;" + "Kehamilan Ke\n");
            for (Map.Entry<String, String[]> place : PLACES.entrySet()) {
                String kel = place.getValue()[0];
                String rw = place.getValue()[1];
                String child = nik();
                IDENTITIES.put(Register.CHILDREN.name(place.getKey()), child);
                eppgbm.append(child)
                        .append(';')
                        .append(Register.CHILDREN.name(place.getKey()))
                        .append(";P;01/02/2023;")
                        .append(kel)
                        .append(";1;")
                        .append(rw)
                        .append(";15/03/2025;10,1;80,0;Berdiri\n");
                String patient = nik();
                IDENTITIES.put(Register.TB.name(place.getKey()), patient);
                sitb.append(registration())
                        .append(';')
                        .append(patient)
                        .append(';')
                        .append(Register.TB.name(place.getKey()))
                        .append(';')
                        .append(kel)
                        .append(";1;")
                        .append(rw)
                        .append(";01/02/2025;Klinis;Paru;Baru;SO\n");
                String card = kk();
                IDENTITIES.put(Register.POVERTY.name(place.getKey()), card);
                p3ke.append(card)
                        .append(';')
                        .append(Register.POVERTY.name(place.getKey()))
                        .append(';')
                        .append(kel)
                        .append(";1;")
                        .append(rw)
                        .append(";1;4;P3KE;01/06/2025\n");
                String mother = nik();
                IDENTITIES.put(Register.PREGNANCIES.name(place.getKey()), mother);
                permaisuri
                        .append(mother)
                        .append(';')
                        .append(Register.PREGNANCIES.name(place.getKey()))
                        .append(";01/01/1995;")
                        .append(kel)
                        .append(";1;")
                        .append(rw)
                        .append(";01/03/2025;1\n");
            }
            for (ImportJob job : List.of(
                    importText(ImportFormat.EPPGBM, "access.csv", eppgbm.toString()),
                    importText(ImportFormat.SITB, "access.csv", sitb.toString()),
                    importText(ImportFormat.P3KE, "access.csv", p3ke.toString()),
                    importText(ImportFormat.PERMAISURI, "access.csv", permaisuri.toString()))) {
                assertThat(job.rowsInserted())
                        .as(job.describe() + " " + problemLines(job))
                        .isEqualTo(PLACES.size());
                assertThat(job.rowsUnassigned()).as(job.describe()).isEqualTo(2);
            }
            imported = true;
        }
    }

    static Stream<Arguments> registersAndReaders() {
        List<Arguments> cases = new ArrayList<>();
        for (Register register : Register.values()) {
            for (String user : List.of("dinkes", "camat-utara", "lurah-medono", KADER, "puskesmas-tirto")) {
                cases.add(Arguments.of(register, user));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> registersAndOutsiders() {
        List<Arguments> cases = new ArrayList<>();
        for (Register register : Register.values()) {
            for (String user : List.of("planner", "anonymous")) {
                cases.add(Arguments.of(register, user));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} reads {0}")
    @MethodSource("registersAndReaders")
    void everyRowReadLiesInsideTheScopeAndTheScopeIsReadWhole(Register register, String user) {
        HttpGraphQlTester tester = tester(user);
        List<Map<String, Object>> nodes = readAll(tester, register, Map.of());

        assertThat(nodes).as("%s reads some %s", user, register).isNotEmpty();
        for (Map<String, Object> node : nodes) {
            String region = regionOf(node);
            assertThat(SCOPE.get(user).stream().anyMatch(s -> region.equals(s) || region.startsWith(s + ".")))
                    .as(
                            "%s read %s %s in %s, outside its scope %s",
                            user, register, node.get(register.nameField), region, SCOPE.get(user))
                    .isTrue();
        }
        TreeSet<String> places = new TreeSet<>();
        for (Map<String, Object> node : nodes) {
            String name = (String) node.get(register.nameField);
            if (name != null && name.startsWith(register.prefix + " " + RUN + " acc-")) {
                places.add(name.substring(name.indexOf(" acc-") + 5));
                String masked = (String) node.get(register == Register.POVERTY ? "familyCardMasked" : "nikMasked");
                assertThat(masked).as("the masked identity of %s", name).isEqualTo(masked(IDENTITIES.get(name)));
            }
        }
        assertThat(places)
                .as("this run's %s that %s reads", register, user)
                .containsExactlyInAnyOrderElementsOf(VISIBLE.get(user));
    }

    @ParameterizedTest(name = "{1} reads {0}")
    @MethodSource("registersAndOutsiders")
    void plannerAndAnonymousAreForbiddenAndGetNoRows(Register register, String user) {
        // a page of 20: within every caller's query cost limit, so the refusal is the access rule's
        GraphQlResponse response = run(tester(user), register.document, Map.of("first", 20));

        assertThat(classifications(response))
                .as("errors %s", response.getErrors())
                .containsExactly("FORBIDDEN");
        assertThat((Object) response.getData()).as("data").isNull();
    }

    @Test
    void aRegionFilterNarrowsInsideTheScopeAndNeverWidensIt() {
        List<Map<String, Object>> medono = readAll(as("dinkes"), Register.TB, Map.of("regionCode", "33.75.01.1002"));
        assertThat(runPlaces(Register.TB, medono)).containsExactlyInAnyOrder("medono-rw1", "medono-norw");

        List<Map<String, Object>> escape = readAll(as("lurah-medono"), Register.TB, Map.of("regionCode", "33.75.03"));
        assertThat(escape)
                .as("a lurah filtering on another kecamatan reads nothing")
                .isEmpty();
        List<Map<String, Object>> wider = readAll(as("lurah-medono"), Register.TB, Map.of("regionCode", "33.75"));
        assertThat(runPlaces(Register.TB, wider))
                .as("a wider filter is still cut to the scope")
                .containsExactlyInAnyOrder("medono-rw1", "medono-norw");
    }

    @Test
    void childOutsideTheScopeIsNullAndInsideComesWithItsAssessedMeasurements() {
        String inside = childId("medono-rw1");
        String outside = childId("krapyak");
        String unassigned = childId("medono-norw");

        GraphQlResponse lurah = run(as("lurah-medono"), "caseChild", Map.of("id", outside));
        assertThat(lurah.getErrors()).isEmpty();
        assertThat(at(lurah, "child"))
                .as("a Krapyak child for the lurah of Medono")
                .isNull();
        GraphQlResponse kader = run(as(KADER), "caseChild", Map.of("id", unassigned));
        assertThat(kader.getErrors()).isEmpty();
        assertThat(at(kader, "child"))
                .as("a Medono child without an RW for the kader of RW001")
                .isNull();
        GraphQlResponse camat = run(as("camat-utara"), "caseChild", Map.of("id", outside));
        assertThat(at(camat, "child.address.rwCode")).isEqualTo("33.75.03.1002.RW001");

        GraphQlResponse own = run(as("lurah-medono"), "caseChild", Map.of("id", inside));
        assertThat(own.getErrors()).isEmpty();
        assertThat(at(own, "child.name")).isEqualTo(Register.CHILDREN.name("medono-rw1"));
        assertThat(at(own, "child.address.rwAssignment")).isEqualTo("KELURAHAN_RW");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) at(own, "child.measurements");
        assertThat(measurements).hasSize(1);
        Map<String, Object> stored =
                jdbc.sql("""
                        SELECT z_length_height_for_age::float8 AS z, category_length_height_for_age AS category
                          FROM growth_measurements WHERE child_id = :id""").param("id", Long.parseLong(inside)).query().singleRow();
        assertThat(at(measurements.get(0), "assessment.lengthHeightForAge.z"))
                .isNotNull()
                .isEqualTo(stored.get("z"));
        assertThat(at(measurements.get(0), "assessment.lengthHeightForAge.category"))
                .isEqualTo(stored.get("category"));
        assertThat(at(measurements.get(0), "assessment.lengthHeightForAge.flagged"))
                .isEqualTo(false);

        GraphQlResponse planner = run(as("planner"), "caseChild", Map.of("id", inside));
        assertThat(classifications(planner)).containsExactly("FORBIDDEN");
        assertThat(at(planner, "child")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyChildComesWithItsMeasurementsAndTheirZScores() {
        List<Map<String, Object>> nodes =
                readAll(as("dinkes"), Register.CHILDREN, Map.of("regionCode", "33.75.01.1009"));
        Map<String, Object> child = nodes.stream()
                .filter(n -> Register.CHILDREN.name("tirto-rw1").equals(n.get("name")))
                .findFirst()
                .orElseThrow();
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) child.get("measurements");
        assertThat(measurements).hasSize(1);
        Map<String, Object> m = measurements.get(0);
        assertThat(m)
                .containsEntry("measuredOn", "2025-03-15")
                .containsEntry("measured", "STANDING")
                .containsEntry("rwCode", "33.75.01.1009.RW001")
                .containsEntry("oedema", false);
        assertThat(((Number) m.get("weightKg")).doubleValue()).isEqualTo(10.1);
        for (String z : List.of("lengthHeightForAge", "weightForAge", "weightForLengthHeight", "bmiForAge")) {
            assertThat(at(m, "assessment." + z + ".z")).as(z).isInstanceOf(Number.class);
            assertThat(at(m, "assessment." + z + ".category")).as(z).isInstanceOf(String.class);
        }
        assertThat(at(m, "assessment.ageDays")).isEqualTo(m.get("ageDays"));
    }

    @Test
    void importJobIsForItsStarterAndTheDinkesOnly() {
        String header = "NIK;Nama;JK;Tgl Lahir;Kode Kel;RW;Tanggal Pengukuran;Berat\n";
        String text = header + nik() + ";Anak " + RUN + " jobtirto;L;01/01/2024;33.75.01.1009;1;15/03/2025;8,0\n"
                + nik() + ";Anak " + RUN + " jobmedono;L;01/01/2024;33.75.01.1002;1;15/03/2025;8,0\n";
        ImportJob byStaff = importBytes(ImportFormat.EPPGBM, "tirto.csv", text.getBytes(), TIRTO_STAFF);
        assertThat(byStaff.rowsInserted()).as(byStaff.describe()).isEqualTo(1);
        assertThat(problemsOf(byStaff)).singleElement().satisfies(p -> {
            assertThat(p.rowNumber()).isEqualTo(3);
            assertThat(p.column()).isEqualTo("Kode Kel");
            assertThat(p.reason()).contains("outside your scope");
        });
        String id = Long.toString(byStaff.id());

        for (String user : List.of("puskesmas-tirto", "dinkes")) {
            GraphQlResponse response = run(tester(user), "caseImportJob", Map.of("id", id));
            assertThat(response.getErrors()).as(user).isEmpty();
            assertThat(at(response, "importJob.id")).as(user).isEqualTo(id);
            assertThat(at(response, "importJob.state")).isEqualTo("SUCCEEDED");
            assertThat(at(response, "importJob.actor")).isEqualTo("puskesmas-tirto");
            assertThat(at(response, "importJob.rowsRead")).isEqualTo(2);
            assertThat(at(response, "importJob.rowsRejected")).isEqualTo(1);
            assertThat((List<?>) at(response, "importJob.problems")).hasSize(1);
        }
        for (String user : List.of("lurah-medono", "camat-utara", KADER, "planner", "anonymous")) {
            GraphQlResponse response = run(tester(user), "caseImportJob", Map.of("id", id));
            assertThat(response.getErrors()).as(user).isEmpty();
            assertThat(at(response, "importJob")).as("the job for %s", user).isNull();
        }
        ImportJob byDinkes = importText(ImportFormat.EPPGBM, "dinkes.csv", header);
        GraphQlResponse staff = run(as("puskesmas-tirto"), "caseImportJob", Map.of("id", Long.toString(byDinkes.id())));
        assertThat(at(staff, "importJob"))
                .as("the Dinkes's job for puskesmas staff")
                .isNull();
    }

    // ------------------------------------------------------------------------------------------- helpers

    /** Every node of a register the tester may read, page by page. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> readAll(
            HttpGraphQlTester tester, Register register, Map<String, Object> filter) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 500);
            variables.put("filter", filter);
            if (after != null) {
                variables.put("after", after);
            }
            GraphQlResponse response = run(tester, register.document, variables);
            assertThat(response.getErrors()).as("errors reading %s", register).isEmpty();
            for (Map<String, Object> edge : (List<Map<String, Object>>) at(response, register.field + ".edges")) {
                nodes.add((Map<String, Object>) edge.get("node"));
            }
            if (!Boolean.TRUE.equals(at(response, register.field + ".pageInfo.hasNextPage"))) {
                return nodes;
            }
            after = (String) at(response, register.field + ".pageInfo.endCursor");
        }
        throw new AssertionError("more than 100 pages of " + register);
    }

    /** The most precise region of a record as the API shows it: RW, else kelurahan, else the kab/kota. */
    private static String regionOf(Map<String, Object> node) {
        String rw = (String) at(node, "address.rwCode");
        String kelurahan = (String) at(node, "address.kelurahanCode");
        return rw != null ? rw : kelurahan != null ? kelurahan : "33.75";
    }

    private static List<String> runPlaces(Register register, List<Map<String, Object>> nodes) {
        return nodes.stream()
                .map(n -> (String) n.get(register.nameField))
                .filter(n -> n != null && n.startsWith(register.prefix + " " + RUN + " acc-"))
                .map(n -> n.substring(n.indexOf(" acc-") + 5))
                .toList();
    }

    private String childId(String place) {
        return Long.toString(count("SELECT id FROM children WHERE name = :n", "n", Register.CHILDREN.name(place)));
    }
}
