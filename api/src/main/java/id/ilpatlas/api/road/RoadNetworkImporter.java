package id.ilpatlas.api.road;

import id.ilpatlas.api.audit.AuditLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the routing graph of a kab/kota from a road line layer: a GeoJSON FeatureCollection of LineStrings and
 * MultiLineStrings in EPSG:4326 whose lines are not noded (ends rarely coincide, crossings have no vertex).
 *
 * <p>In PostGIS, in the UTM zone of the layer (true metres):
 * <ol>
 *   <li><b>snap ends to ends</b>: line ends within {@value #SNAP_TOLERANCE_METERS} m of each other are clustered
 *       ({@code ST_ClusterDBSCAN}) and moved to the cluster's centroid;</li>
 *   <li><b>snap ends to lines</b>: an end that still touches no other line but lies within the tolerance of one
 *       (an undershot T-junction) is moved onto it ({@code ST_ClosestPoint});</li>
 *   <li><b>node</b>: the lines are unioned with snap-rounding on a {@value #NODING_GRID_METERS} m grid
 *       ({@code ST_UnaryUnion(…, gridSize)}), which splits them wherever they meet or cross and merges duplicates;</li>
 *   <li><b>contract</b>: edges shorter than the tolerance that noding leaves at untidy junctions (centimetre slivers,
 *       tiny triangles) are merged into one junction vertex, and the result is noded again;</li>
 *   <li><b>graph</b>: every edge takes the attributes of the source line nearest its midpoint; vertices are the
 *       distinct edge ends; lengths are on the spheroid; times come from the length at the speed of the traveller's
 *       mode on the class ({@link TravelMode}); the RTRW layers carry no one-way data; components by {@code pgr_connectedComponents}.</li>
 * </ol>
 * The layer carries no bridge or level attribute, so every crossing is taken as a junction.
 *
 * <p>Features that are not lines, or have no two distinct valid positions, are rejected with their number and the
 * rest is imported; railway and shipping-lane features are skipped. The kab/kota's edges and vertices are replaced in
 * one transaction, ids are deterministic, so importing the same file again gives the same rows.
 */
@Service
public class RoadNetworkImporter {

    /** Line ends closer than this (to each other, or to another line) are joined; shorter edges are contracted. */
    public static final double SNAP_TOLERANCE_METERS = 5.0;
    /** Snap-rounding grid of the noding: coordinates move by at most half its diagonal (7 mm). */
    static final double NODING_GRID_METERS = 0.01;
    /** Edge and vertex ids are {@code <kab/kota digits> * ID_BLOCK + rank}. */
    static final long ID_BLOCK = 100_000_000L;

    private static final Pattern KABKOTA = Pattern.compile("^[0-9]{2}\\.[0-9]{2}$");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper jsonMapper;
    private final AuditLog audit;
    private final PgRouting pgRouting;

    RoadNetworkImporter(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper jsonMapper, AuditLog audit,
                        PgRouting pgRouting) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jsonMapper = jsonMapper;
        this.audit = audit;
        this.pgRouting = pgRouting;
    }

    /**
     * Imports a file from the command line ({@code ./atlas import roads}), audited as {@code cli:<os user>}.
     *
     * @param kabkotaCode the kab/kota whose network the file is, or null to take the kab/kota whose boundary holds
     *                    most of the lines' length
     */
    public RoadNetworkReport importFile(Path file, String kabkotaCode) {
        RoadNetworkReport report;
        try (InputStream in = Files.newInputStream(file)) {
            report = importGeoJson(in, file.getFileName().toString(), kabkotaCode);
        } catch (IOException e) {
            report = failed(file.getFileName().toString(), 0, List.of(), List.of(),
                    "cannot be read (" + e.getMessage() + ")", 0);
        }
        String actor = "cli:" + System.getProperty("user.name", "unknown");
        audit.record(actor, "SYSTEM", List.of(), "importRoadNetwork", "KabKota",
                report.kabkotaCode() == null ? "unknown" : report.kabkotaCode(), report.kabkotaCode(),
                report.error() == null ? AuditLog.Outcome.DONE : AuditLog.Outcome.REJECTED, report.summary(), null,
                null);
        return report;
    }

    /**
     * Imports a GeoJSON FeatureCollection; see the class comment. {@code kabkotaCode} as in {@link #importFile}.
     * Without the pgrouting extension nothing is read and the report's error says so ({@link PgRouting#MISSING}).
     */
    public RoadNetworkReport importGeoJson(InputStream in, String sourceName, String kabkotaCode) {
        long started = System.nanoTime();
        String noRouting = pgRouting.unavailableReason();
        if (noRouting != null) {
            return failed(sourceName, 0, List.of(), List.of(), noRouting, started);
        }
        JsonNode root;
        try {
            root = jsonMapper.readTree(in);
        } catch (JacksonException e) {
            return failed(sourceName, 0, List.of(), List.of(), "not valid JSON (" + e.getOriginalMessage() + ")",
                    started);
        }
        if (root == null || !"FeatureCollection".equals(text(root.get("type"))) || !root.path("features").isArray()) {
            return failed(sourceName, 0, List.of(), List.of(),
                    "expected a GeoJSON FeatureCollection with a \"features\" array", started);
        }
        if (kabkotaCode != null && !KABKOTA.matcher(kabkotaCode).matches()) {
            return failed(sourceName, 0, List.of(), List.of(),
                    "kab/kota code must look like 33.75, was '" + kabkotaCode + "'", started);
        }
        List<String> rejected = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        int featuresRead = 0;
        for (JsonNode feature : root.get("features")) {
            featuresRead++;
            try {
                Line line = parse(feature, featuresRead);
                if (line != null) {
                    lines.add(line);
                } else {
                    skipped.add("feature #" + featuresRead + ": not a road (" + classWords(feature.path("properties"))
                            + ")");
                }
            } catch (RejectedFeature e) {
                rejected.add("feature #" + featuresRead + ": " + e.getMessage());
            }
        }
        if (lines.isEmpty()) {
            return failed(sourceName, featuresRead, rejected, skipped, "no road line to import", started);
        }
        int read = featuresRead;
        RoadNetworkReport report = transactions.execute(status -> build(sourceName, kabkotaCode, read, lines, rejected,
                skipped, started));
        return report;
    }

    /** A feature as staged: its parts as WKT, class and name. */
    private record Line(int featureNo, List<String> partsWkt, RoadClass roadClass, String sourceClass, String name) {
    }

    /** The feature's line, or null when it is not a road; throws when it is not a usable line. */
    private Line parse(JsonNode feature, int featureNo) {
        if (feature == null || !feature.isObject() || !"Feature".equals(text(feature.get("type")))) {
            throw new RejectedFeature("not a GeoJSON Feature");
        }
        JsonNode properties = feature.path("properties");
        String classWords = classWords(properties);
        JsonNode geometry = feature.get("geometry");
        String type = geometry == null || geometry.isNull() ? null : text(geometry.get("type"));
        List<JsonNode> parts = new ArrayList<>();
        if ("LineString".equals(type)) {
            parts.add(geometry.get("coordinates"));
        } else if ("MultiLineString".equals(type)) {
            JsonNode coordinates = geometry.get("coordinates");
            if (coordinates == null || !coordinates.isArray()) {
                throw new RejectedFeature("geometry: 'coordinates' is not an array");
            }
            coordinates.forEach(parts::add);
        } else {
            throw new RejectedFeature("geometry: expected a LineString or MultiLineString, was "
                    + (type == null ? "missing" : type));
        }
        List<String> wkt = new ArrayList<>();
        int partNo = 0;
        for (JsonNode part : parts) {
            partNo++;
            String line = partWkt(part, partNo, parts.size() > 1);
            if (line != null) {
                wkt.add(line);
            }
        }
        if (wkt.isEmpty()) {
            throw new RejectedFeature("geometry: empty (no part with two distinct positions)");
        }
        if (RoadClass.isNotARoad(classWords)) {
            return null;
        }
        RoadClass roadClass = RoadClass.ofFunction(classWords);
        if (roadClass == null) {
            roadClass = RoadClass.ofStatus(text(properties.get("KLS_JALAN")));
        }
        String name = firstText(properties, "NAMA_JALAN", "name", "nama");
        return new Line(featureNo, wkt, roadClass == null ? RoadClass.LOKAL : roadClass,
                classWords.isBlank() ? null : classWords, name);
    }

    /** WKT of one part in 2-D, or null when it has fewer than two distinct positions; throws on bad positions. */
    private static String partWkt(JsonNode positions, int partNo, boolean multi) {
        String where = multi ? "geometry part " + partNo + ": " : "geometry: ";
        if (positions == null || !positions.isArray()) {
            throw new RejectedFeature(where + "'coordinates' is not an array of positions");
        }
        StringBuilder wkt = new StringBuilder("LINESTRING(");
        double firstX = Double.NaN;
        double firstY = Double.NaN;
        boolean distinct = false;
        int index = 0;
        for (JsonNode position : positions) {
            index++;
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw new RejectedFeature(where + "position " + index + " is not [longitude, latitude]");
            }
            double x = position.get(0).asDouble();
            double y = position.get(1).asDouble();
            if (!Double.isFinite(x) || !Double.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
                throw new RejectedFeature(where + "position " + index + " [" + x + ", " + y
                        + "] is outside longitude -180..180, latitude -90..90");
            }
            if (index == 1) {
                firstX = x;
                firstY = y;
            } else {
                wkt.append(',');
                distinct |= x != firstX || y != firstY;
            }
            wkt.append(Double.toString(x)).append(' ').append(Double.toString(y));
        }
        return distinct ? wkt.append(')').toString() : null;
    }

    private RoadNetworkReport build(String sourceName, String requestedKabkota, int featuresRead, List<Line> lines,
                                    List<String> rejected, List<String> skipped, long started) {
        jdbc.sql("DROP TABLE IF EXISTS road_import_parts, road_import_segments, road_import_edges").update();
        jdbc.sql("""
                CREATE TEMPORARY TABLE road_import_parts (
                    part_id bigint GENERATED ALWAYS AS IDENTITY, feature_no integer, road_class text,
                    source_class text, name text, geom geometry(LineString, 4326), g geometry) ON COMMIT DROP""")
                .update();
        List<Integer> featureNos = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<String> sourceClasses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> wkts = new ArrayList<>();
        for (Line line : lines) {
            for (String wkt : line.partsWkt()) {
                featureNos.add(line.featureNo());
                classes.add(line.roadClass().name());
                sourceClasses.add(line.sourceClass());
                names.add(line.name());
                wkts.add(wkt);
            }
        }
        jdbc.sql("""
                INSERT INTO road_import_parts (feature_no, road_class, source_class, name, geom)
                SELECT f, c, s, n, ST_GeomFromText(w, 4326)
                  FROM unnest(CAST(:f AS integer[]), CAST(:c AS text[]), CAST(:s AS text[]), CAST(:n AS text[]),
                              CAST(:w AS text[])) WITH ORDINALITY AS t(f, c, s, n, w, o)
                 ORDER BY o""")
                .param("f", featureNos.toArray(Integer[]::new)).param("c", classes.toArray(String[]::new))
                .param("s", sourceClasses.toArray(String[]::new)).param("n", names.toArray(String[]::new))
                .param("w", wkts.toArray(String[]::new))
                .update();

        String kabkota = requestedKabkota != null ? requestedKabkota : detectKabkota();
        if (kabkota == null) {
            return failed(sourceName, featuresRead, rejected, skipped,
                    "no kab/kota boundary in the database holds these lines; load it first or name the kab/kota",
                    started);
        }
        // One import per kab/kota at a time.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('road_network:' || :k))").param("k", kabkota).query()
                .singleRow();

        // The UTM zone of the layer's centre: tolerances in true metres.
        int srid = jdbc.sql("""
                        SELECT (CASE WHEN ST_Y(c) < 0 THEN 32700 ELSE 32600 END) + floor((ST_X(c) + 180) / 6)::int + 1
                          FROM (SELECT ST_Centroid(ST_Extent(geom)::geometry) AS c FROM road_import_parts) x""")
                .query(Integer.class).single();
        jdbc.sql("UPDATE road_import_parts SET g = ST_Transform(geom, " + srid + ")").update();
        jdbc.sql("CREATE INDEX ON road_import_parts USING gist (g)").update();

        int snapped = snapEnds();
        jdbc.sql("""
                CREATE TEMPORARY TABLE road_import_segments ON COMMIT DROP AS
                SELECT (ST_Dump(ST_UnaryUnion(ST_Collect(g), :grid))).geom AS g FROM road_import_parts""")
                .param("grid", NODING_GRID_METERS).update();
        int contracted = contractShortEdges();
        Map<String, Object> figures = store(kabkota);

        int edges = ((Number) figures.get("edges")).intValue();
        int vertices = ((Number) figures.get("vertices")).intValue();
        int components = ((Number) figures.get("components")).intValue();
        double share = ((Number) figures.get("share")).doubleValue();
        double length = ((Number) figures.get("length")).doubleValue();
        RoadNetworkReport report = new RoadNetworkReport(sourceName, kabkota, featuresRead, List.copyOf(rejected),
                List.copyOf(skipped), null, snapped, contracted, edges, vertices, components, share, length,
                (System.nanoTime() - started) / 1_000_000);
        jdbc.sql("""
                INSERT INTO road_network_loads (kabkota_code, source_name, features_read, features_rejected,
                    features_skipped, edges, vertices, components, largest_component_length_share, length_meters,
                    snap_tolerance_meters, summary)
                VALUES (:k, :src, :read, :rej, :skip, :e, :v, :c, :share, :len, :tol, :summary)
                ON CONFLICT (kabkota_code) DO UPDATE SET source_name = excluded.source_name, loaded_at = now(),
                    features_read = excluded.features_read, features_rejected = excluded.features_rejected,
                    features_skipped = excluded.features_skipped, edges = excluded.edges,
                    vertices = excluded.vertices, components = excluded.components,
                    largest_component_length_share = excluded.largest_component_length_share,
                    length_meters = excluded.length_meters, snap_tolerance_meters = excluded.snap_tolerance_meters,
                    summary = excluded.summary""")
                .param("k", kabkota).param("src", sourceName).param("read", featuresRead)
                .param("rej", rejected.size()).param("skip", skipped.size()).param("e", edges).param("v", vertices)
                .param("c", components).param("share", share).param("len", length)
                .param("tol", SNAP_TOLERANCE_METERS).param("summary", report.summary())
                .update();
        jdbc.sql("DROP TABLE IF EXISTS road_import_parts, road_import_segments, road_import_edges").update();
        return report;
    }

    /** The kab/kota whose boundary holds most of the staged lines' length, or null. */
    private String detectKabkota() {
        return jdbc.sql("""
                        SELECT r.code
                          FROM regions r
                          JOIN road_import_parts p ON r.geom && p.geom AND ST_Intersects(r.geom, p.geom)
                         WHERE r.level = 'KABKOTA'
                         GROUP BY r.code
                         ORDER BY sum(ST_Length(ST_Intersection(r.geom, p.geom)::geography)) DESC, r.code
                         LIMIT 1""")
                .query(String.class).optional().orElse(null);
    }

    /** Steps 1 and 2: ends to ends, then dangling ends onto lines. Returns the number of line ends moved. */
    private int snapEnds() {
        int moved = jdbc.sql("""
                        WITH ends AS (
                                 SELECT part_id, true AS is_start, ST_StartPoint(g) AS p FROM road_import_parts
                                 UNION ALL
                                 SELECT part_id, false, ST_EndPoint(g) FROM road_import_parts),
                             clustered AS (
                                 SELECT part_id, is_start, p, ST_ClusterDBSCAN(p, :tol, 1) OVER () AS cluster
                                   FROM ends),
                             centred AS (
                                 SELECT part_id, is_start, p,
                                        ST_Centroid(ST_Collect(p) OVER (PARTITION BY cluster)) AS to_p
                                   FROM clustered),
                             per_part AS (
                                 SELECT part_id,
                                        max(CASE WHEN is_start THEN to_p END::text)::geometry AS new_start,
                                        max(CASE WHEN NOT is_start THEN to_p END::text)::geometry AS new_end,
                                        count(*) FILTER (WHERE NOT ST_Equals(p, to_p)) AS moved
                                   FROM centred GROUP BY part_id),
                             updated AS (
                                 UPDATE road_import_parts r
                                    SET g = ST_SetPoint(ST_SetPoint(r.g, 0, s.new_start), ST_NPoints(r.g) - 1,
                                                        s.new_end)
                                   FROM per_part s
                                  WHERE s.part_id = r.part_id AND s.moved > 0
                                 RETURNING s.moved)
                        SELECT COALESCE(sum(moved), 0) FROM updated""")
                .param("tol", SNAP_TOLERANCE_METERS).query(Integer.class).single();
        int ends = jdbc.sql("""
                        WITH ends AS (
                                 SELECT part_id, true AS is_start, ST_StartPoint(g) AS p FROM road_import_parts
                                 UNION ALL
                                 SELECT part_id, false, ST_EndPoint(g) FROM road_import_parts),
                             nearest AS (
                                 SELECT e.part_id, e.is_start, o.to_p, o.d
                                   FROM ends e
                                   CROSS JOIN LATERAL (
                                       SELECT ST_ClosestPoint(x.g, e.p) AS to_p, ST_Distance(x.g, e.p) AS d
                                         FROM road_import_parts x
                                        WHERE x.part_id <> e.part_id AND ST_DWithin(x.g, e.p, :tol)
                                        ORDER BY x.g <-> e.p LIMIT 1) o
                                  WHERE o.d > 0),
                             per_part AS (
                                 SELECT part_id,
                                        max(CASE WHEN is_start THEN to_p END::text)::geometry AS new_start,
                                        max(CASE WHEN NOT is_start THEN to_p END::text)::geometry AS new_end,
                                        count(*) FILTER (WHERE d > :grid) AS moved
                                   FROM nearest GROUP BY part_id),
                             updated AS (
                                 UPDATE road_import_parts r
                                    SET g = ST_SetPoint(CASE WHEN s.new_start IS NULL THEN r.g
                                                             ELSE ST_SetPoint(r.g, 0, s.new_start) END,
                                                        ST_NPoints(r.g) - 1, COALESCE(s.new_end, ST_EndPoint(r.g)))
                                   FROM per_part s
                                  WHERE s.part_id = r.part_id
                                 RETURNING s.moved)
                        SELECT COALESCE(sum(moved), 0) FROM updated""")
                .param("tol", SNAP_TOLERANCE_METERS).param("grid", NODING_GRID_METERS)
                .query(Integer.class).single();
        // Lines whose ends were snapped together (slivers shorter than the noding grid) are gone.
        jdbc.sql("DELETE FROM road_import_parts WHERE ST_Length(g) < :grid").param("grid", NODING_GRID_METERS).update();
        return moved + ends;
    }

    /**
     * Step 4: edges shorter than the tolerance are merged into one junction: the ends joined by short edges form
     * clusters ({@code pgr_connectedComponents}); each cluster's edges end at its busiest vertex; the short edges, now
     * loops, are dropped; the rest is noded again. Returns the number of short edges dropped.
     */
    private int contractShortEdges() {
        jdbc.sql("""
                CREATE TEMPORARY TABLE road_import_edges ON COMMIT DROP AS
                WITH nodes AS (
                         SELECT row_number() OVER (ORDER BY ST_X(p), ST_Y(p)) AS id, p
                           FROM (SELECT ST_StartPoint(g) AS p FROM road_import_segments
                                 UNION SELECT ST_EndPoint(g) FROM road_import_segments) x)
                SELECT row_number() OVER () AS id, s.id AS source, t.id AS target, s.p AS source_p, t.p AS target_p,
                       seg.g
                  FROM road_import_segments seg
                  JOIN nodes s ON ST_AsBinary(s.p) = ST_AsBinary(ST_StartPoint(seg.g))
                  JOIN nodes t ON ST_AsBinary(t.p) = ST_AsBinary(ST_EndPoint(seg.g))""").update();
        int contracted = jdbc.sql("""
                WITH short AS (
                         SELECT c.node, c.component
                           FROM pgr_connectedComponents(format(
                                    'SELECT id, source, target, 1 AS cost, 1 AS reverse_cost FROM road_import_edges '
                                    || 'WHERE source <> target AND ST_Length(g) < %s', CAST(:tol AS float8))) c),
                     degree AS (
                         SELECT v, count(*) AS d FROM (SELECT source AS v FROM road_import_edges
                                                       UNION ALL SELECT target FROM road_import_edges) x GROUP BY v),
                     junction AS (
                         SELECT DISTINCT ON (s.component) s.component, s.node
                           FROM short s JOIN degree d ON d.v = s.node
                          ORDER BY s.component, d.d DESC, s.node),
                     moved AS (
                         SELECT s.node, j.node AS to_node FROM short s JOIN junction j USING (component)
                          WHERE s.node <> j.node),
                     points AS (
                         SELECT DISTINCT source AS id, source_p AS p FROM road_import_edges
                         UNION SELECT target, target_p FROM road_import_edges),
                     updated AS (
                         UPDATE road_import_edges e
                            SET g = ST_SetPoint(ST_SetPoint(e.g, 0, COALESCE(ps.p, e.source_p)), ST_NPoints(e.g) - 1,
                                                COALESCE(pt.p, e.target_p)),
                                source = COALESCE(ms.to_node, e.source), target = COALESCE(mt.to_node, e.target)
                           FROM road_import_edges e2
                           LEFT JOIN moved ms ON ms.node = e2.source LEFT JOIN points ps ON ps.id = ms.to_node
                           LEFT JOIN moved mt ON mt.node = e2.target LEFT JOIN points pt ON pt.id = mt.to_node
                          WHERE e2.id = e.id AND (ms.node IS NOT NULL OR mt.node IS NOT NULL)
                         RETURNING e.id)
                SELECT count(*) FROM updated""")
                .param("tol", SNAP_TOLERANCE_METERS).query(Integer.class).single();
        int dropped = 0;
        if (contracted > 0) {
            dropped = jdbc.sql("DELETE FROM road_import_edges WHERE source = target AND ST_Length(g) < :tol")
                    .param("tol", SNAP_TOLERANCE_METERS).update();
            jdbc.sql("DROP TABLE road_import_segments").update();
            jdbc.sql("""
                    CREATE TEMPORARY TABLE road_import_segments ON COMMIT DROP AS
                    SELECT (ST_Dump(ST_UnaryUnion(ST_Collect(g), :grid))).geom AS g FROM road_import_edges""")
                    .param("grid", NODING_GRID_METERS).update();
        }
        return dropped;
    }

    /** Step 5: replaces the kab/kota's edges and vertices with the noded segments. Returns the figures. */
    private Map<String, Object> store(String kabkota) {
        long base = Long.parseLong(kabkota.replace(".", "")) * ID_BLOCK;
        jdbc.sql("DELETE FROM road_edges WHERE kabkota_code = :k").param("k", kabkota).update();
        jdbc.sql("DELETE FROM road_vertices WHERE kabkota_code = :k").param("k", kabkota).update();
        jdbc.sql("DROP TABLE IF EXISTS road_import_edges").update();
        // Attributes of the source line nearest the segment's midpoint (the faster class when two coincide).
        jdbc.sql("""
                CREATE TEMPORARY TABLE road_import_edges ON COMMIT DROP AS
                SELECT ST_Transform(s.g, 4326) AS geom, p.feature_no, p.road_class, p.source_class, p.name
                  FROM road_import_segments s
                  CROSS JOIN LATERAL (SELECT ST_LineInterpolatePoint(s.g, 0.5) AS mid) m
                  CROSS JOIN LATERAL (
                      SELECT feature_no, road_class, source_class, name
                        FROM (SELECT p.*, ST_Distance(p.g, m.mid) AS d FROM road_import_parts p
                               ORDER BY p.g <-> m.mid LIMIT 4) near
                       ORDER BY round(d::numeric, 2),
                                CASE road_class WHEN 'ARTERI' THEN 1 WHEN 'KOLEKTOR' THEN 2 WHEN 'LOKAL' THEN 3 ELSE 4 END,
                                feature_no
                       LIMIT 1) p""").update();
        jdbc.sql("""
                INSERT INTO road_vertices (id, kabkota_code, geom)
                SELECT :base + row_number() OVER (ORDER BY ST_X(p), ST_Y(p)), :k, p
                  FROM (SELECT ST_StartPoint(geom) AS p FROM road_import_edges
                        UNION SELECT ST_EndPoint(geom) FROM road_import_edges) x""")
                .param("base", base).param("k", kabkota).update();
        jdbc.sql("""
                INSERT INTO road_edges (id, kabkota_code, source, target, length_meters, road_class, source_class,
                                        name, source_feature, geom)
                SELECT :base + row_number() OVER (ORDER BY s.id, t.id, ST_Length(e.geom), ST_AsBinary(e.geom)),
                       :k, s.id, t.id, ST_Length(e.geom::geography),
                       e.road_class, e.source_class, e.name, e.feature_no, e.geom
                  FROM road_import_edges e
                  JOIN road_vertices s ON s.kabkota_code = :k AND ST_AsBinary(s.geom) = ST_AsBinary(ST_StartPoint(e.geom))
                  JOIN road_vertices t ON t.kabkota_code = :k AND ST_AsBinary(t.geom) = ST_AsBinary(ST_EndPoint(e.geom))""")
                .param("base", base).param("k", kabkota)
                .update();
        jdbc.sql("""
                WITH c AS (
                    SELECT node, component FROM pgr_connectedComponents(format(
                        'SELECT id, source, target, length_meters AS cost, length_meters AS reverse_cost '
                        || 'FROM road_edges WHERE kabkota_code = %L', CAST(:k AS text))))
                UPDATE road_vertices v SET component = c.component FROM c WHERE v.id = c.node""")
                .param("k", kabkota).update();
        jdbc.sql("""
                UPDATE road_edges e SET component = v.component
                  FROM road_vertices v WHERE v.id = e.source AND e.kabkota_code = :k""")
                .param("k", kabkota).update();
        return jdbc.sql("""
                        WITH per AS (SELECT component, sum(length_meters) AS meters FROM road_edges
                                      WHERE kabkota_code = :k GROUP BY component)
                        SELECT (SELECT count(*) FROM road_edges WHERE kabkota_code = :k) AS edges,
                               (SELECT count(*) FROM road_vertices WHERE kabkota_code = :k) AS vertices,
                               (SELECT count(*) FROM per) AS components,
                               COALESCE((SELECT sum(meters) FROM per), 0) AS length,
                               COALESCE((SELECT max(meters) / NULLIF(sum(meters), 0) FROM per), 0) AS share""")
                .param("k", kabkota).query().singleRow();
    }

    private static RoadNetworkReport failed(String sourceName, int featuresRead, List<String> rejected,
                                            List<String> skipped, String error, long started) {
        long millis = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        return new RoadNetworkReport(sourceName, null, featuresRead, List.copyOf(rejected), List.copyOf(skipped),
                error, 0, 0, 0, 0, 0, 0, 0, millis);
    }

    /** The words that may name a feature's class: functional class, RBI object name, OSM highway, status. */
    private static String classWords(JsonNode properties) {
        List<String> words = new ArrayList<>();
        for (String field : List.of("FUNGSI_JAL", "NAMOBJ", "road_class", "highway", "railway", "KLS_JALAN")) {
            String value = text(properties.get(field));
            if (value != null && !value.isBlank()) {
                words.add(field.equals("railway") ? "railway " + value : value.trim());
            }
        }
        return String.join(" / ", words);
    }

    private static String firstText(JsonNode properties, String... fields) {
        for (String field : fields) {
            String value = text(properties.get(field));
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static final class RejectedFeature extends RuntimeException {
        RejectedFeature(String message) {
            super(message);
        }
    }
}
