package id.ilpatlas.geo.routing;

/** Solves vehicle routing problems. Implementations must be safe to call from several threads. */
public interface RouteSolver {

    /**
     * Solves the problem, minimising total distance plus the penalties of dropped stops.
     *
     * @param problem the problem
     * @return the best solution found; {@link RoutingSolution.Status#NO_SOLUTION} if none was found
     */
    RoutingSolution solve(RoutingProblem problem);
}
