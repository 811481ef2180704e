package id.ilpatlas.api.road;

/**
 * The road trip from one point to another in one {@link TravelMode}: along a connector from the point to the nearest
 * point of a road edge the mode may use, along the network, and along a connector to the end point.
 *
 * @param fromIndex       index of the start point in the {@code from} list
 * @param toIndex         index of the end point in the {@code to} list
 * @param from            where the start point joins the network (null when no edge is loaded)
 * @param to              where the end point joins the network (null when no edge is loaded)
 * @param connected       true when the network joins the two snapped points (same kab/kota network, a path in the
 *                        mode); false otherwise, and then every distance and duration below is
 *                        {@link Double#POSITIVE_INFINITY}
 * @param networkMeters   shortest distance along the roads between the snapped points (partial edges included)
 * @param networkSeconds  fastest time along the roads between the snapped points (its path may differ from the
 *                        shortest one)
 * @param distanceMeters  {@code from.connectorMeters() + networkMeters + to.connectorMeters()}
 * @param durationSeconds {@code networkSeconds} plus both connectors at the mode's connector speed
 */
public record RoadLeg(
        int fromIndex,
        int toIndex,
        EdgeSnap from,
        EdgeSnap to,
        boolean connected,
        double networkMeters,
        double networkSeconds,
        double distanceMeters,
        double durationSeconds) {

    /** Metres of both connectors (NaN without a snap). */
    public double connectorMeters() {
        return from == null || to == null ? Double.NaN : from.connectorMeters() + to.connectorMeters();
    }

    /** Whether the network reaches this trip: a path joins the snapped points and both connectors are short enough. */
    public boolean reachedWithin(double maxConnectorMeters) {
        return connected && from.connectorMeters() <= maxConnectorMeters && to.connectorMeters() <= maxConnectorMeters;
    }
}
