package id.ilpatlas.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test fixtures: the bundled TSPLIB and Solomon instances and independent solution checks. */
final class RoutingFixtures {

    /** Every bundled TSPLIB instance (all those of the shared data set with at most 100 nodes). */
    static final List<String> TSPLIB = List.of(
            "ulysses16",
            "ulysses22",
            "gr24",
            "bayg29",
            "att48",
            "eil51",
            "berlin52",
            "st70",
            "eil76",
            "pr76",
            "gr96",
            "kroA100",
            "kroC100",
            "kroD100",
            "rd100");

    static final List<String> SOLOMON = List.of("C101", "R101", "RC101");

    /** Scale of the Solomon units into the integer model. */
    static final long SOLOMON_SCALE = 1000;

    private RoutingFixtures() {}

    static String resource(String name) {
        try (InputStream in = RoutingFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TsplibInstance tsplib(String name) {
        return TsplibInstance.parse(resource(name + ".tsp"));
    }

    static SolomonInstance solomon(String name) {
        return SolomonInstance.parse(resource(name + ".txt"));
    }

    /** instance → published optimal tour length. */
    static Map<String, Long> tsplibOptima() {
        Map<String, Long> optima = new LinkedHashMap<>();
        String[] lines = resource("tsplib_optimal_lengths.csv").split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            optima.put(f[0], Long.parseLong(f[4]));
        }
        return optima;
    }

    /** instance → {hierarchical BKS distance, distance-only BKS distance, distance-only vehicles}. */
    static Map<String, double[]> solomonBks() {
        Map<String, double[]> bks = new LinkedHashMap<>();
        String[] lines = resource("bks.csv").split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            bks.put(f[0], new double[] {Double.parseDouble(f[6]), Double.parseDouble(f[8]), Double.parseDouble(f[7])});
        }
        return bks;
    }

    /**
     * The closed TSP tour of a one-vehicle solution (depot first), after checking that it visits every
     * node exactly once.
     */
    static int[] tour(TsplibInstance instance, RoutingSolution solution) {
        assertThat(solution.status()).isEqualTo(RoutingSolution.Status.SOLVED);
        assertThat(solution.unserved()).isEmpty();
        assertThat(solution.routes()).hasSize(1);
        List<RoutingSolution.Visit> visits = solution.routes().get(0).visits();
        int[] tour = new int[visits.size() + 1];
        for (int k = 0; k < visits.size(); k++) {
            tour[k + 1] = visits.get(k).location();
        }
        assertThat(tour).hasSize(instance.dimension());
        assertThat(java.util.Arrays.stream(tour).distinct().count()).isEqualTo(instance.dimension());
        return tour;
    }

    /**
     * Checks a Solomon solution against the instance with exact (double) arithmetic, independently of the
     * solver and of the integer model: each customer exactly once, at most the available vehicles, capacity,
     * every service start within its window, return to the depot by its due date.
     *
     * @param routes customer ids per route (depot not listed)
     * @return the total Euclidean distance
     */
    static double checkSolomon(SolomonInstance instance, List<List<Integer>> routes) {
        List<SolomonInstance.Customer> c = instance.customers();
        assertThat(routes.size()).as("vehicles used").isLessThanOrEqualTo(instance.vehicles());
        int[] seen = new int[c.size()];
        double total = 0;
        double eps = 1e-6;
        for (List<Integer> route : routes) {
            int at = 0;
            double t = c.get(0).ready();
            long load = 0;
            for (int id : route) {
                assertThat(id).isBetween(1, c.size() - 1);
                seen[id]++;
                SolomonInstance.Customer cu = c.get(id);
                double d = instance.distance(at, id);
                total += d;
                t = Math.max(t + d, cu.ready());
                assertThat(t).as("service start at customer %d", id).isLessThanOrEqualTo(cu.due() + eps);
                t += cu.service();
                load += cu.demand();
                at = id;
            }
            total += instance.distance(at, 0);
            t += instance.distance(at, 0);
            assertThat(t)
                    .as("return to depot of route %s", route)
                    .isLessThanOrEqualTo(c.get(0).due() + eps);
            assertThat(load).as("load of route %s", route).isLessThanOrEqualTo(instance.capacity());
        }
        for (int id = 1; id < c.size(); id++) {
            assertThat(seen[id]).as("visits of customer %d", id).isEqualTo(1);
        }
        return total;
    }

    /** The non-empty routes of a solution of {@link SolomonInstance#toProblem}, as customer ids. */
    static List<List<Integer>> customerRoutes(RoutingSolution solution) {
        List<List<Integer>> routes = new ArrayList<>();
        for (RoutingSolution.Route r : solution.routes()) {
            if (!r.isEmpty()) {
                routes.add(r.visits().stream()
                        .map(v -> Integer.parseInt(v.stopId()))
                        .toList());
            }
        }
        return routes;
    }

    /** Parses a {@code Route k : c1 c2 …} solution file. */
    static List<List<Integer>> parseSolution(String text) {
        List<List<Integer>> routes = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.startsWith("Route")) {
                List<Integer> route = new ArrayList<>();
                for (String t : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    route.add(Integer.parseInt(t));
                }
                routes.add(route);
            }
        }
        return routes;
    }
}
