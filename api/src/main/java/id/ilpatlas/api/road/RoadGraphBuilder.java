package id.ilpatlas.api.road;

import id.ilpatlas.api.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds the routing graph of one kab/kota from the road lines of one or more files ({@link RoadLayer}), in PostGIS,
 * in the UTM zone of the kab/kota (true metres), replacing its {@code road_edges} and {@code road_vertices}. Runs inside
 * the caller's transaction; the SQL of each step is in {@code sql/road/}.
 * <ol>
 *   <li><b>stage</b> the lines ({@code create-staging.sql}, {@code insert-parts.sql}) and find the kab/kota
 *       ({@code detect-kabkota.sql}: the boundary holding most of the length) unless it is named, then its UTM zone
 *       ({@code utm-zone.sql}, {@code transform-parts.sql});</li>
 *   <li><b>clip</b> to the kab/kota boundary plus {@value #CLIP_BUFFER_METERS} m ({@code clip.sql}), so that routes may
 *       leave the city briefly; an extract usually covers its neighbours too ({@code parts-length.sql} before and
 *       after);</li>
 *   <li><b>de-duplicate</b> several files ({@code drop-duplicates.sql}): where a later file traces a road an earlier one
 *       has (within {@value #DUPLICATE_METERS} m), the later file's stretch is dropped;</li>
 *   <li><b>topology</b>: for lines with OSM node ids ({@code .osm.pbf}), the junctions are the shared nodes
 *       ({@code node-topology-edges.sql}); otherwise the lines are <b>noded</b>: ends snapped to ends and to lines
 *       within {@value #SNAP_TOLERANCE_METERS} m, a snap-rounded union splits them where they meet or cross, short
 *       edges left at untidy junctions are contracted ({@code snap-*.sql}, {@code node.sql}, {@code contract*.sql}),
 *       and each piece takes the attributes and direction of its source line ({@code noded-edges.sql}), where a bridge
 *       or tunnel crossing another line away from its ends gets no junction;</li>
 *   <li><b>store</b> vertices and edges with ids that depend only on the input ({@code store-*.sql}), then the
 *       components ({@code pgr_connectedComponents}).</li>
 * </ol>
 */
@Component
class RoadGraphBuilder {

    /** Line ends closer than this (to each other, or to another line) are joined; shorter edges are contracted. */
    static final double SNAP_TOLERANCE_METERS = 5.0;
    /** Snap-rounding grid of the noding: coordinates move by at most half its diagonal (7 mm). */
    static final double NODING_GRID_METERS = 0.01;
    /** Lines kept beyond the kab/kota boundary, metres. */
    static final double CLIP_BUFFER_METERS = 2000;
    /**
     * A later file's line within this distance of an earlier file's line is the same road. Below the snap tolerance,
     * so that the cut ends are joined to the earlier line. The two Pekalongan RTRW layers share 138.5 of the second
     * layer's 157.5 km within 1 cm and 139.0 km within 2 m.
     */
    static final double DUPLICATE_METERS = 4.0;
    /** Edge and vertex ids are {@code <kab/kota digits> * ID_BLOCK + rank}. */
    static final long ID_BLOCK = 100_000_000L;

    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;

    RoadGraphBuilder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the build did.
     *
     * @param kabkotaCode              the kab/kota whose network was replaced, null when none was
     * @param error                    why nothing was replaced, or null
     * @param clippedMeters            length outside the kab/kota plus the buffer, dropped
     * @param featuresOutside          features (ways) with no length left after clipping
     * @param duplicateMetersByFile    per file (in order), length dropped as already in an earlier file
     * @param endpointsSnapped         line ends moved by the snapping
     * @param shortEdgesContracted     short edges merged into their junction
     * @param figures                  edges, vertices, components, length, share (of the largest component)
     */
    record Result(
            String kabkotaCode,
            String error,
            double clippedMeters,
            int featuresOutside,
            double[] duplicateMetersByFile,
            int endpointsSnapped,
            int shortEdgesContracted,
            Map<String, Object> figures) {}

    Result build(List<RoadLayer> layers, String requestedKabkota) {
        jdbc.sql(Sql.load("sql/road/create-staging.sql")).update();
        for (int f = 0; f < layers.size(); f++) {
            stage(f + 1, layers.get(f).lines());
        }
        String kabkota = requestedKabkota != null
                ? requestedKabkota
                : jdbc.sql(Sql.load("sql/road/detect-kabkota.sql"))
                        .query(String.class)
                        .optional()
                        .orElse(null);
        double[] duplicates = new double[layers.size()];
        if (kabkota == null) {
            return new Result(
                    null,
                    "no kab/kota boundary in the database holds these lines; load it first or name the " + "kab/kota",
                    0,
                    0,
                    duplicates,
                    0,
                    0,
                    Map.of());
        }
        // One import per kab/kota at a time.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('road_network:' || :k))")
                .param("k", kabkota)
                .query()
                .singleRow();
        int srid = jdbc.sql(Sql.load("sql/road/utm-zone.sql"))
                .param("k", kabkota)
                .query(Integer.class)
                .single();
        jdbc.sql(Sql.load("sql/road/transform-parts.sql")).param("srid", srid).update();

        double[] clipped = clip(kabkota, srid);
        boolean nodeTopology = layers.stream().allMatch(RoadLayer::nodeTopology);
        int snapped = 0;
        int contracted = 0;
        if (nodeTopology) {
            jdbc.sql(Sql.load("sql/road/node-topology-edges.sql")).update();
        } else {
            for (int k = 2; k <= layers.size(); k++) {
                duplicates[k - 1] = dropDuplicates(k);
            }
            snapped = jdbc.sql(Sql.load("sql/road/snap-ends-to-ends.sql"))
                    .param("tol", SNAP_TOLERANCE_METERS)
                    .query(Integer.class)
                    .single();
            snapped += jdbc.sql(Sql.load("sql/road/snap-ends-to-lines.sql"))
                    .param("tol", SNAP_TOLERANCE_METERS)
                    .param("grid", NODING_GRID_METERS)
                    .query(Integer.class)
                    .single();
            jdbc.sql(Sql.load("sql/road/node.sql"))
                    .param("grid", NODING_GRID_METERS)
                    .update();
            contracted = contractShortEdges();
            jdbc.sql(Sql.load("sql/road/noded-edges.sql"))
                    .param("tol", SNAP_TOLERANCE_METERS)
                    .update();
        }
        Map<String, Object> figures = store(kabkota);
        jdbc.sql("DROP TABLE IF EXISTS road_import_parts, road_import_area, road_import_segments, road_import_edges, "
                        + "road_import_vertices")
                .update();
        return new Result(kabkota, null, clipped[0], (int) clipped[1], duplicates, snapped, contracted, figures);
    }

    /** Stages one file's lines, in batches. */
    private void stage(int fileNo, List<RoadLine> lines) {
        Batch batch = new Batch();
        for (RoadLine line : lines) {
            for (String wkt : line.partsWkt()) {
                batch.add(fileNo, line, wkt);
                if (batch.size() == BATCH) {
                    batch.insert(jdbc);
                    batch = new Batch();
                }
            }
        }
        if (batch.size() > 0) {
            batch.insert(jdbc);
        }
    }

    /** Step 2. Returns the metres clipped and the number of features with nothing left. */
    private double[] clip(String kabkota, int srid) {
        boolean boundary = jdbc.sql("SELECT count(*) FROM regions WHERE code = :k AND level = 'KABKOTA'")
                        .param("k", kabkota)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!boundary) {
            return new double[] {0, 0};
        }
        Map<String, Object> before = lengthAndFeatures();
        long last = jdbc.sql("SELECT coalesce(max(part_id), 0) FROM road_import_parts")
                .query(Long.class)
                .single();
        jdbc.sql(Sql.load("sql/road/clip.sql"))
                .param("k", kabkota)
                .param("srid", srid)
                .param("buffer", CLIP_BUFFER_METERS)
                .update();
        jdbc.sql(Sql.load("sql/road/clip-drop.sql")).param("last", last).update();
        Map<String, Object> after = lengthAndFeatures();
        return new double[] {
            ((Number) before.get("meters")).doubleValue() - ((Number) after.get("meters")).doubleValue(),
            ((Number) before.get("features")).doubleValue() - ((Number) after.get("features")).doubleValue()
        };
    }

    private Map<String, Object> lengthAndFeatures() {
        return jdbc.sql(Sql.load("sql/road/parts-length.sql")).query().singleRow();
    }

    /** Step 3 for file {@code k}: the metres dropped as already in an earlier file. */
    private double dropDuplicates(int k) {
        double before = fileMeters(k);
        long last = jdbc.sql("SELECT coalesce(max(part_id), 0) FROM road_import_parts")
                .query(Long.class)
                .single();
        jdbc.sql(Sql.load("sql/road/drop-duplicates.sql"))
                .param("k", k)
                .param("d", DUPLICATE_METERS)
                .param("last", last)
                .update();
        return before - fileMeters(k);
    }

    private double fileMeters(int k) {
        return jdbc.sql("SELECT coalesce(sum(ST_Length(g)), 0) FROM road_import_parts WHERE file_no = :k")
                .param("k", k)
                .query(Double.class)
                .single();
    }

    /** Step 4, contraction: returns the number of short edges dropped. */
    private int contractShortEdges() {
        jdbc.sql(Sql.load("sql/road/contract-graph.sql")).update();
        int moved = jdbc.sql(Sql.load("sql/road/contract.sql"))
                .param("tol", SNAP_TOLERANCE_METERS)
                .query(Integer.class)
                .single();
        if (moved == 0) {
            return 0;
        }
        int dropped = jdbc.sql("DELETE FROM road_import_edges WHERE source = target AND ST_Length(g) < :tol")
                .param("tol", SNAP_TOLERANCE_METERS)
                .update();
        jdbc.sql(Sql.load("sql/road/contract-renode.sql"))
                .param("grid", NODING_GRID_METERS)
                .update();
        return dropped;
    }

    /** Step 5: replaces the kab/kota's edges and vertices. Returns the figures. */
    private Map<String, Object> store(String kabkota) {
        long base = Long.parseLong(kabkota.replace(".", "")) * ID_BLOCK;
        jdbc.sql("DELETE FROM road_edges WHERE kabkota_code = :k")
                .param("k", kabkota)
                .update();
        jdbc.sql("DELETE FROM road_vertices WHERE kabkota_code = :k")
                .param("k", kabkota)
                .update();
        jdbc.sql(Sql.load("sql/road/store-vertices.sql"))
                .param("base", base)
                .param("k", kabkota)
                .update();
        jdbc.sql(Sql.load("sql/road/store-edges.sql"))
                .param("base", base)
                .param("k", kabkota)
                .update();
        jdbc.sql(Sql.load("sql/road/components.sql")).param("k", kabkota).update();
        return jdbc.sql(Sql.load("sql/road/figures.sql"))
                .param("k", kabkota)
                .query()
                .singleRow();
    }

    /** Columns of one insert of staged parts. */
    private static final class Batch {
        final List<Integer> files = new ArrayList<>();
        final List<Long> features = new ArrayList<>();
        final List<String> classes = new ArrayList<>();
        final List<String> sources = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<Boolean> oneway = new ArrayList<>();
        final List<Boolean> bridge = new ArrayList<>();
        final List<Long> fromNodes = new ArrayList<>();
        final List<Long> toNodes = new ArrayList<>();
        final List<String> wkts = new ArrayList<>();

        void add(int fileNo, RoadLine line, String wkt) {
            files.add(fileNo);
            features.add(line.featureId());
            classes.add(line.roadClass().name());
            sources.add(line.sourceClass());
            names.add(line.name());
            oneway.add(line.oneway());
            bridge.add(line.gradeSeparated());
            fromNodes.add(line.fromNode());
            toNodes.add(line.toNode());
            wkts.add(wkt);
        }

        int size() {
            return wkts.size();
        }

        void insert(JdbcClient jdbc) {
            jdbc.sql(Sql.load("sql/road/insert-parts.sql"))
                    .param("file", files.toArray(Integer[]::new))
                    .param("feature", features.toArray(Long[]::new))
                    .param("class", classes.toArray(String[]::new))
                    .param("source", sources.toArray(String[]::new))
                    .param("name", names.toArray(String[]::new))
                    .param("oneway", oneway.toArray(Boolean[]::new))
                    .param("bridge", bridge.toArray(Boolean[]::new))
                    .param("fromNode", fromNodes.toArray(Long[]::new))
                    .param("toNode", toNodes.toArray(Long[]::new))
                    .param("wkt", wkts.toArray(String[]::new))
                    .update();
        }
    }
}
