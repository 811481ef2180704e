package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * Every expected failure of the facility mutations is a typed {@code UserError} in the payload (never a GraphQL
 * error, never a 500) that names the input field at fault, carries its type's extra fields, and writes nothing.
 */
class RegistryMutationErrorsTest extends IntegrationTest {

    private static final String MARK = "ERRTEST";
    /** Medono (Pekalongan Barat): puskesmas Medono, no pustu, RWs 001-013. */
    private static final String MEDONO = "33.75.01.1002";
    /** Puskesmas Tirto's point, in kelurahan Tirto 33.75.01.1009. */
    private static final double TIRTO_LON = 109.6487302;

    private static final double TIRTO_LAT = -6.8937032;

    private String fingerprint;
    private double[] rw001Point;

    /** Every row the registry mutations can write, hashed. */
    private String registryFingerprint() {
        return jdbc.sql("""
                SELECT md5(concat_ws('|',
                    (SELECT string_agg(concat_ws(',', id, code, name, type, kelurahan_code, ST_AsEWKT(location),
                                                 location_quality, location_note, parent_id, active, version,
                                                 updated_at, deactivated_at, deactivation_reason, address_street,
                                                 address_rt, address_rw_code, segments, kader_purwa, kader_madya,
                                                 kader_utama), ';' ORDER BY id) FROM facilities),
                    (SELECT string_agg(concat_ws(',', facility_id, service_key), ';' ORDER BY facility_id, service_key)
                       FROM facility_services),
                    (SELECT string_agg(concat_ws(',', facility_id, region_code), ';' ORDER BY facility_id, region_code)
                       FROM facility_catchments),
                    (SELECT string_agg(concat_ws(',', facility_id, day_of_week, opens, closes), ';'
                                       ORDER BY facility_id, day_of_week, opens) FROM facility_opening_hours),
                    (SELECT string_agg(concat_ws(',', facility_id, week_of_month, day_of_week, starts_at, ends_at), ';'
                                       ORDER BY facility_id, week_of_month, day_of_week, starts_at) FROM posyandu_sessions),
                    (SELECT string_agg(concat_ws(',', program_key, facility_id), ';' ORDER BY program_key, facility_id)
                       FROM program_facilities)))""").query(String.class).single();
    }

    @BeforeEach
    void snapshot() {
        fingerprint = registryFingerprint();
        rw001Point = jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM regions
                                              WHERE code = '33.75.01.1002.RW001') s""")
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                .single();
    }

    @AfterEach
    void nothingWasWritten() {
        String after = registryFingerprint();
        if (!after.equals(fingerprint)) { // clean up whatever a failing mutation wrote, then fail
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
        }
        assertThat(after).as("the registry after a refused mutation").isEqualTo(fingerprint);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A valid posyandu in RW 001 of Medono; each test breaks one thing. */
    private Map<String, Object> validPosyandu() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("code", "PSY-" + MARK + "-1");
        input.put("name", "Posyandu Uji Galat");
        input.put("type", "POSYANDU");
        input.put("location", point(rw001Point[0], rw001Point[1]));
        input.put("kelurahanCode", MEDONO);
        input.put("parentId", "PKM-3375-MEDONO");
        input.put("address", Map.of("street", "Jl. Uji", "rt", 2, "rw", 1));
        input.put("kader", Map.of("purwa", 3, "madya", 1, "utama", 0));
        input.put("catchmentCodes", List.of(MEDONO + ".RW001"));
        return input;
    }

    private static Map<String, Object> point(double lon, double lat) {
        return Map.of("longitude", lon, "latitude", lat);
    }

    private static Map<String, Object> with(Map<String, Object> input, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(input);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    /** Runs a mutation document; asserts there is no GraphQL error and no facility; returns the only UserError. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyError(String document, String field, Map<String, Object> input) {
        GraphQlTester.Response response =
                graphQl.documentName(document).variable("input", input).execute();
        response.errors().verify(); // expected failures are data, never GraphQL errors
        response.path(field + ".facility").valueIsNull();
        List<Map<String, Object>> errors = response.path(field + ".errors").entityList(Map.class).get().stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        assertThat(errors).as("errors of %s for %s", field, input).hasSize(1);
        Map<String, Object> error = errors.get(0);
        assertThat((String) error.get("message")).isNotBlank().doesNotContain("Exception", "SQL");
        return error;
    }

    private Map<String, Object> createError(Map<String, Object> input) {
        return onlyError("registryCreate", "createFacility", input);
    }

    private int version(String code) {
        return jdbc.sql("SELECT version FROM facilities WHERE code = :c")
                .param("c", code)
                .query(Integer.class)
                .single();
    }

    // ---------------------------------------------------------------------------------------------- region codes

    @Test
    void malformedKelurahanCode() {
        Map<String, Object> error =
                createError(with(validPosyandu(), "kelurahanCode", "33.75.1", "address", null, "catchmentCodes", null));
        assertThat(error)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "kelurahanCode"))
                .containsEntry("code", "33.75.1");
    }

    @Test
    void kecamatanCodeWhereAKelurahanIsNeeded() {
        Map<String, Object> error = createError(
                with(validPosyandu(), "kelurahanCode", "33.75.01", "address", null, "catchmentCodes", null));
        assertThat(error)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "kelurahanCode"))
                .containsEntry("code", "33.75.01");
        assertThat((String) error.get("message")).contains("KECAMATAN");
    }

    @Test
    void unknownKelurahanCode() {
        Map<String, Object> error = createError(
                with(validPosyandu(), "kelurahanCode", "3375011099", "address", null, "catchmentCodes", null));
        assertThat(error)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "kelurahanCode"))
                .containsEntry("code", "3375011099");
    }

    @Test
    void badCatchmentCodes() {
        Map<String, Object> unknownRw =
                createError(with(validPosyandu(), "catchmentCodes", List.of(MEDONO + ".RW001", MEDONO + ".RW099")));
        assertThat(unknownRw)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "catchmentCodes", "1"))
                .containsEntry("code", MEDONO + ".RW099");
        Map<String, Object> malformed = createError(with(validPosyandu(), "catchmentCodes", List.of("RW-1")));
        assertThat(malformed)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "catchmentCodes", "0"))
                .containsEntry("code", "RW-1");
        Map<String, Object> wrongLevel = createError(with(validPosyandu(), "catchmentCodes", List.of(MEDONO)));
        assertThat(wrongLevel)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "catchmentCodes", "0"))
                .containsEntry("code", MEDONO);
    }

    @Test
    void addressRwThatDoesNotExist() {
        Map<String, Object> error = createError(with(validPosyandu(), "address", Map.of("rt", 2, "rw", 99)));
        assertThat(error)
                .containsEntry("__typename", "InvalidRegionCodeError")
                .containsEntry("field", List.of("input", "address", "rw"))
                .containsEntry("code", MEDONO + ".RW099");
    }

    // ---------------------------------------------------------------------------------------------- points

    @Test
    void pointOutsideIndonesia() {
        Map<String, Object> error = createError(with(validPosyandu(), "location", point(151.2093, -33.8688)));
        assertThat(error)
                .containsEntry("__typename", "PointOutsideIndonesiaError")
                .containsEntry("field", List.of("input", "location"));
        assertThat((String) error.get("message")).contains("151.2093").contains("-33.8688");
    }

    @Test
    void swappedCoordinates() {
        Map<String, Object> error = createError(with(validPosyandu(), "location", point(-6.8937, 109.6487)));
        assertThat(error)
                .containsEntry("__typename", "SwappedCoordinatesError")
                .containsEntry("field", List.of("input", "location"))
                .containsEntry("suggestedLongitude", 109.6487)
                .containsEntry("suggestedLatitude", -6.8937);
    }

    @Test
    void pointInAnotherKelurahan() {
        Map<String, Object> error = createError(with(validPosyandu(), "location", point(TIRTO_LON, TIRTO_LAT)));
        double distance = jdbc.sql("""
                SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography)
                  FROM regions WHERE code = :k""")
                .param("lon", TIRTO_LON)
                .param("lat", TIRTO_LAT)
                .param("k", MEDONO)
                .query(Double.class)
                .single();
        assertThat(error)
                .containsEntry("__typename", "PointOutsideKelurahanError")
                .containsEntry("field", List.of("input", "location"))
                .containsEntry("kelurahanCode", MEDONO)
                .containsEntry("containingKelurahanCode", "33.75.01.1009");
        assertThat(((Number) error.get("distanceMeters")).doubleValue())
                .isGreaterThan(50)
                .isCloseTo(distance, org.assertj.core.api.Assertions.within(0.01));
    }

    // ---------------------------------------------------------------------------------------------- codes, versions

    @Test
    void duplicateCode() {
        Map<String, Object> error = createError(with(validPosyandu(), "code", "PKM-3375-TIRTO"));
        assertThat(error)
                .containsEntry("__typename", "DuplicateFacilityCodeError")
                .containsEntry("field", List.of("input", "code"))
                .containsEntry("dupCode", "PKM-3375-TIRTO");
    }

    @Test
    void staleVersionOnEveryVersionedMutation() {
        String code = "PSY-3375011002RW001-1";
        int current = version(code);
        Map<String, Object> update = onlyError(
                "registryUpdate",
                "updateFacility",
                Map.of("id", code, "version", current + 99, "name", "Posyandu Basi"));
        assertThat(update)
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("field", List.of("input", "version"))
                .containsEntry("givenVersion", current + 99)
                .containsEntry("currentVersion", current);
        Map<String, Object> old = onlyError(
                "registryUpdate", "updateFacility", Map.of("id", code, "version", 0, "name", "Posyandu Basi"));
        assertThat(old)
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("givenVersion", 0)
                .containsEntry("currentVersion", current);
        assertThat(onlyError(
                        "registryDeactivate", "deactivateFacility", Map.of("id", code, "version", 0, "reason", "uji")))
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("field", List.of("input", "version"))
                .containsEntry("givenVersion", 0)
                .containsEntry("currentVersion", current);
        assertThat(onlyError(
                        "registrySetServices",
                        "setFacilityServices",
                        Map.of("id", code, "version", 0, "serviceKeys", List.of("KB"))))
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("givenVersion", 0)
                .containsEntry("currentVersion", current);
        assertThat(onlyError(
                        "registrySetSchedule",
                        "setPosyanduSchedule",
                        Map.of("id", code, "version", 0, "sessions", List.of())))
                .containsEntry("__typename", "StaleVersionError")
                .containsEntry("givenVersion", 0)
                .containsEntry("currentVersion", current);
    }

    @Test
    void facilityNotFoundOnEveryMutationOfAnExistingFacility() {
        String missing = "PSY-" + MARK + "-MISSING";
        for (String[] m : new String[][] {
            {"registryUpdate", "updateFacility"},
            {"registryDeactivate", "deactivateFacility"},
            {"registrySetServices", "setFacilityServices"},
            {"registrySetSchedule", "setPosyanduSchedule"}
        }) {
            Map<String, Object> input = new HashMap<>(Map.of("id", missing, "version", 1));
            switch (m[1]) {
                case "deactivateFacility" -> input.put("reason", "uji");
                case "setFacilityServices" -> input.put("serviceKeys", List.of("KB"));
                case "setPosyanduSchedule" -> input.put("sessions", List.of());
                default -> input.put("name", "x");
            }
            assertThat(onlyError(m[0], m[1], input))
                    .as(m[1])
                    .containsEntry("__typename", "FacilityNotFoundError")
                    .containsEntry("field", List.of("input", "id"))
                    .containsEntry("id", missing);
        }
        Map<String, Object> parent = createError(with(validPosyandu(), "parentId", "PST-" + MARK + "-NONE"));
        assertThat(parent)
                .containsEntry("__typename", "FacilityNotFoundError")
                .containsEntry("field", List.of("input", "parentId"))
                .containsEntry("id", "PST-" + MARK + "-NONE");
    }

    @Test
    void unknownServiceKey() {
        String code = "PSY-3375011002RW001-1";
        Map<String, Object> error = onlyError(
                "registrySetServices",
                "setFacilityServices",
                Map.of(
                        "id",
                        code,
                        "version",
                        version(code),
                        "serviceKeys",
                        List.of("PANTAU_TUMBANG", "BOGUS_LAYANAN")));
        assertThat(error)
                .containsEntry("__typename", "UnknownServiceKeyError")
                .containsEntry("field", List.of("input", "serviceKeys", "1"))
                .containsEntry("serviceKey", "BOGUS_LAYANAN");
    }

    // ---------------------------------------------------------------------------------------------- other values

    @Test
    void badCodeFormat() {
        for (String bad : List.of("psy-lowercase", "-PSY-1", "AB", "PSY 1", "PSY_1", "X".repeat(41))) {
            Map<String, Object> error = createError(with(validPosyandu(), "code", bad));
            assertThat(error)
                    .as(bad)
                    .containsEntry("__typename", "InvalidValueError")
                    .containsEntry("field", List.of("input", "code"));
        }
    }

    @Test
    void parentOfTheWrongType() {
        Map<String, Object> error = createError(with(validPosyandu(), "parentId", "DINKES-3375"));
        assertThat(error)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "parentId"));
        assertThat((String) error.get("message")).contains("DINKES");
        Map<String, Object> posyanduParent = createError(with(validPosyandu(), "parentId", "PSY-3375011002RW001-1"));
        assertThat(posyanduParent)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "parentId"));
    }

    @Test
    void kaderOnAPuskesmas() {
        Map<String, Object> puskesmas = with(
                validPosyandu(),
                "code",
                "PKM-" + MARK + "-1",
                "type",
                "PUSKESMAS",
                "parentId",
                "DINKES-3375",
                "catchmentCodes",
                List.of(MEDONO),
                "address",
                null);
        Map<String, Object> error = createError(puskesmas);
        assertThat(error)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "kader"));
        String code = "PKM-3375-MEDONO";
        Map<String, Object> update = onlyError(
                "registryUpdate",
                "updateFacility",
                Map.of("id", code, "version", version(code), "kader", Map.of("purwa", 1, "madya", 0, "utama", 0)));
        assertThat(update)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "kader"));
    }

    @Test
    void endTimeBeforeStartTime() {
        String code = "PSY-3375011002RW001-1";
        Map<String, Object> error = onlyError(
                "registrySetSchedule",
                "setPosyanduSchedule",
                Map.of(
                        "id",
                        code,
                        "version",
                        version(code),
                        "sessions",
                        List.of(Map.of(
                                "weekOfMonth",
                                "SECOND",
                                "dayOfWeek",
                                "TUESDAY",
                                "startTime",
                                "11:00",
                                "endTime",
                                "08:00"))));
        assertThat(error)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "sessions", "0", "endTime"));
    }

    @Test
    void scheduleForAFacilityThatIsNotAPosyandu() {
        String code = "PKM-3375-MEDONO";
        Map<String, Object> error = onlyError(
                "registrySetSchedule",
                "setPosyanduSchedule",
                Map.of(
                        "id",
                        code,
                        "version",
                        version(code),
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
        assertThat(error)
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "id"));
    }

    @Test
    void emptyNameAndEmptyReason() {
        assertThat(createError(with(validPosyandu(), "name", "   ")))
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "name"));
        String code = "PSY-3375011002RW001-1";
        assertThat(onlyError(
                        "registryDeactivate",
                        "deactivateFacility",
                        Map.of("id", code, "version", version(code), "reason", " ")))
                .containsEntry("__typename", "InvalidValueError")
                .containsEntry("field", List.of("input", "reason"));
    }

    /** Several faults at once are all reported, each with its own field. */
    @Test
    @SuppressWarnings("unchecked")
    void everyFaultOfOneInputIsReported() {
        Map<String, Object> input = with(
                validPosyandu(),
                "code",
                "PKM-3375-TIRTO",
                "parentId",
                "DINKES-3375",
                "address",
                Map.of("rt", 2, "rw", 99),
                "catchmentCodes",
                List.of(MEDONO + ".RW099"));
        GraphQlTester.Response response =
                graphQl.documentName("registryCreate").variable("input", input).execute();
        response.errors().verify();
        response.path("createFacility.facility").valueIsNull();
        List<Map<String, Object>> errors = response.path("createFacility.errors").entityList(Map.class).get().stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
        assertThat(errors)
                .extracting(e -> e.get("__typename") + " " + e.get("field"))
                .containsExactlyInAnyOrder(
                        "DuplicateFacilityCodeError [input, code]",
                        "InvalidValueError [input, parentId]",
                        "InvalidRegionCodeError [input, address, rw]",
                        "InvalidRegionCodeError [input, catchmentCodes, 0]");
    }
}
