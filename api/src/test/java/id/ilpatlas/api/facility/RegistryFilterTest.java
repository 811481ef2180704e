package id.ilpatlas.api.facility;

import static org.assertj.core.api.Assertions.assertThat;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code facilities(filter: ...)}: every filter, alone and combined, returns exactly the facilities (and totalCount)
 * that SQL written independently here selects; bad filter values are errors naming the argument.
 */
@Slow
class RegistryFilterTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** All pages of a filter: codes in order, and the totalCount of the first page. */
    private record Result(List<String> codes, int totalCount) {}

    private Result query(Map<String, Object> filter) {
        List<String> codes = new ArrayList<>();
        Integer total = null;
        String after = null;
        for (int pages = 0; pages < 20; pages++) {
            GraphQlTester.Request<?> request = graphQl.documentName("registryPage")
                    .variable("filter", filter)
                    .variable("first", 200);
            if (after != null) {
                request = request.variable("after", after);
            }
            GraphQlTester.Response response = request.execute();
            response.errors().verify();
            codes.addAll(response.path("facilities.edges[*].node.id")
                    .entityList(String.class)
                    .get());
            int pageTotal =
                    response.path("facilities.totalCount").entity(Integer.class).get();
            assertThat(total == null || total == pageTotal)
                    .as("totalCount is the same on every page")
                    .isTrue();
            total = pageTotal;
            if (!response.path("facilities.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get()) {
                return new Result(codes, total);
            }
            after = response.path("facilities.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
        }
        throw new AssertionError("more than 20 pages");
    }

    private List<String> sql(String where, Map<String, ?> params) {
        return jdbc.sql("SELECT f.code FROM facilities f WHERE " + where + " ORDER BY f.code")
                .params(params)
                .query(String.class)
                .list();
    }

    private void assertSame(Map<String, Object> filter, String where, Map<String, ?> params) {
        List<String> expected = sql(where, params);
        Result actual = query(filter);
        assertThat(actual.codes()).as("facilities for %s", filter).containsExactlyElementsOf(expected);
        assertThat(actual.totalCount()).as("totalCount for %s", filter).isEqualTo(expected.size());
    }

    private static Map<String, Object> filter(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void noFilterIsEveryActiveFacility() {
        assertSame(filter(), "f.active", Map.of());
        assertThat(query(filter()).totalCount()).isEqualTo(458);
    }

    @Test
    void typesAndKecamatan() {
        Map<String, Object> f = filter("types", List.of("PUSKESMAS", "POSYANDU"), "regionCode", "33.75.03");
        assertSame(
                f,
                "f.active AND f.type IN ('PUSKESMAS', 'POSYANDU') AND EXISTS (SELECT 1 FROM regions k "
                        + "WHERE k.code = f.kelurahan_code AND k.parent_code = '33.75.03')",
                Map.of());
        assertThat(query(f).codes())
                .isNotEmpty()
                .anySatisfy(c -> assertThat(c).startsWith("PKM-"))
                .anySatisfy(c -> assertThat(c).startsWith("PSY-"));
        // undotted code, kelurahan and RW levels
        assertSame(
                filter("types", List.of("PUSTU"), "regionCode", "337503"),
                "f.active AND f.type = 'PUSTU' AND f.kelurahan_code LIKE '33.75.03.%'",
                Map.of());
        assertSame(filter("regionCode", "3375011002"), "f.active AND f.kelurahan_code = '33.75.01.1002'", Map.of());
        assertSame(
                filter("regionCode", "33.75.01.1002.RW001"),
                "f.active AND f.address_rw_code = '33.75.01.1002.RW001'",
                Map.of());
        assertSame(
                filter("regionCode", "33.75", "types", List.of("POSYANDU")),
                "f.active AND f.type = 'POSYANDU'",
                Map.of());
        assertThat(query(filter("regionCode", "33.75", "types", List.of("POSYANDU")))
                        .totalCount())
                .isEqualTo(414);
    }

    @Test
    void serviceKeyAndSegment() {
        // a facility serves a segment when it lists it, or offers a service for it
        String serves = "(:segment = ANY(f.segments) OR EXISTS (SELECT 1 FROM facility_services fs JOIN services s "
                + "ON s.key = fs.service_key WHERE fs.facility_id = f.id AND s.segment = :segment))";
        String offers =
                "EXISTS (SELECT 1 FROM facility_services fs WHERE fs.facility_id = f.id AND fs.service_key = :key)";
        for (String[] pair : new String[][] {
            {"SKRINING_LANSIA", "LANSIA"},
            {"IMUNISASI_RUTIN", "REMAJA"},
            {"KB", "IBU_HAMIL"},
            {"SKRINING_TBC", "DEWASA"}
        }) {
            assertSame(
                    filter("serviceKey", pair[0], "segment", pair[1]),
                    "f.active AND " + offers + " AND " + serves,
                    Map.of("key", pair[0], "segment", pair[1]));
        }
        assertSame(filter("serviceKey", "SKRINING_LANSIA"), "f.active AND " + offers, Map.of("key", "SKRINING_LANSIA"));
        assertSame(filter("segment", "REMAJA"), "f.active AND " + serves, Map.of("segment", "REMAJA"));
        assertThat(query(filter("serviceKey", "SKRINING_LANSIA", "segment", "LANSIA"))
                        .totalCount())
                .isPositive();
    }

    @Test
    void programmeAndType() {
        assertSame(
                filter("programKey", "KLEOPATRA", "types", List.of("POSYANDU")),
                "f.active AND f.type = 'POSYANDU' AND f.id IN (SELECT facility_id FROM program_facilities "
                        + "WHERE program_key = 'KLEOPATRA')",
                Map.of());
        assertThat(query(filter("programKey", "KLEOPATRA", "types", List.of("POSYANDU")))
                        .totalCount())
                .isPositive();
        assertSame(filter("programKey", "KRISNNA"), "f.active AND f.type = 'PUSKESMAS'", Map.of());
    }

    @Test
    void nameContainsIsCaseInsensitiveAndTakesPercentAndUnderscoreLiterally() {
        assertSame(filter("nameContains", "mELAti"), "f.active AND position('melati' IN lower(f.name)) > 0", Map.of());
        assertThat(query(filter("nameContains", "mELAti")).totalCount()).isPositive();
        assertSame(filter("nameContains", "  tirto "), "f.active AND position('tirto' IN lower(f.name)) > 0", Map.of());
        assertSame(filter("nameContains", "H.A"), "f.active AND position('h.a' IN lower(f.name)) > 0", Map.of());
        for (String wildcard : List.of("%", "_", "Posyandu%", "Posyandu_Melati", "%a%", "\\")) {
            Result result = query(filter("nameContains", wildcard));
            assertThat(result.codes()).as("nameContains '%s'", wildcard).isEmpty();
            assertThat(result.totalCount()).as("nameContains '%s'", wildcard).isZero();
        }
    }

    @Test
    void boundingBox() {
        Map<String, Object> bbox = Map.of("west", 109.66, "south", -6.90, "east", 109.68, "north", -6.87);
        assertSame(
                filter("bbox", bbox),
                "f.active AND ST_X(f.location) BETWEEN 109.66 AND 109.68 "
                        + "AND ST_Y(f.location) BETWEEN -6.90 AND -6.87",
                Map.of());
        assertSame(
                filter("bbox", bbox, "types", List.of("POSYANDU"), "nameContains", "posyandu"),
                "f.active AND f.type = 'POSYANDU' AND ST_X(f.location) BETWEEN 109.66 AND 109.68 "
                        + "AND ST_Y(f.location) BETWEEN -6.90 AND -6.87",
                Map.of());
        assertThat(query(filter("bbox", bbox)).totalCount()).isBetween(10, 400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withinAKelurahanBoundary() {
        for (String kelurahan : List.of("33.75.01.1002", "33.75.03.1004")) {
            String geoJson = jdbc.sql("SELECT ST_AsGeoJSON(geom) FROM regions WHERE code = :c")
                    .param("c", kelurahan)
                    .query(String.class)
                    .single();
            Map<String, Object> polygon = JSON.readValue(geoJson, Map.class);
            assertThat(polygon.get("type")).isEqualTo("MultiPolygon");
            assertSame(
                    filter("within", polygon),
                    "f.active AND ST_Covers(ST_GeomFromGeoJSON(:g), f.location)",
                    Map.of("g", geoJson));
            // the facilities of the kelurahan are exactly those inside its boundary
            assertThat(query(filter("within", polygon)).codes())
                    .containsExactlyElementsOf(sql("f.active AND f.kelurahan_code = :k", Map.of("k", kelurahan)));
            // a single Polygon works as well
            String single = jdbc.sql("SELECT ST_AsGeoJSON(ST_GeometryN(geom, 1)) FROM regions WHERE code = :c")
                    .param("c", kelurahan)
                    .query(String.class)
                    .single();
            assertSame(
                    filter("within", JSON.readValue(single, Map.class), "types", List.of("POSYANDU")),
                    "f.active AND f.type = 'POSYANDU' AND ST_Covers(ST_GeomFromGeoJSON(:g), f.location)",
                    Map.of("g", single));
        }
    }

    @Test
    void nearAPointOnTheSpheroid() {
        double[][] centres = {{109.6487302, -6.8937032}, {109.675, -6.875}, {109.70, -6.92}};
        for (double[] c : centres) {
            for (double radius : new double[] {1, 250, 800, 2500}) {
                Map<String, Object> near =
                        Map.of("point", Map.of("longitude", c[0], "latitude", c[1]), "radiusMeters", radius);
                assertSame(
                        filter("near", near),
                        "f.active AND ST_Distance(f.location::geography, "
                                + "ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, true) <= :r",
                        Map.of("lon", c[0], "lat", c[1], "r", radius));
            }
        }
        Map<String, Object> near =
                Map.of("point", Map.of("longitude", 109.675, "latitude", -6.875), "radiusMeters", 1500.0);
        assertSame(
                filter("near", near, "types", List.of("POSYANDU"), "serviceKey", "KB", "regionCode", "33.75.03"),
                "f.active AND f.type = 'POSYANDU' AND f.kelurahan_code LIKE '33.75.03.%' AND EXISTS (SELECT 1 FROM "
                        + "facility_services fs WHERE fs.facility_id = f.id AND fs.service_key = 'KB') AND "
                        + "ST_DWithin(f.location::geography, ST_SetSRID(ST_MakePoint(109.675, -6.875), 4326)::geography, 1500)",
                Map.of());
        assertThat(query(filter("near", near)).totalCount()).isPositive();
    }

    @Test
    void includeInactiveWithoutInactiveFacilitiesChangesNothing() {
        assertSame(filter("includeInactive", true, "types", List.of("PUSTU")), "f.type = 'PUSTU'", Map.of());
    }

    // ---------------------------------------------------------------------------------------------- bad values

    private void expectBadArgument(Map<String, Object> filter, String argument) {
        graphQl.documentName("registryPage")
                .variable("filter", filter)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).as("errors for %s", filter).hasSize(1);
                    assertThat(errors.get(0).getErrorType())
                            .as("error type for %s: %s", filter, errors.get(0).getMessage())
                            .isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(errors.get(0).getMessage())
                            .startsWith("Argument '" + argument + "': ")
                            .doesNotContain("Exception", "at id.ilpatlas", "SQL");
                    assertThat(errors.get(0).getExtensions()).containsEntry("argument", argument);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"33-75", "33.75.1", "Medono", "33.75.01.1002.RW1000"})
    void badRegionCode(String code) {
        expectBadArgument(filter("regionCode", code), "filter.regionCode");
    }

    @Test
    void badBoundingBoxes() {
        expectBadArgument(
                filter("bbox", Map.of("west", 109.7, "south", -6.9, "east", 109.6, "north", -6.8)), "filter.bbox");
        expectBadArgument(
                filter("bbox", Map.of("west", 109.6, "south", -6.8, "east", 109.7, "north", -6.9)), "filter.bbox");
        expectBadArgument(
                filter("bbox", Map.of("west", -200.0, "south", -6.9, "east", 109.7, "north", -6.8)), "filter.bbox");
        expectBadArgument(
                filter("bbox", Map.of("west", 109.6, "south", -95.0, "east", 109.7, "north", -6.8)), "filter.bbox");
    }

    @Test
    void badNear() {
        Map<String, Object> point = Map.of("longitude", 109.67, "latitude", -6.88);
        for (double radius : new double[] {0, -5, 0.5, 100_001, 1e9}) {
            expectBadArgument(
                    filter("near", Map.of("point", point, "radiusMeters", radius)), "filter.near.radiusMeters");
        }
        expectBadArgument(
                filter("near", Map.of("point", Map.of("longitude", -6.88, "latitude", 109.67), "radiusMeters", 100.0)),
                "filter.near.point");
    }

    @Test
    void unknownServiceAndProgramme() {
        expectBadArgument(filter("serviceKey", "NO_SUCH_SERVICE"), "filter.serviceKey");
        expectBadArgument(filter("serviceKey", "imunisasi_rutin"), "filter.serviceKey");
        expectBadArgument(filter("programKey", "NO_SUCH_PROGRAMME"), "filter.programKey");
    }

    @Test
    void badNameContains() {
        expectBadArgument(filter("nameContains", ""), "filter.nameContains");
        expectBadArgument(filter("nameContains", "   "), "filter.nameContains");
        expectBadArgument(filter("nameContains", "x".repeat(101)), "filter.nameContains");
    }

    @Test
    void withinMustBeAnArealGeometry() {
        expectBadArgument(
                filter("within", Map.of("type", "Point", "coordinates", List.of(109.67, -6.88))), "filter.within");
        expectBadArgument(
                filter(
                        "within",
                        Map.of(
                                "type",
                                "LineString",
                                "coordinates",
                                List.of(List.of(109.6, -6.9), List.of(109.7, -6.8)))),
                "filter.within");
    }

    static List<Map<String, Object>> malformedPolygons() {
        return List.of(
                Map.of("type", "Polygon"), // no coordinates at all
                Map.of(
                        "type",
                        "Polygon",
                        "coordinates", // a ring of two positions
                        List.of(List.of(List.of(109.6, -6.9), List.of(109.7, -6.9)))),
                Map.of("type", "Polygon", "coordinates", "Pekalongan"), // coordinates that are not positions
                Map.of("type", "MultiPolygon", "coordinates", List.of(List.of(List.of(List.of(109.6, -6.9))))));
    }

    /**
     * A Polygon whose coordinates are not a polygon is the caller's mistake too: a BAD_REQUEST naming
     * {@code filter.within}, never an INTERNAL_ERROR from PostGIS.
     */
    @ParameterizedTest
    @MethodSource("malformedPolygons")
    void withinWithMalformedPolygonCoordinatesNamesTheArgument(Map<String, Object> polygon) {
        expectBadArgument(filter("within", polygon), "filter.within");
    }
}
