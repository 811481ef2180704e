package id.ilpatlas.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * The scope of PUSKESMAS_STAFF (and KADER) is the catchment of their facility, read from the registry at each
 * request; the staff may write the registry inside that scope. So the catchment is the one thing the staff must not be
 * able to stretch beyond their scope: else they widen their own wilayah kerja and then write anywhere. Each step of
 * that chain is checked; the registry is restored afterwards.
 */
class ScopeEscapeCatchmentTest extends AccessBaseTest {

    static final String MARK = "ESCC" + RUN;
    static final String OWN_POSYANDU = "PSY-" + MARK + "-IN";
    static final String FOREIGN_POSYANDU = "PSY-" + MARK + "-OUT";
    /** A kelurahan of Pekalongan Utara, outside Tirto's wilayah kerja. */
    static final String FOREIGN_KELURAHAN = "33.75.03.1002";

    private RegistrySnapshot snapshot;
    private HttpGraphQlTester staff;

    @BeforeEach
    void setUp() {
        deleteFacilities(MARK);
        copyFacility(TIRTO_POSYANDU, OWN_POSYANDU, "Posyandu Uji Wilayah Dalam");
        copyFacility(UTARA_POSYANDU, FOREIGN_POSYANDU, "Posyandu Uji Wilayah Luar");
        snapshot = snapshotRegistry();
        staff = as("puskesmas-tirto");
    }

    @AfterEach
    void restore() {
        restoreRegistry(snapshot);
        deleteFacilities(MARK);
    }

    @Test
    void staffCannotWidenTheirOwnWilayahKerjaAndThenWriteElsewhere() {
        SoftAssertions soft = new SoftAssertions();
        List<String> widened = new ArrayList<>(TIRTO_SCOPE);
        widened.add(FOREIGN_KELURAHAN);
        String puskesmasBefore = stateOf("PKM-3375-TIRTO");

        // 1. stretch the puskesmas's own catchment over a kelurahan of another kecamatan
        GraphQlResponse widen = run(
                staff,
                "accessUpdate",
                Map.of(
                        "input",
                        Map.of(
                                "id",
                                "PKM-3375-TIRTO",
                                "version",
                                versionOf("PKM-3375-TIRTO"),
                                "catchmentCodes",
                                widened)));
        soft.assertThat(classifications(widen))
                .as(
                        "1. widening the own wilayah kerja to %s: errors %s, data %s",
                        widened, widen.getErrors(), widen.getData())
                .containsExactly("FORBIDDEN");
        soft.assertThat(stateOf("PKM-3375-TIRTO"))
                .as("1. PKM-3375-TIRTO unchanged")
                .isEqualTo(puskesmasBefore);

        // 2. the scope the server sees must still be the wilayah kerja
        GraphQlResponse me = run(staff, "accessMe", Map.of());
        soft.assertThat(at(me, "me.scope")).as("2. me.scope after the attempt").isEqualTo(TIRTO_SCOPE);

        // 3. and a facility in that other kelurahan must still be out of reach
        String foreignBefore = stateOf(FOREIGN_POSYANDU);
        GraphQlResponse write = run(
                staff,
                "accessUpdate",
                Map.of("input", Map.of("id", FOREIGN_POSYANDU, "version", 1, "name", "Diambil alih")));
        soft.assertThat(classifications(write))
                .as(
                        "3. writing in %s afterwards: errors %s, data %s",
                        FOREIGN_KELURAHAN, write.getErrors(), write.getData())
                .containsExactly("FORBIDDEN");
        soft.assertThat(stateOf(FOREIGN_POSYANDU))
                .as("3. the foreign posyandu unchanged")
                .isEqualTo(foreignBefore);
        soft.assertAll();
    }

    @Test
    void staffCannotStretchAPosyanduCatchmentOverForeignRws() {
        String before = stateOf(OWN_POSYANDU);
        GraphQlResponse r = run(
                staff,
                "accessUpdate",
                Map.of(
                        "input",
                        Map.of(
                                "id",
                                OWN_POSYANDU,
                                "version",
                                1,
                                "catchmentCodes",
                                List.of("33.75.01.1009.RW001", FOREIGN_KELURAHAN + ".RW001"))));
        assertThat(classifications(r))
                .as("errors %s, data %s", r.getErrors(), r.getData())
                .containsExactly("FORBIDDEN");
        assertThat(stateOf(OWN_POSYANDU)).isEqualTo(before);
    }

    @Test
    void staffCannotCreateAFacilityServingForeignRws() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("code", "PSY-" + MARK + "-NEW");
        input.put("name", "Posyandu Uji Wilayah Baru");
        input.put("type", "POSYANDU");
        input.put("location", pointIn("33.75.01.1009.RW001"));
        input.put("kelurahanCode", "33.75.01.1009");
        input.put("catchmentCodes", List.of(FOREIGN_KELURAHAN + ".RW001"));
        GraphQlResponse r = run(staff, "accessCreate", Map.of("input", input));
        assertThat(classifications(r))
                .as("errors %s, data %s", r.getErrors(), r.getData())
                .containsExactly("FORBIDDEN");
        assertThat(stateOf("PSY-" + MARK + "-NEW")).isNull();
    }

    @Test
    void inScopeCatchmentChangesStayAllowed() {
        GraphQlResponse r = run(
                staff,
                "accessUpdate",
                Map.of(
                        "input",
                        Map.of(
                                "id",
                                OWN_POSYANDU,
                                "version",
                                1,
                                "catchmentCodes",
                                List.of("33.75.01.1009.RW001", "33.75.01.1009.RW002"))));
        assertThat(r.getErrors()).isEmpty();
        assertThat((List<?>) at(r, "updateFacility.errors")).isEmpty();
        assertThat(versionOf(OWN_POSYANDU)).isEqualTo(2);
    }
}
