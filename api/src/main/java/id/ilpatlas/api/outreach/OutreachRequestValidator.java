package id.ilpatlas.api.outreach;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.outreach.OutreachErrors.PastServiceDateError;
import id.ilpatlas.api.road.PgRouting;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.api.targeting.TargetSelection;
import id.ilpatlas.api.targeting.TargetSelectionCommands;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionNotFoundError;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link PlanOutreachInput} at once, before anything is queued: every error names its field; the base is
 * resolved (by default the responsible puskesmas of the RWs); the service days are computed. An RW or base outside
 * the caller's scope is an {@link AccessDeniedException} (audited), not a user error.
 */
@Component
class OutreachRequestValidator {

    static final Set<Role> PLANNERS = EnumSet.of(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF);
    static final int MAX_RWS = 300;
    static final int MAX_VEHICLES = 10;
    static final int MAX_DATES = 62;
    static final int MAX_TIME_LIMIT_SECONDS = 20;
    static final int MAX_SERVICE_MINUTES = 600;
    static final int MAX_NAME = 200;
    static final List<DayOfWeek> DEFAULT_WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PgRouting pgRouting;
    private final RwAccessService access;
    private final TargetSelectionCommands selections;
    /** "Today" for refusing past service days, in {@link ClockConfig#SERVICE_ZONE}. */
    private final Clock clock;

    OutreachRequestValidator(JdbcClient jdbc, AuditLog audit, PgRouting pgRouting, RwAccessService access,
                             TargetSelectionCommands selections, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.pgRouting = pgRouting;
        this.access = access;
        this.selections = selections;
        this.clock = clock;
    }

    /** The caller, when their role plans; FORBIDDEN (audited) otherwise. */
    void checkRole(Caller caller) {
        if (!PLANNERS.contains(caller.role())) {
            throw denied(caller, null, "only the Dinkes and puskesmas staff plan outreach; you are " + caller.role());
        }
    }

    /** The checked request, or null with {@code errors} filled. */
    OutreachRequest validate(Caller caller, PlanOutreachInput in, List<UserError> errors) {
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
        OutreachRequest.Base depot = base(caller, in.depotFacilityId(), kabkota, rws, errors);
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
        Map<String, PlanOutreachInput.OutreachStopInput> overrides = overrides(in.stops(), rws, start, end, errors);
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
        return new OutreachRequest(name, selectionId, rws, depot, vehicles, dates, start, end, serviceMinutes, overrides,
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
    private OutreachRequest.Base base(Caller caller, String given, String kabkota, List<String> rws, List<UserError> errors) {
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
        return new OutreachRequest.Base(((Number) row.get("id")).longValue(), (String) row.get("code"), (String) row.get("name"),
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

    private static Map<String, PlanOutreachInput.OutreachStopInput> overrides(List<PlanOutreachInput.OutreachStopInput> stops, List<String> rws,
                                                            LocalTime start, LocalTime end, List<UserError> errors) {
        Map<String, PlanOutreachInput.OutreachStopInput> overrides = new HashMap<>();
        if (stops == null) {
            return overrides;
        }
        for (int i = 0; i < stops.size(); i++) {
            PlanOutreachInput.OutreachStopInput s = stops.get(i);
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
