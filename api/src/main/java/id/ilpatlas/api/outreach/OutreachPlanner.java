package id.ilpatlas.api.outreach;

import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.geo.routing.MultiDayRoutingModel;
import id.ilpatlas.geo.routing.OrToolsRouteSolver;
import id.ilpatlas.geo.routing.RoutingSolution;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans Pusling trips, one step per collaborator: {@link OutreachRequestValidator} checks the request at once and
 * resolves the base, its teams and the service days; the plan is then solved as a job ({@link OutreachPlanJobs},
 * run by {@link OutreachPlanJobRunner} on a bounded executor, never on a request thread): {@link OutreachMatrix}
 * measures every leg between the base and the RWs' representative points; {@link MultiDayRoutingModel} (in {@code
 * geo}) turns the month into one routing problem (every (day, team) one solver vehicle, the RWs spread over the
 * weeks) solved by OR-Tools; {@link OutreachGeometry} draws the routes; {@link OutreachPlanStore} stores the plan. RWs
 * without a point are {@code NO_LOCATION}, RWs that cannot fit a day alone {@code BEYOND_WORKDAY}, the ones the solver
 * leaves out {@code NO_CAPACITY}.
 */
@Component
public class OutreachPlanner {

    /** Solutions per RW before a production search stops (see {@link #solver}). */
    static final long SOLUTIONS_PER_STOP = 100;

    static final long MIN_SOLUTIONS = 500;
    /** The least search time of one problem of a spread month. */
    static final long MIN_SHARE_MILLIS = 200;

    /** The outcome of {@code planOutreach}: the queued job, or the errors. */
    public record Queued(OutreachPlanJob job, List<UserError> errors) {}

    /**
     * A solved plan, ready to store.
     *
     * @param points [lon, lat] by location index (0 is the base)
     * @param slots the (day, team) of each solver vehicle
     * @param unserved by RW: {reason, message}
     */
    record Solved(
            OutreachRequest request,
            List<double[]> points,
            OutreachMatrix.Measured matrix,
            List<MultiDayRoutingModel.Slot> slots,
            RoutingSolution solution,
            OutreachGeometry.RoadPaths paths,
            Map<String, String[]> unserved,
            List<AccessWarning> warnings,
            int solveMillis,
            List<OutreachPlan.Note> notes) {}

    private final OutreachRequestValidator validator;
    private final OutreachMatrix matrices;
    private final OutreachGeometry geometry;
    private final OutreachWarnings warnings;
    private final OutreachPosyandu posyandu;
    private final OutreachPlanStore store;
    private final OutreachPlanJobs jobs;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    /**
     * When positive, every solve is bounded by this many solver solutions instead of the request's time limit:
     * the same plan on any machine at any load (the tests set it); 0 in production.
     */
    private final long solutionLimit;

    OutreachPlanner(
            OutreachRequestValidator validator,
            OutreachMatrix matrices,
            OutreachGeometry geometry,
            OutreachWarnings warnings,
            OutreachPosyandu posyandu,
            OutreachPlanStore store,
            OutreachPlanJobs jobs,
            AuditLog audit,
            TransactionTemplate transactions,
            @Value("${atlas.outreach.solution-limit:0}") long solutionLimit) {
        this.validator = validator;
        this.matrices = matrices;
        this.geometry = geometry;
        this.warnings = warnings;
        this.posyandu = posyandu;
        this.store = store;
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = transactions;
        this.solutionLimit = solutionLimit;
    }

    /**
     * Checks the request at once and queues a job to solve it (audited either way); nothing waits for the solver.
     * The caller submits the job to the runner after this returns (the job is committed by then).
     */
    public Queued queue(Caller caller, PlanOutreachInput in) {
        validator.checkRole(caller);
        List<UserError> errors = new ArrayList<>();
        OutreachRequest request = validator.validate(caller, in, errors);
        if (request == null) {
            audit.rejected(caller, "planOutreach", "OutreachPlan", null, null, errors);
            return new Queued(null, List.copyOf(errors));
        }
        return new Queued(jobs.queue(caller, in, request), List.of());
    }

    /**
     * Runs a claimed job: checks its input again (time has passed: a day may now be past, a selection withdrawn),
     * solves, and stores the plan and the job's success in one transaction. Any failure marks the job FAILED with the
     * reason; nothing is stored then.
     */
    void execute(OutreachPlanJobs.Claimed job) {
        try {
            List<UserError> errors = new ArrayList<>();
            OutreachRequest request = validator.validate(job.caller(), job.input(), errors);
            if (request == null) {
                jobs.fail(
                        job,
                        "the request is no longer valid: "
                                + errors.stream().map(UserError::message).collect(Collectors.joining("; ")),
                        errors);
                return;
            }
            Solved solved = solve(request);
            transactions.executeWithoutResult(status -> {
                long planId = store.store(job.caller(), job.input(), solved);
                jobs.succeed(job, planId);
            });
        } catch (RuntimeException e) {
            jobs.fail(job, e.getClass().getSimpleName() + ": " + e.getMessage(), List.of());
            throw e;
        }
    }

    /**
     * Measures, models and solves the month, and draws the routes' road paths. Spreading: with {@code
     * spreadOverWeeks} the RWs are assigned to the (ISO) weeks of the month before routing ({@link
     * MultiDayRoutingModel}); with {@code alignWithPosyandu} an RW whose posyandu holds a session that month may only
     * take the service days of that session's week (RWs without one fall back to the spread, with a note).
     */
    Solved solve(OutreachRequest r) {
        long started = System.nanoTime();
        String kabkota = r.kabkotaCode();
        Map<String, double[]> points = matrices.points(kabkota, r.rws());
        Map<String, String[]> unserved = new LinkedHashMap<>();
        List<OutreachPlan.Note> notes = new ArrayList<>(r.notes());
        Map<String, Set<Integer>> posyanduDays = r.alignWithPosyandu() ? posyandu.sessionDays(r, notes) : Map.of();
        // Location 0 is the base, then the RWs with a point.
        List<double[]> locations = new ArrayList<>();
        locations.add(new double[] {r.base().longitude(), r.base().latitude()});
        List<MultiDayRoutingModel.Visit> visits = new ArrayList<>();
        for (String rw : r.rws()) {
            double[] p = points.get(rw);
            if (p == null) {
                unserved.put(
                        rw,
                        new String[] {"NO_LOCATION", "the RW has no representative point (its polygon is missing)"});
                continue;
            }
            PlanOutreachInput.OutreachStopInput o = r.overrides().get(rw);
            long service = 60L * (o != null && o.serviceMinutes() != null ? o.serviceMinutes() : r.serviceMinutes());
            locations.add(p);
            visits.add(new MultiDayRoutingModel.Visit(
                    rw,
                    locations.size() - 1,
                    service,
                    o == null || o.earliestStart() == null
                            ? null
                            : (long) o.earliestStart().toSecondOfDay(),
                    o == null || o.latestStart() == null
                            ? null
                            : (long) o.latestStart().toSecondOfDay(),
                    posyanduDays.get(rw)));
        }
        OutreachMatrix.Measured matrix =
                matrices.measure(kabkota, locations, r.mode(), r.distanceMode() == DistanceMode.ROAD);
        List<MultiDayRoutingModel.ServiceDay> days = new ArrayList<>();
        for (int d = 0; d < r.dates().size(); d++) {
            LocalDate date = r.dates().get(d);
            days.add(new MultiDayRoutingModel.ServiceDay(
                    date.toString(),
                    date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                    r.teams().get(d).size()));
        }
        MultiDayRoutingModel model = new MultiDayRoutingModel(
                matrix.meters(),
                matrix.seconds(),
                days,
                r.start().toSecondOfDay(),
                r.end().toSecondOfDay(),
                visits,
                r.spreadOverWeeks());
        for (MultiDayRoutingModel.Beyond b : model.beyondWorkday()) {
            long latest = b.visit().latestSeconds() == null
                    ? r.end().toSecondOfDay()
                    : b.visit().latestSeconds();
            unserved.put(b.visit().id(), new String[] {
                "BEYOND_WORKDAY",
                String.format(
                        Locale.ROOT,
                        "alone it needs %d min to get there, %d min of service and %d min back, leaving at %s; "
                                + "%s; the working day ends at %s",
                        Math.round(b.outSeconds() / 60.0),
                        b.visit().serviceSeconds() / 60,
                        Math.round(b.backSeconds() / 60.0),
                        r.start(),
                        b.afterLatestStart()
                                ? "service could start only at "
                                        + OutreachPlanStore.clock(b.serviceStartSeconds()) + ", after its latest start "
                                        + OutreachPlanStore.clock(latest)
                                : "it would be back at " + OutreachPlanStore.clock(b.returnSeconds()),
                        r.end())
            });
        }
        int totalStops = visits.size();
        MultiDayRoutingModel.Outcome outcome = model.solveWith(stops -> solver(r, stops, totalStops));
        RoutingSolution solution = outcome.solution();
        if (outcome.spreadRelaxed()) {
            notes.add(new OutreachPlan.Note(
                    "SPREAD_RELAXED",
                    "the weeks' shares of the RWs did not fit their days; "
                            + "the RWs were planned on any day of the month to serve as many as possible"));
        }
        for (RoutingSolution.Unserved u : solution.unserved()) {
            unserved.put(u.stopId(), new String[] {
                "NO_CAPACITY",
                u.reason() == RoutingSolution.Reason.NO_SOLUTION
                        ? "the solver found no plan within " + r.timeLimitSeconds() + " s"
                        : String.format(
                                Locale.ROOT,
                                "%d service days with up to %d teams cannot hold every RW; " + "add days or teams",
                                r.dates().size(),
                                r.vehicles())
            });
        }
        OutreachGeometry.RoadPaths paths = geometry.roadPaths(solution, matrix.legs(), r.mode());
        List<AccessWarning> planWarnings = warnings.of(r, solution, matrix.legs());
        int solveMillis = (int) ((System.nanoTime() - started) / 1_000_000);
        return new Solved(
                r,
                locations,
                matrix,
                model.slots(),
                solution,
                paths,
                unserved,
                planWarnings,
                solveMillis,
                List.copyOf(notes));
    }

    /**
     * The solver of one routing problem of a request ({@code stops} of its {@code totalStops} RWs: the month, or one
     * week of a spread month). Tests pin it by a solution limit. Otherwise the search stops after {@value
     * #SOLUTIONS_PER_STOP} solutions per RW (at least {@value #MIN_SOLUTIONS}) — guided local search never stops by
     * itself, and a small month should not burn the whole limit — or at the problem's share of the request's time
     * limit (at least {@value #MIN_SHARE_MILLIS} ms), so that the weeks of a spread month together take no longer
     * than the month would.
     */
    private OrToolsRouteSolver solver(OutreachRequest r, int stops, int totalStops) {
        if (solutionLimit > 0) {
            return OrToolsRouteSolver.withSolutionLimit(solutionLimit);
        }
        long share = Math.max(MIN_SHARE_MILLIS, 1000L * r.timeLimitSeconds() * stops / Math.max(1, totalStops));
        return OrToolsRouteSolver.withLimits(
                Duration.ofMillis(share), Math.max(MIN_SOLUTIONS, SOLUTIONS_PER_STOP * stops));
    }
}
