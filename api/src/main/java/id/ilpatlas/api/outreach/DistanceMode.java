package id.ilpatlas.api.outreach;

/**
 * How an outreach plan measures the way between stops: the values of {@code outreach_plans.distance_mode} and of the
 * GraphQL enum {@code DistanceMode}, by name.
 */
public enum DistanceMode {
    /** Along the road network in the plan's travel mode; a leg the network does not reach by the calibrated estimate. */
    ROAD,
    /** Every leg by the calibrated estimate of the kab/kota and travel mode (no road network needed). */
    GEODESIC
}
