package id.ilpatlas.api.road;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import crosby.binary.Osmformat;
import crosby.binary.file.BlockOutputStream;
import crosby.binary.file.FileBlock;
import id.ilpatlas.api.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OpenStreetMap roads in: an {@code .osm.pbf} written here with the PBF library's own protobuf classes, and an
 * overpass-style GeoJSON, imported through {@link RoadNetworkImporter#importFiles} (what {@code ./atlas import roads}
 * calls) into a test kab/kota with a 1 km square boundary. Checked: edges and classes, one-way direction (a pgRouting
 * query that honours it cannot drive against it), a bridge not joined to the road below, clipping, skips, the size
 * limit, and that the same file gives the same rows.
 *
 * <pre>
 *  metres east (x) / north (y) of (LON0, LAT0); the kab/kota is the square 0..1000 x 0..1000, clipped at 3000 m
 *
 *  n20 ==================== W12 motorway (oneway implied) ================== n21      y 950
 *  n12                                                                                  y 800
 *   |  W7 footway    n9 ---- W5 ---- n6          n7
 *   |                |              ^ W2 oneway  | W3 oneway=-1 (drives south)
 *   |                | W4 bridge    |            v
 *  n1 ----- W1 primary ---- (n2) ---- n3 -------- n4 --------- n5 ----- W8 primary_link ---> n13 (5000, 500)
 *                    |                             \ W11          \ W6 construction (skipped)
 *                    n8 (300, 300)                  n18 roundabout W10 (n16, n17, n18)
 *                                                                    W9 at x = 6000: wholly outside
 * </pre>
 */
class OsmRoadImportTest extends IntegrationTest {

    /** A kab/kota no real data uses, with a boundary made here. */
    static final String KABKOTA = "33.98";

    private static final double LON0 = 110.5;
    private static final double LAT0 = -7.5;

    @Autowired
    RoadNetworkImporter importer;

    @TempDir
    Path dir;

    @BeforeEach
    void createKabkota() {
        cleanUp();
        jdbc.sql("""
                INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, synthetic)
                VALUES (:k, 'KABKOTA', 'Kota Uji OSM', '33', :k, ST_Multi(ST_GeomFromText(:wkt, 4326)), true)""")
                .param("k", KABKOTA)
                .param(
                        "wkt",
                        String.format(
                                Locale.ROOT,
                                "POLYGON((%s, %s, %s, %s, %s))",
                                xy(0, 0),
                                xy(1000, 0),
                                xy(1000, 1000),
                                xy(0, 1000),
                                xy(0, 0)))
                .update();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM road_edges WHERE kabkota_code = :k")
                .param("k", KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_vertices WHERE kabkota_code = :k")
                .param("k", KABKOTA)
                .update();
        jdbc.sql("DELETE FROM road_network_loads WHERE kabkota_code = :k")
                .param("k", KABKOTA)
                .update();
        jdbc.sql("DELETE FROM regions WHERE code = :k").param("k", KABKOTA).update();
    }

    // ------------------------------------------------------------------------------------------------ .osm.pbf

    @Test
    void pbfExtractBecomesAGraphJoinedAtSharedNodesWithClassesAndDirections() throws IOException {
        Path file = writePbf(dir.resolve("kota-uji.osm.pbf"));
        RoadNetworkReport report = importer.importFiles(List.of(file), null);

        assertThat(report.error()).as(report.describe()).isNull();
        assertThat(report.ok()).isTrue();
        assertThat(report.kabkotaCode()).as("found by its boundary").isEqualTo(KABKOTA);
        RoadNetworkReport.FileReport read = report.files().get(0);
        assertThat(read.format()).isEqualTo("OSM PBF");
        assertThat(read.featuresRead())
                .as("ways with a highway tag (the building is not one)")
                .isEqualTo(12);
        assertThat(read.skipped()).containsExactly("way 6: highway=construction is not a road one travels along");
        assertThat(report.featuresOutside()).as("W9").isEqualTo(1);
        assertThat(report.clippedMeters()).as("W8 beyond x = 3000 m, and W9").isCloseTo(2000 + 300, within(5.0));

        // W1 is cut at n1, n3, n4 (not at n2, which no other way uses); the roundabout at n16 and n18.
        assertThat(report.edges()).isEqualTo(13);
        assertThat(edge(1)).containsEntry("n", 3L);
        assertThat(classOf(1)).isEqualTo("ARTERI");
        assertThat(classOf(2)).isEqualTo("LOKAL");
        assertThat(classOf(3)).isEqualTo("KOLEKTOR");
        assertThat(classOf(7)).isEqualTo("SETAPAK");
        assertThat(classOf(8)).as("primary_link").isEqualTo("ARTERI");
        assertThat(jdbc.sql("SELECT source_class FROM road_edges WHERE kabkota_code = :k AND source_feature = 7")
                        .param("k", KABKOTA)
                        .query(String.class)
                        .single())
                .isEqualTo("highway=footway");
        assertThat(jdbc.sql("SELECT name FROM road_edges WHERE kabkota_code = :k AND source_feature = 1 LIMIT 1")
                        .param("k", KABKOTA)
                        .query(String.class)
                        .single())
                .isEqualTo("Jalan Utama");

        // Clipped at the buffer: W8 ends 2000 m beyond the boundary, nothing lies farther.
        double farthestX = jdbc.sql("SELECT max(ST_XMax(geom)) FROM road_edges WHERE kabkota_code = :k")
                .param("k", KABKOTA)
                .query(Double.class)
                .single();
        assertThat(x(farthestX)).isCloseTo(3000, within(5.0));

        assertOneway(2, 500, 500, 500, 800);
        assertOneway(3, 700, 800, 700, 500);
        assertOneway(12, 0, 950, 1000, 950);
        assertThat(jdbc.sql("SELECT bool_and(oneway) FROM road_edges WHERE kabkota_code = :k AND source_feature = 10")
                        .param("k", KABKOTA)
                        .query(Boolean.class)
                        .single())
                .as("junction=roundabout")
                .isTrue();
        assertThat(jdbc.sql(
                                "SELECT bool_or(oneway) FROM road_edges WHERE kabkota_code = :k AND source_feature IN (1, 4, 5, 7)")
                        .param("k", KABKOTA)
                        .query(Boolean.class)
                        .single())
                .isFalse();

        // By motorbike one cannot drive n6 -> n3 against W2, nor n4 -> n7 against W3; on foot one can.
        assertThat(drive(vertexAt(500, 800), vertexAt(500, 500)))
                .as("against W2")
                .isNull();
        assertThat(drive(vertexAt(500, 500), vertexAt(500, 800))).isCloseTo(300, within(1.0));
        assertThat(drive(vertexAt(700, 500), vertexAt(700, 800)))
                .as("against W3")
                .isNull();
        assertThat(drive(vertexAt(700, 800), vertexAt(700, 500))).isCloseTo(300, within(1.0));
        assertThat(walk(vertexAt(500, 800), vertexAt(500, 500))).isCloseTo(300, within(1.0));

        // The bridge W4 crosses W1 at (300, 500) without a shared node: no vertex there, and from the bridge's south
        // end the road below is reached only round by W5, W2's junction n3: 400 + 224 + 300 + 200 m, not 200 m.
        assertThat(vertexAt(300, 500)).as("no junction under the bridge").isNull();
        Double round = walk(vertexAt(300, 300), vertexAt(500, 500));
        assertThat(round).isCloseTo(400 + Math.hypot(200, 100) + 300, within(1.0));
    }

    @Test
    void reimportingTheSameExtractGivesTheSameRows() throws IOException {
        Path file = writePbf(dir.resolve("kota-uji.osm.pbf"));
        assertThat(importer.importFiles(List.of(file), KABKOTA).ok()).isTrue();
        String first = fingerprint();
        assertThat(importer.importFiles(List.of(file), KABKOTA).ok()).isTrue();
        assertThat(fingerprint()).isEqualTo(first);
    }

    @Test
    void anExtractAboveTheSizeLimitIsRefusedBeforeAnyWork() throws IOException {
        Path big = dir.resolve("java-latest.osm.pbf");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(OsmPbfRoadReader.MAX_BYTES + 1);
        }
        RoadNetworkReport report = importer.importFiles(List.of(big), KABKOTA);
        assertThat(report.ok()).isFalse();
        assertThat(report.error())
                .startsWith("java-latest.osm.pbf: is 128 MiB, more than the 128 MiB limit")
                .contains("osmium extract");
        assertThat(jdbc.sql("SELECT count(*) FROM road_edges WHERE kabkota_code = :k")
                        .param("k", KABKOTA)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aFileThatIsNoPbfIsRefusedByName() throws IOException {
        Path bad = Files.writeString(dir.resolve("roads.osm.pbf"), "not a pbf at all, just text");
        RoadNetworkReport report = importer.importFiles(List.of(bad), KABKOTA);
        assertThat(report.error()).startsWith("roads.osm.pbf: not a readable .osm.pbf file");
    }

    // ------------------------------------------------------------------------------------------------ GeoJSON

    /*
     * An overpass-turbo style export (tags in the properties, "@id") with one osmtogeojson-style feature (tags under
     * "tags"): the ground road G along y = 500, a bridge B over it (x = 300, y 300..700, layer 1), a one-way=-1
     * street R, a roundabout ring, a traffic-signal node, a proposed road, and a line running out to x = 4000.
     */
    @Test
    void overpassGeoJsonKeepsBridgesApartAndOnewayDirection() throws IOException {
        List<String> features = List.of(
                feature("way/1", line(0, 500, 1000, 500), "\"highway\": \"secondary\", \"name\": \"Jalan Bawah\""),
                feature(
                        "way/2",
                        line(300, 300, 300, 700),
                        "\"highway\": \"residential\", \"bridge\": \"yes\", \"layer\": \"1\""),
                feature("way/3", line(700, 800, 700, 500), "\"highway\": \"residential\", \"oneway\": \"-1\""),
                "{\"type\": \"Feature\", \"properties\": {\"type\": \"way\", \"id\": 4, \"tags\": "
                        + "{\"highway\": \"tertiary\", \"junction\": \"roundabout\"}}, \"geometry\": "
                        + line(1000, 500, 1100, 600, 1000, 700, 900, 600, 1000, 500) + "}",
                "{\"type\": \"Feature\", \"id\": \"node/9\", \"properties\": {\"@id\": \"node/9\", "
                        + "\"highway\": \"traffic_signals\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": ["
                        + xy(500, 500).replace(' ', ',') + "]}}",
                feature("way/5", line(0, 900, 1000, 900), "\"highway\": \"proposed\""),
                feature("way/6", line(0, 100, 4000, 100), "\"highway\": \"service\""),
                feature("way/7", line(200, 200, 250, 250), "\"building\": \"yes\""),
                feature("way/8", line(1000, 700, 1000, 900), "\"highway\": \"residential\""));
        Path file = Files.writeString(
                dir.resolve("export.geojson"),
                "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",", features) + "]}",
                StandardCharsets.UTF_8);

        RoadNetworkReport report = importer.importFiles(List.of(file), KABKOTA);
        assertThat(report.error()).as(report.describe()).isNull();
        assertThat(report.ok())
                .as("nodes and non-roads are skipped, not rejected")
                .isTrue();
        RoadNetworkReport.FileReport read = report.files().get(0);
        assertThat(read.format()).isEqualTo("OSM GeoJSON");
        assertThat(read.skipped())
                .containsExactly(
                        "feature #5 (node/9): an OSM Point, not a way's line",
                        "feature #6 (way/5): highway=proposed is not a road one travels along",
                        "feature #8 (way/7): an OSM feature without a highway tag");
        assertThat(report.clippedMeters()).as("way/6 beyond x = 3000 m").isCloseTo(1000, within(5.0));

        // The ground road is split where the bridge crosses it (noding), but the bridge gets its own vertex there.
        Long ground = vertexOf(1, 300, 500);
        Long bridge = vertexOf(2, 300, 500);
        assertThat(ground).isNotNull();
        assertThat(bridge).isNotNull().isNotEqualTo(ground);
        assertThat(degree(ground)).as("the ground road's two halves only").isEqualTo(2);
        assertThat(degree(bridge)).as("the bridge's two halves only").isEqualTo(2);
        assertThat(walk(vertexAt(300, 300), ground))
                .as("no way from the bridge down to the road")
                .isNull();

        // way/3 is drawn north to south with oneway=-1: vehicles go south to north.
        assertOneway(3, 700, 500, 700, 800);
        assertThat(drive(vertexAt(700, 800), vertexAt(700, 500))).isNull();
        assertThat(drive(vertexAt(700, 500), vertexAt(700, 800))).isCloseTo(300, within(1.0));
        // The roundabout, cut at (1000, 500) and (1000, 700), one-way in its drawn (counter-clockwise) sense: the
        // edge leaving (1000, 500) runs by the east point (1100, 600), the one leaving (1000, 700) by the west point.
        assertThat(jdbc.sql("SELECT bool_and(oneway) FROM road_edges WHERE kabkota_code = :k AND source_feature = 4")
                        .param("k", KABKOTA)
                        .query(Boolean.class)
                        .single())
                .as("the roundabout, one-way")
                .isTrue();
        assertThat(x(ringEdgeExtreme(vertexAt(1000, 500), "ST_XMax"))).isCloseTo(1100, within(2.0));
        assertThat(x(ringEdgeExtreme(vertexAt(1000, 700), "ST_XMin"))).isCloseTo(900, within(2.0));
    }

    private double ringEdgeExtreme(Long source, String function) {
        return jdbc.sql("SELECT " + function + "(geom) FROM road_edges WHERE kabkota_code = :k AND source_feature = 4 "
                        + "AND source = :v")
                .param("k", KABKOTA)
                .param("v", source)
                .query(Double.class)
                .single();
    }

    /** The vertex within 1 m of (x, y) at an end of an edge of the given feature, or null. */
    private Long vertexOf(long feature, double x, double y) {
        return jdbc.sql("""
                        SELECT v.id FROM road_vertices v JOIN road_edges e
                            ON e.kabkota_code = v.kabkota_code AND v.id IN (e.source, e.target)
                         WHERE v.kabkota_code = :k AND e.source_feature = :f
                           AND ST_DWithin(v.geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, 1)
                         LIMIT 1""")
                .param("k", KABKOTA)
                .param("f", feature)
                .param("lon", lon(x))
                .param("lat", lat(y))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    @Test
    void severalFilesMergeIntoOneNetworkWithAReportPerFile() throws IOException {
        Path first = Files.writeString(
                dir.resolve("rtrw.geojson"),
                "{\"type\": \"FeatureCollection\", \"features\": ["
                        + "{\"type\": \"Feature\", \"properties\": {\"NAMOBJ\": \"Jalan Kolektor Sekunder\", \"STSJRN\": 1}, "
                        + "\"geometry\": " + line(0, 500, 1000, 500) + "}]}");
        // The same road drawn 1 m off, and a new street leaving it at x = 500.
        Path second = Files.writeString(
                dir.resolve("osm.geojson"),
                "{\"type\": \"FeatureCollection\", \"features\": ["
                        + feature("way/1", line(0, 501, 1000, 501), "\"highway\": \"secondary\"") + ","
                        + feature("way/2", line(500, 501, 500, 900), "\"highway\": \"residential\"") + "]}");

        RoadNetworkReport report = importer.importFiles(List.of(first, second), KABKOTA);
        assertThat(report.error()).as(report.describe()).isNull();
        assertThat(report.sourceName()).isEqualTo("rtrw.geojson + osm.geojson");
        assertThat(report.files())
                .extracting(RoadNetworkReport.FileReport::format)
                .containsExactly("GeoJSON", "OSM GeoJSON");
        assertThat(report.files().get(1).duplicateMetersDropped())
                .as("the copy of the road, and the new street's " + "first 4 m")
                .isCloseTo(1000 + 4, within(2.0));
        assertThat(report.lengthMeters()).isCloseTo(1000 + 400, within(2.0));
        assertThat(report.components()).isEqualTo(1);
        assertThat(degree(vertexAt(500, 500)))
                .as("the new street joins the first file's road")
                .isEqualTo(3);
        assertThat(report.describe())
                .contains("  rtrw.geojson (GeoJSON): 1 features read")
                .contains("  osm.geojson (OSM GeoJSON): 2 features read, 0 rejected, 0 skipped, 1.00 km already in "
                        + "an earlier file dropped");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void assertOneway(long wayId, double fromX, double fromY, double toX, double toY) {
        List<Map<String, Object>> edges =
                jdbc.sql("""
                        SELECT source, target, oneway FROM road_edges WHERE kabkota_code = :k AND source_feature = :w""").param("k", KABKOTA).param("w", wayId).query().listOfRows();
        assertThat(edges).as("way " + wayId).hasSize(1);
        assertThat(edges.get(0))
                .containsEntry("oneway", true)
                .containsEntry("source", vertexAt(fromX, fromY))
                .containsEntry("target", vertexAt(toX, toY));
    }

    private String classOf(long wayId) {
        return jdbc.sql("SELECT DISTINCT road_class FROM road_edges WHERE kabkota_code = :k AND source_feature = :w")
                .param("k", KABKOTA)
                .param("w", wayId)
                .query(String.class)
                .single();
    }

    private Map<String, Object> edge(long wayId) {
        return jdbc.sql("SELECT count(*) AS n FROM road_edges WHERE kabkota_code = :k AND source_feature = :w")
                .param("k", KABKOTA)
                .param("w", wayId)
                .query()
                .singleRow();
    }

    /** The vertex within 1 m of (x, y), or null. */
    private Long vertexAt(double x, double y) {
        return jdbc.sql("""
                        SELECT id FROM road_vertices WHERE kabkota_code = :k
                           AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, 1)
                         ORDER BY geom <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) LIMIT 1""")
                .param("k", KABKOTA)
                .param("lon", lon(x))
                .param("lat", lat(y))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private int degree(Long vertex) {
        return jdbc.sql("SELECT count(*) FROM road_edges WHERE kabkota_code = :k AND :v IN (source, target)")
                .param("k", KABKOTA)
                .param("v", vertex)
                .query(Integer.class)
                .single();
    }

    /** Shortest distance by vehicle, one-way streets kept (an independent edges query), or null without a path. */
    private Double drive(Long from, Long to) {
        return path("CASE WHEN oneway THEN -1 ELSE length_meters END", from, to);
    }

    /** Shortest distance on foot, both ways on every edge, or null without a path. */
    private Double walk(Long from, Long to) {
        return path("length_meters", from, to);
    }

    private Double path(String reverseCost, Long from, Long to) {
        assertThat(from).as("start vertex").isNotNull();
        assertThat(to).as("end vertex").isNotNull();
        String edges = "SELECT id, source, target, length_meters AS cost, " + reverseCost
                + " AS reverse_cost FROM road_edges WHERE kabkota_code = '" + KABKOTA + "'";
        return jdbc.sql("SELECT max(agg_cost) FROM pgr_dijkstra(:edges, CAST(:a AS bigint), CAST(:b AS bigint), true)")
                .param("edges", edges)
                .param("a", from)
                .param("b", to)
                .query((rs, row) -> rs.getObject(1) == null ? null : rs.getDouble(1))
                .list()
                .get(0);
    }

    private String fingerprint() {
        return jdbc.sql("""
                        SELECT md5(string_agg(concat_ws('|', id, source, target, length_meters, road_class, source_class,
                                                        name, source_file, source_feature, oneway, component,
                                                        ST_AsEWKT(geom)), ',' ORDER BY id))
                               || md5((SELECT string_agg(concat_ws('|', id, component, ST_AsEWKT(geom)), ',' ORDER BY id)
                                         FROM road_vertices WHERE kabkota_code = :k))
                          FROM road_edges WHERE kabkota_code = :k""").param("k", KABKOTA).query(String.class).single();
    }

    /** Writes the extract drawn in the class comment: dense nodes, a group of plain nodes, the ways. */
    static Path writePbf(Path file) throws IOException {
        Map<Long, double[]> nodes = new LinkedHashMap<>();
        nodes.put(1L, new double[] {0, 500});
        nodes.put(2L, new double[] {300, 500});
        nodes.put(3L, new double[] {500, 500});
        nodes.put(4L, new double[] {700, 500});
        nodes.put(5L, new double[] {1000, 500});
        nodes.put(6L, new double[] {500, 800});
        nodes.put(7L, new double[] {700, 800});
        nodes.put(8L, new double[] {300, 300});
        nodes.put(9L, new double[] {300, 700});
        nodes.put(11L, new double[] {1000, 900});
        nodes.put(12L, new double[] {0, 800});
        nodes.put(16L, new double[] {800, 150});
        nodes.put(17L, new double[] {900, 150});
        nodes.put(18L, new double[] {850, 250});
        nodes.put(19L, new double[] {100, 100});
        nodes.put(20L, new double[] {0, 950});
        nodes.put(21L, new double[] {1000, 950});
        nodes.put(22L, new double[] {150, 100});
        nodes.put(23L, new double[] {150, 150});
        // Plain (not dense) nodes, in their own group.
        Map<Long, double[]> plain = new LinkedHashMap<>();
        plain.put(13L, new double[] {5000, 500});
        plain.put(14L, new double[] {6000, 0});
        plain.put(15L, new double[] {6000, 300});

        Strings strings = new Strings();
        Osmformat.PrimitiveGroup.Builder ways = Osmformat.PrimitiveGroup.newBuilder();
        ways.addWays(way(strings, 1, List.of(1L, 2L, 3L, 4L, 5L), "highway", "primary", "name", "Jalan Utama"));
        ways.addWays(way(strings, 2, List.of(3L, 6L), "highway", "residential", "oneway", "yes"));
        ways.addWays(way(strings, 3, List.of(4L, 7L), "highway", "tertiary", "oneway", "-1"));
        ways.addWays(way(strings, 4, List.of(8L, 9L), "highway", "secondary", "bridge", "yes", "layer", "1"));
        ways.addWays(way(strings, 5, List.of(9L, 6L), "highway", "residential"));
        ways.addWays(way(strings, 6, List.of(5L, 11L), "highway", "construction"));
        ways.addWays(way(strings, 7, List.of(1L, 12L), "highway", "footway"));
        ways.addWays(way(strings, 8, List.of(5L, 13L), "highway", "primary_link"));
        ways.addWays(way(strings, 9, List.of(14L, 15L), "highway", "residential"));
        ways.addWays(way(strings, 10, List.of(16L, 17L, 18L, 16L), "highway", "tertiary", "junction", "roundabout"));
        ways.addWays(way(strings, 11, List.of(18L, 4L), "highway", "residential"));
        ways.addWays(way(strings, 12, List.of(20L, 21L), "highway", "motorway"));
        ways.addWays(way(strings, 13, List.of(19L, 22L, 23L, 19L), "building", "yes"));

        Osmformat.DenseNodes.Builder dense = Osmformat.DenseNodes.newBuilder();
        long id = 0;
        long lat = 0;
        long lon = 0;
        for (Map.Entry<Long, double[]> node : nodes.entrySet()) {
            long rawLat = raw(lat(node.getValue()[1]));
            long rawLon = raw(lon(node.getValue()[0]));
            dense.addId(node.getKey() - id).addLat(rawLat - lat).addLon(rawLon - lon);
            id = node.getKey();
            lat = rawLat;
            lon = rawLon;
        }
        Osmformat.PrimitiveGroup.Builder plainGroup = Osmformat.PrimitiveGroup.newBuilder();
        for (Map.Entry<Long, double[]> node : plain.entrySet()) {
            plainGroup.addNodes(Osmformat.Node.newBuilder()
                    .setId(node.getKey())
                    .setLat(raw(lat(node.getValue()[1])))
                    .setLon(raw(lon(node.getValue()[0]))));
        }
        Osmformat.PrimitiveBlock nodeBlock = Osmformat.PrimitiveBlock.newBuilder()
                .setStringtable(new Strings().table())
                .setGranularity(100)
                .addPrimitivegroup(Osmformat.PrimitiveGroup.newBuilder().setDense(dense))
                .addPrimitivegroup(plainGroup)
                .build();
        Osmformat.PrimitiveBlock wayBlock = Osmformat.PrimitiveBlock.newBuilder()
                .setStringtable(strings.table())
                .setGranularity(100)
                .addPrimitivegroup(ways)
                .build();
        Osmformat.HeaderBlock header = Osmformat.HeaderBlock.newBuilder()
                .addRequiredFeatures("OsmSchema-V0.6")
                .addRequiredFeatures("DenseNodes")
                .setWritingprogram("OsmRoadImportTest")
                .build();
        try (OutputStream os = Files.newOutputStream(file);
                BlockOutputStream out = new BlockOutputStream(os)) {
            out.write(FileBlock.newInstance("OSMHeader", header.toByteString(), null));
            out.write(FileBlock.newInstance("OSMData", nodeBlock.toByteString(), null));
            out.write(FileBlock.newInstance("OSMData", wayBlock.toByteString(), null));
        }
        return file;
    }

    private static Osmformat.Way way(Strings strings, long id, List<Long> refs, String... tags) {
        Osmformat.Way.Builder way = Osmformat.Way.newBuilder().setId(id);
        for (int i = 0; i < tags.length; i += 2) {
            way.addKeys(strings.index(tags[i])).addVals(strings.index(tags[i + 1]));
        }
        long previous = 0;
        for (long ref : refs) {
            way.addRefs(ref - previous);
            previous = ref;
        }
        return way.build();
    }

    /** A PBF string table: entry 0 is the empty string by convention. */
    private static final class Strings {
        private final List<String> all = new ArrayList<>(List.of(""));

        int index(String s) {
            int at = all.indexOf(s);
            if (at < 0) {
                all.add(s);
                at = all.size() - 1;
            }
            return at;
        }

        Osmformat.StringTable table() {
            Osmformat.StringTable.Builder table = Osmformat.StringTable.newBuilder();
            all.forEach(s -> table.addS(ByteString.copyFromUtf8(s)));
            return table.build();
        }
    }

    /** Degrees in the PBF's default unit (granularity 100 nanodegrees). */
    private static long raw(double degrees) {
        return Math.round(degrees * 1e7);
    }

    private static String feature(String id, String geometry, String properties) {
        return "{\"type\": \"Feature\", \"id\": \"" + id + "\", \"properties\": {\"@id\": \"" + id + "\", " + properties
                + "}, \"geometry\": " + geometry + "}";
    }

    /** A GeoJSON LineString through the points (x1, y1, x2, y2, …) in metres. */
    private static String line(double... xy) {
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            positions.add(String.format(Locale.ROOT, "[%.9f, %.9f]", lon(xy[i]), lat(xy[i + 1])));
        }
        return "{\"type\": \"LineString\", \"coordinates\": [" + String.join(", ", positions) + "]}";
    }

    private static String xy(double x, double y) {
        return String.format(Locale.ROOT, "%.9f %.9f", lon(x), lat(y));
    }

    static double lon(double x) {
        return LON0 + x / (111_320 * Math.cos(Math.toRadians(LAT0)));
    }

    static double lat(double y) {
        return LAT0 + y / 110_574.0;
    }

    private static double x(double longitude) {
        return (longitude - LON0) * (111_320 * Math.cos(Math.toRadians(LAT0)));
    }
}
