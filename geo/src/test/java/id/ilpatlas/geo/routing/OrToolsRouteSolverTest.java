package id.ilpatlas.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.geo.routing.RoutingProblem.Stop;
import id.ilpatlas.geo.routing.RoutingProblem.Vehicle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrToolsRouteSolverTest {

    /** A deterministic budget (no time limit): the same verdict on any machine at any load. */
    private static final OrToolsRouteSolver SOLVER = OrToolsRouteSolver.withSolutionLimit(200);

    /** A random asymmetric instance of 8 locations (depot + 7 stops) against all 7! orders. */
    @Test
    void tinyAsymmetricTspMatchesBruteForce() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            int n = 8;
            long[][] d = new long[n][n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    d[a][b] = a == b ? 0 : 100 + random.nextInt(900);
                }
            }
            List<Stop> stops = new ArrayList<>();
            for (int k = 1; k < n; k++) {
                stops.add(Stop.of("s" + k, k, 0));
            }
            RoutingProblem problem = new RoutingProblem(d, d, 0, List.of(Vehicle.unbounded("v")), stops);

            RoutingSolution solution = SOLVER.solve(problem);

            long recomputed = 0;
            int at = 0;
            for (RoutingSolution.Visit v : solution.routes().get(0).visits()) {
                recomputed += d[at][v.location()];
                at = v.location();
            }
            recomputed += d[at][0];
            assertThat(solution.routes().get(0).visits()).hasSize(n - 1);
            assertThat(solution.totalDistanceMeters()).isEqualTo(recomputed);
            assertThat(recomputed).as("seed %d", seed).isEqualTo(bruteForce(d));
        }
    }

    private static long bruteForce(long[][] d) {
        int[] perm = new int[d.length - 1];
        for (int k = 0; k < perm.length; k++) {
            perm[k] = k + 1;
        }
        return permute(d, perm, 0);
    }

    private static long permute(long[][] d, int[] p, int k) {
        if (k == p.length) {
            long cost = d[0][p[0]] + d[p[p.length - 1]][0];
            for (int i = 0; i + 1 < p.length; i++) {
                cost += d[p[i]][p[i + 1]];
            }
            return cost;
        }
        long best = Long.MAX_VALUE;
        for (int i = k; i < p.length; i++) {
            int t = p[k];
            p[k] = p[i];
            p[i] = t;
            best = Math.min(best, permute(d, p, k + 1));
            p[i] = p[k];
            p[k] = t;
        }
        return best;
    }

    /** Depot at 0, stops on a line at 0, 1000, 2000 m; 1 m = 1 s. */
    private static long[][] line(int n) {
        long[][] d = new long[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                d[a][b] = Math.abs(a - b) * 1000L;
            }
        }
        return d;
    }

    @Test
    void timeWindowsForceTheOrderAndWaitingIsReported() {
        long[][] d = line(3);
        // the far stop must be served first (by 2500 s), the near one later (from 5000 s)
        List<Stop> stops = List.of(
                Stop.of("near", 1, 300).withWindow(5000, 6000),
                Stop.of("far", 2, 300).withWindow(0, 2500));
        RoutingProblem problem = new RoutingProblem(d, d, 0, List.of(new Vehicle("v", 10, 0, 10_000)), stops);

        RoutingSolution solution = SOLVER.solve(problem);

        RoutingSolution.Route route = solution.routes().get(0);
        assertThat(route.visits()).extracting(RoutingSolution.Visit::stopId).containsExactly("far", "near");
        assertThat(route.visits().get(0).arrivalSeconds()).isEqualTo(2000);
        assertThat(route.visits().get(1).arrivalSeconds()).isEqualTo(3300);
        assertThat(route.visits().get(1).serviceStartSeconds()).isEqualTo(5000);
        assertThat(route.visits().get(1).departureSeconds()).isEqualTo(5300);
        assertThat(route.endSeconds()).isEqualTo(6300);
        assertThat(route.distanceMeters()).isEqualTo(4000);
        assertThat(solution.totalDistanceMeters()).isEqualTo(4000);
    }

    @Test
    void capacitySplitsRoutesAndCheapDropsAreReported() {
        long[][] d = line(4);
        List<Stop> stops = List.of(
                Stop.of("a", 1, 0).withDemand(3),
                Stop.of("b", 2, 0).withDemand(3),
                Stop.of("far", 3, 0).withDemand(1).droppable(100)); // 6000 m round trip vs 100 penalty
        List<Vehicle> fleet = List.of(new Vehicle("v1", 4, 0, 100_000), new Vehicle("v2", 4, 0, 100_000));

        RoutingSolution solution = SOLVER.solve(new RoutingProblem(d, d, 0, fleet, stops));

        assertThat(solution.status()).isEqualTo(RoutingSolution.Status.SOLVED);
        assertThat(solution.usedVehicles()).isEqualTo(2);
        assertThat(solution.routes()).allSatisfy(r -> assertThat(r.load()).isLessThanOrEqualTo(4));
        assertThat(solution.unserved())
                .containsExactly(new RoutingSolution.Unserved("far", RoutingSolution.Reason.DROPPED));
        assertThat(solution.totalDistanceMeters()).isEqualTo(2000 + 4000);
    }

    @Test
    void infeasibleMandatoryStopGivesNoSolution() {
        long[][] d = line(2);
        List<Stop> stops = List.of(Stop.of("late", 1, 0).withWindow(0, 500)); // 1000 s away
        RoutingProblem problem = new RoutingProblem(d, d, 0, List.of(new Vehicle("v", 10, 0, 10_000)), stops);

        RoutingSolution solution = SOLVER.solve(problem);

        assertThat(solution.status()).isEqualTo(RoutingSolution.Status.NO_SOLUTION);
        assertThat(solution.unserved())
                .extracting(RoutingSolution.Unserved::reason)
                .containsExactly(RoutingSolution.Reason.NO_SOLUTION);
    }

    @Test
    void problemValidation() {
        long[][] d = line(2);
        List<Vehicle> fleet = List.of(Vehicle.unbounded("v"));
        assertThatThrownBy(() -> new RoutingProblem(d, new long[1][1], 0, fleet, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("durationSeconds");
        assertThatThrownBy(() -> new RoutingProblem(d, d, 0, fleet, List.of(Stop.of("x", 5, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> new RoutingProblem(d, d, 0, fleet, List.of(Stop.of("x", 1, 0), Stop.of("x", 1, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate stop id x");
        assertThatThrownBy(() -> Stop.of("x", 1, 0).withWindow(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrToolsRouteSolver(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrToolsRouteSolver.withSolutionLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
