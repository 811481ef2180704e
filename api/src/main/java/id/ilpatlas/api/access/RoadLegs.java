package id.ilpatlas.api.access;

import java.util.List;
import java.util.Map;

/**
 * Road distance and travel time between many pairs of points, on whatever road network is loaded. A pair the
 * network does not reach (no network, a point too far from it, no path) is simply absent from the answer: the caller
 * falls back to a geodesic estimate and says so.
 */
public interface RoadLegs {

    /** One trip from a point to a point, [lon, lat] in EPSG:4326, named by a caller's key. */
    record Trip(String key, double fromLongitude, double fromLatitude, double toLongitude, double toLatitude) {
    }

    /** A trip by road: metres along the way and seconds it takes, off-network access legs included. */
    record Leg(double distanceMeters, double durationSeconds) {
    }

    /** The legs of the trips the network reaches, by trip key. */
    Map<String, Leg> legs(List<Trip> trips);
}
