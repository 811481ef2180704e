package id.ilpatlas.api.calendar;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.calendar.CalendarErrors.DayOffExistsError;
import id.ilpatlas.api.calendar.CalendarErrors.DayOffNotFoundError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The days off of a kab/kota: the national ones (LIBUR_NASIONAL, CUTI_BERSAMA) and its own (LIBUR_DAERAH), which the
 * DINKES_ADMIN of that kab/kota adds and removes (audited; refusals are typed errors, other roles FORBIDDEN). Adding a
 * day off does not move the visits of published plans: it says which PUBLISHED plans visit RWs on that day
 * ({@link AffectedPlan}), so that the Dinkes can tell their bases (each such plan also carries a note when read).
 */
@Component
public class CalendarDaysOff {

    static final int MAX_NAME = 200;

    /** The GraphQL input {@code AddDayOffInput}. */
    public record AddDayOffInput(String kabkotaCode, LocalDate date, String name, String source) {}

    /** The GraphQL input {@code RemoveDayOffInput}. */
    public record RemoveDayOffInput(String kabkotaCode, LocalDate date) {}

    /** The outcome of a change: the day off added or removed, or the errors; the PUBLISHED plans visiting that day. */
    public record Change(DayOff dayOff, List<UserError> errors, List<AffectedPlan> affectedPlans) {

        Change(DayOff dayOff, List<UserError> errors) {
            this(dayOff, errors, List.of());
        }
    }

    /** A PUBLISHED plan with visits on a new day off: the plan, its base and the RWs it visits that day. */
    public record AffectedPlan(
            String planId, String name, String baseFacilityId, String baseName, LocalDate date, List<String> rwCodes) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;

    CalendarDaysOff(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * The days off of a kab/kota between two dates (inclusive), by date; where the kab/kota has its own day off on a
     * national one, the national one is kept.
     */
    public Map<LocalDate, DayOff> daysOff(String kabkotaCode, LocalDate from, LocalDate to) {
        Map<LocalDate, DayOff> days = new TreeMap<>();
        for (DayOff d : list(kabkotaCode, from, to)) {
            days.putIfAbsent(d.date(), d);
        }
        return days;
    }

    /** Every day off of a kab/kota between two dates (inclusive), by date, national first. */
    public List<DayOff> list(String kabkotaCode, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT date, kind, name, source, kabkota_code FROM calendar_days_off
                         WHERE (kabkota_code IS NULL OR kabkota_code = :k) AND date BETWEEN :from AND :to
                         ORDER BY date, kabkota_code NULLS FIRST""")
                .param("k", kabkotaCode)
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> dayOff(rs))
                .list();
    }

    /** Adds a day off of the kab/kota. */
    public Change add(Caller caller, AddDayOffInput in) {
        List<UserError> errors = new ArrayList<>();
        String kabkota = kabkota(caller, "addDayOff", in.kabkotaCode(), errors);
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            errors.add(new InvalidValueError("name must be 1-" + MAX_NAME + " characters", inputPath("name")));
        }
        String source = in.source() == null || in.source().isBlank()
                ? "Dinkes " + kabkota
                : in.source().strip();
        if (errors.isEmpty()) {
            DayOff existing = daysOff(kabkota, in.date(), in.date()).get(in.date());
            if (existing != null) {
                errors.add(new DayOffExistsError(
                        in.date() + " is already a day off in " + kabkota + ": " + existing.name() + " ("
                                + existing.kind() + ")",
                        inputPath("date"),
                        existing));
            }
        }
        if (!errors.isEmpty()) {
            rejected(caller, "addDayOff", kabkota, errors);
            return new Change(null, List.copyOf(errors));
        }
        DayOff added = new DayOff(in.date(), "LIBUR_DAERAH", name, source, kabkota);
        List<AffectedPlan> affected = affectedPlans(kabkota, in.date());
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO calendar_days_off (kabkota_code, date, kind, name, source, created_by)
                            VALUES (:k, :date, 'LIBUR_DAERAH', :name, :source, :by)""")
                    .param("k", kabkota)
                    .param("date", in.date())
                    .param("name", name)
                    .param("source", source)
                    .param("by", caller.actor())
                    .update();
            audit.record(
                    caller,
                    "addDayOff",
                    "DayOff",
                    in.date().toString(),
                    kabkota,
                    AuditLog.Outcome.DONE,
                    affected.isEmpty()
                            ? name
                            : name + "; published plans visiting that day: "
                                    + String.join(
                                            ", ",
                                            affected.stream()
                                                    .map(AffectedPlan::planId)
                                                    .toList()),
                    null,
                    null);
        });
        return new Change(added, List.of(), affected);
    }

    /** Removes a day off of the kab/kota's own (national ones are changed by loading an amended decree). */
    public Change remove(Caller caller, RemoveDayOffInput in) {
        List<UserError> errors = new ArrayList<>();
        String kabkota = kabkota(caller, "removeDayOff", in.kabkotaCode(), errors);
        if (!errors.isEmpty()) {
            rejected(caller, "removeDayOff", kabkota, errors);
            return new Change(null, List.copyOf(errors));
        }
        List<DayOff> removed = transactions.execute(status -> {
            List<DayOff> rows = jdbc.sql("""
                            DELETE FROM calendar_days_off WHERE kabkota_code = :k AND date = :date
                            RETURNING date, kind, name, source, kabkota_code""")
                    .param("k", kabkota)
                    .param("date", in.date())
                    .query((rs, n) -> dayOff(rs))
                    .list();
            if (!rows.isEmpty()) {
                audit.record(
                        caller,
                        "removeDayOff",
                        "DayOff",
                        in.date().toString(),
                        kabkota,
                        AuditLog.Outcome.DONE,
                        rows.get(0).name(),
                        null,
                        null);
            }
            return rows;
        });
        if (removed.isEmpty()) {
            List<UserError> notFound = List.of(new DayOffNotFoundError(
                    kabkota + " has no day off of its own on " + in.date()
                            + " (national days off change only with the decree)",
                    inputPath("date"),
                    in.date()));
            rejected(caller, "removeDayOff", kabkota, notFound);
            return new Change(null, notFound);
        }
        return new Change(removed.get(0), List.of());
    }

    /** The PUBLISHED plans of the kab/kota with visits on {@code date}, by plan id. */
    public List<AffectedPlan> affectedPlans(String kabkota, LocalDate date) {
        return jdbc.sql("""
                        SELECT p.id, p.name, f.code AS base_code, f.name AS base_name,
                               array_agg(s.rw_code ORDER BY s.rw_code) AS rws
                          FROM outreach_plans p
                          JOIN outreach_plan_stops s ON s.kabkota_code = p.kabkota_code AND s.plan_id = p.id
                          JOIN facilities f ON f.id = p.depot_facility_id
                         WHERE p.kabkota_code = :k AND p.status = 'PUBLISHED' AND s.service_date = :date
                         GROUP BY p.id, p.name, f.code, f.name ORDER BY p.id""")
                .param("k", kabkota)
                .param("date", date)
                .query((rs, n) -> new AffectedPlan(
                        String.valueOf(rs.getLong("id")),
                        rs.getString("name"),
                        rs.getString("base_code"),
                        rs.getString("base_name"),
                        date,
                        List.of((String[]) rs.getArray("rws").getArray())))
                .list();
    }

    /** The dotted kab/kota code, checked: a DINKES_ADMIN covering it, else FORBIDDEN (audited). */
    private String kabkota(Caller caller, String action, String given, List<UserError> errors) {
        if (given == null
                || !RegionCode.isValid(given)
                || RegionCode.parse(given).level() != RegionLevel.KABKOTA) {
            if (!AccessPolicy.may(caller, Permission.KEEP_DAYS_OFF)) {
                throw denied(caller, action, null, "only the Dinkes keeps the days off of its kab/kota");
            }
            errors.add(new InvalidRegionCodeError(
                    "not a kab/kota code (e.g. 33.75): " + given, inputPath("kabkotaCode"), String.valueOf(given)));
            return given;
        }
        String kabkota = RegionCode.parse(given).dotted();
        if (!AccessPolicy.may(caller, Permission.KEEP_DAYS_OFF) || !caller.covers(kabkota)) {
            throw denied(caller, action, kabkota, "only the Dinkes of " + kabkota + " keeps its days off");
        }
        return kabkota;
    }

    private void rejected(Caller caller, String action, String kabkota, List<UserError> errors) {
        audit.record(
                caller,
                action,
                "DayOff",
                null,
                kabkota,
                AuditLog.Outcome.REJECTED,
                errors.get(0).getClass().getSimpleName() + " "
                        + String.join(".", errors.get(0).field()),
                null,
                null);
    }

    private AccessDeniedException denied(Caller caller, String action, String kabkota, String why) {
        audit.record(caller, action, "DayOff", null, kabkota, AuditLog.Outcome.DENIED, why, null, null);
        return new AccessDeniedException(why);
    }

    private static DayOff dayOff(ResultSet rs) throws SQLException {
        return new DayOff(
                rs.getObject("date", LocalDate.class),
                rs.getString("kind"),
                rs.getString("name"),
                rs.getString("source"),
                rs.getString("kabkota_code"));
    }
}
