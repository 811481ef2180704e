package id.ilpatlas.api.outreach;

import id.ilpatlas.api.road.EdgeSnap;
import id.ilpatlas.api.road.RoadRouting;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.geo.routing.RoutingSolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Component;

/**
 * The lines of a plan's routes: along the roads for ROAD legs (connector to the network, the road path, connector
 * from it, so a line is as long as its legs), straight for the estimated ones.
 */
@Component
class OutreachGeometry {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** The road part of a solution's ROAD legs, by {@code "from:to"} location indexes. */
    record RoadPaths(Map<String, List<Coordinate>> paths) {}

    private final RoadRouting roads;

    OutreachGeometry(RoadRouting roads) {
        this.roads = roads;
    }

    /** Every leg the solution's routes drive, as {from, to} location indexes, base to base. */
    static List<int[]> steps(RoutingSolution solution) {
        List<int[]> steps = new ArrayList<>();
        for (RoutingSolution.Route route : solution.routes()) {
            int at = 0;
            for (RoutingSolution.Visit visit : route.visits()) {
                steps.add(new int[] {at, visit.location()});
                at = visit.location();
            }
            if (!route.visits().isEmpty()) {
                steps.add(new int[] {at, 0});
            }
        }
        return steps;
    }

    /** The road paths of the solution's ROAD legs (between the points where their ends join the network). */
    RoadPaths roadPaths(RoutingSolution solution, OutreachMatrix.MeasuredLeg[][] legs, TravelMode mode) {
        List<String> keys = new ArrayList<>();
        List<EdgeSnap[]> pairs = new ArrayList<>();
        for (int[] step : steps(solution)) {
            OutreachMatrix.MeasuredLeg leg = legs[step[0]][step[1]];
            String key = step[0] + ":" + step[1];
            if (leg.road() && leg.from() != null && !keys.contains(key)) {
                keys.add(key);
                pairs.add(new EdgeSnap[] {leg.from(), leg.to()});
            }
        }
        List<List<Coordinate>> paths = roads.paths(pairs, mode);
        Map<String, List<Coordinate>> byKey = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byKey.put(keys.get(i), paths.get(i));
        }
        return new RoadPaths(byKey);
    }

    /**
     * The line of one route: from the base ({@code points[0]}) through its visits' locations and back.
     *
     * @param points [lon, lat] by location index
     */
    static LineString line(
            RoutingSolution.Route route, List<double[]> points, OutreachMatrix.MeasuredLeg[][] legs, RoadPaths paths) {
        List<Coordinate> line = new ArrayList<>();
        int at = 0;
        for (RoutingSolution.Visit visit : route.visits()) {
            appendLeg(
                    line,
                    points.get(at),
                    points.get(visit.location()),
                    legs[at][visit.location()],
                    at + ":" + visit.location(),
                    paths);
            at = visit.location();
        }
        appendLeg(line, points.get(at), points.get(0), legs[at][0], at + ":0", paths);
        return WGS84.createLineString(
                line.size() >= 2 ? line.toArray(Coordinate[]::new) : new Coordinate[] {line.get(0), line.get(0)});
    }

    private static void appendLeg(
            List<Coordinate> line,
            double[] from,
            double[] to,
            OutreachMatrix.MeasuredLeg leg,
            String key,
            RoadPaths road) {
        add(line, new Coordinate(from[0], from[1]));
        if (leg.road() && leg.from() != null) {
            add(line, new Coordinate(leg.from().longitude(), leg.from().latitude()));
            road.paths().getOrDefault(key, List.of()).forEach(c -> add(line, c));
            add(line, new Coordinate(leg.to().longitude(), leg.to().latitude()));
        }
        add(line, new Coordinate(to[0], to[1]));
    }

    private static void add(List<Coordinate> line, Coordinate c) {
        if (line.isEmpty() || !line.get(line.size() - 1).equals2D(c)) {
            line.add(c);
        }
    }
}
