package id.ilpatlas.geo.routing;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;
import com.graphhopper.jsprit.core.util.VehicleRoutingTransportCostsMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * jsprit 1.8 (default {@code Jsprit} ruin-and-recreate algorithm, one thread, wall-clock limit) on the same
 * instances, for the comparison in {@link RoutingBenchmark} only; jsprit is not part of the product.
 */
final class JspritComparison {

    private JspritComparison() {}

    /** Result: routes as 0-based node / customer ids, and how many jobs jsprit left unassigned. */
    record Result(List<List<Integer>> routes, int unassigned) {}

    static Result tsp(TsplibInstance instance, Duration limit) {
        int n = instance.dimension();
        VehicleRoutingTransportCostsMatrix.Builder costs = VehicleRoutingTransportCostsMatrix.Builder.newInstance(true);
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                costs.addTransportDistance(Integer.toString(a), Integer.toString(b), instance.distances()[a][b]);
                costs.addTransportTime(Integer.toString(a), Integer.toString(b), instance.distances()[a][b]);
            }
        }
        VehicleTypeImpl type =
                VehicleTypeImpl.Builder.newInstance("t").setCostPerDistance(1.0).build();
        VehicleRoutingProblem.Builder vrp = VehicleRoutingProblem.Builder.newInstance()
                .setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
                .setRoutingCost(costs.build())
                .addVehicle(VehicleImpl.Builder.newInstance("v")
                        .setStartLocation(Location.newInstance("0"))
                        .setType(type)
                        .build());
        for (int k = 1; k < n; k++) {
            vrp.addJob(Service.Builder.newInstance(Integer.toString(k))
                    .setLocation(Location.newInstance(Integer.toString(k)))
                    .build());
        }
        return solve(vrp.build(), limit);
    }

    static Result solomon(SolomonInstance instance, Duration limit) {
        List<SolomonInstance.Customer> c = instance.customers();
        SolomonInstance.Customer depot = c.get(0);
        VehicleTypeImpl type = VehicleTypeImpl.Builder.newInstance("t")
                .addCapacityDimension(0, (int) instance.capacity())
                .setCostPerDistance(1.0)
                .build();
        VehicleRoutingProblem.Builder vrp =
                VehicleRoutingProblem.Builder.newInstance().setFleetSize(VehicleRoutingProblem.FleetSize.FINITE);
        for (int v = 1; v <= instance.vehicles(); v++) {
            vrp.addVehicle(VehicleImpl.Builder.newInstance("v" + v)
                    .setStartLocation(Location.newInstance(depot.x(), depot.y()))
                    .setType(type)
                    .setEarliestStart(depot.ready())
                    .setLatestArrival(depot.due())
                    .build());
        }
        for (int k = 1; k < c.size(); k++) {
            SolomonInstance.Customer cu = c.get(k);
            vrp.addJob(Service.Builder.newInstance(Integer.toString(cu.id()))
                    .addSizeDimension(0, (int) cu.demand())
                    .setLocation(Location.newInstance(cu.x(), cu.y()))
                    .setServiceTime(cu.service())
                    .setTimeWindow(TimeWindow.newInstance(cu.ready(), cu.due()))
                    .build());
        }
        return solve(vrp.build(), limit);
    }

    private static Result solve(VehicleRoutingProblem problem, Duration limit) {
        VehicleRoutingAlgorithm algorithm = Jsprit.createAlgorithm(problem);
        algorithm.setMaxIterations(Integer.MAX_VALUE);
        TimeTermination termination = new TimeTermination(limit.toMillis());
        algorithm.setPrematureAlgorithmTermination(termination);
        algorithm.addListener(termination);
        VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
        List<List<Integer>> routes = new ArrayList<>();
        for (VehicleRoute route : best.getRoutes()) {
            List<Integer> ids = new ArrayList<>();
            for (TourActivity activity : route.getActivities()) {
                ids.add(Integer.parseInt(
                        ((TourActivity.JobActivity) activity).getJob().getId()));
            }
            if (!ids.isEmpty()) {
                routes.add(ids);
            }
        }
        return new Result(routes, best.getUnassignedJobs().size());
    }
}
