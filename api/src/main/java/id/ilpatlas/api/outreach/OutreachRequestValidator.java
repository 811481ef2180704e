package id.ilpatlas.api.outreach;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.access.RwAccessService;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.calendar.CalendarDaysOff;
import id.ilpatlas.api.calendar.DayOff;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.outreach.OutreachErrors.NoPuslingUnitError;
import id.ilpatlas.api.outreach.OutreachErrors.PastServiceDateError;
import id.ilpatlas.api.outreach.OutreachErrors.ServiceDayOffError;
import id.ilpatlas.api.region.RegionRepository;
import id.ilpatlas.api.road.PgRouting;
import id.ilpatlas.api.road.TravelMode;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.api.targeting.TargetSelection;
import id.ilpatlas.api.targeting.TargetSelectionCommands;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionNotFoundError;
import id.ilpatlas.api.targeting.TargetSelectionState;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

    static final int MAX_RWS = 300;
    static final int MAX_SELECTIONS = 20;
    static final int MAX_VEHICLES = 10;
    static final int MAX_TEAM_SIZE = 20;
    /** The facility types that may run Pusling (and so be a plan's base). */
    static final Set<String> BASE_TYPES = Set.of("PUSKESMAS", "KLINIK", "RUMAH_SAKIT");

    /** An active Pusling unit of the base. */
    record Unit(String code, String name, String vehicleKind, int teamSize) {}

    static final int MAX_DATES = 62;
    static final int MAX_TIME_LIMIT_SECONDS = 20;
    static final int MAX_SERVICE_MINUTES = 600;
    static final int MAX_NAME = 200;
    static final List<DayOfWeek> DEFAULT_WEEKDAYS =
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PgRouting pgRouting;
    private final RwAccessService access;
    private final TargetSelectionCommands selections;
    private final RegionRepository regions;
    /** "Today" for refusing past service days, in {@link ClockConfig#SERVICE_ZONE}. */
    private final Clock clock;

    private final CalendarDaysOff calendar;

    OutreachRequestValidator(
            JdbcClient jdbc,
            AuditLog audit,
            PgRouting pgRouting,
            RwAccessService access,
            TargetSelectionCommands selections,
            RegionRepository regions,
            Clock clock,
            CalendarDaysOff calendar) {
        this.calendar = calendar;
        this.regions = regions;
        this.jdbc = jdbc;
        this.audit = audit;
        this.pgRouting = pgRouting;
        this.access = access;
        this.selections = selections;
        this.clock = clock;
    }

    /** The caller, when their role plans; FORBIDDEN (audited) otherwise. */
    void checkRole(Caller caller) {
        if (!AccessPolicy.may(caller, Permission.PLAN_OUTREACH)) {
            throw denied(caller, null, "only the Dinkes and puskesmas staff plan outreach; you are " + caller.role());
        }
    }

    /** The checked request, or null with {@code errors} filled. */
    OutreachRequest validate(Caller caller, PlanOutreachInput in, List<UserError> errors) {
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(new InvalidValueError("name must be 1-" + MAX_NAME + " characters", inputPath("name")));
        }
        List<Long> selectionIds = new ArrayList<>();
        List<TargetSelection> planned = new ArrayList<>();
        List<String> rws = new ArrayList<>();
        boolean bySelection = in.targetSelectionId() != null || in.targetSelectionIds() != null;
        boolean byList = in.rwCodes() != null;
        if (bySelection == byList) {
            errors.add(new InvalidValueError(
                    "give exactly one of targetSelectionIds and rwCodes",
                    inputPath(bySelection ? "rwCodes" : "targetSelectionIds")));
        } else if (in.targetSelectionId() != null && in.targetSelectionIds() != null) {
            errors.add(new InvalidValueError(
                    "give targetSelectionIds (targetSelectionId is its deprecated name), " + "not both",
                    inputPath("targetSelectionId")));
        } else if (bySelection) {
            planned.addAll(selections(caller, in, errors));
            Set<String> united = new LinkedHashSet<>();
            planned.forEach(s -> {
                selectionIds.add(Long.parseLong(s.id()));
                united.addAll(s.rwCodes());
            });
            if (united.size() > MAX_RWS) {
                errors.add(new InvalidValueError(
                        "the target selections hold " + united.size() + " RWs; a plan visits" + " at most " + MAX_RWS,
                        inputPath(in.targetSelectionIds() != null ? "targetSelectionIds" : "targetSelectionId")));
            } else {
                rws.addAll(united);
            }
        } else {
            rws.addAll(listedRws(caller, in.rwCodes(), errors));
        }
        String kabkota = rws.isEmpty() ? null : rws.get(0).substring(0, 5);
        for (String rw : rws) {
            if (!rw.startsWith(kabkota + ".")) {
                errors.add(new InvalidValueError(
                        "every RW must lie in one kab/kota; " + rw + " is not in " + kabkota, inputPath("rwCodes")));
                break;
            }
        }
        // errors about the base name the field the caller used; baseFacilityId when neither was given
        String baseField =
                in.depotFacilityId() != null && in.baseFacilityId() == null ? "depotFacilityId" : "baseFacilityId";
        if (in.baseFacilityId() != null
                && in.depotFacilityId() != null
                && !in.baseFacilityId().strip().equals(in.depotFacilityId().strip())) {
            errors.add(new InvalidValueError(
                    "give baseFacilityId (depotFacilityId is its deprecated name), not both",
                    inputPath("depotFacilityId")));
        }
        OutreachRequest.Base depot = base(
                caller,
                in.baseFacilityId() != null ? in.baseFacilityId() : in.depotFacilityId(),
                baseField,
                kabkota,
                rws,
                errors);
        List<Unit> units = depot == null ? List.of() : units(depot);
        if (depot != null && units.isEmpty()) {
            errors.add(new NoPuslingUnitError(
                    depot.code() + " (" + depot.name() + ") runs no active Pusling unit; "
                            + "plan from a facility that does (puslingUnits lists them)",
                    inputPath(baseField),
                    depot.code()));
        }
        LocalTime start = in.workdayStart() == null ? LocalTime.of(8, 0) : in.workdayStart();
        LocalTime end = in.workdayEnd() == null ? LocalTime.of(14, 0) : in.workdayEnd();
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ClockConfig.SERVICE_ZONE));
        List<OutreachPlan.Note> notes = new ArrayList<>();
        String calendarKabkota = depot != null ? depot.kabkotaCode() : kabkota;
        LocalDate[] period = planned.isEmpty() ? null : period(planned);
        List<LocalDate> dates = calendarKabkota == null || (!planned.isEmpty() && period == null)
                ? List.of()
                : serviceDates(in, now, start, calendarKabkota, period, errors, notes);
        if (in.vehicles() != null && (in.vehicles() < 1 || in.vehicles() > MAX_VEHICLES)) {
            errors.add(new InvalidValueError(
                    "vehicles must be 1-" + MAX_VEHICLES + ", got " + in.vehicles(), inputPath("vehicles")));
        }
        List<List<OutreachRequest.Team>> teams = units.isEmpty() ? List.of() : teams(in, units, dates, errors);
        int vehicles = teams.stream().mapToInt(List::size).max().orElse(1);
        if (!end.isAfter(start)) {
            errors.add(new InvalidValueError(
                    "workdayEnd " + end + " must be after workdayStart " + start, inputPath("workdayEnd")));
        }
        int serviceMinutes = in.serviceMinutes() == null ? 120 : in.serviceMinutes();
        if (serviceMinutes < 1 || serviceMinutes > MAX_SERVICE_MINUTES) {
            errors.add(new InvalidValueError(
                    "serviceMinutes must be 1-" + MAX_SERVICE_MINUTES + ", got " + serviceMinutes,
                    inputPath("serviceMinutes")));
        }
        Map<String, PlanOutreachInput.OutreachStopInput> overrides = overrides(in.stops(), rws, start, end, errors);
        DistanceMode mode = in.distanceMode() == null ? DistanceMode.ROAD : in.distanceMode();
        if (mode == DistanceMode.ROAD && !pgRouting.installed()) {
            errors.add(new InvalidValueError(
                    pgRouting.unavailableReason() + "; plan with distanceMode: GEODESIC", inputPath("distanceMode")));
        }
        int timeLimit = in.timeLimitSeconds() == null ? 5 : in.timeLimitSeconds();
        if (timeLimit < 1 || timeLimit > MAX_TIME_LIMIT_SECONDS) {
            errors.add(new InvalidValueError(
                    "timeLimitSeconds must be 1-" + MAX_TIME_LIMIT_SECONDS + ", got " + timeLimit,
                    inputPath("timeLimitSeconds")));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        publishedPlanOfBase(depot, YearMonth.from(dates.get(0))).ifPresent(notes::add);
        return new OutreachRequest(
                name,
                List.copyOf(selectionIds),
                rws,
                depot,
                vehicles,
                dates,
                teams,
                start,
                end,
                serviceMinutes,
                overrides,
                mode,
                in.mode() == null ? TravelMode.DEFAULT : in.mode(),
                timeLimit,
                !Boolean.FALSE.equals(in.spreadOverWeeks()),
                Boolean.TRUE.equals(in.alignWithPosyandu()),
                List.copyOf(notes));
    }

    /**
     * The APPROVED target selections given (targetSelectionIds, or the deprecated targetSelectionId), each once, in the
     * order given; an error names the index of each one that is unknown, outside the caller's scope or not APPROVED.
     */
    private List<TargetSelection> selections(Caller caller, PlanOutreachInput in, List<UserError> errors) {
        boolean single = in.targetSelectionIds() == null;
        List<String> given = single ? List.of(in.targetSelectionId()) : in.targetSelectionIds();
        if (given.isEmpty() || given.size() > MAX_SELECTIONS) {
            errors.add(new InvalidValueError(
                    "give 1-" + MAX_SELECTIONS + " target selections, got " + given.size(),
                    inputPath("targetSelectionIds")));
            return List.of();
        }
        Map<String, TargetSelection> found = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i);
            List<String> field =
                    single ? inputPath("targetSelectionId") : inputPath("targetSelectionIds", String.valueOf(i));
            Optional<TargetSelection> selection = parseId(id)
                    .flatMap(selections::find)
                    .filter(s -> s.rwCodes().stream().anyMatch(caller::covers));
            if (selection.isEmpty()) {
                errors.add(new TargetSelectionNotFoundError("no target selection " + id, field, id));
            } else if (selection.get().state() != TargetSelectionState.APPROVED) {
                errors.add(new InvalidValueError(
                        "target selection " + id + " is " + selection.get().state()
                                + "; only an APPROVED selection is planned",
                        field));
            } else if (!found.containsKey(selection.get().id())) {
                for (String rw : selection.get().rwCodes()) {
                    if (!caller.covers(rw)) {
                        throw denied(
                                caller,
                                selection.get().kabkotaCode(),
                                "RW " + rw + " of target selection " + id + " is outside your scope");
                    }
                }
                found.put(selection.get().id(), selection.get());
            }
        }
        List<TargetSelection> list = new ArrayList<>(found.values());
        if (!list.isEmpty() && period(list) == null) {
            errors.add(new InvalidValueError(
                    "the periods of the target selections share no day ("
                            + list.stream()
                                    .map(s -> "selection " + s.id() + ": " + s.periodFrom() + ".." + s.periodTo())
                                    .collect(Collectors.joining(", "))
                            + "); plan them separately",
                    inputPath(single ? "targetSelectionId" : "targetSelectionIds")));
        }
        return list;
    }

    /** The days every selection's period holds ({from, to}), or null when they share none. */
    private static LocalDate[] period(List<TargetSelection> planned) {
        LocalDate from = planned.stream()
                .map(TargetSelection::periodFrom)
                .max(LocalDate::compareTo)
                .orElseThrow();
        LocalDate to = planned.stream()
                .map(TargetSelection::periodTo)
                .min(LocalDate::compareTo)
                .orElseThrow();
        return from.isAfter(to) ? null : new LocalDate[] {from, to};
    }

    private List<String> listedRws(Caller caller, List<String> given, List<UserError> errors) {
        Set<String> rws = new LinkedHashSet<>();
        if (given.isEmpty() || given.size() > MAX_RWS) {
            errors.add(new InvalidValueError(
                    "give 1-" + MAX_RWS + " RW codes, got " + given.size(), inputPath("rwCodes")));
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i);
            List<String> field = inputPath("rwCodes", String.valueOf(i));
            if (code == null
                    || !RegionCode.isValid(code)
                    || RegionCode.parse(code).level() != RegionLevel.RW) {
                errors.add(new InvalidRegionCodeError(
                        "not an RW code (e.g. 33.75.01.1002.RW003): " + code, field, String.valueOf(code)));
                continue;
            }
            String dotted = RegionCode.parse(code).dotted();
            if (!caller.covers(dotted)) {
                throw denied(caller, dotted.substring(0, 5), "RW " + dotted + " is outside your scope");
            }
            if (!regions.rwExists(dotted)) {
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
    private OutreachRequest.Base base(
            Caller caller, String given, String fieldName, String kabkota, List<String> rws, List<UserError> errors) {
        List<String> field = inputPath(fieldName);
        String code = given == null || given.isBlank() ? null : given.strip();
        if (code == null) {
            if (kabkota == null) {
                return null;
            }
            code = responsiblePuskesmas(kabkota, rws, fieldName, errors);
            if (code == null) {
                return null;
            }
        }
        List<Map<String, Object>> rows =
                jdbc.sql("""
                        SELECT id, code, name, type, kabkota_code, active, location_quality,
                               ST_X(location) AS lon, ST_Y(location) AS lat
                          FROM facilities WHERE code = :code""").param("code", code).query().listOfRows();
        if (rows.isEmpty()) {
            errors.add(new InvalidValueError("no facility " + code, field));
            return null;
        }
        Map<String, Object> row = rows.get(0);
        if (!BASE_TYPES.contains((String) row.get("type")) || !Boolean.TRUE.equals(row.get("active"))) {
            errors.add(new InvalidValueError(
                    "the base must be an active puskesmas, clinic or hospital that runs "
                            + "Pusling; " + code + " is "
                            + (Boolean.TRUE.equals(row.get("active")) ? "a " + row.get("type") : "inactive"),
                    field));
            return null;
        }
        if (kabkota != null && !kabkota.equals(row.get("kabkota_code"))) {
            errors.add(new InvalidValueError(
                    "the base " + code + " is in kab/kota " + row.get("kabkota_code") + ", the RWs in " + kabkota,
                    field));
            return null;
        }
        if (caller.role() == Role.PUSKESMAS_STAFF && !code.equals(caller.facilityId())) {
            throw denied(
                    caller,
                    (String) row.get("kabkota_code"),
                    "puskesmas staff plan from their own puskesmas " + caller.facilityId() + ", not " + code);
        }
        return new OutreachRequest.Base(
                ((Number) row.get("id")).longValue(),
                (String) row.get("code"),
                (String) row.get("name"),
                (String) row.get("kabkota_code"),
                ((Number) row.get("lon")).doubleValue(),
                ((Number) row.get("lat")).doubleValue(),
                "APPROXIMATE".equals(row.get("location_quality")));
    }

    /** The code of the one puskesmas responsible for every RW, or null with an error saying why there is none. */
    private String responsiblePuskesmas(String kabkota, List<String> rws, String fieldName, List<UserError> errors) {
        access.refreshIfStale(kabkota);
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, List<String>> rwsByPuskesmas = new TreeMap<>();
        rws.forEach(rw -> problems.put(rw, "no puskesmas's wilayah kerja holds it"));
        jdbc.sql("""
                        SELECT r.rw_code, r.status, f.code, cardinality(r.claimant_ids) AS claimants
                          FROM rw_responsible_puskesmas r LEFT JOIN facilities f ON f.id = r.facility_id
                         WHERE r.kabkota_code = :k AND r.rw_code = ANY(:rws)""")
                .param("k", kabkota)
                .param("rws", rws.toArray(String[]::new))
                .query((rs, n) -> {
                    String rw = rs.getString(1);
                    if ("ASSIGNED".equals(rs.getString(2))) {
                        problems.remove(rw);
                        rwsByPuskesmas
                                .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                                .add(rw);
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
        errors.add(new InvalidValueError(
                "the RWs have no single responsible puskesmas to start from ("
                        + why.stream().limit(10).collect(Collectors.joining("; ")) + (why.size() > 10 ? "; ..." : "")
                        + "); give " + fieldName + " (a facility that runs Pusling: puslingUnits lists them)",
                inputPath(fieldName)));
        return null;
    }

    /**
     * The service days, all in one calendar month: the {@code weekdays} of {@code month} from {@code today} on, or the
     * explicit {@code dates}, minus {@code excludedDates}. Never a day before {@code today} (in {@link
     * ClockConfig#SERVICE_ZONE}): a past explicit date is refused by its index, a month that has ended is refused.
     * Today itself is a service day only while the working day has not begun ({@code now} before {@code
     * workdayStart}): a plan made in the evening starts a month under way tomorrow, and refuses an explicit date of
     * today with a {@link PastServiceDateError}. Planned from target selections, only days inside {@code period} (the
     * days their periods share): a month outside it is refused, a month it covers in part keeps its days inside
     * (a SELECTION_PERIOD note), an explicit date outside it is refused by its index. Never a day off of the kab/kota
     * ({@link CalendarDaysOff}): a month's days off are skipped and said in a note; an explicit date that is a day off is refused with a {@link ServiceDayOffError}
     * naming it (the caller asked for that very day, so it is not dropped quietly). Cuti bersama count as days off
     * unless {@code workOnCutiBersama}.
     */
    private List<LocalDate> serviceDates(
            PlanOutreachInput in,
            ZonedDateTime now,
            LocalTime workdayStart,
            String kabkota,
            LocalDate[] period,
            List<UserError> errors,
            List<OutreachPlan.Note> notes) {
        String periodText = period == null
                ? null
                : "the period of the target selection"
                        + (in.targetSelectionIds() != null
                                        && in.targetSelectionIds().size() > 1
                                ? "s"
                                : "") + " ("
                        + period[0] + ".." + period[1] + ")";
        LocalDate today = now.toLocalDate();
        boolean begun = !now.toLocalTime().isBefore(workdayStart);
        // the first day a team can still set out on
        LocalDate firstDay = begun ? today.plusDays(1) : today;
        String begunWhy = "the working day has begun (it is "
                + now.toLocalTime().withSecond(0).withNano(0) + " in " + ClockConfig.SERVICE_ZONE_ID + ", workdayStart "
                + workdayStart + ")";
        if ((in.month() == null) == (in.dates() == null)) {
            errors.add(new InvalidValueError("give exactly one of month and dates", inputPath("month")));
            return List.of();
        }
        boolean workOnCuti = Boolean.TRUE.equals(in.workOnCutiBersama());
        TreeSet<LocalDate> dates = new TreeSet<>();
        if (in.month() != null) {
            YearMonth month;
            try {
                month = YearMonth.parse(in.month());
            } catch (DateTimeParseException e) {
                errors.add(new InvalidValueError(
                        "month must be yyyy-MM, e.g. 2026-12; got " + in.month(), inputPath("month")));
                return List.of();
            }
            if (month.atEndOfMonth().isBefore(today)) {
                errors.add(new PastServiceDateError(
                        "month " + month + " is in the past (today is " + today + " in " + ClockConfig.SERVICE_ZONE_ID
                                + "); plan this month or a later one",
                        inputPath("month"),
                        month.atEndOfMonth(),
                        today));
                return List.of();
            }
            List<DayOfWeek> weekdays =
                    in.weekdays() == null || in.weekdays().isEmpty() ? DEFAULT_WEEKDAYS : in.weekdays();
            if (period != null
                    && (month.atEndOfMonth().isBefore(period[0])
                            || month.atDay(1).isAfter(period[1]))) {
                errors.add(new InvalidValueError(
                        "month " + month + " lies outside " + periodText + "; plan a month of that period",
                        inputPath("month")));
                return List.of();
            }
            LocalDate first = month.atDay(1).isBefore(firstDay) ? firstDay : month.atDay(1);
            LocalDate last = month.atEndOfMonth();
            if (period != null && (period[0].isAfter(month.atDay(1)) || period[1].isBefore(last))) {
                // a month the period covers only in part: its days inside the period, said in a note
                first = first.isBefore(period[0]) ? period[0] : first;
                last = period[1].isBefore(last) ? period[1] : last;
                notes.add(new OutreachPlan.Note(
                        "SELECTION_PERIOD",
                        "only the days of " + month + " inside " + periodText + " are service days"));
            }
            Map<LocalDate, DayOff> off = first.isAfter(last) ? Map.of() : calendar.daysOff(kabkota, first, last);
            List<String> skipped = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (!weekdays.contains(d.getDayOfWeek())) {
                    continue;
                }
                DayOff dayOff = off.get(d);
                if (dayOff != null && !(workOnCuti && dayOff.cutiBersama())) {
                    skipped.add(d + " " + dayOff.name() + " (" + dayOff.kind() + ")");
                } else {
                    dates.add(d);
                }
            }
            if (!skipped.isEmpty()) {
                notes.add(new OutreachPlan.Note(
                        "DAYS_OFF_SKIPPED",
                        "no visit on the days off of " + month + ": " + String.join("; ", skipped)));
            }
        } else {
            if (in.dates().isEmpty() || in.dates().size() > MAX_DATES) {
                errors.add(new InvalidValueError(
                        "give 1-" + MAX_DATES + " dates, got " + in.dates().size(), inputPath("dates")));
                return List.of();
            }
            YearMonth month = YearMonth.from(in.dates().get(0));
            int before = errors.size();
            Map<LocalDate, DayOff> off = calendar.daysOff(
                    kabkota,
                    in.dates().stream().min(LocalDate::compareTo).orElseThrow(),
                    in.dates().stream().max(LocalDate::compareTo).orElseThrow());
            for (int i = 0; i < in.dates().size(); i++) {
                LocalDate d = in.dates().get(i);
                List<String> field = inputPath("dates", String.valueOf(i));
                DayOff dayOff = off.get(d);
                if (d.isBefore(today)) {
                    errors.add(new PastServiceDateError(
                            d + " is in the past (today is " + today + " in " + ClockConfig.SERVICE_ZONE_ID + ")",
                            field,
                            d,
                            today));
                } else if (d.equals(today) && begun) {
                    errors.add(new PastServiceDateError(
                            d + " is today and " + begunWhy + "; plan from " + firstDay + " on", field, d, today));
                } else if (period != null && (d.isBefore(period[0]) || d.isAfter(period[1]))) {
                    errors.add(new InvalidValueError(d + " lies outside " + periodText, field));
                } else if (!YearMonth.from(d).equals(month)) {
                    errors.add(new InvalidValueError(
                            "a plan is one month's plan: " + d + " is not in " + month + " like the first date",
                            field));
                } else if (dayOff != null && !(workOnCuti && dayOff.cutiBersama())) {
                    errors.add(new ServiceDayOffError(
                            d + " is a day off in " + kabkota + ": " + dayOff.name() + " ("
                                    + dayOff.kind()
                                    + (dayOff.cutiBersama() ? "; set workOnCutiBersama to work on it" : "")
                                    + ")",
                            field,
                            d,
                            dayOff));
                }
            }
            if (errors.size() > before) {
                return List.of();
            }
            dates.addAll(in.dates());
        }
        if (in.excludedDates() != null) {
            in.excludedDates().forEach(dates::remove);
        }
        if (dates.isEmpty()) {
            errors.add(new InvalidValueError(
                    in.month() != null
                            ? "no service day of " + in.month() + " is left from "
                                    + (begun
                                            ? "tomorrow (" + firstDay + "; " + begunWhy + ")"
                                            : "today (" + today + ")")
                                    + " on after the weekdays,"
                                    + " the days off and the excluded dates"
                            : "no service day is left after the excluded dates",
                    inputPath(in.month() != null ? "month" : "dates")));
        }
        return new ArrayList<>(dates);
    }

    /**
     * A note when the base already has a PUBLISHED plan for the month: only one is published per base and month, so
     * publishing the new one needs that one cancelled first.
     */
    private Optional<OutreachPlan.Note> publishedPlanOfBase(OutreachRequest.Base base, YearMonth month) {
        return jdbc.sql("""
                        SELECT p.id, p.name,
                               (SELECT string_agg(DISTINCT r.service_date::text, ', ' ORDER BY r.service_date::text)
                                  FROM outreach_plan_routes r
                                 WHERE r.kabkota_code = p.kabkota_code AND r.plan_id = p.id) AS days
                          FROM outreach_plans p
                         WHERE p.kabkota_code = :k AND p.depot_facility_id = :base AND p.status = 'PUBLISHED'
                           AND p.service_month = :month
                         ORDER BY p.id LIMIT 1""")
                .param("k", base.kabkotaCode())
                .param("base", base.internalId())
                .param("month", month.atDay(1))
                .query((rs, n) -> new OutreachPlan.Note(
                        "BASE_ALREADY_HAS_PUBLISHED_PLAN",
                        base.code() + " already has"
                                + " a PUBLISHED plan for " + month + ": plan " + rs.getLong(1) + " (" + rs.getString(2)
                                + "); publishing this one needs cancelling plan " + rs.getLong(1)
                                + " first; its teams are "
                                + "already booked on " + (rs.getString(3) == null ? "no day" : rs.getString(3))))
                .optional();
    }

    /** The active Pusling units of the base, by code. */
    private List<Unit> units(OutreachRequest.Base base) {
        return jdbc.sql("""
                        SELECT code, name, vehicle_kind, team_size FROM pusling_units
                         WHERE facility_id = :f AND active ORDER BY code""")
                .param("f", base.internalId())
                .query((rs, n) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /**
     * The teams of each service day: the {@code teams} given (an entry with a date is that day's team; the entries
     * without one work every day that has no dated entry), else the base's first {@code vehicles} units with their
     * usual team size. A unit works at most once a day.
     */
    private List<List<OutreachRequest.Team>> teams(
            PlanOutreachInput in, List<Unit> units, List<LocalDate> dates, List<UserError> errors) {
        Map<String, Unit> byCode = new LinkedHashMap<>();
        units.forEach(u -> byCode.put(u.code(), u));
        List<List<OutreachRequest.Team>> teams = new ArrayList<>();
        if (in.teams() == null || in.teams().isEmpty()) {
            int vehicles = in.vehicles() == null ? 1 : in.vehicles();
            if (vehicles < 1 || vehicles > MAX_VEHICLES) {
                return List.of(); // said by validate
            }
            if (vehicles > units.size()) {
                errors.add(new InvalidValueError(
                        "the base runs " + units.size() + " Pusling unit(s) (" + String.join(", ", byCode.keySet())
                                + "), not " + vehicles + "; give teams or fewer vehicles",
                        inputPath("vehicles")));
                return List.of();
            }
            List<OutreachRequest.Team> day = units.subList(0, vehicles).stream()
                    .map(u -> new OutreachRequest.Team(u.code(), u.name(), u.vehicleKind(), u.teamSize()))
                    .toList();
            dates.forEach(d -> teams.add(day));
            return teams;
        }
        Map<LocalDate, List<OutreachRequest.Team>> dated = new HashMap<>();
        List<OutreachRequest.Team> everyDay = new ArrayList<>();
        for (int i = 0; i < in.teams().size(); i++) {
            PlanOutreachInput.OutreachTeamInput t = in.teams().get(i);
            Unit unit = t.unitId() == null ? null : byCode.get(t.unitId().strip());
            if (unit == null) {
                errors.add(new InvalidValueError(
                        "unit " + t.unitId() + " is not an active Pusling unit of the base ("
                                + String.join(", ", byCode.keySet()) + ")",
                        inputPath("teams", String.valueOf(i), "unitId")));
                continue;
            }
            int size = t.teamSize() == null ? unit.teamSize() : t.teamSize();
            if (size < 1 || size > MAX_TEAM_SIZE) {
                errors.add(new InvalidValueError(
                        "teamSize must be 1-" + MAX_TEAM_SIZE + ", got " + size,
                        inputPath("teams", String.valueOf(i), "teamSize")));
                continue;
            }
            if (t.date() != null && !dates.isEmpty() && !dates.contains(t.date())) {
                errors.add(new InvalidValueError(
                        t.date() + " is not a service day of the plan", inputPath("teams", String.valueOf(i), "date")));
                continue;
            }
            List<OutreachRequest.Team> list =
                    t.date() == null ? everyDay : dated.computeIfAbsent(t.date(), k -> new ArrayList<>());
            if (list.stream().anyMatch(x -> x.unitCode().equals(unit.code()))) {
                errors.add(new InvalidValueError(
                        "unit " + unit.code() + " is listed twice for "
                                + (t.date() == null ? "every day" : t.date().toString()),
                        inputPath("teams", String.valueOf(i), "unitId")));
                continue;
            }
            if (list.size() >= MAX_VEHICLES) {
                errors.add(new InvalidValueError(
                        "at most " + MAX_VEHICLES + " teams a day", inputPath("teams", String.valueOf(i))));
                continue;
            }
            list.add(new OutreachRequest.Team(unit.code(), unit.name(), unit.vehicleKind(), size));
        }
        for (LocalDate d : dates) {
            List<OutreachRequest.Team> day = dated.getOrDefault(d, everyDay);
            if (day.isEmpty() && errors.isEmpty()) {
                errors.add(new InvalidValueError(
                        d + " has no team: give a team without a date (every day) or one " + "for that date",
                        inputPath("teams")));
            }
            teams.add(List.copyOf(day));
        }
        return teams;
    }

    private static Map<String, PlanOutreachInput.OutreachStopInput> overrides(
            List<PlanOutreachInput.OutreachStopInput> stops,
            List<String> rws,
            LocalTime start,
            LocalTime end,
            List<UserError> errors) {
        Map<String, PlanOutreachInput.OutreachStopInput> overrides = new HashMap<>();
        if (stops == null) {
            return overrides;
        }
        for (int i = 0; i < stops.size(); i++) {
            PlanOutreachInput.OutreachStopInput s = stops.get(i);
            String code = s.rwCode() != null && RegionCode.isValid(s.rwCode())
                    ? RegionCode.parse(s.rwCode()).dotted()
                    : String.valueOf(s.rwCode());
            if (!rws.contains(code)) {
                errors.add(new InvalidValueError(
                        "RW " + s.rwCode() + " is not one of the RWs to visit",
                        inputPath("stops", String.valueOf(i), "rwCode")));
                continue;
            }
            if (overrides.put(code, s) != null) {
                errors.add(new InvalidValueError(
                        "RW " + code + " has settings twice", inputPath("stops", String.valueOf(i), "rwCode")));
            }
            if (s.serviceMinutes() != null && (s.serviceMinutes() < 1 || s.serviceMinutes() > MAX_SERVICE_MINUTES)) {
                errors.add(new InvalidValueError(
                        "serviceMinutes must be 1-" + MAX_SERVICE_MINUTES + ", got " + s.serviceMinutes(),
                        inputPath("stops", String.valueOf(i), "serviceMinutes")));
            }
            LocalTime earliest = s.earliestStart() == null ? start : s.earliestStart();
            LocalTime latest = s.latestStart() == null ? end : s.latestStart();
            if (earliest.isAfter(latest) || earliest.isBefore(start) || latest.isAfter(end)) {
                errors.add(new InvalidValueError(
                        String.format(
                                Locale.ROOT,
                                "the window %s-%s must be ordered and lie within the working hours %s-%s",
                                earliest,
                                latest,
                                start,
                                end),
                        inputPath("stops", String.valueOf(i), "earliestStart")));
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
