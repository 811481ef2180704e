package id.ilpatlas.api.outreach;

import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.road.EdgeSnap;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Component;

/**
 * The places of a plan and every leg between them: location 0 is the base, then one location per RW at its
 * representative point ({@link RwAccessService#representativePoints}, refreshed when stale). Every leg is decided by the one
 * {@link TravelModel} in the plan's travel mode: by road where the network reaches (ROAD mode), else — and for every
 * leg in GEODESIC mode — by the estimate calibrated on the kab/kota's network.
 */
@Component
class OutreachMatrix {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    /** A measured leg between two locations; the snaps of a ROAD leg's ends, else null. */
    record MeasuredLeg(long meters, long seconds, boolean road, EdgeSnap from, EdgeSnap to) {

        String method() {
            return road ? "ROAD" : "GEODESIC_DETOUR";
        }
    }

    /** The legs between every two locations, and the metres and seconds matrices the solver reads. */
    record Measured(MeasuredLeg[][] legs, long[][] meters, long[][] seconds) {}

    private final TravelModel travel;
    private final RwAccessService access;

    OutreachMatrix(TravelModel travel, RwAccessService access) {
        this.travel = travel;
        this.access = access;
    }

    /** The representative point [lon, lat] of each RW that has one (refreshed when stale). */
    Map<String, double[]> points(String kabkota, List<String> rws) {
        return access.representativePoints(kabkota, rws);
    }

    /** Every leg between every two locations ([lon, lat]), decided by the one {@link TravelModel}. */
    Measured measure(String kabkota, List<double[]> locations, TravelMode mode, boolean road) {
        int n = locations.size();
        List<Point> points = new ArrayList<>();
        locations.forEach(p -> points.add(WGS84.createPoint(new Coordinate(p[0], p[1]))));
        List<TravelModel.Leg> decided = travel.legs(kabkota, points, points, mode, road);
        MeasuredLeg[][] legs = new MeasuredLeg[n][n];
        long[][] meters = new long[n][n];
        long[][] seconds = new long[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                TravelModel.Leg leg = decided.get(a * n + b);
                boolean byRoad = leg.method() == TravelModel.Method.ROAD;
                legs[a][b] = a == b
                        ? new MeasuredLeg(0, 0, road, null, null)
                        : new MeasuredLeg(
                                Math.round(leg.distanceMeters()),
                                Math.round(leg.durationSeconds()),
                                byRoad,
                                byRoad ? leg.road().from() : null,
                                byRoad ? leg.road().to() : null);
                meters[a][b] = legs[a][b].meters();
                seconds[a][b] = legs[a][b].seconds();
            }
        }
        return new Measured(legs, meters, seconds);
    }
}
