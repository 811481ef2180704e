package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * The facility mutations end to end: register a posyandu, change it, give it services and a schedule, close it;
 * each step read back through the queries. Every row created here is deleted afterwards.
 */
@Slow
class RegistryMutationHappyPathTest extends IntegrationTest {

    private static final String MARK = "HAPPYTEST";
    private static final String CODE = "PSY-3375011002RW001-" + MARK;
    private static final String MEDONO = "33.75.01.1002";
    private static final String RW001 = MEDONO + ".RW001";

    private double[] rw001Point;
    private int facilitiesBefore;

    @BeforeEach
    void setUp() {
        deleteCreated();
        rw001Point = jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions WHERE code = :rw) s""")
                .param("rw", RW001)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
        facilitiesBefore =
                jdbc.sql("SELECT count(*) FROM facilities").query(Integer.class).single();
    }

    @AfterEach
    void deleteCreated() {
        String ids = "SELECT id FROM facilities WHERE code LIKE '%" + MARK + "%'";
        for (String table : List.of(
                "facility_services",
                "facility_catchments",
                "facility_opening_hours",
                "posyandu_sessions",
                "program_facilities")) {
            jdbc.sql("DELETE FROM " + table + " WHERE facility_id IN (" + ids + ")")
                    .update();
        }
        jdbc.sql("DELETE FROM facilities WHERE code LIKE '%" + MARK + "%'").update();
        assertThat(jdbc.sql("SELECT count(*) FROM facilities WHERE code LIKE '%" + MARK + "%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private Map<String, Object> posyanduInput() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("code", CODE);
        input.put("name", "Posyandu Uji Melati");
        input.put("type", "POSYANDU");
        input.put("location", Map.of("longitude", rw001Point[0], "latitude", rw001Point[1]));
        input.put("kelurahanCode", "3375011002"); // undotted is accepted
        input.put("locationNote", "Uji integrasi");
        input.put("parentId", "PKM-3375-MEDONO");
        input.put("address", Map.of("street", "Jl. Melati 7", "rt", 3, "rw", 1));
        input.put("segments", List.of("SEMUA"));
        input.put("kader", Map.of("purwa", 4, "madya", 2, "utama", 1));
        input.put("catchmentCodes", List.of(RW001, MEDONO + ".RW002"));
        return input;
    }

    private GraphQlTester.Response mutate(String document, Map<String, Object> input) {
        GraphQlTester.Response response =
                graphQl.documentName(document).variable("input", input).execute();
        response.errors().verify();
        return response;
    }

    private GraphQlTester.Response create() {
        GraphQlTester.Response response = mutate("registryCreate", posyanduInput());
        response.path("createFacility.errors").entityList(Object.class).hasSize(0);
        response.path("createFacility.facility.id").entity(String.class).isEqualTo(CODE);
        response.path("createFacility.facility.version").entity(Integer.class).isEqualTo(1);
        return response;
    }

    private GraphQlTester.Response read(String from) {
        GraphQlTester.Request<?> request =
                graphQl.documentName("registryFacility").variable("id", CODE);
        if (from != null) {
            request = request.variable("from", from);
        }
        GraphQlTester.Response response = request.execute();
        response.errors().verify();
        return response;
    }

    @Test
    @SuppressWarnings("unchecked")
    void createdPosyanduReadsBackWithEverything() {
        create();
        GraphQlTester.Response f = read(null);
        f.path("facility.id").entity(String.class).isEqualTo(CODE);
        f.path("facility.name").entity(String.class).isEqualTo("Posyandu Uji Melati");
        f.path("facility.type").entity(String.class).isEqualTo("POSYANDU");
        f.path("facility.satusehatOrganizationType").entity(String.class).isEqualTo("131");
        f.path("facility.active").entity(Boolean.class).isEqualTo(true);
        f.path("facility.version").entity(Integer.class).isEqualTo(1);
        f.path("facility.synthetic").entity(Boolean.class).isEqualTo(false);
        f.path("facility.locationQuality").entity(String.class).isEqualTo("SURVEYED");
        f.path("facility.locationNote").entity(String.class).isEqualTo("Uji integrasi");
        Map<String, Object> location =
                f.path("facility.location").entity(Map.class).get();
        assertThat(location.get("type")).isEqualTo("Point");
        List<Double> xy = (List<Double>) location.get("coordinates");
        assertThat(xy.get(0)).isCloseTo(rw001Point[0], org.assertj.core.api.Assertions.within(1e-7));
        assertThat(xy.get(1)).isCloseTo(rw001Point[1], org.assertj.core.api.Assertions.within(1e-7));
        f.path("facility.kelurahan.code").entity(String.class).isEqualTo(MEDONO);
        f.path("facility.address.street").entity(String.class).isEqualTo("Jl. Melati 7");
        f.path("facility.address.rt").entity(Integer.class).isEqualTo(3);
        f.path("facility.address.rw.code").entity(String.class).isEqualTo(RW001);
        f.path("facility.parent.id").entity(String.class).isEqualTo("PKM-3375-MEDONO");
        f.path("facility.children").entityList(Object.class).hasSize(0);
        f.path("facility.services").entityList(Object.class).hasSize(0);
        f.path("facility.sessions").entityList(Object.class).hasSize(0);
        f.path("facility.nextSessions").entityList(Object.class).hasSize(0);
        f.path("facility.openingHours").entityList(Object.class).hasSize(0);
        f.path("facility.segments")
                .entityList(String.class)
                .containsExactly(
                        "IBU_HAMIL",
                        "IBU_BERSALIN",
                        "IBU_NIFAS",
                        "NEONATUS",
                        "BAYI",
                        "BALITA",
                        "PRASEKOLAH",
                        "USIA_SEKOLAH",
                        "REMAJA",
                        "DEWASA",
                        "LANSIA");
        f.path("facility.kader").entity(Map.class).isEqualTo(Map.of("purwa", 4, "madya", 2, "utama", 1, "total", 7));
        f.path("facility.catchment[*].code").entityList(String.class).containsExactly(RW001, MEDONO + ".RW002");

        // It is in the network and the regions: its parent's children, its RW's facilities.
        graphQl.document("{ facility(id: \"PKM-3375-MEDONO\") { children(type: POSYANDU) { id } } }")
                .execute()
                .path("facility.children[*].id")
                .entityList(String.class)
                .contains(CODE);
        graphQl.documentName("registryRegion")
                .variable("code", RW001)
                .execute()
                .path("region.facilities[*].id")
                .entityList(String.class)
                .contains(CODE);
        assertThat(jdbc.sql("SELECT count(*) FROM facilities")
                        .query(Integer.class)
                        .single())
                .isEqualTo(facilitiesBefore + 1);
    }

    @Test
    void updateBumpsTheVersionAndChangesOnlyWhatIsGiven() {
        create();
        GraphQlTester.Response updated = mutate(
                "registryUpdate",
                Map.of(
                        "id",
                        CODE,
                        "version",
                        1,
                        "name",
                        "Posyandu Uji Mawar",
                        "kader",
                        Map.of("purwa", 5, "madya", 2, "utama", 1)));
        updated.path("updateFacility.errors").entityList(Object.class).hasSize(0);
        updated.path("updateFacility.facility.version").entity(Integer.class).isEqualTo(2);
        updated.path("updateFacility.facility.name").entity(String.class).isEqualTo("Posyandu Uji Mawar");
        GraphQlTester.Response f = read(null);
        f.path("facility.version").entity(Integer.class).isEqualTo(2);
        f.path("facility.kader.total").entity(Integer.class).isEqualTo(8);
        f.path("facility.address.rw.code").entity(String.class).isEqualTo(RW001);
        f.path("facility.catchment[*].code").entityList(String.class).containsExactly(RW001, MEDONO + ".RW002");
        f.path("facility.parent.id").entity(String.class).isEqualTo("PKM-3375-MEDONO");

        // The version read before the change is now stale.
        GraphQlTester.Response stale = mutate("registryUpdate", Map.of("id", CODE, "version", 1, "name", "Basi"));
        stale.path("updateFacility.facility").valueIsNull();
        stale.path("updateFacility.errors[0].__typename").entity(String.class).isEqualTo("StaleVersionError");
        stale.path("updateFacility.errors[0].givenVersion")
                .entity(Integer.class)
                .isEqualTo(1);
        stale.path("updateFacility.errors[0].currentVersion")
                .entity(Integer.class)
                .isEqualTo(2);
        read(null).path("facility.name").entity(String.class).isEqualTo("Posyandu Uji Mawar");
    }

    @Test
    void servicesAndScheduleGiveDatedSessions() {
        create();
        GraphQlTester.Response services = mutate(
                "registrySetServices",
                Map.of(
                        "id",
                        CODE,
                        "version",
                        1,
                        "serviceKeys",
                        List.of("PANTAU_TUMBANG", "IMUNISASI_RUTIN", "PANTAU_TUMBANG")));
        services.path("setFacilityServices.errors").entityList(Object.class).hasSize(0);
        services.path("setFacilityServices.facility.version")
                .entity(Integer.class)
                .isEqualTo(2);
        services.path("setFacilityServices.facility.services[*].key")
                .entityList(String.class)
                .containsExactly("IMUNISASI_RUTIN", "PANTAU_TUMBANG");

        GraphQlTester.Response schedule = mutate(
                "registrySetSchedule",
                Map.of(
                        "id",
                        CODE,
                        "version",
                        2,
                        "sessions",
                        List.of(Map.of(
                                "weekOfMonth",
                                "SECOND",
                                "dayOfWeek",
                                "TUESDAY",
                                "startTime",
                                "08:00",
                                "endTime",
                                "11:00"))));
        schedule.path("setPosyanduSchedule.errors").entityList(Object.class).hasSize(0);
        schedule.path("setPosyanduSchedule.facility.version")
                .entity(Integer.class)
                .isEqualTo(3);
        schedule.path("setPosyanduSchedule.facility.sessions[*].description")
                .entityList(String.class)
                .containsExactly("2nd Tuesday of each month, 08:00–11:00");

        GraphQlTester.Response f = read("2026-11-01");
        f.path("facility.version").entity(Integer.class).isEqualTo(3);
        f.path("facility.services[*].key")
                .entityList(String.class)
                .containsExactly("IMUNISASI_RUTIN", "PANTAU_TUMBANG");
        f.path("facility.sessions[0].weekOfMonth").entity(String.class).isEqualTo("SECOND");
        f.path("facility.sessions[0].dayOfWeek").entity(String.class).isEqualTo("TUESDAY");
        f.path("facility.sessions[0].startTime").entity(String.class).isEqualTo("08:00");
        f.path("facility.sessions[0].endTime").entity(String.class).isEqualTo("11:00");
        f.path("facility.sessions[0].description")
                .entity(String.class)
                .isEqualTo("2nd Tuesday of each month, 08:00–11:00");
        f.path("facility.sessions[0].descriptionIndonesian")
                .entity(String.class)
                .isEqualTo("Selasa minggu ke-2 setiap bulan, 08.00–11.00");
        f.path("facility.nextSessions[*].date")
                .entityList(String.class)
                .containsExactly("2026-11-10", "2026-12-08", "2027-01-12");
        f.path("facility.nextSessions[*].startTime")
                .entityList(String.class)
                .containsExactly("08:00", "08:00", "08:00");
        f.path("facility.nextSessions[*].endTime").entityList(String.class).containsExactly("11:00", "11:00", "11:00");

        // The facility is now found by its service; an empty schedule clears it.
        graphQl.documentName("registryPage")
                .variable("filter", Map.of("serviceKey", "IMUNISASI_RUTIN", "regionCode", RW001))
                .variable("first", 100)
                .execute()
                .path("facilities.edges[*].node.id")
                .entityList(String.class)
                .contains(CODE);
        mutate("registrySetSchedule", Map.of("id", CODE, "version", 3, "sessions", List.of()))
                .path("setPosyanduSchedule.facility.sessions")
                .entityList(Object.class)
                .hasSize(0);
        read("2026-11-01")
                .path("facility.nextSessions")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void deactivatedFacilityIsHiddenUnlessAskedForButStillFoundById() {
        create();
        Map<String, Object> byCode = Map.of("nameContains", "Posyandu Uji Melati");
        graphQl.documentName("registryPage")
                .variable("filter", byCode)
                .execute()
                .path("facilities.edges[*].node.id")
                .entityList(String.class)
                .containsExactly(CODE);

        GraphQlTester.Response closed = mutate(
                "registryDeactivate", Map.of("id", CODE, "version", 1, "reason", "merged into Posyandu Melati 1"));
        closed.path("deactivateFacility.errors").entityList(Object.class).hasSize(0);
        closed.path("deactivateFacility.facility.active").entity(Boolean.class).isEqualTo(false);
        closed.path("deactivateFacility.facility.version").entity(Integer.class).isEqualTo(2);

        GraphQlTester.Response hidden =
                graphQl.documentName("registryPage").variable("filter", byCode).execute();
        hidden.path("facilities.edges").entityList(Object.class).hasSize(0);
        hidden.path("facilities.totalCount").entity(Integer.class).isEqualTo(0);
        graphQl.documentName("registryPage")
                .variable("filter", Map.of("types", List.of("POSYANDU"), "regionCode", RW001))
                .execute()
                .path("facilities.edges[*].node.id")
                .entityList(String.class)
                .doesNotContain(CODE);

        GraphQlTester.Response shown = graphQl.documentName("registryPage")
                .variable("filter", Map.of("nameContains", "Posyandu Uji Melati", "includeInactive", true))
                .execute();
        shown.path("facilities.edges[*].node.id").entityList(String.class).containsExactly(CODE);
        shown.path("facilities.edges[*].node.active").entityList(Boolean.class).containsExactly(false);
        shown.path("facilities.totalCount").entity(Integer.class).isEqualTo(1);

        GraphQlTester.Response f = read(null);
        f.path("facility.id").entity(String.class).isEqualTo(CODE);
        f.path("facility.active").entity(Boolean.class).isEqualTo(false);
        // not among its parent's (active) children, nor the nearest, nor its RW's facilities
        graphQl.document("{ facility(id: \"PKM-3375-MEDONO\") { children(type: POSYANDU) { id } } }")
                .execute()
                .path("facility.children[*].id")
                .entityList(String.class)
                .doesNotContain(CODE);
        graphQl.documentName("registryNearest")
                .variable("near", Map.of("longitude", rw001Point[0], "latitude", rw001Point[1]))
                .variable("first", 20)
                .execute()
                .path("nearestFacilities[*].facility.id")
                .entityList(String.class)
                .doesNotContain(CODE);
        graphQl.documentName("registryRegion")
                .variable("code", RW001)
                .execute()
                .path("region.facilities[*].id")
                .entityList(String.class)
                .doesNotContain(CODE);

        // closing it twice is refused
        GraphQlTester.Response again = mutate("registryDeactivate", Map.of("id", CODE, "version", 2, "reason", "lagi"));
        again.path("deactivateFacility.errors[0].__typename")
                .entity(String.class)
                .isEqualTo("InvalidValueError");
    }

    @Test
    void cleanupRestoresTheDemoData() {
        create();
        deleteCreated();
        assertThat(jdbc.sql("SELECT count(*) FROM facilities")
                        .query(Integer.class)
                        .single())
                .isEqualTo(facilitiesBefore);
        graphQl.documentName("registryPage")
                .variable("filter", Map.of("types", List.of("POSYANDU")))
                .variable("first", 1)
                .execute()
                .path("facilities.totalCount")
                .entity(Integer.class)
                .isEqualTo(414);
    }
}
