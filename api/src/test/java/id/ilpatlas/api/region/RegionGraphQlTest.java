package id.ilpatlas.api.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.graphql.execution.ErrorType;

/** Regions of Kota Pekalongan through GraphQL, on the reference data as {@code ./atlas start} loads it. */
class RegionGraphQlTest extends IntegrationTest {

    @Test
    void kotaHasFourKecamatanAndTwentySevenKelurahan() {
        var response = graphQl.documentName("kotaHierarchy").execute();
        response.path("region.name").entity(String.class).isEqualTo("Kota Pekalongan");
        response.path("region.level").entity(String.class).isEqualTo("KABKOTA");
        response.path("region.children[*].code")
                .entityList(String.class)
                .containsExactly("33.75.01", "33.75.02", "33.75.03", "33.75.04");
        response.path("region.children[*].name")
                .entityList(String.class)
                .containsExactly("Pekalongan Barat", "Pekalongan Timur", "Pekalongan Utara", "Pekalongan Selatan");
        response.path("region.children[*].children[*].code")
                .entityList(String.class)
                .hasSize(27);
        // 2017 populations: the kota is the sum of its kelurahan (crosswalk total 296,533).
        response.path("region.population").entity(Integer.class).isEqualTo(296_533);
    }

    @Test
    void everyRegionGeometryIsAValidMultiPolygonInEpsg4326() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT level, count(*) AS n,
                       count(*) FILTER (WHERE ST_IsValid(geom) AND GeometryType(geom) = 'MULTIPOLYGON'
                                          AND ST_SRID(geom) = 4326) AS ok
                  FROM regions WHERE kabkota_code = '33.75' GROUP BY level ORDER BY level""").query().listOfRows();
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("ok"))
                        .as("level %s", row.get("level"))
                        .isEqualTo(row.get("n")));
        assertThat(rows).extracting(row -> row.get("level")).contains("KABKOTA", "KECAMATAN", "KELURAHAN", "RW");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rwsOfEveryKelurahanSumToItsPopulationAndArea() {
        var response = graphQl.documentName("kelurahanWithRws").execute();
        response.path("regions.totalCount").entity(Integer.class).isEqualTo(27);
        List<Map<String, Object>> kelurahan =
                response.path("regions.edges[*].node").entityList(Map.class).get().stream()
                        .map(m -> (Map<String, Object>) m)
                        .toList();
        assertThat(kelurahan).hasSize(27);
        for (Map<String, Object> kel : kelurahan) {
            List<Map<String, Object>> rws = (List<Map<String, Object>>) kel.get("children");
            int population = ((Number) kel.get("population")).intValue();
            double area = ((Number) kel.get("areaSquareMeters")).doubleValue();
            assertThat(rws)
                    .as("RWs of %s", kel.get("code"))
                    .hasSize(Math.max(3, (int) Math.round(population / 1100.0)))
                    .allSatisfy(rw -> {
                        assertThat(rw.get("level")).isEqualTo("RW");
                        assertThat(rw.get("synthetic")).isEqualTo(true);
                        assertThat((String) rw.get("code")).startsWith(kel.get("code") + ".RW");
                    });
            assertThat(rws.stream()
                            .mapToInt(rw -> ((Number) rw.get("population")).intValue())
                            .sum())
                    .as("population of the RWs of %s", kel.get("code"))
                    .isEqualTo(population);
            // Sum of RW areas = kelurahan area: no overlap (and, with the union check below, no gap).
            double rwArea = rws.stream()
                    .mapToDouble(rw -> ((Number) rw.get("areaSquareMeters")).doubleValue())
                    .sum();
            assertThat(Math.abs(rwArea - area) / area)
                    .as("area difference of the RWs of %s", kel.get("code"))
                    .isLessThan(0.001);
        }
    }

    @Test
    void rwsTileEveryKelurahanWithoutGapOrOverlap() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT k.code,
                       ST_Area(ST_SymDifference(k.geom, ST_Union(r.geom))::geography) / ST_Area(k.geom::geography)
                           AS uncovered_share,
                       (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
                          FROM regions a JOIN regions b
                            ON a.parent_code = k.code AND b.parent_code = k.code AND a.code < b.code
                           AND ST_Intersects(a.geom, b.geom)) / ST_Area(k.geom::geography) AS overlap_share
                  FROM regions k JOIN regions r ON r.parent_code = k.code
                 WHERE k.level = 'KELURAHAN'
                 GROUP BY k.code, k.geom""").query().listOfRows();
        assertThat(rows).hasSize(27).allSatisfy(row -> {
            assertThat(((Number) row.get("uncovered_share")).doubleValue())
                    .as("gap/excess in %s", row.get("code"))
                    .isLessThan(0.001);
            assertThat(((Number) row.get("overlap_share")).doubleValue())
                    .as("overlap in %s", row.get("code"))
                    .isLessThan(0.001);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "33.75.01.1002,      33.75.01.1002,       KELURAHAN",
        "3375011002,         33.75.01.1002,       KELURAHAN",
        "' 33.75.01.1002 ',  33.75.01.1002,       KELURAHAN",
        "337501,             33.75.01,            KECAMATAN",
        "3375,               33.75,               KABKOTA",
        "33.75.01.1002.RW003, 33.75.01.1002.RW003, RW",
        "3375011002RW003,    33.75.01.1002.RW003, RW",
        "33.75.01.1002.rw3,  33.75.01.1002.RW003, RW"
    })
    void dottedAndUndottedCodesFindTheSameRegion(String input, String expectedCode, String expectedLevel) {
        var response =
                graphQl.documentName("regionByCode").variable("code", input).execute();
        response.path("region.code").entity(String.class).isEqualTo(expectedCode);
        response.path("region.level").entity(String.class).isEqualTo(expectedLevel);
    }

    /** A label point lies inside its region (PostGIS checks each point the API gave), for kelurahan and RWs. */
    @Test
    @SuppressWarnings("unchecked")
    void everyLabelPointLiesInsideItsRegion() {
        for (String level : List.of("KELURAHAN", "RW")) {
            List<Map<String, Object>> nodes = graphQl
                    .documentName("regionLabelPoints")
                    .variable("level", level)
                    .execute()
                    .path("regions.edges[*].node")
                    .entityList(Map.class)
                    .get()
                    .stream()
                    .map(m -> (Map<String, Object>) m)
                    .toList();
            assertThat(nodes).as(level).hasSizeGreaterThan(level.equals("RW") ? 200 : 20);
            for (Map<String, Object> node : nodes) {
                List<Number> xy = (List<Number>) ((Map<String, Object>) node.get("labelPoint")).get("coordinates");
                boolean inside = jdbc.sql("""
                                SELECT ST_Contains(geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326)) FROM regions
                                 WHERE code = :code""")
                        .param("x", xy.get(0).doubleValue())
                        .param("y", xy.get(1).doubleValue())
                        .param("code", node.get("code"))
                        .query(Boolean.class)
                        .single();
                assertThat(inside)
                        .as("label point %s of %s", xy, node.get("code"))
                        .isTrue();
            }
        }
    }

    @Test
    void unknownWellFormedCodeIsNull() {
        graphQl.documentName("regionByCode")
                .variable("code", "33.75.09.1001")
                .execute()
                .path("region")
                .valueIsNull();
    }

    @ParameterizedTest
    @CsvSource({"33.75.1", "3375x", "33.75.01.3002", "337501100", "33.7501", "Medono", "33.75.01.1002.RW1000", "''"})
    void malformedCodeIsABadRequestNamingTheArgumentAndFormat(String input) {
        graphQl.documentName("regionByCode")
                .variable("code", input)
                .execute()
                .errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                    assertThat(errors.get(0).getMessage())
                            .startsWith("Argument 'code': ")
                            .contains("33.75.01.1002")
                            .doesNotContain("Exception", "at id.ilpatlas");
                    assertThat(errors.get(0).getExtensions()).containsEntry("argument", "code");
                });
    }

    @Test
    void badWithinFirstAndAfterNameTheirArgument() {
        expectBadArgument(
                graphQl.documentName("regionPage").variable("level", "RW").variable("within", "33-75"), "within");
        expectBadArgument(
                graphQl.documentName("regionPage")
                        .variable("level", "KECAMATAN")
                        .variable("within", "33.75.01"),
                "within");
        expectBadArgument(
                graphQl.documentName("regionPage").variable("level", "RW").variable("within", "33.99"), "within");
        expectBadArgument(
                graphQl.documentName("regionPage").variable("level", "RW").variable("first", 0), "first");
        expectBadArgument(
                graphQl.documentName("regionPage").variable("level", "RW").variable("first", 5000), "first");
        expectBadArgument(
                graphQl.documentName("regionPage").variable("level", "RW").variable("after", "bm90LWEtY3Vyc29y"),
                "after");
    }

    private static void expectBadArgument(
            org.springframework.graphql.test.tester.GraphQlTester.Request<?> request, String argument) {
        request.execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
            assertThat(errors.get(0).getMessage()).startsWith("Argument '" + argument + "': ");
        });
    }

    @Test
    void pagingThroughAllRwsVisitsEachOnceInCodeOrder() {
        int total = jdbc.sql("SELECT count(*) FROM regions WHERE level = 'RW' AND code LIKE '33.75.%'")
                .query(Integer.class)
                .single();
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean hasNext = true;
        int pages = 0;
        while (hasNext) {
            var response = graphQl.documentName("regionPage")
                    .variable("level", "RW")
                    .variable("within", "3375")
                    .variable("first", 50)
                    .variable("after", after)
                    .execute();
            response.path("regions.totalCount").entity(Integer.class).isEqualTo(total);
            response.path("regions.pageInfo.hasPreviousPage")
                    .entity(Boolean.class)
                    .isEqualTo(after != null);
            seen.addAll(response.path("regions.edges[*].node.code")
                    .entityList(String.class)
                    .get());
            hasNext = response.path("regions.pageInfo.hasNextPage")
                    .entity(Boolean.class)
                    .get();
            after = response.path("regions.pageInfo.endCursor")
                    .entity(String.class)
                    .get();
            assertThat(++pages).isLessThan(1000);
        }
        assertThat(seen).hasSize(total).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(seen))
                .allSatisfy(code -> assertThat(code).matches("33\\.75\\.0[1-4]\\.1\\d{3}\\.RW\\d{3}"));
        assertThat(pages).isEqualTo((total + 49) / 50);
    }

    @Test
    void rwKnowsItsAncestorsUpToTheProvinsi() {
        var response = graphQl.documentName("rwAncestors")
                .variable("code", "33.75.01.1002.RW001")
                .execute();
        response.path("region.parent.code").entity(String.class).isEqualTo("33.75.01.1002");
        response.path("region.parent.parent.code").entity(String.class).isEqualTo("33.75.01");
        response.path("region.parent.parent.parent.code").entity(String.class).isEqualTo("33.75");
        response.path("region.parent.parent.parent.parent.code")
                .entity(String.class)
                .isEqualTo("33");
        response.path("region.parent.parent.parent.parent.level")
                .entity(String.class)
                .isEqualTo("PROVINSI");
        response.path("region.parent.parent.parent.parent.parent").valueIsNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void geometryIsGeoJsonLonLatAndSimplifiesOnRequest() {
        var response = graphQl.documentName("regionGeometry")
                .variable("code", "33.75.01.1002")
                .variable("simplifyMeters", 25.0)
                .execute();
        Map<String, Object> full =
                response.path("region.full").entity(Map.class).get();
        Map<String, Object> simplified =
                response.path("region.simplified").entity(Map.class).get();
        assertThat(full.get("type")).isEqualTo("MultiPolygon");
        assertThat(simplified.get("type")).isEqualTo("MultiPolygon");
        List<List<Double>> ring = ((List<List<List<List<Double>>>>) full.get("coordinates"))
                .get(0)
                .get(0);
        // [lon, lat]: Pekalongan lies at about 109.67 E, 6.9 S.
        assertThat(ring).allSatisfy(position -> {
            assertThat(position.get(0)).isCloseTo(109.67, within(0.1));
            assertThat(position.get(1)).isCloseTo(-6.9, within(0.1));
        });
        int simplifiedVertices = ((List<List<List<List<Double>>>>) simplified.get("coordinates"))
                .get(0)
                .get(0)
                .size();
        assertThat(simplifiedVertices).isGreaterThanOrEqualTo(4).isLessThan(ring.size());

        graphQl.documentName("regionGeometry")
                .variable("code", "33.75.01.1002")
                .variable("simplifyMeters", -1.0)
                .execute()
                .errors()
                .satisfy(errors -> assertThat(errors)
                        .singleElement()
                        .satisfies(e -> assertThat(e.getMessage()).startsWith("Argument 'simplifyMeters': ")));
    }
}
