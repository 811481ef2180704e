/**
 * Vehicle routing for outreach planning (Pusling rounds, target-RW picking): a solver-independent
 * model ({@link id.ilpatlas.geo.routing.RoutingProblem}, {@link id.ilpatlas.geo.routing.RoutingSolution}),
 * the {@link id.ilpatlas.geo.routing.RouteSolver} interface and its Google OR-Tools implementation
 * {@link id.ilpatlas.geo.routing.OrToolsRouteSolver}. The readers of the TSPLIB 95 and Solomon benchmark
 * formats that pin the solver's quality to published optima ({@code TsplibInstance}, {@code SolomonInstance}) are
 * test code: geo's test-jar.
 *
 * <p>All quantities are integers: distances in metres, times in seconds from an arbitrary origin (e.g.
 * midnight of the service day). Benchmark readers scale their units into these integers.
 */
package id.ilpatlas.geo.routing;
