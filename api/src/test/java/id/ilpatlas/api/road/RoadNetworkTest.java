package id.ilpatlas.api.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.ilpatlas.api.IntegrationTest;
import id.ilpatlas.geo.testing.Slow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * The road network: the bundled Pekalongan layer becomes one noded graph, a small hand-made layer shows each snapping
 * and noding rule, and {@link RoadRouting} agrees with {@code pgr_dijkstra} on random vertex pairs.
 */
@Slow
class RoadNetworkTest extends IntegrationTest {

    private static final String PEKALONGAN = "33.75";
    /** A kab/kota code no real data uses: the hand-made layer lives there. */
    private static final String TEST_KABKOTA = "99.98";
    /** Origin of the hand-made layer (open country far from Pekalongan), metres east/north of it below. */
    private static final double LON0 = 110.5;

    private static final double LAT0 = -7.5;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Autowired
    RoadNetworkImporter importer;

    @Autowired
    RoadRouting routing;

    @AfterEach
    void dropTestNetwork() {
        jdbc.sql("DELETE FROM road_edges WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_vertices WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_network_loads WHERE kabkota_code = :k")
                .param("k", TEST_KABKOTA)
                .update();
    }

    @Test
    void pekalonganNetworkLoadsAsOneDominantComponent() {
        Map<String, Object> load = jdbc.sql("SELECT * FROM road_network_loads WHERE kabkota_code = :k")
                .param("k", PEKALONGAN)
                .query()
                .singleRow();
        // Both RTRW layers (176 + 406 features), merged (PekalonganRoadLayersTest).
        assertThat(((Number) load.get("features_read")).intValue()).isEqualTo(176 + 406);
        assertThat(((Number) load.get("features_rejected")).intValue()).isZero();
        assertThat(((Number) load.get("features_skipped")).intValue())
                .as("the railway; railways, shipping lanes and planned roads of the second layer")
                .isEqualTo(1 + 68);
        assertThat(((Number) load.get("edges")).intValue()).isGreaterThan(300);
        assertThat(((Number) load.get("vertices")).intValue()).isGreaterThan(200);
        // The first layer is ~140 km of road once the 7.4 km railway is dropped (SOURCE.md); the second adds ~18 km.
        assertThat(((Number) load.get("length_meters")).doubleValue()).isBetween(150_000.0, 165_000.0);

        List<Map<String, Object>> components = jdbc.sql("""
                        WITH c AS (SELECT node, component FROM pgr_connectedComponents(
                                       'SELECT id, source, target, 1 AS cost, 1 AS reverse_cost FROM road_edges '
                                       || 'WHERE kabkota_code = ''33.75'''))
                        SELECT c.component, sum(e.length_meters) AS meters
                          FROM road_edges e JOIN c ON c.node = e.source
                         GROUP BY c.component ORDER BY meters DESC""").query().listOfRows();
        double total = components.stream()
                .mapToDouble(row -> ((Number) row.get("meters")).doubleValue())
                .sum();
        double largest = ((Number) components.get(0).get("meters")).doubleValue();
        assertThat(largest / total)
                .as("share of the length in the largest component")
                .isGreaterThan(0.95);
        assertThat(((Number) load.get("components")).intValue()).isEqualTo(components.size());
        assertThat(((Number) load.get("largest_component_length_share")).doubleValue())
                .isCloseTo(largest / total, within(1e-9));

        int classes = jdbc.sql("SELECT count(DISTINCT road_class) FROM road_edges WHERE kabkota_code = :k")
                .param("k", PEKALONGAN)
                .query(Integer.class)
                .single();
        assertThat(classes).as("arteri, kolektor and lokal roads").isEqualTo(3);
    }

    @Test
    void noTwoEdgesCrossOrTouchWithoutASharedVertex() {
        int crossings =
                jdbc.sql("""
                        SELECT count(*) FROM road_edges a JOIN road_edges b
                            ON a.id < b.id AND a.kabkota_code = b.kabkota_code AND a.geom && b.geom
                           AND ST_Crosses(a.geom, b.geom)
                         WHERE a.kabkota_code = :k""").param("k", PEKALONGAN).query(Integer.class).single();
        assertThat(crossings)
                .as("edges crossing each other (the layer has no bridges or levels)")
                .isZero();
        int unnoded = jdbc.sql("""
                        SELECT count(*) FROM road_edges a JOIN road_edges b
                            ON a.id < b.id AND a.kabkota_code = b.kabkota_code AND a.geom && b.geom
                           AND ST_Intersects(a.geom, b.geom)
                         WHERE a.kabkota_code = :k
                           AND a.source NOT IN (b.source, b.target) AND a.target NOT IN (b.source, b.target)""").param("k", PEKALONGAN).query(Integer.class).single();
        assertThat(unnoded)
                .as("edges meeting anywhere but at a vertex they share")
                .isZero();
        int loose = jdbc.sql("""
                        SELECT count(*) FROM road_edges e
                          JOIN road_vertices s ON s.id = e.source JOIN road_vertices t ON t.id = e.target
                         WHERE e.kabkota_code = :k
                           AND NOT (ST_Equals(s.geom, ST_StartPoint(e.geom)) AND ST_Equals(t.geom, ST_EndPoint(e.geom)))""").param("k", PEKALONGAN).query(Integer.class).single();
        assertThat(loose).as("edges whose ends are not exactly their vertices").isZero();
    }

    @Test
    void nearCoincidentEndsAreMerged() {
        int close = jdbc.sql("""
                        SELECT count(*) FROM road_vertices a JOIN road_vertices b
                            ON a.id < b.id AND a.kabkota_code = b.kabkota_code
                           AND ST_DWithin(a.geom::geography, b.geom::geography, :tol)
                         WHERE a.kabkota_code = :k""")
                .param("k", PEKALONGAN)
                .param("tol", RoadNetworkImporter.SNAP_TOLERANCE_METERS)
                .query(Integer.class)
                .single();
        assertThat(close).as("pairs of vertices closer than the snap tolerance").isZero();
        // The raw layer shares only 53 of its 314 line ends (SOURCE.md): dead ends must be far fewer after snapping.
        int deadEnds = jdbc.sql("""
                        SELECT count(*) FROM road_vertices v WHERE v.kabkota_code = :k
                           AND (SELECT count(*) FROM road_edges e WHERE v.id IN (e.source, e.target)) = 1""").param("k", PEKALONGAN).query(Integer.class).single();
        assertThat(deadEnds).isLessThan(60);
    }

    /*
     * The hand-made layer, metres east (x) and north (y) of (LON0, LAT0):
     *
     *            D (50,80)              B (100,100)       E (150,90)
     *            |                      |                 |
     *            |                      |                 E (150,20)   <- 20 m off A: stays a separate dead end
     *            D (50,3)  <- 3 m off A: snapped onto A
     *  A (0,0) --+----------------------+-----------------------A (200,0)
     *                                   |                       C (200,1.5) ---------- C (300,0)
     *                                   B (100,-100)             ^ 1.5 m from A's end: merged
     */
    private static final String[] HAND_MADE = {
        line(0, 0, 200, 0) + props("Jl. A", "Arteri Sekunder"),
        line(100, -100, 100, 100) + props("Jl. B", "Kolektor Sekunder"),
        line(200, 1.5, 300, 0) + props("Jl. C", "Lokal Sekunder"),
        line(50, 3, 50, 80) + props(null, "Lokal Sekunder"),
        line(150, 20, 150, 90) + props(null, "Lokal Sekunder"),
        "\"geometry\": {\"type\": \"Point\", \"coordinates\": [110.5, -7.5]}" + props("a point", "Lokal Sekunder"),
        "\"geometry\": {\"type\": \"LineString\", \"coordinates\": []}" + props("empty", "Lokal Sekunder"),
        line(0, -50, 300, -50) + props("Rel", "Jalur Rel Kereta Api"),
    };

    @Test
    void handMadeLayerIsSnappedNodedAndBadFeaturesRejectedByNumber() {
        RoadNetworkReport report = importHandMade();
        assertThat(report.error()).isNull();
        assertThat(report.featuresRead()).isEqualTo(8);
        assertThat(report.rejected())
                .containsExactly(
                        "feature #6: geometry: expected a LineString or MultiLineString, was Point",
                        "feature #7: geometry: empty (no part with two distinct positions)");
        assertThat(report.skipped()).singleElement().asString().startsWith("feature #8: not a road");
        assertThat(report.ok()).isFalse();
        // A is cut at D and B (3 edges), B at A (2), C, D, E whole.
        assertThat(report.edges()).isEqualTo(8);
        assertThat(report.vertices()).isEqualTo(10);
        assertThat(report.components()).isEqualTo(2);
        assertThat(report.endpointsSnapped()).as("A's and C's ends, D's start").isEqualTo(3);

        assertThat(vertexDegreeNear(200, 0.75))
                .as("A's end and C's start are one vertex")
                .isEqualTo(2);
        assertThat(vertexDegreeNear(50, 0))
                .as("D's start lies on A, which is split there")
                .isEqualTo(3);
        assertThat(vertexDegreeNear(100, 0)).as("A and B cross at a vertex").isEqualTo(4);
        assertThat(vertexDegreeNear(150, 20))
                .as("E stays a dead end, 20 m from A")
                .isEqualTo(1);

        // Routing on it by motorbike: along A and C from its west end to C's east end; E is not reached.
        TravelMode mode = TravelMode.MOTORBIKE;
        List<RoadLeg> legs = routing.legs(List.of(at(0, 0)), List.of(at(300, 0), at(150, 90)), mode);
        RoadLeg alongA = legs.get(0);
        assertThat(alongA.connected()).isTrue();
        assertThat(alongA.distanceMeters()).isCloseTo(300, within(1.0));
        assertThat(alongA.networkSeconds())
                .as("200 m arteri and 100 m lokal at the motorbike's speeds")
                .isCloseTo(
                        200 / (mode.speedKmh(RoadClass.ARTERI) / 3.6) + 100 / (mode.speedKmh(RoadClass.LOKAL) / 3.6),
                        within(0.5));
        RoadLeg toE = legs.get(1);
        assertThat(toE.connected()).isFalse();
        assertThat(toE.distanceMeters()).isInfinite();
        assertThat(toE.to()).isNotNull();

        // Off the network: 30 m south of A's west end, joined at that end by a 30 m connector.
        RoadLeg offNetwork = routing.leg(at(0, -30), at(300, 0), mode);
        assertThat(offNetwork.from().connectorMeters()).isCloseTo(30, within(0.5));
        assertThat(offNetwork.from().edgeId()).isEqualTo(alongA.from().edgeId());
        double connectors = offNetwork.connectorMeters();
        assertThat(offNetwork.distanceMeters()).isCloseTo(alongA.networkMeters() + connectors, within(1e-6));
        assertThat(offNetwork.durationSeconds())
                .isCloseTo(alongA.networkSeconds() + connectors / (mode.connectorSpeedKmh() / 3.6), within(1e-6));

        // Joined on an edge, never only at a vertex: 20 m south of the middle of A's first stretch.
        RoadLeg midEdge = routing.leg(at(25, -20), at(300, 0), mode);
        assertThat(midEdge.from().connectorMeters()).as("straight up onto A").isCloseTo(20, within(0.5));
        assertThat(midEdge.networkMeters())
                .as("from x = 25 m along A to C's end")
                .isCloseTo(275, within(1.0));
    }

    @Test
    void reimportIsHarmless() throws IOException {
        importHandMade();
        String handMade = fingerprint(TEST_KABKOTA);
        String pekalongan = fingerprint(PEKALONGAN);
        importHandMade();
        assertThat(fingerprint(TEST_KABKOTA)).isEqualTo(handMade);

        RoadNetworkReport again;
        try (InputStream first = new ClassPathResource("reference/pekalongan/pekalongan_jaringan_jalan_2017.geojson")
                        .getInputStream();
                InputStream second = new ClassPathResource(
                                "reference/pekalongan/pekalongan_transportasi_rtrw2018.geojson")
                        .getInputStream()) {
            again = importer.importGeoJson(
                    List.of(
                            new RoadNetworkImporter.Source("pekalongan_jaringan_jalan_2017.geojson", first),
                            new RoadNetworkImporter.Source("pekalongan_transportasi_rtrw2018.geojson", second)),
                    null);
        }
        assertThat(again.kabkotaCode()).as("found by its boundary").isEqualTo(PEKALONGAN);
        assertThat(again.ok()).isTrue();
        assertThat(fingerprint(PEKALONGAN)).as("the same rows, ids included").isEqualTo(pekalongan);
    }

    @Test
    void roadDistanceOfRandomVertexPairsEqualsThePgrDijkstraPathAndIsAtLeastGeodesic() {
        long seed = Long.getLong("atlas.test.seed", new Random().nextLong());
        Random random = new Random(seed);
        List<Map<String, Object>> vertices =
                jdbc.sql("""
                        SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM road_vertices
                         WHERE kabkota_code = :k AND component = (
                               SELECT component FROM road_edges WHERE kabkota_code = :k
                                GROUP BY component ORDER BY sum(length_meters) DESC LIMIT 1)
                         ORDER BY id""").param("k", PEKALONGAN).query().listOfRows();
        List<Long> fromIds = new ArrayList<>();
        List<Long> toIds = new ArrayList<>();
        List<Point> from = new ArrayList<>();
        List<Point> to = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> a = vertices.get(random.nextInt(vertices.size()));
            Map<String, Object> b = vertices.get(random.nextInt(vertices.size()));
            fromIds.add(((Number) a.get("id")).longValue());
            toIds.add(((Number) b.get("id")).longValue());
            from.add(point(a));
            to.add(point(b));
        }
        List<RoadLeg> legs = routing.legs(from, to, TravelMode.MOTORBIKE);
        assertThat(legs).hasSize(64);
        for (RoadLeg leg : legs) {
            long a = fromIds.get(leg.fromIndex());
            long b = toIds.get(leg.toIndex());
            String pair = String.format(Locale.ROOT, "seed %d, vertices %d -> %d", seed, a, b);
            assertThat(leg.from().connectorMeters()).as(pair).isCloseTo(0, within(1e-3));
            assertThat(leg.to().connectorMeters()).as(pair).isCloseTo(0, within(1e-3));
            assertThat(leg.connected()).as(pair).isTrue();
            assertThat(leg.distanceMeters())
                    .as(pair + ": shortest distance = pgr_dijkstraCost between the vertices")
                    .isCloseTo(dijkstraCost(a, b, TravelMode.MOTORBIKE.lengthEdgesSql(false)), within(1e-3));
            assertThat(leg.durationSeconds())
                    .as(pair + ": fastest time = pgr_dijkstraCost on the motorbike's times")
                    .isCloseTo(dijkstraCost(a, b, TravelMode.MOTORBIKE.edgesSql(false)), within(1e-3));
            double geodesic = jdbc.sql("""
                            SELECT ST_Distance(a.geom::geography, b.geom::geography)
                              FROM road_vertices a, road_vertices b WHERE a.id = :a AND b.id = :b""")
                    .param("a", a)
                    .param("b", b)
                    .query(Double.class)
                    .single();
            assertThat(leg.distanceMeters())
                    .as(pair + ": road distance >= geodesic distance")
                    .isGreaterThanOrEqualTo(geodesic - 1e-6);
        }
    }

    /** pgr_dijkstraCost between two vertices on an edges query of {@link TravelMode} (a format() template). */
    private double dijkstraCost(long a, long b, String edges) {
        if (a == b) {
            return 0;
        }
        return jdbc.sql("SELECT agg_cost FROM pgr_dijkstraCost(format(CAST(:edges AS text), '33.75'), :a, :b, true)")
                .param("edges", edges)
                .param("a", a)
                .param("b", b)
                .query(Double.class)
                .single();
    }

    private String fingerprint(String kabkota) {
        return jdbc.sql("""
                        SELECT md5(string_agg(concat_ws('|', id, source, target, length_meters, oneway, road_class,
                                                        name, source_file, source_feature, component,
                                                        ST_AsEWKT(geom)), ',' ORDER BY id))
                               || md5((SELECT string_agg(concat_ws('|', id, component, ST_AsEWKT(geom)), ',' ORDER BY id)
                                         FROM road_vertices WHERE kabkota_code = :k))
                          FROM road_edges WHERE kabkota_code = :k""").param("k", kabkota).query(String.class).single();
    }

    private RoadNetworkReport importHandMade() {
        StringBuilder json = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        for (int i = 0; i < HAND_MADE.length; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"type\": \"Feature\", ")
                    .append(HAND_MADE[i])
                    .append('}');
        }
        json.append("]}");
        return importer.importGeoJson(
                new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)),
                "hand-made.geojson",
                TEST_KABKOTA);
    }

    private int vertexDegreeNear(double x, double y) {
        Point p = at(x, y);
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM road_edges e WHERE v.id IN (e.source, e.target))
                          FROM road_vertices v WHERE v.kabkota_code = :k
                         ORDER BY v.geom <-> ST_SetSRID(ST_MakePoint(:x, :y), 4326) LIMIT 1""")
                .param("k", TEST_KABKOTA)
                .param("x", p.getX())
                .param("y", p.getY())
                .query(Integer.class)
                .single();
    }

    private static Point point(Map<String, Object> row) {
        return GEOMETRY.createPoint(
                new Coordinate(((Number) row.get("lon")).doubleValue(), ((Number) row.get("lat")).doubleValue()));
    }

    /** The point x metres east and y metres north of (LON0, LAT0). */
    private static Point at(double x, double y) {
        return GEOMETRY.createPoint(new Coordinate(lon(x), lat(y)));
    }

    private static double lon(double x) {
        return LON0 + x / (111_320 * Math.cos(Math.toRadians(LAT0)));
    }

    private static double lat(double y) {
        return LAT0 + y / 110_574.0;
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(
                Locale.ROOT,
                "\"geometry\": {\"type\": \"LineString\", \"coordinates\": [[%.9f, %.9f], " + "[%.9f, %.9f]]}",
                lon(x1),
                lat(y1),
                lon(x2),
                lat(y2));
    }

    private static String props(String name, String function) {
        return ", \"properties\": {\"NAMA_JALAN\": " + (name == null ? "null" : "\"" + name + "\"")
                + ", \"FUNGSI_JAL\": \"" + function + "\"}";
    }
}
