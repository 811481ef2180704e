package id.ilpatlas.api.road;

import id.ilpatlas.api.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Road distance and travel time between many start points and many end points in one {@link TravelMode}, on the
 * loaded road network ({@code road_edges}; see {@link RoadNetworkImporter}). The raw measurement: which legs count
 * as reached, and what stands in for the others, is {@link TravelModel}'s decision.
 *
 * <p>Each point joins the network at the nearest point of the nearest edge the mode may use ({@link EdgeSnap}: KNN
 * on {@code road_edges_geom_gist}, the nearest few re-ranked on the spheroid), with no distance limit: the
 * connector's length is in every {@link RoadLeg} for the caller to judge. The nearest point and its fraction along the
 * edge are found in a local plane with longitudes scaled by cos(latitude), so that the fraction is a share of the
 * edge's length in metres, as pgRouting's withPoints reads it. Between the joining points pgRouting's
 * {@code pgr_withPointsCost} runs twice on the kab/kota's network, directed, with the points on their edges: on the
 * mode's travel times (fastest time) and on lengths (shortest distance). When there are more start points than end
 * points it runs from the end points on the reversed graph, so the number of searches is the smaller side. The
 * connectors are straight lines on the spheroid, travelled at the mode's connector speed. Points are JTS points in
 * EPSG:4326, x = longitude, y = latitude. Without the pgrouting extension the methods throw
 * {@link PgRouting.UnavailableException}; callers ask {@link PgRouting} first.
 */
@Component
public class RoadRouting {

    /** Edges taken by the planar index before re-ranking on the spheroid. */
    private static final int SNAP_CANDIDATES = 8;
    /** pgRouting's points query on three arrays (pid, edge, fraction), a {@code format()} template. */
    private static final String POINTS = "SELECT pid, edge_id, fraction, 'b'::char AS side "
            + "FROM unnest(%L::bigint[], %L::bigint[], %L::float8[]) AS u(pid, edge_id, fraction)";

    private static final String COMBINATIONS =
            "SELECT s AS source, t AS target FROM unnest(%L::bigint[], %L::bigint[]) AS u(s, t)";

    private final JdbcClient jdbc;
    private final PgRouting pgRouting;

    RoadRouting(JdbcClient jdbc, PgRouting pgRouting) {
        this.jdbc = jdbc;
        this.pgRouting = pgRouting;
    }

    /**
     * Every leg from every {@code from} point to every {@code to} point in a mode, {@code from}-major:
     * {@code legs.get(i * to.size() + j)} goes from {@code from.get(i)} to {@code to.get(j)}.
     */
    public List<RoadLeg> legs(List<Point> from, List<Point> to, TravelMode mode) {
        pgRouting.require();
        List<Point> all = new ArrayList<>(from);
        all.addAll(to);
        List<EdgeSnap> snaps = snap(all, mode);
        List<EdgeSnap> fromSnaps = snaps.subList(0, from.size());
        List<EdgeSnap> toSnaps = snaps.subList(from.size(), snaps.size());
        // Point ids per kab/kota network: 1.. for the from points, from.size() + 1.. for the to points.
        Map<String, List<Integer>> fromByKabkota = new LinkedHashMap<>();
        Map<String, List<Integer>> toByKabkota = new HashMap<>();
        for (int i = 0; i < fromSnaps.size(); i++) {
            if (fromSnaps.get(i) != null) {
                fromByKabkota
                        .computeIfAbsent(fromSnaps.get(i).kabkotaCode(), k -> new ArrayList<>())
                        .add(i);
            }
        }
        for (int j = 0; j < toSnaps.size(); j++) {
            if (toSnaps.get(j) != null) {
                toByKabkota
                        .computeIfAbsent(toSnaps.get(j).kabkotaCode(), k -> new ArrayList<>())
                        .add(j);
            }
        }
        Map<Long, Double> seconds = new HashMap<>();
        Map<Long, Double> meters = new HashMap<>();
        int offset = from.size();
        for (Map.Entry<String, List<Integer>> entry : fromByKabkota.entrySet()) {
            List<Integer> targets = toByKabkota.get(entry.getKey());
            if (targets == null) {
                continue;
            }
            List<Integer> starts = entry.getValue();
            List<Integer> ends = targets.stream().map(j -> j + offset).toList();
            costs(entry.getKey(), starts, ends, snaps, mode, false, seconds);
            costs(entry.getKey(), starts, ends, snaps, mode, true, meters);
        }
        double connectorMetersPerSecond = mode.connectorSpeedKmh() / 3.6;
        double inf = Double.POSITIVE_INFINITY;
        List<RoadLeg> legs = new ArrayList<>(from.size() * to.size());
        for (int i = 0; i < from.size(); i++) {
            EdgeSnap a = fromSnaps.get(i);
            for (int j = 0; j < to.size(); j++) {
                EdgeSnap b = toSnaps.get(j);
                Double networkSeconds = null;
                Double networkMeters = null;
                if (a != null && b != null && a.kabkotaCode().equals(b.kabkotaCode())) {
                    if (a.edgeId() == b.edgeId() && a.fraction() == b.fraction()) {
                        networkSeconds = 0.0;
                        networkMeters = 0.0;
                    } else {
                        networkSeconds = seconds.get(pair(i, j + offset));
                        networkMeters = meters.get(pair(i, j + offset));
                    }
                }
                boolean connected = networkSeconds != null && networkMeters != null;
                double connector = connected ? a.connectorMeters() + b.connectorMeters() : inf;
                legs.add(new RoadLeg(
                        i,
                        j,
                        a,
                        b,
                        connected,
                        connected ? networkMeters : inf,
                        connected ? networkSeconds : inf,
                        connected ? networkMeters + connector : inf,
                        connected ? networkSeconds + connector / connectorMetersPerSecond : inf));
            }
        }
        return legs;
    }

    /** The leg between two points in a mode. */
    public RoadLeg leg(Point from, Point to, TravelMode mode) {
        return legs(List.of(from), List.of(to), mode).get(0);
    }

    /**
     * Where each point joins the network in a mode: the nearest point of the nearest edge the mode may use, in the
     * points' order; null for a point when no such edge is loaded at all.
     */
    public List<EdgeSnap> snap(List<Point> points, TravelMode mode) {
        List<EdgeSnap> snaps = new ArrayList<>();
        if (points.isEmpty()) {
            return snaps;
        }
        Double[] longitudes = points.stream().map(Point::getX).toArray(Double[]::new);
        Double[] latitudes = points.stream().map(Point::getY).toArray(Double[]::new);
        Map<Integer, EdgeSnap> byIndex = new HashMap<>();
        jdbc.sql(Sql.load("sql/road/snap-points.sql"))
                .param("x", longitudes)
                .param("y", latitudes)
                .param("candidates", SNAP_CANDIDATES)
                .param("unusable", unusable(mode))
                .query((rs, n) -> byIndex.put(
                        rs.getInt("o") - 1,
                        new EdgeSnap(
                                rs.getLong("id"),
                                rs.getString("kabkota_code"),
                                rs.getDouble("fraction"),
                                rs.getDouble("meters"),
                                rs.getDouble("x"),
                                rs.getDouble("y"))))
                .list();
        for (int i = 0; i < points.size(); i++) {
            snaps.add(byIndex.get(i));
        }
        return snaps;
    }

    /**
     * The road part of the shortest path (by length, as {@link RoadLeg#networkMeters()}) between the joining points
     * of each pair of snaps, as coordinates in travel order, [lon, lat], from the first joining point to the second
     * (the connectors are not included); a pair on different networks, without a path, or of equal snaps maps to an
     * empty list. One {@code pgr_withPoints} per kab/kota on the pairs.
     */
    public List<List<Coordinate>> paths(List<EdgeSnap[]> pairs, TravelMode mode) {
        List<List<Coordinate>> paths = new ArrayList<>();
        pairs.forEach(p -> paths.add(new ArrayList<>()));
        if (pairs.isEmpty()) {
            return paths;
        }
        pgRouting.require();
        Map<String, List<Integer>> byKabkota = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            EdgeSnap[] p = pairs.get(i);
            if (p[0] != null
                    && p[1] != null
                    && p[0].kabkotaCode().equals(p[1].kabkotaCode())
                    && !(p[0].edgeId() == p[1].edgeId() && p[0].fraction() == p[1].fraction())) {
                byKabkota
                        .computeIfAbsent(p[0].kabkotaCode(), k -> new ArrayList<>())
                        .add(i);
            }
        }
        WKTReader wkt = new WKTReader();
        for (Map.Entry<String, List<Integer>> entry : byKabkota.entrySet()) {
            List<Integer> indexes = entry.getValue();
            // Point ids 2i + 1 (start) and 2i + 2 (end) of pair i.
            Long[] pids = new Long[indexes.size() * 2];
            Long[] edgeIds = new Long[pids.length];
            Double[] fractions = new Double[pids.length];
            Long[] starts = new Long[indexes.size()];
            Long[] ends = new Long[indexes.size()];
            Map<Long, Integer> pairOfStart = new HashMap<>();
            for (int n = 0; n < indexes.size(); n++) {
                EdgeSnap[] p = pairs.get(indexes.get(n));
                for (int s = 0; s < 2; s++) {
                    pids[2 * n + s] = 2L * n + s + 1;
                    edgeIds[2 * n + s] = p[s].edgeId();
                    fractions[2 * n + s] = inside(p[s].fraction());
                }
                starts[n] = -(2L * n + 1);
                ends[n] = -(2L * n + 2);
                pairOfStart.put(starts[n], indexes.get(n));
            }
            jdbc.sql(Sql.load("sql/road/path-geometries.sql"))
                    .param("edges", mode.lengthEdgesSql(false))
                    .param("k", entry.getKey())
                    .param("points", POINTS)
                    .param("combinations", COMBINATIONS)
                    .param("pids", pids)
                    .param("edgeIds", edgeIds)
                    .param("fractions", fractions)
                    .param("starts", starts)
                    .param("ends", ends)
                    .query((rs, n) -> {
                        List<Coordinate> path = paths.get(pairOfStart.get(rs.getLong("start_pid")));
                        try {
                            for (Coordinate c : wkt.read(rs.getString("part")).getCoordinates()) {
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
        }
        return paths;
    }

    /**
     * Many-to-many {@code pgr_withPointsCost} on one kab/kota's network among the given snapped points (indexes into
     * {@code snaps}); pairs without a path are absent. Keys are {@link #pair(int, int)} of the point indexes.
     */
    private void costs(
            String kabkota,
            List<Integer> starts,
            List<Integer> ends,
            List<EdgeSnap> snaps,
            TravelMode mode,
            boolean byLength,
            Map<Long, Double> into) {
        // From the smaller side: a search per start point.
        boolean reversed = starts.size() > ends.size();
        List<Integer> sources = reversed ? ends : starts;
        List<Integer> targets = reversed ? starts : ends;
        List<Integer> points = new ArrayList<>(sources);
        points.addAll(targets);
        Long[] pids = points.stream().map(i -> (long) i + 1).toArray(Long[]::new);
        Long[] edgeIds = points.stream().map(i -> snaps.get(i).edgeId()).toArray(Long[]::new);
        // On the reversed graph an edge runs from its target: a point's fraction is measured from the other end.
        Double[] fractions = points.stream()
                .map(i -> inside(
                        reversed ? 1 - snaps.get(i).fraction() : snaps.get(i).fraction()))
                .toArray(Double[]::new);
        String edges = byLength ? mode.lengthEdgesSql(reversed) : mode.edgesSql(reversed);
        jdbc.sql(Sql.load("sql/road/path-costs.sql"))
                .param("edges", edges)
                .param("k", kabkota)
                .param("points", POINTS)
                .param("pids", pids)
                .param("edgeIds", edgeIds)
                .param("fractions", fractions)
                .param("sources", sources.stream().map(i -> -((long) i + 1)).toArray(Long[]::new))
                .param("targets", targets.stream().map(i -> -((long) i + 1)).toArray(Long[]::new))
                .query((rs, n) -> {
                    int a = (int) (-rs.getLong(1) - 1);
                    int b = (int) (-rs.getLong(2) - 1);
                    return into.put(reversed ? pair(b, a) : pair(a, b), rs.getDouble(3));
                })
                .list();
    }

    /**
     * A fraction moved a nanometre-scale step inside its edge: pgRouting 3.4 drops a point lying exactly on a vertex
     * (fraction 0 or 1) from {@code pgr_withPoints*} results, so such a point would never be reached.
     */
    static double inside(double fraction) {
        return Math.min(Math.max(fraction, 1e-9), 1 - 1e-9);
    }

    private static long pair(int from, int to) {
        return ((long) from << 32) | to;
    }

    /** The road classes a mode may not use, as {@code road_class} values. */
    private static String[] unusable(TravelMode mode) {
        List<String> classes = new ArrayList<>();
        for (RoadClass c : RoadClass.values()) {
            if (mode.speedKmh(c) == null) {
                classes.add(c.name());
            }
        }
        return classes.toArray(String[]::new);
    }
}
