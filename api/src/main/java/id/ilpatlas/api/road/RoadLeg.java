package id.ilpatlas.api.road;

/**
 * The road trip from one point to another: walk from the point to its nearest road vertex, drive along the network,
 * walk from the last vertex to the point.
 *
 * @param fromIndex       index of the start point in the {@code from} list
 * @param toIndex         index of the end point in the {@code to} list
 * @param fromVertexId    the road vertex the start point was snapped to (null when no network is loaded)
 * @param toVertexId      the road vertex the end point was snapped to (null when no network is loaded)
 * @param fromSnapMeters  straight distance, on the spheroid, from the start point to its vertex (NaN without a vertex)
 * @param toSnapMeters    straight distance from the end vertex to the end point (NaN without a vertex)
 * @param connected       true when the network joins the two vertices (both in the same kab/kota network and
 *                        component); false otherwise, and then every distance and duration below is
 *                        {@link Double#POSITIVE_INFINITY}
 * @param networkMeters   shortest distance along the roads between the two vertices
 * @param networkSeconds  fastest time along the roads between the two vertices (at the class speeds of
 *                        {@link RoadClass}; its path may differ from the shortest one)
 * @param distanceMeters  {@code fromSnapMeters + networkMeters + toSnapMeters}
 * @param durationSeconds {@code networkSeconds} plus both snap distances walked at
 *                        {@link RoadRouting#WALKING_SPEED_KMH} km/h
 */
public record RoadLeg(int fromIndex, int toIndex, Long fromVertexId, Long toVertexId, double fromSnapMeters,
                      double toSnapMeters, boolean connected, double networkMeters, double networkSeconds,
                      double distanceMeters, double durationSeconds) {

    /** Whether the network reaches this trip: a path joins the vertices and both ends lie within the snap limit. */
    public boolean reachedWithin(double maxSnapMeters) {
        return connected && fromSnapMeters <= maxSnapMeters && toSnapMeters <= maxSnapMeters;
    }
}
