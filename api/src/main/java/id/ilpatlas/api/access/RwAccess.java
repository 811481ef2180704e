package id.ilpatlas.api.access;

import id.ilpatlas.api.graphql.GeoJson;

/**
 * Access from one RW to its nearest facility of a kind.
 *
 * @param rwCode              the RW key, e.g. {@code 33.75.01.1002.RW003}
 * @param representativePoint the point standing for the RW, GeoJSON [lon, lat]
 * @param pointMethod         how that point was chosen
 * @param facilityId          the nearest active facility by geodesic distance; null when there is none
 * @param distanceMeters      geodesic (spheroid) distance from the point to the facility
 * @param roadDistanceMeters  by road ({@link Method#ROAD}) or distanceMeters × detourFactor
 * @param travelTimeSeconds   by road, or roadDistanceMeters at {@link RwAccessService#DETOUR_SPEED_KMH}
 * @param method              which of the two
 * @param detourFactor        the factor of a {@link Method#GEODESIC_DETOUR}; null for {@link Method#ROAD}
 */
public record RwAccess(String rwCode, GeoJson representativePoint, PointMethod pointMethod, Long facilityId,
                       Double distanceMeters, Double roadDistanceMeters, Double travelTimeSeconds, Method method,
                       Double detourFactor) {

    /** How an RW's representative point was chosen. */
    public enum PointMethod {
        /** Mean of the RW's geocoded residence points (enough of them), clamped inside the RW. */
        POPULATION_WEIGHTED,
        /** {@code ST_PointOnSurface} of the RW polygon. */
        POINT_ON_SURFACE
    }

    /** How the road distance and travel time were obtained. */
    public enum Method {
        /** On the loaded road network. */
        ROAD,
        /** Geodesic distance × {@link RwAccessService#DETOUR_FACTOR}: the network does not reach. */
        GEODESIC_DETOUR
    }
}
