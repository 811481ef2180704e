package id.ilpatlas.api.road;

/**
 * Something about a kab/kota's road network that makes road distances and travel times less trustworthy, said so
 * that a planner understands it: attached by access, target ranking and Pusling plans to every row they compute on
 * that network ({@link RoadNetworkQuality#assess}).
 *
 * @param code    what is wrong, for programs (stable)
 * @param message what it means for the figures, in English, with the measured numbers
 */
public record NetworkWarning(Code code, String message) {

    /** The kinds of warning; each is raised by one rule of {@link RoadNetworkQuality}. */
    public enum Code {
        /** No road network is loaded for the kab/kota: every road distance and time is a geodesic estimate. */
        NO_NETWORK,
        /** Too few RW points lie within reach of a mapped road: their legs start with a long unmapped connector. */
        RW_POINTS_FAR_FROM_ROADS,
        /** The RW points' distance to the roads is unknown (access not computed yet, or no RWs with a boundary). */
        RW_POINTS_UNKNOWN,
        /** The network falls apart into pieces: trips between pieces fall back to the geodesic estimate. */
        FRAGMENTED_NETWORK,
        /** Road routes are much longer than the straight line (median ratio): the network misses the ways people use. */
        HIGH_DETOUR,
        /** The fallback detour factor and speed are defaults, not measured on this network (too few pairs, or not yet). */
        FALLBACK_NOT_CALIBRATED
    }
}
