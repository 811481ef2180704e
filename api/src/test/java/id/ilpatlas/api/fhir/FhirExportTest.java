package id.ilpatlas.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The FHIR R4 export through HTTP, checked against the database. Assertions hold for any registry data (the
 * 14 puskesmas now, demo pustu/posyandu/dinkes later); {@link #aNetworkWithParentsHoursRtRwAndAnInactiveFacility}
 * adds its own facilities and removes them again.
 */
class FhirExportTest extends IntegrationTest {

    private static final String SATUSEHAT_TYPES = "http://terminology.kemkes.go.id/CodeSystem/organization-type";
    private static final String HL7_TYPES = "http://terminology.hl7.org/CodeSystem/organization-type";
    private static final String FACILITY_CODE = "https://ilpatlas.id/fhir/sid/facility-code";
    private static final String ADMINISTRATIVE_CODE =
            "https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode";
    private static final Set<String> SATUSEHAT_TYPED = Set.of("PUSKESMAS", "PUSTU", "POSYANDU", "DINKES");
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void organizationBundleHasOneMatchPerActiveFacility() throws Exception {
        HttpResponse<String> response = get("/fhir/Organization");
        assertFhirJson(response, 200);
        JsonNode bundle = json.readTree(response.body());
        int active = count("SELECT count(*) FROM facilities WHERE active");
        assertThat(active).isGreaterThanOrEqualTo(14);
        assertBundle(bundle, "Organization", active);

        Map<String, String> typeByCode = facilityTypes();
        Set<String> codes = new HashSet<>();
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode organization = entry.get("resource");
            String id = organization.get("id").asString();
            codes.add(id);
            assertThat(organization.get("active").asBoolean()).as(id).isTrue();
            assertThat(organization.get("name").asString()).as(id).isNotBlank();
            JsonNode identifier = organization.get("identifier").get(0);
            assertThat(identifier.get("use").asString()).isEqualTo("official");
            assertThat(identifier.get("system").asString()).isEqualTo(FACILITY_CODE);
            assertThat(identifier.get("value").asString()).isEqualTo(id);
            JsonNode coding = organization.get("type").get(0).get("coding").get(0);
            String type = typeByCode.get(id);
            if (SATUSEHAT_TYPED.contains(type)) {
                assertThat(coding.get("system").asString()).as(id).isEqualTo(SATUSEHAT_TYPES);
            } else {
                assertThat(coding.get("system").asString()).as(id).isEqualTo(HL7_TYPES);
                assertThat(coding.get("code").asString()).as(id).isEqualTo("prov");
            }
            if (type.equals("PUSKESMAS")) {
                assertThat(coding.get("code").asString()).as(id).isEqualTo("102");
                assertThat(coding.get("display").asString()).as(id).isEqualTo("Puskesmas");
            }
        }
        assertThat(codes).hasSize(active).contains("PKM-3375-TIRTO");
        assertThat(codes.stream().filter(code -> code.startsWith("PKM-3375-"))).hasSize(14);
    }

    @Test
    void everyAddressCarriesTheSatusehatAdministrativeCodeOfItsKelurahanRtAndRw() throws Exception {
        JsonNode bundle =
                json.readTree(get("/fhir/Organization?_include-inactive=true").body());
        Map<String, Map<String, Object>> rows = new HashMap<>();
        jdbc.sql("""
                SELECT f.code, f.kelurahan_code, f.address_rt, f.address_rw_code, f.address_street, k.name AS city
                  FROM facilities f LEFT JOIN regions k ON k.code = f.kabkota_code""")
                .query((rs, n) -> {
                    Map<String, Object> row = new HashMap<>();
                    row.put("kelurahan", rs.getString("kelurahan_code"));
                    row.put("rt", rs.getObject("address_rt", Integer.class));
                    row.put("rw", rs.getString("address_rw_code"));
                    row.put("street", rs.getString("address_street"));
                    row.put("city", rs.getString("city"));
                    return Map.entry(rs.getString("code"), row);
                })
                .list()
                .forEach(e -> rows.put(e.getKey(), e.getValue()));
        assertThat(bundle.get("entry")).hasSize(rows.size());
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode organization = entry.get("resource");
            String id = organization.get("id").asString();
            Map<String, Object> row = rows.get(id);
            JsonNode address = organization.get("address").get(0);
            assertThat(address.get("use").asString()).isEqualTo("work");
            assertThat(address.get("country").asString()).isEqualTo("ID");
            assertThat(address.get("city").asString()).as(id).isEqualTo(row.get("city"));
            if (row.get("street") == null) {
                assertThat(address.has("line")).as(id).isFalse();
            } else {
                assertThat(address.get("line").get(0).asString()).as(id).isEqualTo(row.get("street"));
            }
            Map<String, String> codes = administrativeCode(address);
            String village = ((String) row.get("kelurahan")).replace(".", "");
            assertThat(codes.get("province")).as(id).isEqualTo(village.substring(0, 2));
            assertThat(codes.get("city")).as(id).isEqualTo(village.substring(0, 4));
            assertThat(codes.get("district")).as(id).isEqualTo(village.substring(0, 6));
            assertThat(codes.get("village")).as(id).isEqualTo(village);
            assertThat(codes.get("rt"))
                    .as(id)
                    .isEqualTo(
                            row.get("rt") == null ? null : String.format(Locale.ROOT, "%03d", (Integer) row.get("rt")));
            assertThat(codes.get("rw"))
                    .as(id)
                    .isEqualTo(
                            row.get("rw") == null
                                    ? null
                                    : ((String) row.get("rw")).substring(((String) row.get("rw")).length() - 3));
        }

        JsonNode tirto = json.readTree(get("/fhir/Organization/PKM-3375-TIRTO").body());
        JsonNode address = tirto.get("address").get(0);
        assertThat(address.get("city").asString()).isEqualTo("Kota Pekalongan");
        Map<String, String> codes = administrativeCode(address);
        assertThat(codes)
                .containsEntry("province", "33")
                .containsEntry("city", "3375")
                .containsEntry("district", "337501")
                .containsEntry("village", "3375011009");
        // The sub-extensions in SATUSEHAT's order.
        List<String> order = address.get("extension")
                .get(0)
                .get("extension")
                .valueStream()
                .map(part -> part.get("url").asString())
                .toList();
        assertThat(order).startsWith("province", "city", "district", "village");
    }

    @Test
    void everyPartOfResolvesInTheBundleUnlessItsParentIsInactive() throws Exception {
        Map<String, String> parents = new HashMap<>();
        jdbc.sql("SELECT f.code, p.code AS parent FROM facilities f JOIN facilities p ON p.id = f.parent_id")
                .query((rs, n) -> Map.entry(rs.getString("code"), rs.getString("parent")))
                .list()
                .forEach(e -> parents.put(e.getKey(), e.getValue()));
        Set<String> inactiveParentsOfActive =
                new HashSet<>(jdbc.sql("""
                SELECT p.code FROM facilities f JOIN facilities p ON p.id = f.parent_id
                 WHERE f.active AND NOT p.active""").query(String.class).list());

        JsonNode active = json.readTree(get("/fhir/Organization").body());
        assertThat(unresolvedPartOf(active, parents)).isEqualTo(inactiveParentsOfActive);
        JsonNode all =
                json.readTree(get("/fhir/Organization?_include-inactive=true").body());
        assertThat(all.get("total").asInt()).isEqualTo(count("SELECT count(*) FROM facilities"));
        assertThat(unresolvedPartOf(all, parents)).isEmpty();
        for (JsonNode entry : all.get("entry")) {
            String id = entry.get("resource").get("id").asString();
            assertThat(entry.get("resource").get("active").asBoolean())
                    .as(id)
                    .isEqualTo(jdbc.sql("SELECT active FROM facilities WHERE code = ?")
                            .param(id)
                            .query(Boolean.class)
                            .single());
        }
    }

    @Test
    void locationBundleHasPositionsHoursAndManagingOrganization() throws Exception {
        HttpResponse<String> response = get("/fhir/Location");
        assertFhirJson(response, 200);
        // Coordinates are JSON numbers, written exactly, never strings or locale-formatted.
        assertThat(response.body()).contains("\"position\":{\"longitude\":109.6487302,\"latitude\":-6.8937032}");
        JsonNode bundle = json.readTree(response.body());
        assertBundle(bundle, "Location", count("SELECT count(*) FROM facilities WHERE active"));

        Map<String, Set<String>> hoursInDatabase = new HashMap<>();
        jdbc.sql("""
                SELECT f.code, h.day_of_week, to_char(h.opens, 'HH24:MI:SS') AS opens,
                       to_char(h.closes, 'HH24:MI:SS') AS closes
                  FROM facility_opening_hours h JOIN facilities f ON f.id = h.facility_id WHERE f.active""")
                .query((rs, n) -> Map.entry(
                        rs.getString("code"),
                        DAYS[rs.getInt("day_of_week") - 1] + " " + rs.getString("opens") + "-"
                                + rs.getString("closes")))
                .list()
                .forEach(e -> hoursInDatabase
                        .computeIfAbsent(e.getKey(), k -> new HashSet<>())
                        .add(e.getValue()));

        for (JsonNode entry : bundle.get("entry")) {
            JsonNode location = entry.get("resource");
            String id = location.get("id").asString();
            assertThat(location.get("status").asString()).isEqualTo("active");
            assertThat(location.get("mode").asString()).isEqualTo("instance");
            assertThat(location.get("identifier").get(0).get("system").asString())
                    .isEqualTo(FACILITY_CODE);
            assertThat(location.get("identifier").get(0).get("value").asString())
                    .isEqualTo(id);
            assertThat(location.get("managingOrganization").get("reference").asString())
                    .isEqualTo("Organization/" + id);
            JsonNode physical = location.get("physicalType").get("coding").get(0);
            assertThat(physical.get("code").asString()).isEqualTo("bu");
            assertThat(location.get("position").get("longitude").isNumber()).isTrue();
            assertThat(location.get("position").get("latitude").isNumber()).isTrue();
            assertThat(location.get("description").asString()).matches("Location quality: (SURVEYED|APPROXIMATE).*");
            assertThat(administrativeCode(location.get("address"))).containsKey("village");
            assertThat(hours(location)).as(id).isEqualTo(hoursInDatabase.getOrDefault(id, Set.of()));
            if (location.has("hoursOfOperation")) {
                Set<String> intervals = location.get("hoursOfOperation")
                        .valueStream()
                        .map(h -> h.get("openingTime").asString() + "-"
                                + h.get("closingTime").asString())
                        .collect(Collectors.toSet());
                assertThat(intervals)
                        .as(id + ": one entry per interval")
                        .hasSize(location.get("hoursOfOperation").size());
            }
        }

        JsonNode tirto = json.readTree(get("/fhir/Location/PKM-3375-TIRTO").body());
        assertThat(tirto.get("resourceType").asString()).isEqualTo("Location");
        assertThat(tirto.get("position").get("longitude").doubleValue()).isEqualTo(109.6487302);
        assertThat(tirto.get("position").get("latitude").doubleValue()).isEqualTo(-6.8937032);
        assertThat(tirto.get("description").asString()).startsWith("Location quality: SURVEYED");
        assertThat(administrativeCode(tirto.get("address"))).containsEntry("village", "3375011009");
    }

    @Test
    void unknownIdIsA404OperationOutcome() throws Exception {
        for (String path : List.of("/fhir/Organization/PKM-3375-NOWHERE", "/fhir/Location/PKM-3375-NOWHERE")) {
            HttpResponse<String> response = get(path);
            assertFhirJson(response, 404);
            JsonNode outcome = json.readTree(response.body());
            assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
            JsonNode issue = outcome.get("issue").get(0);
            assertThat(issue.get("severity").asString()).isEqualTo("error");
            assertThat(issue.get("code").asString()).isEqualTo("not-found");
            assertThat(issue.get("diagnostics").asString()).isEqualTo("No facility with code PKM-3375-NOWHERE");
        }
        HttpResponse<String> read = get("/fhir/Organization/PKM-3375-TIRTO");
        assertFhirJson(read, 200);
        assertThat(json.readTree(read.body()).get("id").asString()).isEqualTo("PKM-3375-TIRTO");
    }

    @Test
    void filtersByTypeAndKabKota() throws Exception {
        int puskesmas = count("SELECT count(*) FROM facilities WHERE active AND type = 'PUSKESMAS'");
        JsonNode byType = json.readTree(get("/fhir/Organization?type=PUSKESMAS").body());
        assertThat(byType.get("total").asInt())
                .isEqualTo(puskesmas)
                .isEqualTo(byType.get("entry").size());
        assertThat(json.readTree(get("/fhir/Location?type=puskesmas").body())
                        .get("total")
                        .asInt())
                .isEqualTo(puskesmas);

        int inKota = count("SELECT count(*) FROM facilities WHERE active AND kabkota_code = '33.75'");
        assertThat(json.readTree(get("/fhir/Organization?address-city=3375").body())
                        .get("total")
                        .asInt())
                .isEqualTo(inKota);
        assertThat(json.readTree(get("/fhir/Location?address-city=33.75").body())
                        .get("total")
                        .asInt())
                .isEqualTo(inKota);
        JsonNode elsewhere =
                json.readTree(get("/fhir/Organization?address-city=3374").body());
        assertThat(elsewhere.get("total").asInt()).isZero();
        assertThat(elsewhere.has("entry")).isFalse(); // FHIR JSON has no empty arrays

        for (String bad : List.of(
                "/fhir/Organization?type=HOSPITAL",
                "/fhir/Organization?address-city=33.75.01",
                "/fhir/Location?address-city=33x",
                "/fhir/Organization?_include-inactive=maybe")) {
            HttpResponse<String> response = get(bad);
            assertFhirJson(response, 400);
            JsonNode issue = json.readTree(response.body()).get("issue").get(0);
            assertThat(issue.get("code").asString()).as(bad).isEqualTo("invalid");
            assertThat(issue.get("diagnostics").asString()).as(bad).startsWith("Search parameter '");
        }
    }

    @Test
    void aNetworkWithParentsHoursRtRwAndAnInactiveFacility() throws Exception {
        String rw = jdbc.sql("""
                SELECT code FROM regions WHERE level = 'RW' AND parent_code = '33.75.01.1009' ORDER BY code LIMIT 1""").query(String.class).single();
        try {
            jdbc.sql("""
                    INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location, location_quality,
                                            location_note, synthetic, active, deactivated_at, deactivation_reason)
                    VALUES ('FHIRTEST-PUSTU', 'Pustu FHIR test', 'PUSTU', '33.75', '33.75.01.1009',
                            ST_SetSRID(ST_MakePoint(109.65, -6.89), 4326), 'APPROXIMATE', 'test point', true,
                            false, now(), 'closed for the test')""").update();
            jdbc.sql("""
                    INSERT INTO facilities (code, name, type, kabkota_code, kelurahan_code, location, location_quality,
                                            synthetic, parent_id, address_street, address_rt, address_rw_code)
                    VALUES ('FHIRTEST-POSYANDU', 'Posyandu FHIR test', 'POSYANDU', '33.75', '33.75.01.1009',
                            ST_SetSRID(ST_MakePoint(109.651, -6.891), 4326), 'SURVEYED', true,
                            (SELECT id FROM facilities WHERE code = 'FHIRTEST-PUSTU'), 'Jl. Contoh No. 1', 3, :rw)""").param("rw", rw).update();
            jdbc.sql("""
                    INSERT INTO facility_opening_hours (facility_id, day_of_week, opens, closes, kabkota_code)
                    SELECT f.id, d.day, d.opens::time, d.closes::time, '33.75'
                      FROM facilities f,
                           (VALUES (1, '07:30', '14:30'), (2, '07:30', '14:30'), (3, '07:30', '14:30'),
                                   (4, '07:30', '14:30'), (5, '07:30', '14:30'), (6, '07:30', '12:00'),
                                   (1, '16:00', '18:00')) AS d (day, opens, closes)
                     WHERE f.code = 'FHIRTEST-POSYANDU'""").update();

            JsonNode active = json.readTree(get("/fhir/Organization").body());
            JsonNode posyandu = resource(active, "FHIRTEST-POSYANDU");
            assertThat(resource(active, "FHIRTEST-PUSTU")).isNull();
            assertThat(posyandu.get("partOf").get("reference").asString()).isEqualTo("Organization/FHIRTEST-PUSTU");
            JsonNode coding = posyandu.get("type").get(0).get("coding").get(0);
            assertThat(coding.get("system").asString()).isEqualTo(SATUSEHAT_TYPES);
            assertThat(coding.get("code").asString()).isEqualTo("131");
            JsonNode address = posyandu.get("address").get(0);
            assertThat(address.get("line").get(0).asString()).isEqualTo("Jl. Contoh No. 1");
            assertThat(administrativeCode(address))
                    .containsEntry("village", "3375011009")
                    .containsEntry("rt", "003")
                    .containsEntry("rw", rw.substring(rw.length() - 3));
            List<String> order = address.get("extension")
                    .get(0)
                    .get("extension")
                    .valueStream()
                    .map(part -> part.get("url").asString())
                    .toList();
            assertThat(order).containsExactly("province", "city", "district", "village", "rt", "rw");

            JsonNode all = json.readTree(
                    get("/fhir/Organization?_include-inactive=true").body());
            JsonNode pustu = resource(all, "FHIRTEST-PUSTU");
            assertThat(pustu.get("active").asBoolean()).isFalse();
            assertThat(pustu.get("type").get(0).get("coding").get(0).get("code").asString())
                    .isEqualTo("OT000002");
            assertThat(pustu.has("partOf")).isFalse();

            JsonNode location =
                    json.readTree(get("/fhir/Location/FHIRTEST-POSYANDU").body());
            assertThat(json.writeValueAsString(location.get("hoursOfOperation")))
                    .isEqualTo("""
                    [{"daysOfWeek":["sat"],"openingTime":"07:30:00","closingTime":"12:00:00"},\
                    {"daysOfWeek":["mon","tue","wed","thu","fri"],"openingTime":"07:30:00","closingTime":"14:30:00"},\
                    {"daysOfWeek":["mon"],"openingTime":"16:00:00","closingTime":"18:00:00"}]""");
            assertThat(location.get("position").get("longitude").doubleValue()).isEqualTo(109.651);
            JsonNode closed = json.readTree(get("/fhir/Location/FHIRTEST-PUSTU").body());
            assertThat(closed.get("status").asString()).isEqualTo("inactive");
            assertThat(closed.get("description").asString()).isEqualTo("Location quality: APPROXIMATE — test point");
            assertThat(resource(json.readTree(get("/fhir/Location").body()), "FHIRTEST-PUSTU"))
                    .isNull();
        } finally {
            jdbc.sql("DELETE FROM facilities WHERE code = 'FHIRTEST-POSYANDU'").update();
            jdbc.sql("DELETE FROM facilities WHERE code = 'FHIRTEST-PUSTU'").update();
        }
    }

    @Test
    void theDemoNetworkFromPosyanduUpToDinkesThroughPartOf() throws Exception {
        String posyandu = jdbc.sql("""
                SELECT code FROM facilities
                 WHERE type = 'POSYANDU' AND active AND parent_id IS NOT NULL
                   AND address_rt IS NOT NULL AND address_rw_code IS NOT NULL
                 ORDER BY code LIMIT 1""").query(String.class).optional().orElse(null);
        assertNotNull(posyandu, "the demo registry has posyandu with parents, RT and RW");
        Map<String, String> types = facilityTypes();
        Map<String, String> satusehat =
                Map.of("POSYANDU", "131", "PUSTU", "OT000002", "PUSKESMAS", "102", "DINKES", "129");

        JsonNode organization =
                json.readTree(get("/fhir/Organization/" + posyandu).body());
        Map<String, String> codes =
                administrativeCode(organization.get("address").get(0));
        Map<String, Object> row = jdbc.sql("SELECT address_rt, address_rw_code FROM facilities WHERE code = ?")
                .param(posyandu)
                .query()
                .singleRow();
        assertThat(codes.get("rt"))
                .isEqualTo(String.format(Locale.ROOT, "%03d", ((Number) row.get("address_rt")).intValue()));
        assertThat(codes.get("rw")).isEqualTo(((String) row.get("address_rw_code")).replaceAll(".*\\.RW", ""));
        assertThat(codes.get("rw")).matches("\\d{3}");

        List<String> chain = new ArrayList<>();
        while (true) {
            String id = organization.get("id").asString();
            chain.add(id);
            JsonNode coding = organization.get("type").get(0).get("coding").get(0);
            assertThat(coding.get("code").asString()).as(id).isEqualTo(satusehat.get(types.get(id)));
            if (!organization.has("partOf") || chain.size() > 10) {
                break;
            }
            HttpResponse<String> parent =
                    get("/fhir/" + organization.get("partOf").get("reference").asString());
            assertFhirJson(parent, 200);
            organization = json.readTree(parent.body());
        }
        // Posyandu -> (pustu ->) puskesmas -> dinas kesehatan.
        assertThat(chain.stream().map(types::get).toList()).first().isEqualTo("POSYANDU");
        assertThat(chain.stream().map(types::get).toList())
                .contains("PUSKESMAS")
                .last()
                .isEqualTo("DINKES");
    }

    private void assertBundle(JsonNode bundle, String resourceType, int expected) {
        assertThat(bundle.get("resourceType").asString()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asString()).isEqualTo("searchset");
        assertThat(bundle.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(bundle.get("total").isNumber()).isTrue();
        assertThat(bundle.get("total").asInt()).isEqualTo(expected);
        assertThat(bundle.path("entry")).hasSize(expected);
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.get("resource");
            assertThat(resource.get("resourceType").asString()).isEqualTo(resourceType);
            assertThat(entry.get("fullUrl").asString())
                    .isEqualTo("http://localhost:" + port + "/fhir/" + resourceType + "/"
                            + resource.get("id").asString());
            assertThat(entry.get("search").get("mode").asString()).isEqualTo("match");
        }
    }

    private static void assertFhirJson(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
    }

    /** The administrativeCode sub-extensions of an address, by url. */
    private static Map<String, String> administrativeCode(JsonNode address) {
        List<JsonNode> extensions = address.get("extension")
                .valueStream()
                .filter(e -> e.get("url").asString().equals(ADMINISTRATIVE_CODE))
                .toList();
        assertThat(extensions).hasSize(1);
        Map<String, String> codes = new HashMap<>();
        for (JsonNode part : extensions.get(0).get("extension")) {
            assertThat(codes.put(
                            part.get("url").asString(), part.get("valueCode").asString()))
                    .isNull();
        }
        return codes;
    }

    /** The partOf references of a bundle's Organizations that name no Organization of the bundle. */
    private static Set<String> unresolvedPartOf(JsonNode bundle, Map<String, String> parents) {
        Set<String> ids = bundle.get("entry")
                .valueStream()
                .map(e -> e.get("resource").get("id").asString())
                .collect(Collectors.toSet());
        Set<String> unresolved = new HashSet<>();
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode organization = entry.get("resource");
            String id = organization.get("id").asString();
            assertThat(organization.has("partOf")).as(id).isEqualTo(parents.containsKey(id));
            if (organization.has("partOf")) {
                String reference = organization.get("partOf").get("reference").asString();
                assertThat(reference).isEqualTo("Organization/" + parents.get(id));
                if (!ids.contains(parents.get(id))) {
                    unresolved.add(parents.get(id));
                }
            }
        }
        return unresolved;
    }

    /** The opening hours of a Location flattened to "day opens-closes". */
    private static Set<String> hours(JsonNode location) {
        Set<String> hours = new HashSet<>();
        if (location.has("hoursOfOperation")) {
            for (JsonNode entry : location.get("hoursOfOperation")) {
                for (JsonNode day : entry.get("daysOfWeek")) {
                    hours.add(day.asString() + " " + entry.get("openingTime").asString() + "-"
                            + entry.get("closingTime").asString());
                }
            }
        }
        return hours;
    }

    private static JsonNode resource(JsonNode bundle, String id) {
        return bundle.get("entry")
                .valueStream()
                .map(e -> e.get("resource"))
                .filter(r -> r.get("id").asString().equals(id))
                .findFirst()
                .orElse(null);
    }

    private Map<String, String> facilityTypes() {
        Map<String, String> types = new HashMap<>();
        jdbc.sql("SELECT code, type FROM facilities")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(e -> types.put(e.getKey(), e.getValue()));
        return types;
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
