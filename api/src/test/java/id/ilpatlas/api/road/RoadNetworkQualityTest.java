package id.ilpatlas.api.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

/**
 * {@code roadNetwork}: on the demo network every figure equals its recomputation by direct SQL (components by
 * {@code pgr_connectedComponents}, RW points near roads by a scan of every edge on the spheroid) and the level follows
 * the thresholds; a kab/kota without a network is NO_NETWORK with reasons instead of zeros; a tiny network that
 * misses most RW points is POOR, and the Java API the access, ranking and plans use says the same as the query.
 */
@Slow
class RoadNetworkQualityTest extends IntegrationTest {

    private static final String PEKALONGAN = "33.75";
    /** A kab/kota no real data uses, built for these tests and removed after each. */
    private static final String TEST_KABKOTA = "99.97";

    private static final String TEST_KELURAHAN = TEST_KABKOTA + ".01.1001";
    /** South-west corner of the test kelurahan (open country, far from Pekalongan and from RoadNetworkTest's 99.98). */
    private static final double LON0 = 111.0;

    private static final double LAT0 = -7.6;
    /** The test kelurahan is a 4 x 4 grid of square RWs of this side (metres, roughly). */
    private static final double RW_SIDE_METERS = 600;

    private static final double METERS_PER_DEGREE = 111_320;

    @Autowired
    RoadNetworkQuality quality;

    @Autowired
    RoadNetworkImporter importer;

    private boolean createdProvince;

    @AfterEach
    void dropTestKabkota() {
        jdbc.sql("DELETE FROM road_edges WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_vertices WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_network_loads WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_network_calibrations WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
        for (String level : List.of("RW", "KELURAHAN", "KECAMATAN", "KABKOTA")) {
            jdbc.sql("DELETE FROM regions WHERE kabkota_code = :k AND level = :level")
                    .param("k", TEST_KABKOTA)
                    .param("level", level)
                    .update();
        }
        if (createdProvince) {
            jdbc.sql("DELETE FROM regions WHERE code = '99'").update();
            createdProvince = false;
        }
    }

    private Map<String, Object> roadNetwork(GraphQlTester tester, String kabkota) {
        GraphQlTester.Response response = tester.documentName("roadNetwork")
                .variable("kabkotaCode", kabkota)
                .execute();
        response.errors().verify();
        @SuppressWarnings("unchecked")
        Map<String, Object> network =
                response.path("roadNetwork").entity(Map.class).get();
        return network;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void demoFiguresEqualTheirRecomputationBySql() {
        Map<String, Object> network = roadNetwork(anonymous(), PEKALONGAN);

        assertThat(map(network.get("kabkota")).get("code")).isEqualTo(PEKALONGAN);
        Map<String, Object> load = jdbc.sql("""
                        SELECT source_name, features_read, features_rejected, features_skipped,
                               to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS loaded_at
                          FROM road_network_loads WHERE kabkota_code = :k""").param("k", PEKALONGAN).query().singleRow();
        Map<String, Object> source = map(network.get("source"));
        assertThat(source.get("name")).isEqualTo(load.get("source_name"));
        assertThat(source.get("featuresRead")).isEqualTo(load.get("features_read"));
        assertThat(source.get("featuresRejected")).isEqualTo(load.get("features_rejected"));
        assertThat(source.get("featuresSkipped")).isEqualTo(load.get("features_skipped"));
        assertThat(java.time.Instant.parse((String) source.get("loadedAt")))
                .isEqualTo(java.time.LocalDateTime.parse((String) load.get("loaded_at"))
                        .toInstant(java.time.ZoneOffset.UTC));

        // The graph: length, edges, vertices; the pieces by pgr_connectedComponents, not the stored labels.
        Map<String, Object> graph = jdbc.sql("""
                        SELECT (SELECT sum(length_meters) FROM road_edges WHERE kabkota_code = :k) AS meters,
                               (SELECT count(*) FROM road_edges WHERE kabkota_code = :k) AS edges,
                               (SELECT count(*) FROM road_vertices WHERE kabkota_code = :k) AS vertices""").param("k", PEKALONGAN).query().singleRow();
        assertThat(number(network.get("lengthKilometers"))).isCloseTo(number(graph.get("meters")) / 1000, within(1e-9));
        assertThat(network.get("edgeCount")).isEqualTo(((Number) graph.get("edges")).intValue());
        assertThat(network.get("vertexCount")).isEqualTo(((Number) graph.get("vertices")).intValue());
        List<Double> pieces = jdbc.sql("""
                        WITH c AS (SELECT node, component FROM pgr_connectedComponents(
                                       'SELECT id, source, target, 1 AS cost, 1 AS reverse_cost FROM road_edges '
                                       || 'WHERE kabkota_code = ''33.75'''))
                        SELECT sum(e.length_meters) FROM road_edges e JOIN c ON c.node = e.source
                         WHERE e.kabkota_code = '33.75' GROUP BY c.component ORDER BY 1 DESC""").query(Double.class).list();
        assertThat(network.get("componentCount")).isEqualTo(pieces.size());
        assertThat(number(network.get("largestComponentLengthShare")))
                .isCloseTo(
                        pieces.get(0)
                                / pieces.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .sum(),
                        within(1e-9));
        assertThat(network.get("unavailableReason")).isNull();

        List<Map<String, Object>> classes =
                jdbc.sql("""
                        SELECT road_class, sum(length_meters) / 1000 AS km, count(*) AS edges FROM road_edges
                         WHERE kabkota_code = :k GROUP BY road_class
                         ORDER BY array_position(ARRAY['ARTERI', 'KOLEKTOR', 'LOKAL', 'LINGKUNGAN', 'SETAPAK'], road_class)""").param("k", PEKALONGAN).query().listOfRows();
        List<Map<String, Object>> served = list(network.get("roadClasses"));
        assertThat(served).hasSameSizeAs(classes);
        for (int i = 0; i < classes.size(); i++) {
            assertThat(served.get(i).get("roadClass")).isEqualTo(classes.get(i).get("road_class"));
            assertThat(number(served.get(i).get("lengthKilometers")))
                    .isCloseTo(number(classes.get(i).get("km")), within(1e-9));
            assertThat(served.get(i).get("edgeCount"))
                    .isEqualTo(((Number) classes.get(i).get("edges")).intValue());
        }

        // RW points near roads: the nearest edge of every point by a scan of every edge on the spheroid.
        List<Double> nearest =
                jdbc.sql("""
                        SELECT (SELECT min(ST_Distance(e.geom::geography, p.point::geography, true))
                                  FROM road_edges e WHERE e.kabkota_code = :k) AS d
                          FROM rw_representative_points p WHERE p.kabkota_code = :k ORDER BY d""").param("k", PEKALONGAN).query(Double.class).list();
        assertThat(nearest).as("the access refresh made the RW points").hasSizeGreaterThan(200);
        List<Map<String, Object>> near = list(network.get("rwPointsNearRoads"));
        assertThat(near).extracting(n -> number(n.get("withinMeters"))).containsExactly(100.0, 250.0, 500.0);
        for (Map<String, Object> n : near) {
            double meters = number(n.get("withinMeters"));
            long within = nearest.stream().filter(d -> d <= meters).count();
            assertThat(n.get("rwPointCount")).isEqualTo(nearest.size());
            assertThat(((Number) n.get("rwPointsWithin")).longValue())
                    .as("within %s m", meters)
                    .isEqualTo(within);
            assertThat(number(n.get("share"))).isCloseTo((double) within / nearest.size(), within(1e-12));
        }
        double median = jdbc.sql(
                        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM unnest(CAST(:d AS float8[])) d")
                .param("d", nearest.toArray(Double[]::new))
                .query(Double.class)
                .single();
        assertThat(number(network.get("rwPointMedianDistanceMeters"))).isCloseTo(median, within(1e-6));
        assertThat(network.get("rwPointsUnavailableReason")).isNull();

        // The calibration as the access refresh stored it: the row, or nulls with a reason, never zeros.
        List<Map<String, Object>> calibrations = list(network.get("calibrations"));
        assertThat(calibrations).extracting(c -> c.get("mode")).containsExactly("MOTORBIKE", "CAR", "WALK");
        for (Map<String, Object> c : calibrations) {
            List<Map<String, Object>> rows = jdbc.sql("""
                            SELECT pairs, measured, detour_factor, speed_kmh, ratio_p90
                              FROM road_network_calibrations WHERE kabkota_code = :k AND mode = :m""")
                    .param("k", PEKALONGAN)
                    .param("m", c.get("mode"))
                    .query()
                    .listOfRows();
            if (rows.isEmpty()) {
                assertThat(c.get("pairCount")).isNull();
                assertThat(c.get("detourFactor")).isNull();
                assertThat(c.get("speedKmh")).isNull();
                assertThat((String) c.get("unavailableReason")).contains("not measured yet");
            } else {
                Map<String, Object> row = rows.get(0);
                assertThat(c.get("pairCount")).isEqualTo(row.get("pairs"));
                assertThat(c.get("measured")).isEqualTo(row.get("measured"));
                assertThat(number(c.get("detourFactor"))).isEqualTo(number(row.get("detour_factor")));
                assertThat(number(c.get("speedKmh"))).isEqualTo(number(row.get("speed_kmh")));
                assertThat(c.get("ratioP90") == null ? null : number(c.get("ratioP90")))
                        .isEqualTo(row.get("ratio_p90") == null ? null : number(row.get("ratio_p90")));
                assertThat(c.get("unavailableReason") == null).isEqualTo(Boolean.TRUE.equals(row.get("measured")));
            }
        }

        // The level follows the thresholds, applied here to the recomputed figures.
        double share250 = (double) nearest.stream().filter(d -> d <= 250).count() / nearest.size();
        double largest =
                pieces.get(0) / pieces.stream().mapToDouble(Double::doubleValue).sum();
        for (String mode : List.of("MOTORBIKE", "WALK")) {
            Map<String, Object> served0 = map(network.get(mode.equals("WALK") ? "walking" : "quality"));
            Map<String, Object> calibration = calibrations.stream()
                    .filter(c -> c.get("mode").equals(mode))
                    .findFirst()
                    .orElseThrow();
            Set<String> expected = new TreeSet<>();
            RoadNetworkQuality.Level level = RoadNetworkQuality.Level.GOOD;
            if (share250 < RoadNetworkQuality.Thresholds.RW_POINT_SHARE_GOOD) {
                expected.add("RW_POINTS_FAR_FROM_ROADS");
                level = worst(
                        level,
                        share250 < RoadNetworkQuality.Thresholds.RW_POINT_SHARE_FAIR
                                ? RoadNetworkQuality.Level.POOR
                                : RoadNetworkQuality.Level.FAIR);
            }
            if (largest < RoadNetworkQuality.Thresholds.LARGEST_COMPONENT_SHARE_GOOD) {
                expected.add("FRAGMENTED_NETWORK");
                level = worst(
                        level,
                        largest < RoadNetworkQuality.Thresholds.LARGEST_COMPONENT_SHARE_FAIR
                                ? RoadNetworkQuality.Level.POOR
                                : RoadNetworkQuality.Level.FAIR);
            }
            if (!Boolean.TRUE.equals(calibration.get("measured"))) {
                expected.add("FALLBACK_NOT_CALIBRATED");
                level = worst(level, RoadNetworkQuality.Level.FAIR);
            } else if (number(calibration.get("detourFactor")) > RoadNetworkQuality.Thresholds.DETOUR_GOOD) {
                expected.add("HIGH_DETOUR");
                level = worst(
                        level,
                        number(calibration.get("detourFactor")) > RoadNetworkQuality.Thresholds.DETOUR_FAIR
                                ? RoadNetworkQuality.Level.POOR
                                : RoadNetworkQuality.Level.FAIR);
            }
            assertThat(served0.get("mode")).isEqualTo(mode);
            assertThat(served0.get("level")).as(mode).isEqualTo(level.name());
            assertThat(list(served0.get("warnings")))
                    .extracting(w -> (String) w.get("code"))
                    .containsExactlyInAnyOrderElementsOf(expected);

            // The Java API the access, ranking and plans attach to their rows says the same.
            RoadNetworkQuality.Assessment assessment = quality.assess(PEKALONGAN, TravelMode.valueOf(mode));
            assertThat(assessment.level()).isEqualTo(level);
            assertThat(assessment.warnings())
                    .extracting(w -> w.code().name() + ": " + w.message())
                    .containsExactlyElementsOf(list(served0.get("warnings")).stream()
                            .map(w -> w.get("code") + ": " + w.get("message"))
                            .toList());
        }
        assertThat(quality.assess(PEKALONGAN))
                .as("cached: the same answer again, MOTORBIKE by default")
                .isEqualTo(quality.assess(PEKALONGAN, TravelMode.MOTORBIKE));
    }

    private static RoadNetworkQuality.Level worst(RoadNetworkQuality.Level a, RoadNetworkQuality.Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Test
    void withoutANetworkTheFiguresAreReasonsNotZeros() {
        createTestKabkota();
        Map<String, Object> network = roadNetwork(anonymous(), TEST_KABKOTA);

        assertThat(network.get("source")).isNull();
        for (String figure : List.of(
                "lengthKilometers",
                "edgeCount",
                "vertexCount",
                "componentCount",
                "largestComponentLengthShare",
                "rwPointMedianDistanceMeters")) {
            assertThat(network.get(figure)).as(figure).isNull();
        }
        assertThat(list(network.get("roadClasses"))).isEmpty();
        assertThat((String) network.get("unavailableReason"))
                .isEqualTo("no road network is loaded for 99.97 (import one with ./atlas import roads)");
        assertThat((String) network.get("rwPointsUnavailableReason")).startsWith("no road network to measure");
        assertThat(list(network.get("rwPointsNearRoads"))).hasSize(3).allSatisfy(n -> {
            assertThat(n.get("rwPointCount"))
                    .as("the RW points exist; their distance to roads does not")
                    .isEqualTo(16);
            assertThat(n.get("rwPointsWithin")).isNull();
            assertThat(n.get("share")).isNull();
        });
        // As stored by the access refresh: nothing, or the defaults it falls back on, marked as not measured.
        assertThat(list(network.get("calibrations"))).hasSize(3).allSatisfy(c -> {
            assertThat(c.get("measured")).isNotEqualTo(true);
            assertThat(c.get("ratioP90")).isNull();
            assertThat((String) c.get("unavailableReason")).isNotBlank();
            if (c.get("measured") == null) {
                assertThat(c.get("detourFactor")).isNull();
                assertThat(c.get("speedKmh")).isNull();
                assertThat(c.get("pairCount")).isNull();
            } else {
                assertThat(c.get("pairCount")).isEqualTo(0);
                assertThat((String) c.get("unavailableReason")).startsWith("no road network to measure the fallback");
            }
        });
        Map<String, Object> level = map(network.get("quality"));
        assertThat(level.get("level")).isEqualTo("NO_NETWORK");
        assertThat(list(level.get("warnings"))).singleElement().satisfies(w -> {
            assertThat(w.get("code")).isEqualTo("NO_NETWORK");
            assertThat((String) w.get("message"))
                    .isEqualTo("no road network is loaded for 99.97 (import one with "
                            + "./atlas import roads): every road distance and travel time here is an estimate from the "
                            + "straight-line distance, not a route");
        });
        RoadNetworkQuality.Assessment assessment = quality.assess(TEST_KABKOTA);
        assertThat(assessment.level()).isEqualTo(RoadNetworkQuality.Level.NO_NETWORK);
        assertThat(assessment.low()).isTrue();
    }

    /*
     * The tiny network: one road along the middle of the bottom row of RWs (y = 300 m), so that 4 of the 16 RW
     * points lie on it and the others about 600, 1200 and 1800 m away:
     *
     *     RW013 RW014 RW015 RW016
     *     RW009 RW010 RW011 RW012
     *     RW005 RW006 RW007 RW008
     *     RW001-RW002-RW003-RW004   <- the road
     */
    @Test
    void aNetworkThatMissesMostRwPointsIsPoorAndSaysWhy() {
        createTestKabkota();
        assertThat(quality.assess(TEST_KABKOTA).level()).isEqualTo(RoadNetworkQuality.Level.NO_NETWORK);
        String layer = String.format(
                Locale.ROOT, """
                {"type": "FeatureCollection", "features": [{"type": "Feature",
                  "properties": {"NAMRJL": "Jl. Uji", "FUNGSI_JAL": "Lokal Sekunder"},
                  "geometry": {"type": "LineString", "coordinates": [[%.7f, %.7f], [%.7f, %.7f]]}}]}""", lon(0), lat(RW_SIDE_METERS / 2), lon(4 * RW_SIDE_METERS), lat(RW_SIDE_METERS / 2));
        RoadNetworkReport report = importer.importGeoJson(
                new ByteArrayInputStream(layer.getBytes(StandardCharsets.UTF_8)), "uji.geojson", TEST_KABKOTA);
        assertThat(report.error()).isNull();

        Map<String, Object> network = roadNetwork(anonymous(), TEST_KABKOTA);
        assertThat(map(network.get("source")).get("name")).isEqualTo("uji.geojson");
        assertThat(number(network.get("lengthKilometers"))).isCloseTo(2.4, within(0.05));
        assertThat(network.get("componentCount")).isEqualTo(1);
        assertThat(list(network.get("roadClasses")))
                .singleElement()
                .satisfies(c -> assertThat(c.get("roadClass")).isEqualTo("LOKAL"));
        assertThat(list(network.get("rwPointsNearRoads")))
                .extracting(n -> n.get("rwPointsWithin") + " of " + n.get("rwPointCount"))
                .containsExactly("4 of 16", "4 of 16", "4 of 16");
        Map<String, Object> level = map(network.get("quality"));
        assertThat(level.get("level")).isEqualTo("POOR");
        List<Map<String, Object>> warnings = list(level.get("warnings"));
        assertThat(warnings).extracting(w -> w.get("code")).contains("RW_POINTS_FAR_FROM_ROADS");
        assertThat(warnings)
                .filteredOn(w -> w.get("code").equals("RW_POINTS_FAR_FROM_ROADS"))
                .extracting(w -> w.get("message"))
                .containsExactly("only 25 % of RW points (4 of 16) lie within "
                        + "250 m of a mapped road: travel times are estimates for the rest");

        RoadNetworkQuality.Assessment assessment = quality.assess(TEST_KABKOTA);
        assertThat(assessment.level())
                .as("the cached NO_NETWORK verdict gave way to the new network")
                .isEqualTo(RoadNetworkQuality.Level.POOR);
        assertThat(assessment.low()).isTrue();
        assertThat(assessment.warnings())
                .extracting(w -> w.code().name())
                .containsExactlyElementsOf(
                        warnings.stream().map(w -> (String) w.get("code")).toList());

        // Low quality travels: every access row and the coverage of the kab/kota say it, in the same words.
        List<String> messages =
                warnings.stream().map(w -> (String) w.get("message")).toList();
        anonymous()
                .documentName("rwAccessPage")
                .variable("regionCode", TEST_KABKOTA)
                .variable("first", 50)
                .execute()
                .path("rwAccess.edges[*].node.warnings")
                .entityList(Object.class)
                .satisfies(rows -> {
                    assertThat(rows).hasSize(16);
                    for (Object row : rows) {
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> rowWarnings = (List<Map<String, Object>>) row;
                        assertThat(rowWarnings)
                                .filteredOn(w -> "NETWORK_QUALITY_LOW".equals(w.get("code")))
                                .extracting(w -> w.get("message"))
                                .containsExactlyElementsOf(messages);
                    }
                });
        anonymous()
                .documentName("rwAccessCoverage")
                .variable("regionCode", TEST_KABKOTA)
                .variable("withinMinutes", 15.0)
                .execute()
                .path("accessCoverage.warnings[?(@.code == 'NETWORK_QUALITY_LOW')].message")
                .entityList(String.class)
                .containsExactly(messages.toArray(String[]::new));
    }

    @Test
    void onlyKnownKabkotaCodesAreAccepted() {
        for (String code : List.of("33.75.01", "99.96", "33.7x")) {
            anonymous()
                    .documentName("roadNetwork")
                    .variable("kabkotaCode", code)
                    .execute()
                    .errors()
                    .satisfy(errors -> {
                        assertThat(errors).as(code).hasSize(1);
                        assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
                        assertThat(errors.get(0).getMessage()).startsWith("Argument 'kabkotaCode': ");
                    });
        }
    }

    private static double lon(double eastMeters) {
        return LON0 + eastMeters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(LAT0)));
    }

    private static double lat(double northMeters) {
        return LAT0 + northMeters / METERS_PER_DEGREE;
    }

    private static String square(double x0, double y0, double side) {
        return String.format(
                Locale.ROOT,
                "MULTIPOLYGON(((%.8f %.8f, %.8f %.8f, %.8f %.8f, %.8f %.8f, %.8f %.8f)))",
                lon(x0),
                lat(y0),
                lon(x0 + side),
                lat(y0),
                lon(x0 + side),
                lat(y0 + side),
                lon(x0),
                lat(y0 + side),
                lon(x0),
                lat(y0));
    }

    /** Kab/kota 99.97: one kecamatan, one kelurahan of 2.4 x 2.4 km, 16 square RWs of 600 m numbered row by row. */
    private void createTestKabkota() {
        createdProvince = jdbc.sql("""
                        INSERT INTO regions (code, level, name, synthetic) VALUES ('99', 'PROVINSI', 'Provinsi Uji', true)
                        ON CONFLICT (code) DO NOTHING""").update() == 1;
        String whole = square(0, 0, 4 * RW_SIDE_METERS);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {TEST_KABKOTA, "KABKOTA", "Kota Uji", "99", whole});
        rows.add(new String[] {TEST_KABKOTA + ".01", "KECAMATAN", "Uji", TEST_KABKOTA, whole});
        rows.add(new String[] {TEST_KELURAHAN, "KELURAHAN", "Uji", TEST_KABKOTA + ".01", whole});
        for (int i = 0; i < 16; i++) {
            rows.add(new String[] {
                String.format(Locale.ROOT, "%s.RW%03d", TEST_KELURAHAN, i + 1),
                "RW",
                String.format(Locale.ROOT, "RW %03d", i + 1),
                TEST_KELURAHAN,
                square((i % 4) * RW_SIDE_METERS, (i / 4) * RW_SIDE_METERS, RW_SIDE_METERS)
            });
        }
        for (String[] r : rows) {
            jdbc.sql("""
                            INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, synthetic)
                            VALUES (:code, :level, :name, :parent, :k, ST_GeomFromText(:wkt, 4326), true)""")
                    .param("code", r[0])
                    .param("level", r[1])
                    .param("name", r[2])
                    .param("parent", r[3])
                    .param("k", TEST_KABKOTA)
                    .param("wkt", r[4])
                    .update();
        }
    }
}
