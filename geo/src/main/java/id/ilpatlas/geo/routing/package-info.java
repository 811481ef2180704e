/**
 * Vehicle routing for outreach planning (Pusling rounds, target-RW picking): a solver-independent
 * model ({@link id.ilpatlas.geo.routing.RoutingProblem}, {@link id.ilpatlas.geo.routing.RoutingSolution}),
 * the {@link id.ilpatlas.geo.routing.RouteSolver} interface and its Google OR-Tools implementation
 * {@link id.ilpatlas.geo.routing.OrToolsRouteSolver}, plus readers for the TSPLIB 95 and Solomon benchmark
 * formats used to pin the solver's quality to published optima.
 *
 * <p>All quantities are integers: distances in metres, times in seconds from an arbitrary origin (e.g.
 * midnight of the service day). Benchmark readers scale their units into these integers.
 */
package id.ilpatlas.geo.routing;
