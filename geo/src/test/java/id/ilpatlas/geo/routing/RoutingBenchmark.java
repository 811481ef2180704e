package id.ilpatlas.geo.routing;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints, per benchmark instance, the optimum / best-known distance, the distance found by {@link
 * OrToolsRouteSolver}, the gap and the wall time. Run by {@code bench/routing.sh}.
 *
 * <p>Arguments: {@code [tspSeconds [vrptwSeconds [jsprit]]]}, defaults 5 and 20 (the wall-clock figures:
 * TSPs within 1 % in 5 s, Solomon within 3 % in 20 s, on an idle machine); with a third argument {@code
 * jsprit}, every instance is also solved by jsprit 1.8 with the same limit ({@link JspritComparison}; rows
 * marked {@code jsprit}). With the single argument {@code solutions}, the budgets of the tests instead
 * ({@link OrToolsTsplibTest#SOLUTIONS}, {@link OrToolsSolomonTest#SOLUTIONS} solver solutions, no time limit:
 * the same gaps on any machine; {@code time_s} says what they cost here). Solomon gaps are against the
 * distance-only best-known solution; the hierarchical (vehicles first) value is printed alongside.
 */
public final class RoutingBenchmark {

    private RoutingBenchmark() {}

    public static void main(String[] args) {
        boolean solutions = args.length > 0 && args[0].equals("solutions");
        Duration tspLimit =
                Duration.ofMillis((long) (1000 * (args.length > 0 && !solutions ? Double.parseDouble(args[0]) : 5)));
        Duration vrpLimit = Duration.ofMillis((long) (1000 * (args.length > 1 ? Double.parseDouble(args[1]) : 20)));
        boolean jsprit = args.length > 2 && args[2].equals("jsprit");
        OrToolsRouteSolver tspSolver = solutions
                ? OrToolsRouteSolver.withSolutionLimit(OrToolsTsplibTest.SOLUTIONS)
                : new OrToolsRouteSolver(tspLimit);
        OrToolsRouteSolver vrpSolver = solutions
                ? OrToolsRouteSolver.withSolutionLimit(OrToolsSolomonTest.SOLUTIONS)
                : new OrToolsRouteSolver(vrpLimit);
        OrToolsRouteSolver.loadNatives();
        System.out.printf(
                Locale.ROOT,
                "OR-Tools routing, GUIDED_LOCAL_SEARCH; TSP limit %s, VRPTW limit %s; %s, %d cpus%n",
                solutions ? OrToolsTsplibTest.SOLUTIONS + " solutions" : tspLimit,
                solutions ? OrToolsSolomonTest.SOLUTIONS + " solutions" : vrpLimit,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "%-10s %-7s %6s %10s %10s %7s %7s%n",
                "instance",
                "solver",
                "n",
                "optimum",
                "found",
                "gap%",
                "time_s");
        Map<String, Long> optima = RoutingFixtures.tsplibOptima();
        double worst = 0;
        for (String name : RoutingFixtures.TSPLIB) {
            TsplibInstance instance = RoutingFixtures.tsplib(name);
            long t0 = System.nanoTime();
            RoutingSolution solution = tspSolver.solve(instance.toProblem());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cost = instance.tourLength(RoutingFixtures.tour(instance, solution));
            long opt = optima.get(name);
            double gap = 100.0 * (cost - opt) / opt;
            worst = Math.max(worst, gap);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %-7s %6d %10d %10d %7.2f %7.2f%n",
                    name,
                    "ortools",
                    instance.dimension(),
                    opt,
                    cost,
                    gap,
                    seconds);
            if (jsprit) {
                t0 = System.nanoTime();
                JspritComparison.Result r = JspritComparison.tsp(instance, tspLimit);
                seconds = (System.nanoTime() - t0) / 1e9;
                int[] tour = new int[instance.dimension()];
                int k = 1;
                for (List<Integer> route : r.routes()) {
                    for (int node : route) {
                        tour[k++] = node;
                    }
                }
                long jcost = k == instance.dimension() && r.unassigned() == 0 ? instance.tourLength(tour) : -1;
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %-7s %6d %10d %10d %7.2f %7.2f%n",
                        name,
                        "jsprit",
                        instance.dimension(),
                        opt,
                        jcost,
                        100.0 * (jcost - opt) / opt,
                        seconds);
            }
        }
        System.out.printf(Locale.ROOT, "OR-Tools TSPLIB worst gap %.2f %%%n%n", worst);
        System.out.printf(
                Locale.ROOT,
                "%-10s %-7s %9s %9s %9s %4s %7s %7s%n",
                "instance",
                "solver",
                "BKS_dist",
                "BKS_hier",
                "found",
                "veh",
                "gap%",
                "time_s");
        Map<String, double[]> bks = RoutingFixtures.solomonBks();
        for (String name : RoutingFixtures.SOLOMON) {
            SolomonInstance instance = RoutingFixtures.solomon(name);
            long t0 = System.nanoTime();
            RoutingSolution solution = vrpSolver.solve(instance.toProblem(RoutingFixtures.SOLOMON_SCALE));
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<List<Integer>> routes = RoutingFixtures.customerRoutes(solution);
            double distance = RoutingFixtures.checkSolomon(instance, routes);
            double[] b = bks.get(name);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s %-7s %9.2f %9.2f %9.2f %4d %7.2f %7.2f%n",
                    name,
                    "ortools",
                    b[1],
                    b[0],
                    distance,
                    routes.size(),
                    100.0 * (distance - b[1]) / b[1],
                    seconds);
            if (jsprit) {
                t0 = System.nanoTime();
                JspritComparison.Result r = JspritComparison.solomon(instance, vrpLimit);
                seconds = (System.nanoTime() - t0) / 1e9;
                if (r.unassigned() > 0) {
                    System.out.printf(
                            Locale.ROOT, "%-10s %-7s %d customers unassigned%n", name, "jsprit", r.unassigned());
                } else {
                    double jd = RoutingFixtures.checkSolomon(instance, r.routes());
                    System.out.printf(
                            Locale.ROOT,
                            "%-10s %-7s %9.2f %9.2f %9.2f %4d %7.2f %7.2f%n",
                            name,
                            "jsprit",
                            b[1],
                            b[0],
                            jd,
                            r.routes().size(),
                            100.0 * (jd - b[1]) / b[1],
                            seconds);
                }
            }
        }
    }
}
