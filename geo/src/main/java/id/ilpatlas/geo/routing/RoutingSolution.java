package id.ilpatlas.geo.routing;

import java.util.List;
import java.util.Objects;

/**
 * A solution of a {@link RoutingProblem}.
 *
 * @param status whether a solution was found
 * @param routes one route per vehicle, in the problem's vehicle order (empty for unused vehicles)
 * @param unserved the stops no route visits, with the reason
 * @param totalDistanceMeters sum of the routes' distances
 */
public record RoutingSolution(Status status, List<Route> routes, List<Unserved> unserved, long totalDistanceMeters) {

    /** Outcome of a solve. */
    public enum Status {
        /** Every mandatory stop is served and every constraint holds. */
        SOLVED,
        /** No feasible solution was found within the time limit; every stop is reported unserved. */
        NO_SOLUTION
    }

    /** Why a stop is unserved. */
    public enum Reason {
        /** A droppable stop the solver left out: serving it would cost more than its penalty or not fit. */
        DROPPED,
        /** The solver found no feasible solution at all. */
        NO_SOLUTION
    }

    /**
     * One vehicle's route: depot, the visits, depot.
     *
     * @param vehicleId the vehicle
     * @param visits the stops in visiting order
     * @param startSeconds departure from the depot
     * @param endSeconds return to the depot
     * @param distanceMeters total distance, depot to depot
     * @param durationSeconds {@code endSeconds - startSeconds} (travel, service and waiting)
     * @param load sum of the visited stops' demands
     */
    public record Route(
            String vehicleId,
            List<Visit> visits,
            long startSeconds,
            long endSeconds,
            long distanceMeters,
            long durationSeconds,
            long load) {
        /** Copies the visit list. */
        public Route {
            Objects.requireNonNull(vehicleId, "vehicleId must not be null");
            visits = List.copyOf(visits);
        }

        /** Whether the vehicle serves no stop. */
        public boolean isEmpty() {
            return visits.isEmpty();
        }
    }

    /**
     * A visit of a stop.
     *
     * @param stopId the stop
     * @param location its location
     * @param arrivalSeconds arrival at the stop
     * @param serviceStartSeconds start of service ({@code >= arrivalSeconds}; the difference is waiting)
     * @param departureSeconds end of service and departure
     */
    public record Visit(
            String stopId, int location, long arrivalSeconds, long serviceStartSeconds, long departureSeconds) {}

    /**
     * An unserved stop.
     *
     * @param stopId the stop
     * @param reason why it is unserved
     */
    public record Unserved(String stopId, Reason reason) {}

    /** Copies the lists. */
    public RoutingSolution {
        Objects.requireNonNull(status, "status must not be null");
        routes = List.copyOf(routes);
        unserved = List.copyOf(unserved);
    }

    /** Number of routes that serve at least one stop. */
    public long usedVehicles() {
        return routes.stream().filter(r -> !r.isEmpty()).count();
    }
}
