package id.ilpatlas.api.outreach;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.routing.MultiDayRoutingModel;
import id.ilpatlas.geo.routing.OrToolsRouteSolver;
import id.ilpatlas.geo.routing.RoutingSolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans Pusling trips, one step per collaborator: {@link OutreachRequestValidator} checks the request and resolves the
 * base and the service days; {@link OutreachMatrix} measures every leg between the base and the RWs' representative
 * points; {@link MultiDayRoutingModel} (in {@code geo}) turns the month into one routing problem (every (day, team)
 * one solver vehicle) solved by OR-Tools; {@link OutreachGeometry} draws the routes; {@link OutreachPlanStore} stores
 * the plan. RWs without a point are {@code NO_LOCATION}, RWs that cannot fit a day alone {@code BEYOND_WORKDAY}, the
 * ones the solver leaves out {@code NO_CAPACITY}.
 *
 * <p>At most {@code atlas.outreach.max-concurrent-solves} solves run at once (default: half the cores, at least one);
 * a request waits for a slot only as long as its solve still ends within {@value #REQUEST_BUDGET_SECONDS} s, else it
 * gets {@link PlannerBusyException}.
 */
@Component
public class OutreachPlanner {

    /** A request's time for waiting plus solving, below the 30 s GraphQL request timeout. */
    static final int REQUEST_BUDGET_SECONDS = 25;

    /** The outcome: the stored plan, or the errors. */
    public record Result(OutreachPlan plan, List<UserError> errors) {
    }

    /**
     * A solved plan, ready to store.
     *
     * @param points [lon, lat] by location index (0 is the base)
     * @param slots the (day, team) of each solver vehicle
     * @param unserved by RW: {reason, message}
     */
    record Solved(OutreachRequest request, List<double[]> points, OutreachMatrix.Measured matrix,
                  List<MultiDayRoutingModel.Slot> slots, RoutingSolution solution, OutreachGeometry.RoadPaths paths,
                  Map<String, String[]> unserved, List<AccessWarning> warnings, int solveMillis) {
    }

    private final OutreachRequestValidator validator;
    private final OutreachMatrix matrices;
    private final OutreachGeometry geometry;
    private final OutreachWarnings warnings;
    private final OutreachPlanStore store;
    private final OutreachPlans plans;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    /** Solves running at once: each keeps a core busy for its whole time limit. */
    private final Semaphore solving;
    private final int maxSlots;
    /**
     * When positive, every solve is bounded by this many solver solutions instead of the request's time limit:
     * the same plan on any machine at any load (the tests set it); 0 in production.
     */
    private final long solutionLimit;

    /** Thrown when every solver slot stays busy; the client should retry shortly. */
    public static final class PlannerBusyException extends RuntimeException {
        PlannerBusyException(String message) {
            super(message);
        }
    }

    OutreachPlanner(OutreachRequestValidator validator, OutreachMatrix matrices, OutreachGeometry geometry,
                    OutreachWarnings warnings, OutreachPlanStore store, OutreachPlans plans, AuditLog audit,
                    TransactionTemplate transactions,
                    @Value("${atlas.outreach.max-concurrent-solves:0}") int maxConcurrentSolves,
                    @Value("${atlas.outreach.solution-limit:0}") long solutionLimit) {
        this.validator = validator;
        this.matrices = matrices;
        this.geometry = geometry;
        this.warnings = warnings;
        this.store = store;
        this.plans = plans;
        this.audit = audit;
        this.transactions = transactions;
        this.solutionLimit = solutionLimit;
        this.maxSlots = maxConcurrentSolves > 0 ? maxConcurrentSolves
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.solving = new Semaphore(maxSlots, true);
    }

    /** Validates, solves, stores and returns the plan (or the errors, nothing stored). */
    public Result plan(Caller caller, PlanOutreachInput in) {
        validator.checkRole(caller);
        List<UserError> errors = new ArrayList<>();
        OutreachRequest request = validator.validate(caller, in, errors);
        if (request == null) {
            audit.record(caller, "planOutreach", "OutreachPlan", null, null, AuditLog.Outcome.REJECTED,
                    errors.stream().map(e -> e.getClass().getSimpleName() + " " + String.join(".", e.field()))
                            .collect(Collectors.joining("; ")), null, null);
            return new Result(null, List.copyOf(errors));
        }
        // Wait for a solver slot only as long as still lets the solve end within the 30 s request timeout.
        long waitSeconds = Math.max(0, REQUEST_BUDGET_SECONDS - request.timeLimitSeconds());
        try {
            if (!solving.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
                throw new PlannerBusyException("the route planner is busy with other plans (" + slots()
                        + " at a time); try again in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlannerBusyException("interrupted while waiting for the route planner");
        }
        try {
            Solved solved = solve(request);
            long id = transactions.execute(status -> store.store(caller, in, solved));
            return new Result(plans.find(id).orElseThrow(), List.of());
        } finally {
            solving.release();
        }
    }

    /** How many solves may run at once. */
    int slots() {
        return maxSlots;
    }

    /** For tests: the solver slots. */
    Semaphore solvingSlots() {
        return solving;
    }

    /** Measures, models and solves the month, and draws the routes' road paths. */
    Solved solve(OutreachRequest r) {
        long started = System.nanoTime();
        String kabkota = r.kabkotaCode();
        Map<String, double[]> points = matrices.points(kabkota, r.rws());
        Map<String, String[]> unserved = new LinkedHashMap<>();
        // Location 0 is the base, then the RWs with a point.
        List<double[]> locations = new ArrayList<>();
        locations.add(new double[] {r.base().longitude(), r.base().latitude()});
        List<MultiDayRoutingModel.Visit> visits = new ArrayList<>();
        for (String rw : r.rws()) {
            double[] p = points.get(rw);
            if (p == null) {
                unserved.put(rw, new String[] {"NO_LOCATION",
                        "the RW has no representative point (its polygon is missing)"});
                continue;
            }
            PlanOutreachInput.OutreachStopInput o = r.overrides().get(rw);
            long service = 60L * (o != null && o.serviceMinutes() != null ? o.serviceMinutes() : r.serviceMinutes());
            locations.add(p);
            visits.add(new MultiDayRoutingModel.Visit(rw, locations.size() - 1, service,
                    o == null || o.earliestStart() == null ? null : (long) o.earliestStart().toSecondOfDay(),
                    o == null || o.latestStart() == null ? null : (long) o.latestStart().toSecondOfDay(), null));
        }
        OutreachMatrix.Measured matrix = matrices.measure(kabkota, locations, r.mode(),
                "ROAD".equals(r.distanceMode()));
        List<MultiDayRoutingModel.ServiceDay> days = r.dates().stream()
                .map(d -> new MultiDayRoutingModel.ServiceDay(d.toString(), 0, r.vehicles())).toList();
        MultiDayRoutingModel model = new MultiDayRoutingModel(matrix.meters(), matrix.seconds(), days,
                r.start().toSecondOfDay(), r.end().toSecondOfDay(), visits, false);
        for (MultiDayRoutingModel.Beyond b : model.beyondWorkday()) {
            long latest = b.visit().latestSeconds() == null ? r.end().toSecondOfDay() : b.visit().latestSeconds();
            unserved.put(b.visit().id(), new String[] {"BEYOND_WORKDAY", String.format(Locale.ROOT,
                    "alone it needs %d min to get there, %d min of service and %d min back, leaving at %s; "
                            + "%s; the working day ends at %s",
                    Math.round(b.outSeconds() / 60.0), b.visit().serviceSeconds() / 60,
                    Math.round(b.backSeconds() / 60.0), r.start(),
                    b.afterLatestStart() ? "service could start only at "
                            + OutreachPlanStore.clock(b.serviceStartSeconds()) + ", after its latest start "
                            + OutreachPlanStore.clock(latest)
                            : "it would be back at " + OutreachPlanStore.clock(b.returnSeconds()), r.end())});
        }
        OrToolsRouteSolver solver = solutionLimit > 0 ? OrToolsRouteSolver.withSolutionLimit(solutionLimit)
                : new OrToolsRouteSolver(Duration.ofSeconds(r.timeLimitSeconds()));
        RoutingSolution solution = model.solve(solver).solution();
        for (RoutingSolution.Unserved u : solution.unserved()) {
            unserved.put(u.stopId(), new String[] {"NO_CAPACITY", u.reason() == RoutingSolution.Reason.NO_SOLUTION
                    ? "the solver found no plan within " + r.timeLimitSeconds() + " s"
                    : String.format(Locale.ROOT, "%d service days × %d vehicles cannot hold every RW; "
                            + "add days or vehicles", r.dates().size(), r.vehicles())});
        }
        OutreachGeometry.RoadPaths paths = geometry.roadPaths(solution, matrix.legs(), r.mode());
        List<AccessWarning> planWarnings = warnings.of(r, solution, matrix.legs());
        int solveMillis = (int) ((System.nanoTime() - started) / 1_000_000);
        return new Solved(r, locations, matrix, model.slots(), solution, paths, unserved, planWarnings, solveMillis);
    }
}
