package id.ilpatlas.api.outreach.schedule;

import id.ilpatlas.api.Sql;
import id.ilpatlas.api.calendar.CalendarDaysOff;
import id.ilpatlas.api.calendar.DayOff;
import id.ilpatlas.api.outreach.AreaMonth;
import id.ilpatlas.api.outreach.OutreachPlan;
import id.ilpatlas.api.outreach.OutreachPlanLifecycle;
import id.ilpatlas.api.outreach.OutreachPlanStatus;
import id.ilpatlas.api.outreach.OutreachPlans;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.schedule.MonthlySession;
import id.ilpatlas.geo.schedule.WeekOfMonth;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Pusling schedule of an area and month, for the field: per day, the visits of the PUBLISHED and COMPLETED plans
 * and of the CANCELLED plans that had been published (marked, with the reason, so that the kader knows the Pusling is
 * not coming; a DRAFT is never shown here) to the RWs inside the region and the caller's scope, the sessions of the
 * posyandu serving those RWs, so that a kader sees "Pusling datang" and "Posyandu" days together, and the day off of
 * the kab/kota on that day, if any. Times are to the minute. The Dinkes, puskesmas staff, camat, lurah and kader read
 * it (a kader's scope is its posyandu's RWs); planner and anonymous callers are FORBIDDEN.
 */
@Component
public class OutreachSchedule {

    static final List<OutreachPlanStatus> SHOWN =
            List.of(OutreachPlanStatus.PUBLISHED, OutreachPlanStatus.COMPLETED, OutreachPlanStatus.CANCELLED);

    /**
     * A Pusling visit of the schedule; times to the minute.
     *
     * @param unitName the name of the route's Pusling unit; null for plans made before teams were recorded
     * @param teamSize people in the team that day; null likewise
     * @param vehicleKind {@code MOBIL_PUSLING}, {@code AMBULANS} or {@code MOTOR}; null likewise
     * @param cancelReason why the plan was cancelled; null unless CANCELLED
     */
    public record Visit(
            LocalDate date,
            String rwCode,
            String rwName,
            String kelurahanCode,
            String kelurahanName,
            LocalTime arrival,
            LocalTime serviceStart,
            LocalTime serviceEnd,
            double legDistanceMeters,
            String baseFacilityId,
            String baseName,
            int vehicle,
            int sequence,
            String planId,
            String planName,
            String planStatus,
            String cancelReason,
            String unitName,
            Integer teamSize,
            String vehicleKind) {

        public Visit {
            arrival = arrival.truncatedTo(ChronoUnit.MINUTES);
            serviceStart = serviceStart.truncatedTo(ChronoUnit.MINUTES);
            serviceEnd = serviceEnd.truncatedTo(ChronoUnit.MINUTES);
        }

        /** The Pusling unit's name, e.g. {@code Pusling Tirto 1}; {@code Tim 1} for a plan without teams recorded. */
        public String teamName() {
            return unitName != null ? unitName : "Tim " + vehicle;
        }

        /** {@code Mobil Pusling}, {@code Ambulans}, {@code Sepeda motor}; null when not recorded. */
        public String vehicleLabel() {
            return vehicleKind == null ? null : IndonesianFormat.vehicle(vehicleKind);
        }

        /** {@code Pusling Tirto 1 (Mobil Pusling, 4 orang)}: the team as the jadwal prints it. */
        public String teamText() {
            if (vehicleKind == null && teamSize == null) {
                return teamName();
            }
            List<String> parts = new ArrayList<>();
            if (vehicleKind != null) {
                parts.add(vehicleLabel());
            }
            if (teamSize != null) {
                parts.add(teamSize + " orang");
            }
            return teamName() + " (" + String.join(", ", parts) + ")";
        }

        /** The plan's printable schedule (HTML). */
        public String jadwalHtmlPath() {
            return JadwalDocuments.path(planId, "html");
        }

        /** The plan's printable schedule (PDF). */
        public String jadwalPdfPath() {
            return JadwalDocuments.path(planId, "pdf");
        }

        /** The plan's schedule (CSV). */
        public String jadwalCsvPath() {
            return JadwalDocuments.path(planId, "csv");
        }

        /** {@code 08.00–10.00}: service start to end. */
        public String timeText() {
            return IndonesianFormat.timeRange(serviceStart, serviceEnd);
        }
    }

    /** A posyandu session of the schedule, with the posyandu's RWs among the schedule's. */
    public record PosyanduSession(
            LocalDate date,
            String posyanduId,
            String posyanduName,
            String kelurahanName,
            List<String> rwCodes,
            LocalTime startTime,
            LocalTime endTime) {

        /** {@code 08.00–11.00}. */
        public String timeText() {
            return IndonesianFormat.timeRange(startTime, endTime);
        }
    }

    /** One day of the schedule; {@code dayOff} the kab/kota's day off on that date, null on a working day. */
    public record Day(
            LocalDate date, List<Visit> puslingVisits, List<PosyanduSession> posyanduSessions, DayOff dayOff) {

        /** {@code Senin}. */
        public String dayName() {
            return IndonesianFormat.dayName(date);
        }

        /** {@code Senin, 7 Desember 2026}. */
        public String dateText() {
            return IndonesianFormat.longDate(date);
        }
    }

    /** The schedule of a region and month. */
    public record Schedule(String regionCode, YearMonth yearMonth, List<Day> days) {

        /** {@code 2026-12}. */
        public String month() {
            return yearMonth.toString();
        }

        /** {@code Desember 2026}. */
        public String monthName() {
            return IndonesianFormat.month(yearMonth);
        }
    }

    /**
     * One plan's schedule, for the printable documents.
     *
     * @param cancelReason why the plan was cancelled; null unless CANCELLED
     * @param daysOff the kab/kota's days off on the dates of the visits and sessions
     */
    public record PlanSchedule(
            OutreachPlan plan,
            OutreachPlanStatus status,
            String cancelReason,
            YearMonth month,
            String baseName,
            List<Visit> visits,
            List<PosyanduSession> posyanduSessions,
            Map<LocalDate, DayOff> daysOff) {}

    private final JdbcClient jdbc;
    private final OutreachPlans plans;
    private final OutreachPlanLifecycle lifecycle;
    private final CalendarDaysOff calendar;

    OutreachSchedule(JdbcClient jdbc, OutreachPlans plans, OutreachPlanLifecycle lifecycle, CalendarDaysOff calendar) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.calendar = calendar;
    }

    /** The schedule of a month ({@code yyyy-MM}) inside a region (a kota or a region inside one) and the scope. */
    public Schedule ofMonth(Caller caller, String regionCode, String month) {
        reader(caller);
        AreaMonth area = AreaMonth.of(caller, regionCode, month);
        String code = area.regionCode();
        YearMonth ym = area.month();
        List<Visit> visits = visits(area.kabkotaCode(), null, SHOWN, ym, code, caller.scope());
        List<String> rws = jdbc.sql("""
                        SELECT r.code FROM regions r
                         WHERE r.level = 'RW' AND (r.code = :region OR r.code LIKE :region || '.%')
                           AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                                        WHERE r.code = sc OR r.code LIKE sc || '.%')""")
                .param("region", code)
                .param("scope", caller.scope().toArray(String[]::new))
                .query(String.class)
                .list();
        List<PosyanduSession> sessions = posyanduSessions(rws, ym);
        Map<LocalDate, DayOff> daysOff = calendar.daysOff(area.kabkotaCode(), ym.atDay(1), ym.atEndOfMonth());
        Map<LocalDate, Day> days = new TreeMap<>();
        for (Visit v : visits) {
            days.computeIfAbsent(v.date(), d -> new Day(d, new ArrayList<>(), new ArrayList<>(), daysOff.get(d)))
                    .puslingVisits()
                    .add(v);
        }
        for (PosyanduSession s : sessions) {
            days.computeIfAbsent(s.date(), d -> new Day(d, new ArrayList<>(), new ArrayList<>(), daysOff.get(d)))
                    .posyanduSessions()
                    .add(s);
        }
        return new Schedule(code, ym, List.copyOf(days.values()));
    }

    /**
     * A plan's schedule when the caller may print it: the plan readers (Dinkes, puskesmas, camat, lurah) and kader
     * whose scope holds an RW of the plan; the field roles (camat, lurah, kader) only for a PUBLISHED or COMPLETED
     * plan, or a CANCELLED one that had been published (printed as cancelled, with the reason), and only with the
     * stops of their own RWs. Empty (a 404) otherwise; FORBIDDEN for planner and anonymous.
     */
    public Optional<PlanSchedule> ofPlan(Caller caller, String id) {
        reader(caller);
        Optional<OutreachPlan> found = plans.findVisible(caller, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long key = Long.parseLong(id.strip()); // a number: findVisible found the plan
        Optional<OutreachPlanLifecycle.State> state = lifecycle.find(key);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        boolean field = AccessPolicy.may(caller, Permission.READ_SCHEDULE_AS_FIELD);
        if (field
                && (!SHOWN.contains(state.get().status())
                        || state.get().status() == OutreachPlanStatus.CANCELLED
                                && state.get().publishedAt() == null)) {
            return Optional.empty();
        }
        OutreachPlan plan = found.get();
        YearMonth month = state.get().serviceMonth();
        List<String> scope = field ? caller.scope() : List.of(plan.kabkotaCode());
        List<LocalDate> dates = plan.serviceDates();
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElse(month.atDay(1));
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElse(month.atEndOfMonth());
        List<Visit> visits =
                visits(plan.kabkotaCode(), key, List.of(state.get().status()), first, last, plan.kabkotaCode(), scope);
        List<String> rws = visits.stream().map(Visit::rwCode).distinct().toList();
        String baseName = jdbc.sql("SELECT name FROM facilities WHERE id = :id")
                .param("id", plan.depotInternalId())
                .query(String.class)
                .single();
        List<PosyanduSession> sessions = posyanduSessions(rws, month);
        Map<LocalDate, DayOff> daysOff = calendar.daysOff(plan.kabkotaCode(), month.atDay(1), month.atEndOfMonth());
        return Optional.of(new PlanSchedule(
                plan, state.get().status(), state.get().cancelReason(), month, baseName, visits, sessions, daysOff));
    }

    private static void reader(Caller caller) {
        if (!AccessPolicy.may(caller, Permission.READ_SCHEDULE)) {
            throw new AccessDeniedException(
                    "the Pusling schedule is for the Dinkes, puskesmas, camat, lurah and kader");
        }
    }

    private List<Visit> visits(
            String kabkota,
            Long plan,
            List<OutreachPlanStatus> statuses,
            YearMonth month,
            String region,
            List<String> scope) {
        return visits(kabkota, plan, statuses, month.atDay(1), month.atEndOfMonth(), region, scope);
    }

    private List<Visit> visits(
            String kabkota,
            Long plan,
            List<OutreachPlanStatus> statuses,
            LocalDate first,
            LocalDate last,
            String region,
            List<String> scope) {
        return jdbc.sql(Sql.load("sql/outreach/schedule-visits.sql"))
                .param("kabkota", kabkota)
                .param("plan", plan)
                .param(
                        "statuses",
                        statuses.stream().map(OutreachPlanStatus::name).toArray(String[]::new))
                .param("first", first)
                .param("last", last)
                .param("region", region)
                .param("scope", scope.toArray(String[]::new))
                .query((rs, n) -> new Visit(
                        rs.getObject("service_date", LocalDate.class),
                        rs.getString("rw_code"),
                        rs.getString("rw_name"),
                        rs.getString("kel_code"),
                        rs.getString("kel_name"),
                        rs.getObject("arrival", LocalTime.class),
                        rs.getObject("service_start", LocalTime.class),
                        rs.getObject("departure", LocalTime.class),
                        rs.getDouble("leg_distance_meters"),
                        rs.getString("base_code"),
                        rs.getString("base_name"),
                        rs.getInt("vehicle"),
                        rs.getInt("sequence"),
                        String.valueOf(rs.getLong("plan_id")),
                        rs.getString("plan_name"),
                        rs.getString("status"),
                        rs.getString("cancel_reason"),
                        rs.getString("team_name"),
                        rs.getObject("team_size", Integer.class),
                        rs.getString("vehicle_kind")))
                .list();
    }

    /** The sessions in {@code month} of the posyandu serving any of {@code rws}, by date then posyandu. */
    private List<PosyanduSession> posyanduSessions(List<String> rws, YearMonth month) {
        if (rws.isEmpty()) {
            return List.of();
        }
        List<PosyanduSession> out = new ArrayList<>();
        jdbc.sql(Sql.load("sql/outreach/schedule-posyandu.sql"))
                .param("rws", rws.toArray(String[]::new))
                .query((rs, n) -> {
                    MonthlySession session = new MonthlySession(
                            WeekOfMonth.of(rs.getInt("week_of_month")),
                            DayOfWeek.of(rs.getInt("day_of_week")),
                            rs.getObject("starts_at", LocalTime.class),
                            rs.getObject("ends_at", LocalTime.class));
                    String code = rs.getString("code");
                    String name = rs.getString("name");
                    String kelurahan = rs.getString("kel_name");
                    List<String> served = List.of((String[]) rs.getArray("rws").getArray());
                    session.dateIn(month)
                            .ifPresent(date -> out.add(new PosyanduSession(
                                    date, code, name, kelurahan, served, session.startTime(), session.endTime())));
                    return code;
                })
                .list();
        out.sort((a, b) -> a.date().equals(b.date())
                ? a.posyanduId().compareTo(b.posyanduId())
                : a.date().compareTo(b.date()));
        return out;
    }
}
