package id.ilpatlas.api.access;

import id.ilpatlas.api.road.PgRouting;
import id.ilpatlas.api.road.RoadLeg;
import id.ilpatlas.api.road.RoadRouting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Component;

/**
 * Road legs from {@link RoadRouting} (pgRouting on {@code road_edges}: distance along the shortest path, time along
 * the fastest, snap legs walked), with this feature's reach rule: a trip counts as reached only when both ends lie
 * within {@value RoadRouting#MAX_SNAP_METERS} m of their road vertex and the network joins the two vertices. Without
 * the pgrouting extension no trip is reached (every RW gets the geodesic-detour estimate; health says why).
 */
@Component
class RoadRoutingLegs implements RoadLegs {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final RoadRouting routing;
    private final PgRouting pgRouting;

    RoadRoutingLegs(RoadRouting routing, PgRouting pgRouting) {
        this.routing = routing;
        this.pgRouting = pgRouting;
    }

    @Override
    public Map<String, Leg> legs(List<Trip> trips) {
        Map<String, Leg> result = new HashMap<>();
        if (trips.isEmpty() || !pgRouting.installed()) {
            return result;
        }
        // Many-to-many over the distinct ends: one Dijkstra per start vertex, whatever the number of ends.
        Map<String, Integer> fromIndex = new LinkedHashMap<>();
        Map<String, Integer> toIndex = new LinkedHashMap<>();
        List<Point> from = new ArrayList<>();
        List<Point> to = new ArrayList<>();
        for (Trip trip : trips) {
            fromIndex.computeIfAbsent(trip.fromLongitude() + "," + trip.fromLatitude(), k -> {
                from.add(point(trip.fromLongitude(), trip.fromLatitude()));
                return from.size() - 1;
            });
            toIndex.computeIfAbsent(trip.toLongitude() + "," + trip.toLatitude(), k -> {
                to.add(point(trip.toLongitude(), trip.toLatitude()));
                return to.size() - 1;
            });
        }
        List<RoadLeg> legs = routing.legs(from, to);
        for (Trip trip : trips) {
            int i = fromIndex.get(trip.fromLongitude() + "," + trip.fromLatitude());
            int j = toIndex.get(trip.toLongitude() + "," + trip.toLatitude());
            RoadLeg leg = legs.get(i * to.size() + j);
            if (leg.reachedWithin(RoadRouting.MAX_SNAP_METERS)) {
                result.put(trip.key(), new Leg(leg.distanceMeters(), leg.durationSeconds()));
            }
        }
        return result;
    }

    private static Point point(double longitude, double latitude) {
        return WGS84.createPoint(new Coordinate(longitude, latitude));
    }
}
