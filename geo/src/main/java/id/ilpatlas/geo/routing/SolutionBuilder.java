package id.ilpatlas.geo.routing;

import java.util.ArrayList;
import java.util.List;

/** Turns per-vehicle stop sequences into a {@link RoutingSolution} with an earliest-start schedule. */
final class SolutionBuilder {

    private SolutionBuilder() {}

    /**
     * Builds the solution. Each vehicle leaves the depot at its start time; at each stop service starts at
     * the earliest moment at or after arrival inside one of its windows (waiting in between). Distances and times come from the
     * problem's matrices, not from the solver.
     *
     * @param problem the problem
     * @param sequences for each vehicle (problem order), the indices into {@code problem.stops()} in order
     */
    static RoutingSolution build(RoutingProblem problem, List<List<Integer>> sequences) {
        List<RoutingProblem.Stop> stops = problem.stops();
        boolean[] served = new boolean[stops.size()];
        List<RoutingSolution.Route> routes = new ArrayList<>();
        long totalDistanceMeters = 0;
        for (int v = 0; v < problem.vehicles().size(); v++) {
            RoutingProblem.Vehicle vehicle = problem.vehicles().get(v);
            List<RoutingSolution.Visit> visits = new ArrayList<>();
            int at = problem.depot();
            long t = vehicle.startSeconds();
            long distanceMeters = 0;
            long load = 0;
            for (int s : sequences.get(v)) {
                RoutingProblem.Stop stop = stops.get(s);
                served[s] = true;
                long arrival = t + problem.durationSeconds(at, stop.location());
                long start = stop.earliestStart(arrival);
                if (start < 0) {
                    throw new IllegalStateException(
                            "stop " + stop.id() + " reached at " + arrival + ", after its last window");
                }
                t = start + stop.serviceSeconds();
                distanceMeters += problem.distanceMeters(at, stop.location());
                load += stop.demand();
                visits.add(new RoutingSolution.Visit(stop.id(), stop.location(), arrival, start, t));
                at = stop.location();
            }
            long end = t;
            if (!visits.isEmpty()) {
                end += problem.durationSeconds(at, problem.depot());
                distanceMeters += problem.distanceMeters(at, problem.depot());
            }
            totalDistanceMeters += distanceMeters;
            routes.add(new RoutingSolution.Route(
                    vehicle.id(),
                    visits,
                    vehicle.startSeconds(),
                    end,
                    distanceMeters,
                    end - vehicle.startSeconds(),
                    load));
        }
        List<RoutingSolution.Unserved> unserved = new ArrayList<>();
        for (int s = 0; s < stops.size(); s++) {
            if (!served[s]) {
                unserved.add(new RoutingSolution.Unserved(stops.get(s).id(), RoutingSolution.Reason.DROPPED));
            }
        }
        return new RoutingSolution(RoutingSolution.Status.SOLVED, routes, unserved, totalDistanceMeters);
    }

    /** The solution reporting that nothing could be planned. */
    static RoutingSolution noSolution(RoutingProblem problem) {
        List<RoutingSolution.Route> routes = new ArrayList<>();
        for (RoutingProblem.Vehicle v : problem.vehicles()) {
            routes.add(new RoutingSolution.Route(v.id(), List.of(), v.startSeconds(), v.startSeconds(), 0, 0, 0));
        }
        List<RoutingSolution.Unserved> unserved = problem.stops().stream()
                .map(s -> new RoutingSolution.Unserved(s.id(), RoutingSolution.Reason.NO_SOLUTION))
                .toList();
        return new RoutingSolution(RoutingSolution.Status.NO_SOLUTION, routes, unserved, 0);
    }
}
