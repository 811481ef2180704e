package id.ilpatlas.api.road;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An independent shortest-path oracle for tests: one kab/kota's {@code road_edges} loaded into Java, points joined to
 * the nearest point of the nearest edge a mode may use (found here, not by PostGIS, in the local plane with longitudes
 * scaled by cos(latitude) of the point), and
 * a plain Dijkstra with the two joining points spliced into their edges. Only the data (edge geometry, length, class,
 * direction) and the speeds ({@link TravelMode}, the contract) are shared with the code under test.
 */
public final class RoadGraphOracle {

    /** Metres per degree of latitude (mean); longitudes are scaled by cos(latitude). */
    private static final double METERS_PER_DEGREE = 111_195.0;

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;

    /** An edge as loaded: its polyline as [lon, lat] pairs. */
    public record Edge(
            long id,
            long source,
            long target,
            double lengthMeters,
            RoadClass roadClass,
            boolean oneway,
            double[][] line) {}

    /** Where a point joins an edge, as this oracle finds it. */
    public record Join(Edge edge, double fraction, double connectorMeters) {}

    /** The oracle's leg: distance along the shortest path, time along the fastest, connectors included. */
    public record Leg(double distanceMeters, double durationSeconds, Join from, Join to) {}

    private final List<Edge> edges;

    private RoadGraphOracle(List<Edge> edges) {
        this.edges = edges;
    }

    /** Loads the network of one kab/kota. */
    public static RoadGraphOracle load(JdbcClient jdbc, String kabkotaCode) {
        List<Edge> edges = jdbc.sql("""
                        SELECT id, source, target, length_meters, road_class, oneway,
                               (SELECT array_agg(ARRAY[ST_X(d.geom), ST_Y(d.geom)] ORDER BY d.path)
                                  FROM ST_DumpPoints(geom) d) AS line
                          FROM road_edges WHERE kabkota_code = :k ORDER BY id""")
                .param("k", kabkotaCode)
                .query((rs, n) -> {
                    Double[][] raw = (Double[][]) rs.getArray("line").getArray();
                    double[][] line = new double[raw.length][];
                    for (int i = 0; i < raw.length; i++) {
                        line[i] = new double[] {raw[i][0], raw[i][1]};
                    }
                    return new Edge(
                            rs.getLong("id"),
                            rs.getLong("source"),
                            rs.getLong("target"),
                            rs.getDouble("length_meters"),
                            RoadClass.valueOf(rs.getString("road_class")),
                            rs.getBoolean("oneway"),
                            line);
                })
                .list();
        return new RoadGraphOracle(edges);
    }

    /** The number of edges loaded. */
    public int edgeCount() {
        return edges.size();
    }

    /** The nearest point of the nearest edge the mode may use, by the distance to that point (ties by edge id). */
    public Join join(double longitude, double latitude, TravelMode mode) {
        List<Join> joins = joins(longitude, latitude, mode, 0);
        return joins.isEmpty() ? null : joins.get(0);
    }

    /**
     * The joins whose connector is at most {@code (1 + tolerance)} × the shortest one, shortest first: near ties,
     * which a sphere and a spheroid may order differently. Empty when no edge of the mode is loaded.
     */
    public List<Join> joins(double longitude, double latitude, TravelMode mode, double tolerance) {
        double cosLatitude = Math.cos(Math.toRadians(latitude));
        List<Join> all = new ArrayList<>();
        for (Edge e : edges) {
            if (mode.speedKmh(e.roadClass()) == null) {
                continue;
            }
            double[] near = nearest(e, longitude, latitude, cosLatitude);
            all.add(new Join(e, near[1], haversine(longitude, latitude, near[2], near[3])));
        }
        all.sort((x, y) -> x.connectorMeters() != y.connectorMeters()
                ? Double.compare(x.connectorMeters(), y.connectorMeters())
                : Long.compare(x.edge().id(), y.edge().id()));
        if (all.isEmpty()) {
            return List.of();
        }
        double limit = all.get(0).connectorMeters() * (1 + tolerance) + 1e-9;
        return all.stream().filter(j -> j.connectorMeters() <= limit).toList();
    }

    /** The leg between two points in a mode, or null when the network does not join them. */
    public Leg leg(double fromLon, double fromLat, double toLon, double toLat, TravelMode mode) {
        return leg(join(fromLon, fromLat, mode), join(toLon, toLat, mode), mode);
    }

    /**
     * The legs between two points for every combination of near-tie joins at both ends ({@link #joins}); the code
     * under test must match one of them.
     */
    public List<Leg> legs(
            double fromLon, double fromLat, double toLon, double toLat, TravelMode mode, double tolerance) {
        List<Leg> legs = new ArrayList<>();
        for (Join a : joins(fromLon, fromLat, mode, tolerance)) {
            for (Join b : joins(toLon, toLat, mode, tolerance)) {
                Leg leg = leg(a, b, mode);
                if (leg != null) {
                    legs.add(leg);
                }
            }
        }
        return legs;
    }

    private Leg leg(Join a, Join b, TravelMode mode) {
        if (a == null || b == null) {
            return null;
        }
        Double meters = shortest(a, b, mode, false);
        Double seconds = shortest(a, b, mode, true);
        if (meters == null || seconds == null) {
            return null;
        }
        double connectors = a.connectorMeters() + b.connectorMeters();
        return new Leg(meters + connectors, seconds + connectors / (mode.connectorSpeedKmh() / 3.6), a, b);
    }

    /** Dijkstra from join a to join b on lengths or on the mode's times; null when unreachable. */
    private Double shortest(Join a, Join b, TravelMode mode, boolean byTime) {
        Map<Long, List<double[]>> out = new HashMap<>();
        for (Edge e : edges) {
            Double forward = cost(e, mode, byTime, true);
            if (forward == null) {
                continue;
            }
            out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(new double[] {e.target(), forward});
            Double backward = cost(e, mode, byTime, false);
            if (backward != null) {
                out.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(new double[] {e.source(), backward});
            }
        }
        long start = -1;
        long end = -2;
        Edge ea = a.edge();
        Edge eb = b.edge();
        List<double[]> fromStart = new ArrayList<>();
        fromStart.add(new double[] {ea.target(), (1 - a.fraction()) * cost(ea, mode, byTime, true)});
        Double back = cost(ea, mode, byTime, false);
        if (back != null) {
            fromStart.add(new double[] {ea.source(), a.fraction() * back});
        }
        if (ea.id() == eb.id()) {
            if (b.fraction() >= a.fraction()) {
                fromStart.add(new double[] {end, (b.fraction() - a.fraction()) * cost(ea, mode, byTime, true)});
            } else if (back != null) {
                fromStart.add(new double[] {end, (a.fraction() - b.fraction()) * back});
            }
        }
        out.put(start, fromStart);
        out.computeIfAbsent(eb.source(), k -> new ArrayList<>())
                .add(new double[] {end, b.fraction() * cost(eb, mode, byTime, true)});
        Double backB = cost(eb, mode, byTime, false);
        if (backB != null) {
            out.computeIfAbsent(eb.target(), k -> new ArrayList<>())
                    .add(new double[] {end, (1 - b.fraction()) * backB});
        }
        Map<Long, Double> dist = new HashMap<>();
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> Double.compare(x[1], y[1]));
        dist.put(start, 0.0);
        queue.add(new double[] {start, 0});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            long node = (long) top[0];
            if (top[1] > dist.getOrDefault(node, Double.POSITIVE_INFINITY)) {
                continue;
            }
            if (node == end) {
                return top[1];
            }
            for (double[] arc : out.getOrDefault(node, List.of())) {
                long next = (long) arc[0];
                double d = top[1] + arc[1];
                if (d < dist.getOrDefault(next, Double.POSITIVE_INFINITY)) {
                    dist.put(next, d);
                    queue.add(new double[] {next, d});
                }
            }
        }
        return null;
    }

    /** Cost of an edge in a direction; null when the mode may not go that way. */
    private static Double cost(Edge e, TravelMode mode, boolean byTime, boolean forward) {
        Double speed = mode.speedKmh(e.roadClass());
        if (speed == null || (!forward && e.oneway() && mode.keepsOneway())) {
            return null;
        }
        return byTime ? e.lengthMeters() / (speed / 3.6) : e.lengthMeters();
    }

    /** {planar squared distance, fraction along the edge, lon, lat} of the nearest point of an edge. */
    private static double[] nearest(Edge e, double lon, double lat, double cosLatitude) {
        double[][] line = e.line();
        double total = 0;
        double[] lengths = new double[line.length - 1];
        for (int i = 0; i + 1 < line.length; i++) {
            lengths[i] = Math.hypot((line[i + 1][0] - line[i][0]) * cosLatitude, line[i + 1][1] - line[i][1]);
            total += lengths[i];
        }
        double best = Double.POSITIVE_INFINITY;
        double along = 0;
        double bestAlong = 0;
        double bx = line[0][0];
        double by = line[0][1];
        for (int i = 0; i + 1 < line.length; i++) {
            double x1 = line[i][0] * cosLatitude;
            double y1 = line[i][1];
            double dx = line[i + 1][0] * cosLatitude - x1;
            double dy = line[i + 1][1] - y1;
            double len2 = dx * dx + dy * dy;
            double t =
                    len2 == 0 ? 0 : Math.max(0, Math.min(1, ((lon * cosLatitude - x1) * dx + (lat - y1) * dy) / len2));
            double px = x1 + t * dx;
            double py = y1 + t * dy;
            double d = (lon * cosLatitude - px) * (lon * cosLatitude - px) + (lat - py) * (lat - py);
            if (d < best) {
                best = d;
                bestAlong = along + t * lengths[i];
                bx = px / cosLatitude;
                by = py;
            }
            along += lengths[i];
        }
        return new double[] {best * METERS_PER_DEGREE * METERS_PER_DEGREE, total == 0 ? 0 : bestAlong / total, bx, by};
    }

    /** Great-circle distance on the mean sphere. */
    public static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(h));
    }
}
