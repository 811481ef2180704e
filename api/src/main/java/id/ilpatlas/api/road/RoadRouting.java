package id.ilpatlas.api.road;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Road distance and travel time between many start points and many end points, on the loaded road network
 * ({@code road_edges}, {@code road_vertices}; see {@link RoadNetworkImporter}).
 *
 * <p>Each point is snapped to its nearest road vertex (KNN on {@code road_vertices_geom_gist}, the nearest few
 * re-ranked on the spheroid), with no distance limit: the snap distance is in every {@link RoadLeg} for the caller to
 * judge. Between the vertices, many-to-many {@code pgr_dijkstraCost} runs twice on the vertices' kab/kota network,
 * directed: on {@code cost_seconds}/{@code reverse_cost_seconds} (fastest time) and on {@code length_meters}
 * (shortest distance). The snap legs are added as straight lines on the spheroid, walked at
 * {@value #WALKING_SPEED_KMH} km/h. Points are JTS points in EPSG:4326, x = longitude, y = latitude. Without the
 * pgrouting extension both methods throw {@link PgRouting.UnavailableException}; callers ask {@link PgRouting} first.
 */
@Component
public class RoadRouting {

    /** Speed on the straight legs between a point and its road vertex (walking). */
    public static final double WALKING_SPEED_KMH = 4.0;
    /** The reach rule of access and outreach: a point farther than this from its nearest road vertex is off the network. */
    public static final double MAX_SNAP_METERS = 500;
    /** Vertices taken by the index (planar degrees) before re-ranking on the spheroid. */
    private static final int SNAP_CANDIDATES = 8;

    private final JdbcClient jdbc;
    private final PgRouting pgRouting;

    RoadRouting(JdbcClient jdbc, PgRouting pgRouting) {
        this.jdbc = jdbc;
        this.pgRouting = pgRouting;
    }

    /** The nearest road vertex of a point. */
    private record Snap(long vertexId, String kabkotaCode, double meters) {
    }

    /**
     * Every leg from every {@code from} point to every {@code to} point, {@code from}-major:
     * {@code legs.get(i * to.size() + j)} goes from {@code from.get(i)} to {@code to.get(j)}.
     */
    public List<RoadLeg> legs(List<Point> from, List<Point> to) {
        pgRouting.require();
        List<Snap> fromSnaps = snap(from);
        List<Snap> toSnaps = snap(to);
        Map<String, Set<Long>> sourcesByKabkota = new LinkedHashMap<>();
        Map<String, Set<Long>> targetsByKabkota = new HashMap<>();
        fromSnaps.stream().filter(s -> s != null).forEach(s ->
                sourcesByKabkota.computeIfAbsent(s.kabkotaCode(), k -> new LinkedHashSet<>()).add(s.vertexId()));
        toSnaps.stream().filter(s -> s != null).forEach(s ->
                targetsByKabkota.computeIfAbsent(s.kabkotaCode(), k -> new LinkedHashSet<>()).add(s.vertexId()));
        Map<Long, Map<Long, Double>> seconds = new HashMap<>();
        Map<Long, Map<Long, Double>> meters = new HashMap<>();
        for (Map.Entry<String, Set<Long>> entry : sourcesByKabkota.entrySet()) {
            Set<Long> targets = targetsByKabkota.get(entry.getKey());
            if (targets == null) {
                continue;
            }
            costs(entry.getKey(), entry.getValue(), targets, TravelMode.MOTORBIKE.edgesSql(false), seconds);
            costs(entry.getKey(), entry.getValue(), targets, TravelMode.MOTORBIKE.lengthEdgesSql(false), meters);
        }
        double walkingMetersPerSecond = WALKING_SPEED_KMH / 3.6;
        List<RoadLeg> legs = new ArrayList<>(from.size() * to.size());
        for (int i = 0; i < from.size(); i++) {
            Snap a = fromSnaps.get(i);
            for (int j = 0; j < to.size(); j++) {
                Snap b = toSnaps.get(j);
                Double networkSeconds = null;
                Double networkMeters = null;
                if (a != null && b != null && a.kabkotaCode().equals(b.kabkotaCode())) {
                    if (a.vertexId() == b.vertexId()) {
                        networkSeconds = 0.0;
                        networkMeters = 0.0;
                    } else {
                        networkSeconds = seconds.getOrDefault(a.vertexId(), Map.of()).get(b.vertexId());
                        networkMeters = meters.getOrDefault(a.vertexId(), Map.of()).get(b.vertexId());
                    }
                }
                double fromSnap = a == null ? Double.NaN : a.meters();
                double toSnap = b == null ? Double.NaN : b.meters();
                boolean connected = networkSeconds != null && networkMeters != null;
                double inf = Double.POSITIVE_INFINITY;
                legs.add(new RoadLeg(i, j, a == null ? null : a.vertexId(), b == null ? null : b.vertexId(),
                        fromSnap, toSnap, connected,
                        connected ? networkMeters : inf, connected ? networkSeconds : inf,
                        connected ? fromSnap + networkMeters + toSnap : inf,
                        connected ? networkSeconds + (fromSnap + toSnap) / walkingMetersPerSecond : inf));
            }
        }
        return legs;
    }

    /** The leg between two points. */
    public RoadLeg leg(Point from, Point to) {
        return legs(List.of(from), List.of(to)).get(0);
    }

    /**
     * The shortest path (by length, as {@link RoadLeg#networkMeters()}) between the vertices of each pair, as the
     * coordinates of its edges in travel order, [lon, lat]; a pair without a path, or of equal vertices, maps to an
     * empty list. Keys are {@code "from:to"} vertex ids. One many-to-many {@code pgr_dijkstra} on the pairs.
     */
    public Map<String, List<Coordinate>> paths(String kabkotaCode, List<long[]> vertexPairs) {
        Map<String, List<Coordinate>> paths = new HashMap<>();
        if (vertexPairs.isEmpty()) {
            return paths;
        }
        pgRouting.require();
        for (long[] pair : vertexPairs) {
            paths.put(pair[0] + ":" + pair[1], new ArrayList<>());
        }
        String edges = "SELECT id, source, target, length_meters AS cost, length_meters AS reverse_cost "
                + "FROM road_edges WHERE kabkota_code = %L";
        String combinations = "SELECT s AS source, t AS target FROM unnest(%L::bigint[], %L::bigint[]) AS u(s, t)";
        WKTReader wkt = new WKTReader();
        jdbc.sql("""
                        SELECT d.start_vid, d.end_vid,
                               ST_AsText(CASE WHEN d.node = e.source THEN e.geom ELSE ST_Reverse(e.geom) END)
                          FROM pgr_dijkstra(format(CAST(:edges AS text), CAST(:k AS text)),
                                            format(CAST(:combinations AS text), CAST(:sources AS bigint[]),
                                                   CAST(:targets AS bigint[])), true) d
                          JOIN road_edges e ON e.kabkota_code = :k AND e.id = d.edge
                         ORDER BY d.start_vid, d.end_vid, d.seq""")
                .param("edges", edges).param("k", kabkotaCode).param("combinations", combinations)
                .param("sources", vertexPairs.stream().map(p -> p[0]).toArray(Long[]::new))
                .param("targets", vertexPairs.stream().map(p -> p[1]).toArray(Long[]::new))
                .query((rs, n) -> {
                    List<Coordinate> path = paths.get(rs.getLong(1) + ":" + rs.getLong(2));
                    try {
                        for (Coordinate c : wkt.read(rs.getString(3)).getCoordinates()) {
                            if (path.isEmpty() || !path.get(path.size() - 1).equals2D(c)) {
                                path.add(c);
                            }
                        }
                    } catch (ParseException e) {
                        throw new IllegalStateException("PostGIS wrote unreadable WKT", e);
                    }
                    return n;
                })
                .list();
        return paths;
    }

    /** The nearest vertex of each point (null when there is no vertex at all), in the points' order. */
    private List<Snap> snap(List<Point> points) {
        List<Snap> snaps = new ArrayList<>();
        if (points.isEmpty()) {
            return snaps;
        }
        Double[] longitudes = points.stream().map(Point::getX).toArray(Double[]::new);
        Double[] latitudes = points.stream().map(Point::getY).toArray(Double[]::new);
        Map<Integer, Snap> byIndex = new HashMap<>();
        jdbc.sql("""
                        WITH p AS (SELECT o, ST_SetSRID(ST_MakePoint(x, y), 4326) AS pt
                                     FROM unnest(CAST(:x AS float8[]), CAST(:y AS float8[])) WITH ORDINALITY
                                          AS t(x, y, o))
                        SELECT p.o, v.id, v.kabkota_code, v.meters
                          FROM p
                          CROSS JOIN LATERAL (
                              SELECT id, kabkota_code, ST_Distance(c.geom::geography, p.pt::geography) AS meters
                                FROM (SELECT id, kabkota_code, geom FROM road_vertices
                                       ORDER BY geom <-> p.pt LIMIT :candidates) c
                               ORDER BY 3, 1 LIMIT 1) v""")
                .param("x", longitudes).param("y", latitudes).param("candidates", SNAP_CANDIDATES)
                .query((rs, n) -> byIndex.put(rs.getInt("o") - 1,
                        new Snap(rs.getLong("id"), rs.getString("kabkota_code"), rs.getDouble("meters"))))
                .list();
        for (int i = 0; i < points.size(); i++) {
            snaps.add(byIndex.get(i));
        }
        return snaps;
    }

    /** Many-to-many {@code pgr_dijkstraCost} on one kab/kota's network; pairs without a path are absent. */
    private void costs(String kabkota, Set<Long> sources, Set<Long> targets, String edges,
                       Map<Long, Map<Long, Double>> into) {
        jdbc.sql("""
                        SELECT start_vid, end_vid, agg_cost
                          FROM pgr_dijkstraCost(format(CAST(:edges AS text), CAST(:k AS text)),
                                                CAST(:sources AS bigint[]), CAST(:targets AS bigint[]), true)""")
                .param("edges", edges).param("k", kabkota)
                .param("sources", sources.toArray(Long[]::new)).param("targets", targets.toArray(Long[]::new))
                .query((rs, n) -> into.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .put(rs.getLong(2), rs.getDouble(3)))
                .list();
    }
}
