package id.ilpatlas.api.outreach;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.access.AccessWarning;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.outreach.OutreachErrors.PastServiceDateError;
import id.ilpatlas.api.road.PgRouting;
import id.ilpatlas.api.road.EdgeSnap;
import id.ilpatlas.api.road.RoadNetworkQuality;
import id.ilpatlas.api.road.RoadRouting;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.road.TravelModel;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.api.targeting.TargetSelection;
import id.ilpatlas.api.targeting.TargetSelectionCommands;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionNotFoundError;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import id.ilpatlas.geo.routing.OrToolsRouteSolver;
import id.ilpatlas.geo.routing.RoutingProblem;
import id.ilpatlas.geo.routing.RoutingSolution;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans Pusling trips: the RWs of an APPROVED target selection (or a list) visited from a depot puskesmas — by default
 * the responsible puskesmas of the RWs (the one whose wilayah kerja holds them all) — by {@code vehicles} teams on
 * each service day, inside the working hours, with service minutes and optional clock windows per RW. No service day
 * lies before today in Asia/Jakarta (the injected {@link Clock}): a past date or month is refused with a {@link
 * PastServiceDateError}, a month under way starts today.
 *
 * <p>The routing problem: location 0 is the depot, then one location per RW at its representative point
 * ({@code rw_representative_points}, refreshed when stale). Every leg is decided by the one {@link TravelModel} in
 * the plan's travel mode: by road where the network reaches (ROAD mode), else — and for every leg in GEODESIC mode —
 * by the estimate calibrated on the kab/kota's network. Every (day, team) is one solver vehicle confined to that
 * day's hours ({@code day index × 86,400 s} offsets), with a fixed cost of {@value #TRIP_FIXED_COST_METERS} m plus
 * {@value #DAY_TIE_BREAK_METERS} m per day index, so the solver packs the RWs into as few trips as fit and prefers
 * the earlier days and the lower team numbers. A clock window repeats on every day. Every RW is droppable at {@value
 * #DROP_PENALTY_METERS} m, so serving one more always wins over distance and an overfull month still yields a plan:
 * RWs that cannot fit even alone are {@code BEYOND_WORKDAY} before solving, the ones the solver leaves out
 * {@code NO_CAPACITY}. The plan keeps the warnings a planner must read: an APPROXIMATE depot point, RWs outside the
 * depot's wilayah kerja, legs that are estimates.
 *
 * <p>Only DINKES_ADMIN and PUSKESMAS_STAFF plan (staff only from their own puskesmas), for RWs inside their scope.
 * Every attempt is audited; a stored plan is never changed. At most {@code atlas.outreach.max-concurrent-solves}
 * solves run at once (default: half the cores, at least one); a request waits for a slot only as long as its solve
 * still ends within {@value #REQUEST_BUDGET_SECONDS} s, else it gets {@link PlannerBusyException}.
 */
@Component
public class OutreachPlanner {

    static final Set<Role> PLANNERS = EnumSet.of(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF);
    static final int MAX_RWS = 300;
    static final int MAX_VEHICLES = 10;
    static final int MAX_DATES = 62;
    /** Below the 30 s GraphQL request timeout ({@code spring.mvc.async.request-timeout}), with room for the matrix. */
    static final int MAX_TIME_LIMIT_SECONDS = 20;
    static final int MAX_SERVICE_MINUTES = 600;
    static final int MAX_NAME = 200;
    static final long DAY_SECONDS = 86_400;
    static final long TRIP_FIXED_COST_METERS = 20_000;
    static final long DAY_TIE_BREAK_METERS = 10;
    static final long DROP_PENALTY_METERS = 10_000_000;
    /** A request's time for waiting plus solving, below the 30 s GraphQL request timeout. */
    static final int REQUEST_BUDGET_SECONDS = 25;
    static final String SOLVER = "OR-Tools 9.12 (parallel cheapest insertion + guided local search)";
    static final List<DayOfWeek> DEFAULT_WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The GraphQL input {@code PlanOutreachInput}. */
    public record PlanOutreachInput(String name, String targetSelectionId, List<String> rwCodes,
                                    String depotFacilityId, Integer vehicles, String month,
                                    List<DayOfWeek> weekdays, List<LocalDate> dates, List<LocalDate> excludedDates,
                                    LocalTime workdayStart, LocalTime workdayEnd, Integer serviceMinutes,
                                    List<OutreachStopInput> stops, String distanceMode, TravelMode mode,
                                    Integer timeLimitSeconds) {
    }

    /** The GraphQL input {@code OutreachStopInput}. */
    public record OutreachStopInput(String rwCode, Integer serviceMinutes, LocalTime earliestStart,
                                    LocalTime latestStart) {
    }

    /** The outcome: the stored plan, or the errors. */
    public record Result(OutreachPlan plan, List<UserError> errors) {
    }

    /** The depot puskesmas. */
    private record Depot(long internalId, String code, String name, String kabkotaCode, double longitude,
                         double latitude, boolean approximate) {
    }

    /** An RW to visit, with its settings. */
    private record Target(String rwCode, Double longitude, Double latitude, long serviceSeconds, LocalTime earliest,
                          LocalTime latest) {
    }

    /** A measured leg between two locations; the snaps of a ROAD leg's ends, else null. */
    private record MeasuredLeg(long meters, long seconds, boolean road, EdgeSnap from, EdgeSnap to) {
    }

    /** A visit of a route as stored: its place in the route, the RW, the solver's times and the leg that reaches it. */
    private record StopRow(int sequence, Target target, RoutingSolution.Visit visit, MeasuredLeg leg) {
    }

    /** The road part of a solution's ROAD legs, by {@code "from:to"} location indexes. */
    private record RoadGeometry(Map<String, List<Coordinate>> paths) {
    }

    /** The validated request. */
    private record Request(String name, Long selectionId, List<String> rws, Depot depot, int vehicles,
                           List<LocalDate> dates, LocalTime start, LocalTime end, int serviceMinutes,
                           Map<String, OutreachStopInput> overrides, String distanceMode, TravelMode mode,
                           int timeLimitSeconds) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final RoadRouting roads;
    private final TravelModel travel;
    private final RoadNetworkQuality quality;
    private final PgRouting pgRouting;
    private final RwAccessService access;
    private final TargetSelectionCommands selections;
    private final OutreachPlans plans;
    /** "Today" for refusing past service days, in {@link ClockConfig#SERVICE_ZONE}. */
    private final Clock clock;
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

    OutreachPlanner(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, RoadRouting roads,
                    TravelModel travel, RoadNetworkQuality quality, PgRouting pgRouting, RwAccessService access, TargetSelectionCommands selections,
                    OutreachPlans plans, Clock clock,
                    @Value("${atlas.outreach.max-concurrent-solves:0}") int maxConcurrentSolves,
                    @Value("${atlas.outreach.solution-limit:0}") long solutionLimit) {
        this.solutionLimit = solutionLimit;
        this.maxSlots = maxConcurrentSolves > 0 ? maxConcurrentSolves
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.solving = new Semaphore(maxSlots, true);
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.roads = roads;
        this.travel = travel;
        this.quality = quality;
        this.pgRouting = pgRouting;
        this.access = access;
        this.selections = selections;
        this.plans = plans;
        this.clock = clock;
    }

    /** Validates, solves, stores and returns the plan (or the errors, nothing stored). */
    public Result plan(Caller caller, PlanOutreachInput in) {
        if (!PLANNERS.contains(caller.role())) {
            throw denied(caller, null, "only the Dinkes and puskesmas staff plan outreach; you are " + caller.role());
        }
        List<UserError> errors = new ArrayList<>();
        Request request = validate(caller, in, errors);
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
            long id = solveAndStore(caller, request, in);
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

    // ------------------------------------------------------------------------------------------------ validation

    private Request validate(Caller caller, PlanOutreachInput in, List<UserError> errors) {
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(new InvalidValueError("name must be 1-" + MAX_NAME + " characters", inputPath("name")));
        }
        Long selectionId = null;
        List<String> rws = new ArrayList<>();
        boolean bySelection = in.targetSelectionId() != null;
        boolean byList = in.rwCodes() != null;
        if (bySelection == byList) {
            errors.add(new InvalidValueError("give exactly one of targetSelectionId and rwCodes",
                    inputPath(bySelection ? "rwCodes" : "targetSelectionId")));
        } else if (bySelection) {
            Optional<TargetSelection> selection = parseId(in.targetSelectionId()).flatMap(selections::find)
                    .filter(s -> s.rwCodes().stream().anyMatch(caller::covers));
            if (selection.isEmpty()) {
                errors.add(new TargetSelectionNotFoundError("no target selection " + in.targetSelectionId(),
                        inputPath("targetSelectionId"), in.targetSelectionId()));
            } else if (!"APPROVED".equals(selection.get().state())) {
                errors.add(new InvalidValueError("target selection " + in.targetSelectionId() + " is "
                        + selection.get().state() + "; only an APPROVED selection is planned",
                        inputPath("targetSelectionId")));
            } else {
                for (String rw : selection.get().rwCodes()) {
                    if (!caller.covers(rw)) {
                        throw denied(caller, selection.get().kabkotaCode(), "RW " + rw + " of target selection "
                                + in.targetSelectionId() + " is outside your scope");
                    }
                }
                selectionId = Long.parseLong(selection.get().id());
                rws.addAll(selection.get().rwCodes());
            }
        } else {
            rws.addAll(listedRws(caller, in.rwCodes(), errors));
        }
        String kabkota = rws.isEmpty() ? null : rws.get(0).substring(0, 5);
        for (String rw : rws) {
            if (!rw.startsWith(kabkota + ".")) {
                errors.add(new InvalidValueError("every RW must lie in one kab/kota; " + rw + " is not in " + kabkota,
                        inputPath("rwCodes")));
                break;
            }
        }
        Depot depot = depot(caller, in.depotFacilityId(), kabkota, rws, errors);
        int vehicles = in.vehicles() == null ? 1 : in.vehicles();
        if (vehicles < 1 || vehicles > MAX_VEHICLES) {
            errors.add(new InvalidValueError("vehicles must be 1-" + MAX_VEHICLES + ", got " + vehicles,
                    inputPath("vehicles")));
        }
        List<LocalDate> dates = serviceDates(in, LocalDate.now(clock.withZone(ClockConfig.SERVICE_ZONE)), errors);
        LocalTime start = in.workdayStart() == null ? LocalTime.of(8, 0) : in.workdayStart();
        LocalTime end = in.workdayEnd() == null ? LocalTime.of(14, 0) : in.workdayEnd();
        if (!end.isAfter(start)) {
            errors.add(new InvalidValueError("workdayEnd " + end + " must be after workdayStart " + start,
                    inputPath("workdayEnd")));
        }
        int serviceMinutes = in.serviceMinutes() == null ? 120 : in.serviceMinutes();
        if (serviceMinutes < 1 || serviceMinutes > MAX_SERVICE_MINUTES) {
            errors.add(new InvalidValueError("serviceMinutes must be 1-" + MAX_SERVICE_MINUTES + ", got "
                    + serviceMinutes, inputPath("serviceMinutes")));
        }
        Map<String, OutreachStopInput> overrides = overrides(in.stops(), rws, start, end, errors);
        String mode = in.distanceMode() == null ? "ROAD" : in.distanceMode();
        if ("ROAD".equals(mode) && !pgRouting.installed()) {
            errors.add(new InvalidValueError(pgRouting.unavailableReason() + "; plan with distanceMode: GEODESIC",
                    inputPath("distanceMode")));
        }
        int timeLimit = in.timeLimitSeconds() == null ? 5 : in.timeLimitSeconds();
        if (timeLimit < 1 || timeLimit > MAX_TIME_LIMIT_SECONDS) {
            errors.add(new InvalidValueError("timeLimitSeconds must be 1-" + MAX_TIME_LIMIT_SECONDS + ", got "
                    + timeLimit, inputPath("timeLimitSeconds")));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Request(name, selectionId, rws, depot, vehicles, dates, start, end, serviceMinutes, overrides,
                mode, in.mode() == null ? TravelMode.DEFAULT : in.mode(), timeLimit);
    }

    private List<String> listedRws(Caller caller, List<String> given, List<UserError> errors) {
        Set<String> rws = new LinkedHashSet<>();
        if (given.isEmpty() || given.size() > MAX_RWS) {
            errors.add(new InvalidValueError("give 1-" + MAX_RWS + " RW codes, got " + given.size(),
                    inputPath("rwCodes")));
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i);
            List<String> field = inputPath("rwCodes", String.valueOf(i));
            if (code == null || !RegionCode.isValid(code) || RegionCode.parse(code).level() != RegionLevel.RW) {
                errors.add(new InvalidRegionCodeError("not an RW code (e.g. 33.75.01.1002.RW003): " + code, field,
                        String.valueOf(code)));
                continue;
            }
            String dotted = RegionCode.parse(code).dotted();
            if (!caller.covers(dotted)) {
                throw denied(caller, dotted.substring(0, 5), "RW " + dotted + " is outside your scope");
            }
            boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM regions WHERE code = :c AND level = 'RW')")
                    .param("c", dotted).query(Boolean.class).single();
            if (!known) {
                errors.add(new InvalidRegionCodeError("unknown RW " + dotted, field, code));
            } else if (!rws.add(dotted)) {
                errors.add(new InvalidValueError("RW " + dotted + " is listed twice", field));
            }
        }
        return new ArrayList<>(rws);
    }

    /**
     * The depot: the facility given, else the one puskesmas responsible for every RW of the plan (the wilayah kerja
     * that holds them); RWs with no, several or different responsible puskesmas make the caller choose.
     */
    private Depot depot(Caller caller, String given, String kabkota, List<String> rws, List<UserError> errors) {
        List<String> field = inputPath("depotFacilityId");
        String code = given == null || given.isBlank() ? null : given.strip();
        if (code == null) {
            if (kabkota == null) {
                return null;
            }
            code = responsiblePuskesmas(kabkota, rws, errors);
            if (code == null) {
                return null;
            }
        }
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT id, code, name, type, kabkota_code, active, location_quality,
                               ST_X(location) AS lon, ST_Y(location) AS lat
                          FROM facilities WHERE code = :code""")
                .param("code", code).query().listOfRows();
        if (rows.isEmpty()) {
            errors.add(new InvalidValueError("no facility " + code, field));
            return null;
        }
        Map<String, Object> row = rows.get(0);
        if (!"PUSKESMAS".equals(row.get("type")) || !Boolean.TRUE.equals(row.get("active"))) {
            errors.add(new InvalidValueError("the depot must be an active puskesmas; " + code + " is "
                    + (Boolean.TRUE.equals(row.get("active")) ? "a " + row.get("type") : "inactive"), field));
            return null;
        }
        if (kabkota != null && !kabkota.equals(row.get("kabkota_code"))) {
            errors.add(new InvalidValueError("the depot " + code + " is in kab/kota " + row.get("kabkota_code")
                    + ", the RWs in " + kabkota, field));
            return null;
        }
        if (caller.role() == Role.PUSKESMAS_STAFF && !code.equals(caller.facilityId())) {
            throw denied(caller, (String) row.get("kabkota_code"),
                    "puskesmas staff plan from their own puskesmas " + caller.facilityId() + ", not " + code);
        }
        return new Depot(((Number) row.get("id")).longValue(), (String) row.get("code"), (String) row.get("name"),
                (String) row.get("kabkota_code"), ((Number) row.get("lon")).doubleValue(),
                ((Number) row.get("lat")).doubleValue(), "APPROXIMATE".equals(row.get("location_quality")));
    }

    /** The code of the one puskesmas responsible for every RW, or null with an error saying why there is none. */
    private String responsiblePuskesmas(String kabkota, List<String> rws, List<UserError> errors) {
        access.refreshIfStale(kabkota);
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, List<String>> rwsByPuskesmas = new TreeMap<>();
        rws.forEach(rw -> problems.put(rw, "no puskesmas's wilayah kerja holds it"));
        jdbc.sql("""
                        SELECT r.rw_code, r.status, f.code, cardinality(r.claimant_ids) AS claimants
                          FROM rw_responsible_puskesmas r LEFT JOIN facilities f ON f.id = r.facility_id
                         WHERE r.kabkota_code = :k AND r.rw_code = ANY(:rws)""")
                .param("k", kabkota).param("rws", rws.toArray(String[]::new))
                .query((rs, n) -> {
                    String rw = rs.getString(1);
                    if ("ASSIGNED".equals(rs.getString(2))) {
                        problems.remove(rw);
                        rwsByPuskesmas.computeIfAbsent(rs.getString(3), k -> new ArrayList<>()).add(rw);
                    } else if ("SEVERAL_WILAYAH_KERJA".equals(rs.getString(2))) {
                        problems.put(rw, rs.getInt(4) + " puskesmas's wilayah kerja hold it");
                    }
                    return rw;
                })
                .list();
        if (problems.isEmpty() && rwsByPuskesmas.size() == 1) {
            return rwsByPuskesmas.keySet().iterator().next();
        }
        List<String> why = new ArrayList<>();
        problems.forEach((rw, reason) -> why.add(rw + ": " + reason));
        if (rwsByPuskesmas.size() > 1) {
            rwsByPuskesmas.forEach((code, list) -> why.add(list.size() + " RWs belong to " + code));
        }
        errors.add(new InvalidValueError("the RWs have no single responsible puskesmas to start from ("
                + why.stream().limit(10).collect(Collectors.joining("; ")) + (why.size() > 10 ? "; ..." : "")
                + "); give depotFacilityId", inputPath("depotFacilityId")));
        return null;
    }

    /**
     * The service days: the {@code weekdays} of {@code month} from {@code today} on, or the explicit {@code dates},
     * minus {@code excludedDates}. A day before {@code today} (in {@link ClockConfig#SERVICE_ZONE}) is never a service
     * day: a past explicit date is refused by its index, a month that has ended is refused; today itself is allowed.
     */
    private static List<LocalDate> serviceDates(PlanOutreachInput in, LocalDate today, List<UserError> errors) {
        if ((in.month() == null) == (in.dates() == null)) {
            errors.add(new InvalidValueError("give exactly one of month and dates", inputPath("month")));
            return List.of();
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        if (in.month() != null) {
            YearMonth month;
            try {
                month = YearMonth.parse(in.month());
            } catch (DateTimeParseException e) {
                errors.add(new InvalidValueError("month must be yyyy-MM, e.g. 2026-12; got " + in.month(),
                        inputPath("month")));
                return List.of();
            }
            if (month.atEndOfMonth().isBefore(today)) {
                errors.add(new PastServiceDateError("month " + month + " is in the past (today is " + today + " in "
                        + ClockConfig.SERVICE_ZONE_ID + "); plan this month or a later one", inputPath("month"),
                        month.atEndOfMonth(), today));
                return List.of();
            }
            List<DayOfWeek> weekdays = in.weekdays() == null || in.weekdays().isEmpty()
                    ? DEFAULT_WEEKDAYS : in.weekdays();
            LocalDate first = month.atDay(1).isBefore(today) ? today : month.atDay(1);
            for (LocalDate d = first; !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                if (weekdays.contains(d.getDayOfWeek())) {
                    dates.add(d);
                }
            }
        } else {
            if (in.dates().isEmpty() || in.dates().size() > MAX_DATES) {
                errors.add(new InvalidValueError("give 1-" + MAX_DATES + " dates, got " + in.dates().size(),
                        inputPath("dates")));
                return List.of();
            }
            boolean past = false;
            for (int i = 0; i < in.dates().size(); i++) {
                LocalDate d = in.dates().get(i);
                if (d.isBefore(today)) {
                    errors.add(new PastServiceDateError(d + " is in the past (today is " + today + " in "
                            + ClockConfig.SERVICE_ZONE_ID + ")", inputPath("dates", String.valueOf(i)), d, today));
                    past = true;
                }
            }
            if (past) {
                return List.of();
            }
            dates.addAll(in.dates());
            if (ChronoUnit.DAYS.between(dates.first(), dates.last()) > 366) {
                errors.add(new InvalidValueError("the dates must lie within 366 days", inputPath("dates")));
                return List.of();
            }
        }
        if (in.excludedDates() != null) {
            in.excludedDates().forEach(dates::remove);
        }
        if (dates.isEmpty()) {
            errors.add(new InvalidValueError(in.month() != null
                    ? "no service day of " + in.month() + " is left from today (" + today + ") on after the weekdays"
                            + " and the excluded dates"
                    : "no service day is left after the excluded dates",
                    inputPath(in.month() != null ? "month" : "dates")));
        }
        return new ArrayList<>(dates);
    }

    private static Map<String, OutreachStopInput> overrides(List<OutreachStopInput> stops, List<String> rws,
                                                            LocalTime start, LocalTime end, List<UserError> errors) {
        Map<String, OutreachStopInput> overrides = new HashMap<>();
        if (stops == null) {
            return overrides;
        }
        for (int i = 0; i < stops.size(); i++) {
            OutreachStopInput s = stops.get(i);
            String code = s.rwCode() != null && RegionCode.isValid(s.rwCode())
                    ? RegionCode.parse(s.rwCode()).dotted() : String.valueOf(s.rwCode());
            if (!rws.contains(code)) {
                errors.add(new InvalidValueError("RW " + s.rwCode() + " is not one of the RWs to visit",
                        inputPath("stops", String.valueOf(i), "rwCode")));
                continue;
            }
            if (overrides.put(code, s) != null) {
                errors.add(new InvalidValueError("RW " + code + " has settings twice",
                        inputPath("stops", String.valueOf(i), "rwCode")));
            }
            if (s.serviceMinutes() != null && (s.serviceMinutes() < 1 || s.serviceMinutes() > MAX_SERVICE_MINUTES)) {
                errors.add(new InvalidValueError("serviceMinutes must be 1-" + MAX_SERVICE_MINUTES + ", got "
                        + s.serviceMinutes(), inputPath("stops", String.valueOf(i), "serviceMinutes")));
            }
            LocalTime earliest = s.earliestStart() == null ? start : s.earliestStart();
            LocalTime latest = s.latestStart() == null ? end : s.latestStart();
            if (earliest.isAfter(latest) || earliest.isBefore(start) || latest.isAfter(end)) {
                errors.add(new InvalidValueError(String.format(Locale.ROOT,
                        "the window %s-%s must be ordered and lie within the working hours %s-%s", earliest, latest,
                        start, end), inputPath("stops", String.valueOf(i), "earliestStart")));
            }
        }
        return overrides;
    }

    // ------------------------------------------------------------------------------------------------ solving

    private long solveAndStore(Caller caller, Request r, PlanOutreachInput in) {
        long started = System.nanoTime();
        String kabkota = r.depot().kabkotaCode();
        access.refreshIfStale(kabkota);
        Map<String, double[]> points = new HashMap<>();
        jdbc.sql("SELECT rw_code, ST_X(point), ST_Y(point) FROM rw_representative_points WHERE rw_code = ANY(:c)")
                .param("c", r.rws().toArray(String[]::new))
                .query((rs, n) -> points.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)}))
                .list();
        List<Target> targets = new ArrayList<>();
        Map<String, String> unserved = new LinkedHashMap<>();
        Map<String, String> reasons = new HashMap<>();
        for (String rw : r.rws()) {
            OutreachStopInput o = r.overrides().get(rw);
            long service = 60L * (o != null && o.serviceMinutes() != null ? o.serviceMinutes() : r.serviceMinutes());
            double[] p = points.get(rw);
            if (p == null) {
                unserved.put(rw, "the RW has no representative point (its polygon is missing)");
                reasons.put(rw, "NO_LOCATION");
                continue;
            }
            targets.add(new Target(rw, p[0], p[1], service, o == null ? null : o.earliestStart(),
                    o == null ? null : o.latestStart()));
        }
        // Location 0 is the depot, location i + 1 the i-th target.
        List<double[]> locations = new ArrayList<>();
        locations.add(new double[] {r.depot().longitude(), r.depot().latitude()});
        targets.forEach(t -> locations.add(new double[] {t.longitude(), t.latitude()}));
        MeasuredLeg[][] legs = measure(kabkota, locations, r.mode(), "ROAD".equals(r.distanceMode()));
        int n = locations.size();
        long[][] meters = new long[n][n];
        long[][] seconds = new long[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                meters[a][b] = legs[a][b].meters();
                seconds[a][b] = legs[a][b].seconds();
            }
        }
        long dayStart = r.start().toSecondOfDay();
        long dayEnd = r.end().toSecondOfDay();
        List<RoutingProblem.Vehicle> fleet = new ArrayList<>();
        for (int d = 0; d < r.dates().size(); d++) {
            for (int k = 0; k < r.vehicles(); k++) {
                fleet.add(new RoutingProblem.Vehicle(d + ":" + k, RoutingProblem.UNBOUNDED, d * DAY_SECONDS + dayStart,
                        d * DAY_SECONDS + dayEnd, TRIP_FIXED_COST_METERS + DAY_TIE_BREAK_METERS * d + k));
            }
        }
        List<RoutingProblem.Stop> stops = new ArrayList<>();
        Map<String, Target> byCode = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            byCode.put(t.rwCode(), t);
            long earliest = t.earliest() == null ? dayStart : t.earliest().toSecondOfDay();
            long latest = t.latest() == null ? dayEnd : t.latest().toSecondOfDay();
            // Alone, from the depot at the start of the day: does it fit?
            long arrival = dayStart + seconds[0][i + 1];
            long serviceStart = Math.max(arrival, earliest);
            long back = serviceStart + t.serviceSeconds() + seconds[i + 1][0];
            if (serviceStart > latest || back > dayEnd) {
                unserved.put(t.rwCode(), String.format(Locale.ROOT,
                        "alone it needs %d min to get there, %d min of service and %d min back, leaving at %s; "
                                + "%s; the working day ends at %s",
                        Math.round(seconds[0][i + 1] / 60.0), t.serviceSeconds() / 60,
                        Math.round(seconds[i + 1][0] / 60.0), r.start(),
                        serviceStart > latest ? "service could start only at " + clock(serviceStart)
                                + ", after its latest start " + clock(latest)
                                : "it would be back at " + clock(back), r.end()));
                reasons.put(t.rwCode(), "BEYOND_WORKDAY");
                continue;
            }
            RoutingProblem.Stop stop = RoutingProblem.Stop.of(t.rwCode(), i + 1, t.serviceSeconds())
                    .droppable(DROP_PENALTY_METERS);
            if (t.earliest() != null || t.latest() != null) {
                List<RoutingProblem.TimeWindow> windows = new ArrayList<>();
                for (int d = 0; d < r.dates().size(); d++) {
                    windows.add(new RoutingProblem.TimeWindow(d * DAY_SECONDS + earliest, d * DAY_SECONDS + latest));
                }
                stop = stop.withWindows(windows);
            }
            stops.add(stop);
        }
        RoutingProblem problem = new RoutingProblem(meters, seconds, 0, fleet, stops);
        OrToolsRouteSolver solver = solutionLimit > 0 ? OrToolsRouteSolver.withSolutionLimit(solutionLimit)
                : new OrToolsRouteSolver(Duration.ofSeconds(r.timeLimitSeconds()));
        RoutingSolution solution = solver.solve(problem);
        for (RoutingSolution.Unserved u : solution.unserved()) {
            unserved.put(u.stopId(), u.reason() == RoutingSolution.Reason.NO_SOLUTION
                    ? "the solver found no plan within " + r.timeLimitSeconds() + " s"
                    : String.format(Locale.ROOT, "%d service days × %d vehicles cannot hold every RW; "
                            + "add days or vehicles", r.dates().size(), r.vehicles()));
            reasons.put(u.stopId(), "NO_CAPACITY");
        }
        RoadGeometry paths = roadPaths(solution, legs, r.mode());
        List<AccessWarning> warnings = warnings(r, solution, legs);
        int solveMillis = (int) ((System.nanoTime() - started) / 1_000_000);
        return transactions.execute(status -> {
            long id = jdbc.sql("""
                            INSERT INTO outreach_plans (kabkota_code, name, depot_facility_id, selection_id,
                                distance_mode, travel_mode, vehicles, workday_start, workday_end, service_minutes,
                                service_dates, request, solver, solve_millis, created_by, created_role, warnings)
                            VALUES (:k, :name, :depot, :selection, :mode, :travelMode, :vehicles, :start, :end,
                                    :service, CAST(:dates AS date[]), CAST(:request AS jsonb), :solver, :millis, :by,
                                    :role, CAST(:warnings AS jsonb))
                            RETURNING id""")
                    .param("k", kabkota).param("name", r.name()).param("depot", r.depot().internalId())
                    .param("selection", r.selectionId()).param("mode", r.distanceMode())
                    .param("travelMode", r.mode().name()).param("warnings", JSON.writeValueAsString(warnings))
                    .param("vehicles", r.vehicles()).param("start", r.start()).param("end", r.end())
                    .param("service", r.serviceMinutes())
                    .param("dates", r.dates().stream().map(LocalDate::toString).toArray(String[]::new))
                    .param("request", JSON.writeValueAsString(in)).param("solver", SOLVER)
                    .param("millis", solveMillis).param("by", caller.actor()).param("role", caller.role().name())
                    .query(Long.class).single();
            storeRoutes(kabkota, id, r, solution, legs, paths, byCode);
            unserved.forEach((rw, message) -> jdbc.sql("""
                            INSERT INTO outreach_plan_unserved (kabkota_code, plan_id, rw_code, reason, message)
                            VALUES (:k, :id, :rw, :reason, :message)""")
                    .param("k", kabkota).param("id", id).param("rw", rw).param("reason", reasons.get(rw))
                    .param("message", message).update());
            audit.record(caller, "planOutreach", "OutreachPlan", String.valueOf(id), kabkota, AuditLog.Outcome.DONE,
                    String.format(Locale.ROOT, "%d RWs, %d served, %d vehicles x %d days, %s",
                            r.rws().size(), r.rws().size() - unserved.size(), r.vehicles(), r.dates().size(),
                            r.distanceMode() + " " + r.mode()), null, JSON.writeValueAsString(in));
            return id;
        });
    }

    /** Every leg between every two locations, decided by the one {@link TravelModel} (roads only in ROAD mode). */
    private MeasuredLeg[][] measure(String kabkota, List<double[]> locations, TravelMode mode, boolean road) {
        int n = locations.size();
        List<Point> points = locations.stream().map(p -> WGS84.createPoint(new Coordinate(p[0], p[1]))).toList();
        List<TravelModel.Leg> decided = travel.legs(kabkota, points, points, mode, road);
        MeasuredLeg[][] legs = new MeasuredLeg[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                TravelModel.Leg leg = decided.get(a * n + b);
                boolean byRoad = leg.method() == TravelModel.Method.ROAD;
                legs[a][b] = a == b ? new MeasuredLeg(0, 0, road, null, null)
                        : new MeasuredLeg(Math.round(leg.distanceMeters()), Math.round(leg.durationSeconds()), byRoad,
                                byRoad ? leg.road().from() : null, byRoad ? leg.road().to() : null);
            }
        }
        return legs;
    }

    /** Every leg the solution's routes drive, as {from, to} location indexes, depot to depot. */
    private static List<int[]> steps(RoutingSolution solution) {
        List<int[]> steps = new ArrayList<>();
        for (RoutingSolution.Route route : solution.routes()) {
            int at = 0;
            for (RoutingSolution.Visit visit : route.visits()) {
                steps.add(new int[] {at, visit.location()});
                at = visit.location();
            }
            if (!route.visits().isEmpty()) {
                steps.add(new int[] {at, 0});
            }
        }
        return steps;
    }

    /** The road part of the solution's ROAD legs (between the points where their ends join the network). */
    private RoadGeometry roadPaths(RoutingSolution solution, MeasuredLeg[][] legs, TravelMode mode) {
        List<String> keys = new ArrayList<>();
        List<EdgeSnap[]> pairs = new ArrayList<>();
        for (int[] step : steps(solution)) {
            MeasuredLeg leg = legs[step[0]][step[1]];
            String key = step[0] + ":" + step[1];
            if (leg.road() && leg.from() != null && !keys.contains(key)) {
                keys.add(key);
                pairs.add(new EdgeSnap[] {leg.from(), leg.to()});
            }
        }
        List<List<Coordinate>> paths = roads.paths(pairs, mode);
        Map<String, List<Coordinate>> byKey = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byKey.put(keys.get(i), paths.get(i));
        }
        return new RoadGeometry(byKey);
    }

    /**
     * What the planner must know about the plan: an approximate depot point, RWs outside the depot's wilayah kerja,
     * legs of the routes that are estimates.
     */
    private List<AccessWarning> warnings(Request r, RoutingSolution solution, MeasuredLeg[][] legs) {
        List<AccessWarning> warnings = new ArrayList<>();
        if (r.depot().approximate()) {
            warnings.add(AccessWarning.approximate(r.depot().name(), "every leg from and to the depot and the times"));
        }
        List<String> outside = jdbc.sql("""
                        SELECT rw_code FROM rw_responsible_puskesmas
                         WHERE kabkota_code = :k AND rw_code = ANY(:rws) AND NOT (:depot = ANY(claimant_ids))
                         ORDER BY rw_code""")
                .param("k", r.depot().kabkotaCode()).param("rws", r.rws().toArray(String[]::new))
                .param("depot", r.depot().internalId()).query(String.class).list();
        if (!outside.isEmpty()) {
            warnings.add(new AccessWarning(AccessWarning.Code.OUTSIDE_BASE_WILAYAH_KERJA, String.format(Locale.ROOT,
                    "%d of the %d RWs lie outside the wilayah kerja of %s: %s", outside.size(), r.rws().size(),
                    r.depot().name(), String.join(", ", outside.subList(0, Math.min(10, outside.size())))
                            + (outside.size() > 10 ? ", ..." : ""))));
        }
        List<int[]> steps = steps(solution);
        int total = steps.size();
        int estimated = (int) steps.stream().filter(step -> !legs[step[0]][step[1]].road()).count();
        if ("ROAD".equals(r.distanceMode())) {
            warnings.addAll(AccessWarning.network(quality.assess(r.depot().kabkotaCode(), r.mode())));
        }
        if (estimated > 0 && "ROAD".equals(r.distanceMode())) {
            warnings.add(new AccessWarning(AccessWarning.Code.ROAD_ESTIMATE, String.format(Locale.ROOT,
                    "%d of the %d legs are estimates (straight line × the detour factor measured on the network): "
                            + "the road network does not reach their ends", estimated, total)));
        }
        return warnings;
    }

    private void storeRoutes(String kabkota, long id, Request r, RoutingSolution solution, MeasuredLeg[][] legs,
                             RoadGeometry paths, Map<String, Target> targets) {
        WKTWriter wkt = new WKTWriter();
        for (int v = 0; v < solution.routes().size(); v++) {
            RoutingSolution.Route route = solution.routes().get(v);
            if (route.isEmpty()) {
                continue;
            }
            int day = v / r.vehicles();
            int vehicle = v % r.vehicles() + 1;
            long offset = day * DAY_SECONDS;
            LocalDate date = r.dates().get(day);
            List<Coordinate> line = new ArrayList<>();
            double[] depot = {r.depot().longitude(), r.depot().latitude()};
            int at = 0;
            double[] atPoint = depot;
            long travelSeconds = 0;
            List<StopRow> stopRows = new ArrayList<>();
            for (RoutingSolution.Visit visit : route.visits()) {
                Target t = targets.get(visit.stopId());
                double[] to = {t.longitude(), t.latitude()};
                MeasuredLeg leg = legs[at][visit.location()];
                appendLeg(line, atPoint, to, leg, at + ":" + visit.location(), paths);
                travelSeconds += leg.seconds();
                stopRows.add(new StopRow(stopRows.size() + 1, t, visit, leg));
                at = visit.location();
                atPoint = to;
            }
            MeasuredLeg back = legs[at][0];
            appendLeg(line, atPoint, depot, back, at + ":0", paths);
            travelSeconds += back.seconds();
            LineString geometry = WGS84.createLineString(line.size() >= 2 ? line.toArray(Coordinate[]::new)
                    : new Coordinate[] {line.get(0), line.get(0)});
            jdbc.sql("""
                            INSERT INTO outreach_plan_routes (kabkota_code, plan_id, service_date, vehicle, departure,
                                return_time, distance_meters, duration_seconds, travel_seconds, return_distance_meters,
                                return_duration_seconds, return_method, geom)
                            VALUES (:k, :id, :date, :vehicle, :departure, :return, :meters, :seconds, :travel,
                                    :backMeters, :backSeconds, :backMethod, ST_GeomFromText(:wkt, 4326))""")
                    .param("k", kabkota).param("id", id).param("date", date).param("vehicle", vehicle)
                    .param("departure", clock(route.startSeconds() - offset))
                    .param("return", clock(route.endSeconds() - offset))
                    .param("meters", (double) route.distanceMetres()).param("seconds", route.durationSeconds())
                    .param("travel", travelSeconds).param("backMeters", (double) back.meters())
                    .param("backSeconds", back.seconds()).param("backMethod", method(back))
                    .param("wkt", wkt.write(geometry)).update();
            for (StopRow s : stopRows) {
                jdbc.sql("""
                                INSERT INTO outreach_plan_stops (kabkota_code, plan_id, service_date, vehicle, sequence,
                                    rw_code, location, arrival, service_start, departure, leg_distance_meters,
                                    leg_duration_seconds, leg_method)
                                VALUES (:k, :id, :date, :vehicle, :seq, :rw, ST_SetSRID(ST_MakePoint(:x, :y), 4326),
                                        :arrival, :start, :departure, :meters, :seconds, :method)""")
                        .param("k", kabkota).param("id", id).param("date", date).param("vehicle", vehicle)
                        .param("seq", s.sequence()).param("rw", s.target().rwCode())
                        .param("x", s.target().longitude()).param("y", s.target().latitude())
                        .param("arrival", clock(s.visit().arrivalSeconds() - offset))
                        .param("start", clock(s.visit().serviceStartSeconds() - offset))
                        .param("departure", clock(s.visit().departureSeconds() - offset))
                        .param("meters", (double) s.leg().meters()).param("seconds", s.leg().seconds())
                        .param("method", method(s.leg())).update();
            }
        }
    }

    /**
     * Appends a leg's coordinates: for a ROAD leg the connector to the network, the road path and the connector from
     * it (so the line is as long as the leg); else a straight segment.
     */
    private static void appendLeg(List<Coordinate> line, double[] from, double[] to, MeasuredLeg leg, String key,
                                  RoadGeometry road) {
        add(line, new Coordinate(from[0], from[1]));
        if (leg.road() && leg.from() != null) {
            add(line, new Coordinate(leg.from().longitude(), leg.from().latitude()));
            road.paths().getOrDefault(key, List.of()).forEach(c -> add(line, c));
            add(line, new Coordinate(leg.to().longitude(), leg.to().latitude()));
        }
        add(line, new Coordinate(to[0], to[1]));
    }

    private static void add(List<Coordinate> line, Coordinate c) {
        if (line.isEmpty() || !line.get(line.size() - 1).equals2D(c)) {
            line.add(c);
        }
    }

    private static String method(MeasuredLeg leg) {
        return leg.road() ? "ROAD" : "GEODESIC_DETOUR";
    }

    private static LocalTime clock(long secondOfDay) {
        return LocalTime.ofSecondOfDay(secondOfDay);
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private AccessDeniedException denied(Caller caller, String kabkota, String why) {
        audit.record(caller, "planOutreach", "OutreachPlan", null, kabkota, AuditLog.Outcome.DENIED, why, null, null);
        return new AccessDeniedException(why);
    }

}
