package id.ilpatlas.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every TSPLIB instance of the shared data set with at most 100 nodes, solved with a 5 s search limit,
 * must come within 1 % of its proven optimum. The tour cost is recomputed from the TSPLIB matrix.
 */
class OrToolsTsplibTest {

  static final Duration LIMIT = Duration.ofSeconds(5);

  static Iterable<String> instances() {
    return RoutingFixtures.TSPLIB;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instances")
  void withinOnePercentOfTheOptimum(String name) {
    TsplibInstance instance = RoutingFixtures.tsplib(name);
    long optimum = RoutingFixtures.tsplibOptima().get(name);

    long t0 = System.nanoTime();
    RoutingSolution solution = new OrToolsRouteSolver(LIMIT).solve(instance.toProblem());
    double seconds = (System.nanoTime() - t0) / 1e9;

    long cost = instance.tourLength(RoutingFixtures.tour(instance, solution));
    System.out.printf(java.util.Locale.ROOT, "%s: optimum %d, found %d, gap %.2f %%, %.2f s%n", name, optimum,
        cost, 100.0 * (cost - optimum) / optimum, seconds);
    assertThat(solution.totalDistanceMetres()).isEqualTo(cost);
    assertThat(cost).isGreaterThanOrEqualTo(optimum);
    assertThat((double) cost).as("%s tour length", name).isLessThanOrEqualTo(optimum * 1.01);
  }
}
