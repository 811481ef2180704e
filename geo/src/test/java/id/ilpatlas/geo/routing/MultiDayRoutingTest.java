package id.ilpatlas.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.ilpatlas.geo.routing.RoutingProblem.Stop;
import id.ilpatlas.geo.routing.RoutingProblem.TimeWindow;
import id.ilpatlas.geo.routing.RoutingProblem.Vehicle;
import id.ilpatlas.geo.testing.Slow;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Multi-day plans as the outreach planner builds them: one vehicle per (team, day) confined to the day's working
 * hours, a fixed cost rising by day, stops with the same clock window on every day, droppable stops. The solver's
 * objective (distance + fixed costs + penalties of the dropped) is checked against a brute force over every
 * assignment and order on random small instances, and every reported visit against its windows.
 */
@Slow
class MultiDayRoutingTest {

    /** A deterministic budget (no time limit): the same verdict on any machine at any load. */
    private static final OrToolsRouteSolver SOLVER = OrToolsRouteSolver.withSolutionLimit(2_000);

    private static final long DAY = 86_400;
    private static final long PENALTY = 1_000_000;

    @Test
    void randomMultiDayInstancesMatchBruteForce() {
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            int stopsCount = 3 + random.nextInt(3); // 3..5
            int n = stopsCount + 1;
            long[][] d = new long[n][n];
            long[][] t = new long[n][n];
            double[][] xy = new double[n][2];
            for (int i = 0; i < n; i++) {
                xy[i][0] = random.nextInt(8000);
                xy[i][1] = random.nextInt(8000);
            }
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    d[a][b] = Math.round(Math.hypot(xy[a][0] - xy[b][0], xy[a][1] - xy[b][1]));
                    t[a][b] = Math.round(d[a][b] / 5.0); // 18 km/h
                }
            }
            int days = 2;
            List<Vehicle> fleet = new ArrayList<>();
            for (int day = 0; day < days; day++) {
                fleet.add(new Vehicle(
                        "day" + day,
                        RoutingProblem.UNBOUNDED,
                        day * DAY + 8 * 3600,
                        day * DAY + 14 * 3600,
                        1000 + 10L * day));
            }
            List<Stop> stops = new ArrayList<>();
            for (int k = 1; k < n; k++) {
                Stop stop = Stop.of("s" + k, k, 3600 + 600L * random.nextInt(6)).droppable(PENALTY);
                if (random.nextInt(3) == 0) {
                    long from = (8 + random.nextInt(4)) * 3600L;
                    long to = from + 3600;
                    List<TimeWindow> windows = new ArrayList<>();
                    for (int day = 0; day < days; day++) {
                        windows.add(new TimeWindow(day * DAY + from, day * DAY + to));
                    }
                    stop = stop.withWindows(windows);
                }
                stops.add(stop);
            }
            RoutingProblem problem = new RoutingProblem(d, t, 0, fleet, stops);

            RoutingSolution solution = SOLVER.solve(problem);

            assertThat(solution.status()).isEqualTo(RoutingSolution.Status.SOLVED);
            long objective = checkAndCost(problem, solution);
            assertThat(objective).as("seed %d", seed).isEqualTo(bruteForce(problem));
        }
    }

    /** Verifies every route against the windows and working hours; returns distance + fixed costs + penalties. */
    private static long checkAndCost(RoutingProblem p, RoutingSolution solution) {
        long cost = 0;
        for (int v = 0; v < p.vehicles().size(); v++) {
            Vehicle vehicle = p.vehicles().get(v);
            RoutingSolution.Route route = solution.routes().get(v);
            if (route.isEmpty()) {
                continue;
            }
            cost += vehicle.fixedCost();
            long time = vehicle.startSeconds();
            long distance = 0;
            int at = p.depot();
            for (RoutingSolution.Visit visit : route.visits()) {
                Stop stop = p.stops().stream()
                        .filter(s -> s.id().equals(visit.stopId()))
                        .findFirst()
                        .orElseThrow();
                time += p.durationSeconds(at, stop.location());
                distance += p.distanceMeters(at, stop.location());
                assertThat(visit.arrivalSeconds()).isEqualTo(time);
                long start = stop.earliestStart(time);
                assertThat(start).as("stop %s reachable in a window", stop.id()).isGreaterThanOrEqualTo(0);
                assertThat(stop.windows().isEmpty()
                                || stop.windows().stream()
                                        .anyMatch(w -> w.startSeconds() <= visit.serviceStartSeconds()
                                                && visit.serviceStartSeconds() <= w.endSeconds()))
                        .isTrue();
                assertThat(visit.serviceStartSeconds()).isEqualTo(start);
                time = start + stop.serviceSeconds();
                at = stop.location();
            }
            time += p.durationSeconds(at, p.depot());
            distance += p.distanceMeters(at, p.depot());
            assertThat(time)
                    .as("vehicle %s back within its hours", vehicle.id())
                    .isLessThanOrEqualTo(vehicle.endSeconds());
            assertThat(route.distanceMeters()).isEqualTo(distance);
            cost += distance;
        }
        cost += PENALTY * solution.unserved().size();
        return cost;
    }

    /** The optimum over every assignment of the stops to vehicles (or dropped) and every order. */
    private static long bruteForce(RoutingProblem p) {
        int s = p.stops().size();
        int v = p.vehicles().size();
        long best = Long.MAX_VALUE;
        int[] assign = new int[s];
        int combos = (int) Math.pow(v + 1, s);
        for (int c = 0; c < combos; c++) {
            int x = c;
            for (int i = 0; i < s; i++) {
                assign[i] = x % (v + 1); // v = dropped
                x /= v + 1;
            }
            long cost = 0;
            for (int i = 0; i < s; i++) {
                if (assign[i] == v) {
                    cost += PENALTY;
                }
            }
            for (int k = 0; k < v && cost < best; k++) {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < s; i++) {
                    if (assign[i] == k) {
                        mine.add(i);
                    }
                }
                if (!mine.isEmpty()) {
                    long route = bestOrder(p, p.vehicles().get(k), mine, new ArrayList<>(), new boolean[mine.size()]);
                    cost = route == Long.MAX_VALUE
                            ? Long.MAX_VALUE
                            : cost + route + p.vehicles().get(k).fixedCost();
                }
            }
            best = Math.min(best, cost);
        }
        return best;
    }

    private static long bestOrder(
            RoutingProblem p, Vehicle vehicle, List<Integer> mine, List<Integer> order, boolean[] used) {
        if (order.size() == mine.size()) {
            long time = vehicle.startSeconds();
            long distance = 0;
            int at = p.depot();
            for (int i : order) {
                Stop stop = p.stops().get(i);
                long start = stop.earliestStart(time + p.durationSeconds(at, stop.location()));
                if (start < 0) {
                    return Long.MAX_VALUE;
                }
                distance += p.distanceMeters(at, stop.location());
                time = start + stop.serviceSeconds();
                at = stop.location();
            }
            time += p.durationSeconds(at, p.depot());
            return time > vehicle.endSeconds() ? Long.MAX_VALUE : distance + p.distanceMeters(at, p.depot());
        }
        long best = Long.MAX_VALUE;
        for (int j = 0; j < mine.size(); j++) {
            if (!used[j]) {
                used[j] = true;
                order.add(mine.get(j));
                best = Math.min(best, bestOrder(p, vehicle, mine, order, used));
                order.remove(order.size() - 1);
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void aStopWaitsForItsWindowOnTheNextDay() {
        long[][] d = {{0, 1000}, {1000, 0}};
        // the only window on day 0 is missed (09:00–09:10 but the vehicle leaves at 09:30); day 1 serves it
        Vehicle day0 = new Vehicle("day0", RoutingProblem.UNBOUNDED, 9 * 3600 + 1800, 14 * 3600, 100);
        Vehicle day1 = new Vehicle("day1", RoutingProblem.UNBOUNDED, DAY + 8 * 3600, DAY + 14 * 3600, 200);
        Stop stop = Stop.of("rw", 1, 3600)
                .withWindows(List.of(
                        new TimeWindow(9 * 3600, 9 * 3600 + 600), new TimeWindow(DAY + 9 * 3600, DAY + 9 * 3600 + 600)))
                .droppable(PENALTY);

        RoutingSolution solution = SOLVER.solve(new RoutingProblem(d, d, 0, List.of(day0, day1), List.of(stop)));

        assertThat(solution.routes().get(0).isEmpty()).isTrue();
        RoutingSolution.Visit visit = solution.routes().get(1).visits().get(0);
        assertThat(visit.arrivalSeconds()).isEqualTo(DAY + 8 * 3600 + 1000);
        assertThat(visit.serviceStartSeconds()).isEqualTo(DAY + 9 * 3600);
        assertThat(stop.earliestStart(9 * 3600 + 601)).isEqualTo(DAY + 9 * 3600);
        assertThat(stop.earliestStart(DAY + 9 * 3600 + 601)).isEqualTo(-1);
    }

    @Test
    void overlappingWindowsAndNegativeFixedCostsAreRefused() {
        assertThatThrownBy(() -> Stop.of("x", 1, 0).withWindows(List.of(new TimeWindow(0, 10), new TimeWindow(10, 20))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ascending and disjoint");
        assertThatThrownBy(() -> new Vehicle("v", 1, 0, 10, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixedCost");
    }
}
