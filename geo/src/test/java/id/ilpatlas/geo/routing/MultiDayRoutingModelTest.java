package id.ilpatlas.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The month model of the outreach planner: slots per (day, team), visits that cannot fit a day alone, spreading over
 * the weeks, visits confined to their own days, and giving up the spread when it would leave visits out. Locations
 * lie on a line (ASCII: {@code B--1--2--3-- ...}, 1 km and 2 min apart), so every figure is easy to recount.
 */
class MultiDayRoutingModelTest {

    private static final OrToolsRouteSolver SOLVER = OrToolsRouteSolver.withSolutionLimit(500);
    private static final long HOUR = 3600;

    /** Base 0 and {@code n} visits on a line, 1 km / 120 s apart. */
    private static long[][] line(int n, long unit) {
        long[][] m = new long[n + 1][n + 1];
        for (int a = 0; a <= n; a++) {
            for (int b = 0; b <= n; b++) {
                m[a][b] = Math.abs(a - b) * unit;
            }
        }
        return m;
    }

    /** Four weeks of five days (weeks 1..4), {@code teams} teams a day. */
    private static List<MultiDayRoutingModel.ServiceDay> month(int teams) {
        List<MultiDayRoutingModel.ServiceDay> days = new ArrayList<>();
        for (int w = 1; w <= 4; w++) {
            for (int d = 1; d <= 5; d++) {
                days.add(new MultiDayRoutingModel.ServiceDay(w + "-" + d, w, teams));
            }
        }
        return days;
    }

    private static List<MultiDayRoutingModel.Visit> visits(int n, long serviceSeconds) {
        List<MultiDayRoutingModel.Visit> visits = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            visits.add(MultiDayRoutingModel.Visit.of("RW" + i, i, serviceSeconds));
        }
        return visits;
    }

    /** Day index of each served visit. */
    private static Map<String, Integer> dayOf(MultiDayRoutingModel model, RoutingSolution solution) {
        Map<String, Integer> days = new HashMap<>();
        List<MultiDayRoutingModel.Slot> slots = model.slots();
        for (int v = 0; v < solution.routes().size(); v++) {
            for (RoutingSolution.Visit visit : solution.routes().get(v).visits()) {
                days.put(visit.stopId(), slots.get(v).day());
            }
        }
        return days;
    }

    @Test
    void everyDayAndTeamIsOneVehicleWithRisingFixedCosts() {
        List<MultiDayRoutingModel.ServiceDay> days =
                List.of(new MultiDayRoutingModel.ServiceDay("a", 1, 2), new MultiDayRoutingModel.ServiceDay("b", 1, 1));
        MultiDayRoutingModel model =
                new MultiDayRoutingModel(line(2, 1000), line(2, 120), days, 8 * HOUR, 14 * HOUR, visits(2, HOUR), true);
        assertThat(model.slots())
                .containsExactly(
                        new MultiDayRoutingModel.Slot(0, 0),
                        new MultiDayRoutingModel.Slot(0, 1),
                        new MultiDayRoutingModel.Slot(1, 0));
        RoutingProblem problem = model.problem(true);
        assertThat(problem.vehicles())
                .extracting(RoutingProblem.Vehicle::fixedCost)
                .containsExactly(20_000L, 20_001L, 20_010L);
        assertThat(problem.vehicles().get(2).startSeconds()).isEqualTo(86_400 + 8 * HOUR);
        assertThat(problem.stops()).allSatisfy(s -> assertThat(s.dropPenalty()).isEqualTo(10_000_000L));
    }

    @Test
    void aVisitThatCannotFitADayAloneIsNotGivenToTheSolver() {
        // RW2 is 2 h out and 2 h back; with 3 h of service it needs 7 h of a 6 h day.
        MultiDayRoutingModel model = new MultiDayRoutingModel(
                line(2, 1000), line(2, 2 * HOUR / 2), month(1), 8 * HOUR, 14 * HOUR, visits(2, 3 * HOUR), true);
        assertThat(model.beyondWorkday()).singleElement().satisfies(b -> {
            assertThat(b.visit().id()).isEqualTo("RW2");
            assertThat(b.returnSeconds()).isEqualTo(8 * HOUR + 2 * HOUR + 3 * HOUR + 2 * HOUR);
            assertThat(b.afterLatestStart()).isFalse();
        });
        assertThat(model.problem(true).stops())
                .extracting(RoutingProblem.Stop::id)
                .containsExactly("RW1");
    }

    /** Twelve visits, room for all in the first day: spread, they fall 3 per week, and each week's are neighbours. */
    @Test
    void visitsAreSpreadOverTheWeeksInNeighbouringGroups() {
        MultiDayRoutingModel model = new MultiDayRoutingModel(
                line(12, 1000), line(12, 120), month(2), 8 * HOUR, 14 * HOUR, visits(12, 20 * 60), true);
        Map<String, Integer> weeks = model.weekAssignment();
        assertThat(weeks).hasSize(12);
        for (int w = 1; w <= 4; w++) {
            int week = w;
            List<Integer> locations = weeks.entrySet().stream()
                    .filter(e -> e.getValue() == week)
                    .map(e -> Integer.parseInt(e.getKey().substring(2)))
                    .sorted()
                    .toList();
            assertThat(locations).as("week %d", w).hasSize(3);
            assertThat(locations.get(2) - locations.get(0))
                    .as("week %d's visits are neighbours", w)
                    .isEqualTo(2);
        }
        MultiDayRoutingModel.Outcome outcome = model.solve(SOLVER);
        assertThat(outcome.spreadRelaxed()).isFalse();
        assertThat(outcome.solution().unserved()).isEmpty();
        Map<String, Integer> dayOf = dayOf(model, outcome.solution());
        dayOf.forEach((rw, day) -> assertThat(day / 5 + 1).as(rw).isEqualTo(weeks.get(rw)));
        // without spreading the same visits all fit the first day
        MultiDayRoutingModel packed = new MultiDayRoutingModel(
                line(12, 1000), line(12, 120), month(2), 8 * HOUR, 14 * HOUR, visits(12, 20 * 60), false);
        assertThat(packed.weekAssignment()).isEmpty();
        assertThat(dayOf(packed, packed.solve(SOLVER).solution()).values()).containsOnly(0);
    }

    @Test
    void aVisitWithItsOwnDaysIsServedOnOneOfThem() {
        List<MultiDayRoutingModel.Visit> visits = new ArrayList<>(visits(3, HOUR));
        visits.set(1, new MultiDayRoutingModel.Visit("RW2", 2, HOUR, 9 * HOUR, 10 * HOUR, Set.of(12, 13)));
        MultiDayRoutingModel model =
                new MultiDayRoutingModel(line(3, 1000), line(3, 120), month(1), 8 * HOUR, 14 * HOUR, visits, true);
        assertThat(model.weekAssignment()).containsOnlyKeys("RW1", "RW3");
        MultiDayRoutingModel.Outcome outcome = model.solve(SOLVER);
        assertThat(dayOf(model, outcome.solution()).get("RW2")).isIn(12, 13);
        RoutingSolution.Visit rw2 = outcome.solution().routes().stream()
                .flatMap(r -> r.visits().stream())
                .filter(v -> v.stopId().equals("RW2"))
                .findFirst()
                .orElseThrow();
        long clock = rw2.serviceStartSeconds() % MultiDayRoutingModel.DAY_SECONDS;
        assertThat(clock).isBetween(9 * HOUR, 10 * HOUR);
    }

    /** A week whose share cannot be held: the visits it drops are served when the weeks are given up. */
    @Test
    void overflowingWeekRelaxesTheSpread() {
        // Week 1: one day; week 2: two days; one team a day; visits of 4 h: one per trip.
        List<MultiDayRoutingModel.ServiceDay> days = List.of(
                new MultiDayRoutingModel.ServiceDay("1a", 1, 1),
                new MultiDayRoutingModel.ServiceDay("2a", 2, 1),
                new MultiDayRoutingModel.ServiceDay("2b", 2, 1));
        List<MultiDayRoutingModel.Visit> visits = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            visits.add(MultiDayRoutingModel.Visit.of("RW" + i, i, 4 * HOUR));
        }
        // RW2 only on day 0 (its own days). The others chain farthest first, RW3 then RW1, and take the weeks' shares
        // of 2 visits by team-days (1 of 3, 2 of 3: largest remainder gives 1 and 1): RW3 in week 1, RW1 in week 2.
        // Week 1's one trip cannot hold RW3 and RW2: spread, one is dropped; relaxed, RW3 moves to week 2.
        visits.set(1, new MultiDayRoutingModel.Visit("RW2", 2, 4 * HOUR, null, null, Set.of(0)));
        MultiDayRoutingModel model =
                new MultiDayRoutingModel(line(3, 100), line(3, 60), days, 8 * HOUR, 14 * HOUR, visits, true);
        assertThat(model.weekAssignment()).containsEntry("RW3", 1).containsEntry("RW1", 2);
        assertThat(model.problem(true).stops()).hasSize(3);
        MultiDayRoutingModel.Outcome outcome = model.solve(SOLVER);
        assertThat(outcome.spreadRelaxed()).isTrue();
        assertThat(outcome.solution().unserved()).isEmpty();
        Map<String, Integer> dayOf = dayOf(model, outcome.solution());
        assertThat(dayOf).containsEntry("RW2", 0);
    }
}
