package id.ilpatlas.api.visits;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.events.WorkflowEvents;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.facility.FacilityErrors.StaleVersionError;
import id.ilpatlas.api.facility.FacilityErrors.UnknownServiceKeyError;
import id.ilpatlas.api.facility.LifeCycleSegments;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.outreach.OutreachPlanLifecycle;
import id.ilpatlas.api.outreach.OutreachPlanLifecycleErrors.OutreachPlanNotFoundError;
import id.ilpatlas.api.outreach.OutreachPlanStatus;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.api.targeting.LastVisits;
import id.ilpatlas.api.visits.OutreachVisitErrors.FutureVisitDateError;
import id.ilpatlas.api.visits.OutreachVisitErrors.PlanNotPublishedError;
import id.ilpatlas.api.visits.OutreachVisitErrors.RwNotInPlanError;
import id.ilpatlas.api.visits.OutreachVisitErrors.VisitOutsidePlanMonthError;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records Pusling visits and reads them back. A visit is recorded by the DINKES_ADMIN of the kab/kota or the
 * PUSKESMAS_STAFF of the plan's base (of the RW's wilayah kerja for an unplanned visit), on a stop of a PUBLISHED or
 * COMPLETED plan (dated inside the plan's month) or unplanned; never dated after today (Asia/Jakarta). One visit per
 * plan and RW (one unplanned visit per RW and day): recording it again updates it, guarded by its version. Every
 * attempt is audited; a recorded visit is announced ({@code VISIT_RECORDED}) inside its transaction.
 */
@Component
public class OutreachVisits implements LastVisits {

    static final int MAX_TEXT = 200;
    static final int MAX_NOTES = 2000;
    static final int MAX_PEOPLE = 100_000;
    static final int MAX_TEAM = 50;
    /** The life-cycle segments in the schema's order (LifeCycleSegment without SEMUA). */
    public static final List<String> SEGMENTS = LifeCycleSegments.ALL;

    /** People served in a segment, as given. */
    record SegmentCountInput(String segment, Integer people) {}

    /** The input of {@code recordOutreachVisit}. */
    record RecordOutreachVisitInput(
            String planId,
            String rwCode,
            LocalDate visitDate,
            String teamName,
            Integer teamMembers,
            List<SegmentCountInput> peopleServed,
            List<String> serviceKeys,
            Integer referrals,
            String referralFacilityType,
            String referralFacilityId,
            String notes,
            Integer version) {}

    /** The outcome: the visit (null when nothing was recorded), whether it is new, errors. */
    record Result(OutreachVisit visit, boolean created, List<UserError> errors) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final WorkflowEvents events;
    private final OutreachPlanLifecycle lifecycle;
    private final Clock clock;

    OutreachVisits(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            AuditLog audit,
            WorkflowEvents events,
            OutreachPlanLifecycle lifecycle,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    Result record(Caller caller, RecordOutreachVisitInput in) {
        String action = "recordOutreachVisit";
        if (!AccessPolicy.may(caller, Permission.RECORD_VISITS)) {
            throw denied(caller, action, null, null, "only the Dinkes or the puskesmas staff record visits");
        }
        List<UserError> errors = new ArrayList<>();
        String rw = null;
        if (in.rwCode() == null
                || !RegionCode.isValid(in.rwCode())
                || RegionCode.parse(in.rwCode()).level() != RegionLevel.RW) {
            errors.add(new InvalidRegionCodeError(
                    "not an RW code (e.g. 33.75.01.1002.RW003): " + in.rwCode(),
                    inputPath("rwCode"),
                    String.valueOf(in.rwCode())));
        } else {
            rw = RegionCode.parse(in.rwCode()).dotted();
            boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM regions WHERE code = :c AND level = 'RW')")
                    .param("c", rw)
                    .query(Boolean.class)
                    .single();
            if (!known) {
                errors.add(new InvalidRegionCodeError("unknown RW " + rw, inputPath("rwCode"), in.rwCode()));
                rw = null;
            }
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, null, null, errors);
        }
        String kabkota = rw.substring(0, 5);
        OutreachPlanLifecycle.State plan = null;
        if (in.planId() != null) {
            Optional<OutreachPlanLifecycle.State> found;
            try {
                found = lifecycle.find(Long.parseLong(in.planId().strip()));
            } catch (NumberFormatException e) {
                found = Optional.empty();
            }
            if (found.isEmpty()) {
                return rejected(
                        caller,
                        action,
                        null,
                        kabkota,
                        List.of(new OutreachPlanNotFoundError(
                                "no outreach plan " + in.planId(), inputPath("planId"), in.planId())));
            }
            plan = found.get();
            if (!OutreachPlanLifecycle.mayManage(caller, plan)) {
                throw denied(
                        caller,
                        action,
                        null,
                        plan.kabkotaCode(),
                        caller.role() == Role.DINKES_ADMIN
                                ? "the plan's kab/kota is outside your scope"
                                : "only the staff of the plan's base (" + plan.depotFacilityId()
                                        + ") record its visits");
            }
            if (plan.status() != OutreachPlanStatus.PUBLISHED && plan.status() != OutreachPlanStatus.COMPLETED) {
                errors.add(new PlanNotPublishedError(
                        "visits are recorded on a PUBLISHED or COMPLETED plan; plan " + plan.id() + " is "
                                + plan.status(),
                        inputPath("planId"),
                        plan.id(),
                        plan.status().name()));
            }
            boolean stop = jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM outreach_plan_stops
                                            WHERE kabkota_code = :k AND plan_id = :p AND rw_code = :rw)""")
                    .param("k", plan.kabkotaCode())
                    .param("p", Long.parseLong(plan.id()))
                    .param("rw", rw)
                    .query(Boolean.class)
                    .single();
            if (!stop) {
                errors.add(new RwNotInPlanError(
                        "RW " + rw + " is not a stop of plan " + plan.id(), inputPath("rwCode"), plan.id(), rw));
            }
        } else {
            boolean allowed = caller.role() == Role.DINKES_ADMIN ? caller.covers(kabkota) : caller.covers(rw);
            if (!allowed) {
                throw denied(caller, action, null, kabkota, "RW " + rw + " is outside your scope");
            }
        }
        LocalDate today = ClockConfig.serviceToday(clock);
        if (in.visitDate() == null) {
            errors.add(new InvalidValueError("give the visit date", inputPath("visitDate")));
        } else if (in.visitDate().isAfter(today)) {
            errors.add(new FutureVisitDateError(
                    "a visit is recorded when it happened: " + in.visitDate() + " is after today (" + today
                            + ", Asia/Jakarta)",
                    inputPath("visitDate"),
                    in.visitDate(),
                    today));
        } else if (plan != null
                && plan.serviceMonth() != null
                && !YearMonth.from(in.visitDate()).equals(plan.serviceMonth())) {
            errors.add(new VisitOutsidePlanMonthError(
                    "plan " + plan.id() + " is the plan of " + plan.serviceMonth() + "; " + in.visitDate()
                            + " is outside it (record an unplanned visit instead)",
                    inputPath("visitDate"),
                    in.visitDate(),
                    plan.serviceMonth().toString()));
        }
        String team = in.teamName() == null ? "" : in.teamName().strip();
        if (team.isEmpty() || team.length() > MAX_TEXT) {
            errors.add(new InvalidValueError("teamName must be 1-" + MAX_TEXT + " characters", inputPath("teamName")));
        }
        if (in.teamMembers() == null || in.teamMembers() < 1 || in.teamMembers() > MAX_TEAM) {
            errors.add(new InvalidValueError("teamMembers must be 1-" + MAX_TEAM, inputPath("teamMembers")));
        }
        Map<String, Integer> people = new LinkedHashMap<>();
        List<SegmentCountInput> served = in.peopleServed() == null ? List.of() : in.peopleServed();
        for (int i = 0; i < served.size(); i++) {
            SegmentCountInput s = served.get(i);
            List<String> field = inputPath("peopleServed", String.valueOf(i));
            if (s.segment() == null || s.segment().equals("SEMUA")) {
                errors.add(new InvalidValueError("give a life-cycle segment (not SEMUA)", field));
            } else if (people.containsKey(s.segment())) {
                errors.add(new InvalidValueError("segment " + s.segment() + " given twice", field));
            } else if (s.people() == null || s.people() < 0 || s.people() > MAX_PEOPLE) {
                errors.add(new InvalidValueError("people must be 0-" + MAX_PEOPLE, field));
            } else {
                people.put(s.segment(), s.people());
            }
        }
        Set<String> services = new LinkedHashSet<>();
        List<String> keys = in.serviceKeys() == null ? List.of() : in.serviceKeys();
        Set<String> catalogue = keys.isEmpty()
                ? Set.of()
                : Set.copyOf(jdbc.sql("SELECT key FROM services WHERE key = ANY (CAST(:k AS text[]))")
                        .param("k", keys.toArray(String[]::new))
                        .query(String.class)
                        .list());
        for (int i = 0; i < keys.size(); i++) {
            if (!catalogue.contains(keys.get(i))) {
                errors.add(new UnknownServiceKeyError(
                        "not a service of the ILP catalogue: " + keys.get(i) + " (see the `services` query)",
                        inputPath("serviceKeys", String.valueOf(i)),
                        String.valueOf(keys.get(i))));
            } else {
                services.add(keys.get(i));
            }
        }
        int referrals = in.referrals() == null ? 0 : in.referrals();
        if (referrals < 0 || referrals > MAX_PEOPLE) {
            errors.add(new InvalidValueError("referrals must be 0-" + MAX_PEOPLE, inputPath("referrals")));
        }
        Long referralFacility = null;
        String referralType = in.referralFacilityType();
        if (in.referralFacilityId() != null) {
            List<Map<String, Object>> facility = jdbc.sql("SELECT id, type FROM facilities WHERE code = :c")
                    .param("c", in.referralFacilityId())
                    .query()
                    .listOfRows();
            if (facility.isEmpty()) {
                errors.add(new InvalidValueError(
                        "no facility " + in.referralFacilityId(), inputPath("referralFacilityId")));
            } else {
                referralFacility = ((Number) facility.get(0).get("id")).longValue();
                String actual = (String) facility.get(0).get("type");
                if (referralType != null && !referralType.equals(actual)) {
                    errors.add(new InvalidValueError(
                            "facility " + in.referralFacilityId() + " is a " + actual + ", not a " + referralType,
                            inputPath("referralFacilityType")));
                }
                referralType = actual;
            }
        }
        if ((referralType != null || referralFacility != null) && referrals == 0) {
            errors.add(
                    new InvalidValueError("a referral facility is given with referrals = 0", inputPath("referrals")));
        }
        String notes =
                in.notes() == null || in.notes().isBlank() ? null : in.notes().strip();
        if (notes != null && notes.length() > MAX_NOTES) {
            errors.add(new InvalidValueError("notes must be at most " + MAX_NOTES + " characters", inputPath("notes")));
        }
        Optional<OutreachVisit> existing = plan != null
                ? findForPlan(kabkota, Long.parseLong(plan.id()), rw)
                : in.visitDate() == null ? Optional.empty() : findUnplanned(kabkota, rw, in.visitDate());
        if (existing.isPresent() && in.version() == null) {
            errors.add(new InvalidValueError(
                    "give the version you read to correct a visit: a visit of RW " + rw
                            + (plan != null ? " on plan " + plan.id() : " on " + in.visitDate())
                            + " is already recorded (id "
                            + existing.get().id() + ", version "
                            + existing.get().version() + ")",
                    inputPath("version")));
        } else if (existing.isPresent() && in.version() != existing.get().version()) {
            errors.add(new StaleVersionError(
                    "a visit of RW " + rw + (plan != null ? " on plan " + plan.id() : " on " + in.visitDate())
                            + " is already recorded (id " + existing.get().id() + ", version "
                            + existing.get().version() + "): send its version to correct it",
                    inputPath("version"),
                    in.version(),
                    existing.get().version()));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, existing.map(OutreachVisit::id).orElse(null), kabkota, errors);
        }
        String peopleJson = JSON.writeValueAsString(people);
        int total = people.values().stream().mapToInt(Integer::intValue).sum();
        Long planKey = plan == null ? null : Long.parseLong(plan.id());
        Long facilityKey = referralFacility;
        String type = referralType;
        String rwCode = rw;
        // The fields an insert and a correction both write.
        UnaryOperator<JdbcClient.StatementSpec> visitFields = statement -> statement
                .param("date", in.visitDate())
                .param("team", team)
                .param("members", in.teamMembers())
                .param("people", peopleJson)
                .param("total", total)
                .param("services", services.toArray(String[]::new))
                .param("referrals", referrals)
                .param("type", type)
                .param("facility", facilityKey)
                .param("notes", notes)
                .param("by", caller.actor());
        List<UserError> failure = new ArrayList<>();
        long id = transactions.execute(status -> {
            long visitId;
            String before = null;
            if (existing.isEmpty()) {
                visitId = visitFields
                        .apply(jdbc.sql("""
                                INSERT INTO outreach_visits (kabkota_code, plan_id, rw_code, visit_date, team_name,
                                       team_members, people_served, people_total, service_keys, referrals,
                                       referral_facility_type, referral_facility_id, notes, recorded_by, recorded_role)
                                VALUES (:k, :plan, :rw, :date, :team, :members, CAST(:people AS jsonb), :total,
                                        CAST(:services AS text[]), :referrals, :type, :facility, :notes, :by, :role)
                                RETURNING id"""))
                        .param("k", kabkota)
                        .param("plan", planKey)
                        .param("rw", rwCode)
                        .param("role", caller.role().name())
                        .query(Long.class)
                        .single();
            } else {
                visitId = Long.parseLong(existing.get().id());
                before = snapshot(kabkota, visitId);
                int updated = visitFields
                        .apply(jdbc.sql("""
                                UPDATE outreach_visits SET visit_date = :date, team_name = :team,
                                       team_members = :members, people_served = CAST(:people AS jsonb),
                                       people_total = :total, service_keys = CAST(:services AS text[]),
                                       referrals = :referrals, referral_facility_type = :type,
                                       referral_facility_id = :facility, notes = :notes, updated_by = :by,
                                       updated_at = now(), version = version + 1
                                 WHERE kabkota_code = :k AND id = :id AND version = :v"""))
                        .param("k", kabkota)
                        .param("id", visitId)
                        .param("v", in.version())
                        .update();
                if (updated == 0) {
                    OutreachVisit now = find(visitId).orElseThrow();
                    failure.add(new StaleVersionError(
                            "visit " + visitId + " changed since you read it (version " + in.version() + ", now "
                                    + now.version() + "): reload and try again",
                            inputPath("version"),
                            in.version(),
                            now.version()));
                    status.setRollbackOnly();
                    return visitId;
                }
            }
            audit.record(
                    caller,
                    action,
                    "OutreachVisit",
                    String.valueOf(visitId),
                    kabkota,
                    AuditLog.Outcome.DONE,
                    existing.isEmpty() ? "created" : "updated",
                    before,
                    snapshot(kabkota, visitId));
            events.publish(
                    WorkflowEvent.Kind.VISIT_RECORDED,
                    String.valueOf(visitId),
                    kabkota,
                    List.of(rwCode),
                    existing.isEmpty() ? "RECORDED" : "CORRECTED",
                    caller.actor());
            return visitId;
        });
        if (!failure.isEmpty()) {
            return rejected(caller, action, String.valueOf(id), kabkota, failure);
        }
        return new Result(find(id).orElseThrow(), existing.isEmpty(), List.of());
    }

    private AccessDeniedException denied(Caller caller, String action, String id, String kabkota, String why) {
        audit.record(caller, action, "OutreachVisit", id, kabkota, AuditLog.Outcome.DENIED, why, null, null);
        return new AccessDeniedException(why);
    }

    private Result rejected(Caller caller, String action, String id, String kabkota, List<UserError> errors) {
        audit.rejected(caller, action, "OutreachVisit", id, kabkota, errors);
        return new Result(null, false, List.copyOf(errors));
    }

    // ------------------------------------------------------------------------------------------------ reads

    static final String SELECT = """
            SELECT v.*, r.name AS rw_name, k.name AS kel_name, f.code AS referral_code,
                   to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS recorded_text,
                   to_char(v.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_text
              FROM outreach_visits v
              JOIN regions r ON r.code = v.rw_code
              JOIN regions k ON k.code = r.parent_code
              LEFT JOIN facilities f ON f.id = v.referral_facility_id""";

    public Optional<OutreachVisit> find(long id) {
        return jdbc.sql(SELECT + "\nWHERE v.id = :id")
                .param("id", id)
                .query(OutreachVisits::row)
                .optional();
    }

    private Optional<OutreachVisit> findForPlan(String kabkota, long plan, String rw) {
        return jdbc.sql(SELECT + "\nWHERE v.kabkota_code = :k AND v.plan_id = :p AND v.rw_code = :rw")
                .param("k", kabkota)
                .param("p", plan)
                .param("rw", rw)
                .query(OutreachVisits::row)
                .optional();
    }

    private Optional<OutreachVisit> findUnplanned(String kabkota, String rw, LocalDate date) {
        return jdbc.sql(SELECT + "\nWHERE v.kabkota_code = :k AND v.plan_id IS NULL AND v.rw_code = :rw"
                        + " AND v.visit_date = :d")
                .param("k", kabkota)
                .param("rw", rw)
                .param("d", date)
                .query(OutreachVisits::row)
                .optional();
    }

    /** The visits recorded on each of the plans (ids), by date then RW; one query for them all. */
    public Map<String, List<OutreachVisit>> ofPlans(List<String> kabkotaCodes, List<Long> plans) {
        Map<String, List<OutreachVisit>> out = new HashMap<>();
        if (plans.isEmpty()) {
            return out;
        }
        jdbc.sql(SELECT + """

                         WHERE v.kabkota_code = ANY (CAST(:k AS text[])) AND v.plan_id = ANY (CAST(:p AS bigint[]))
                         ORDER BY v.visit_date, v.rw_code""")
                .param("k", kabkotaCodes.toArray(String[]::new))
                .param("p", plans.toArray(Long[]::new))
                .query(OutreachVisits::row)
                .list()
                .forEach(v ->
                        out.computeIfAbsent(v.planId(), k -> new ArrayList<>()).add(v));
        return out;
    }

    /** The latest visit (by date, then recording) of each RW given that has one. */
    public Map<String, OutreachVisit> lastVisits(List<String> rwCodes) {
        Map<String, OutreachVisit> out = new HashMap<>();
        if (rwCodes.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT DISTINCT ON (v.rw_code) * FROM (" + SELECT + """

                         WHERE v.kabkota_code = ANY (CAST(:k AS text[])) AND v.rw_code = ANY (CAST(:rws AS text[]))
                        ) v ORDER BY v.rw_code, v.visit_date DESC, v.id DESC""")
                .param(
                        "k",
                        rwCodes.stream().map(c -> c.substring(0, 5)).distinct().toArray(String[]::new))
                .param("rws", rwCodes.toArray(String[]::new))
                .query(OutreachVisits::row)
                .list()
                .forEach(v -> out.put(v.rwCode(), v));
        return out;
    }

    /** The date of the latest visit of each RW given that has one (for targetCandidates). */
    @Override
    public Map<String, LocalDate> lastVisitDates(List<String> rwCodes) {
        Map<String, LocalDate> out = new HashMap<>();
        if (rwCodes.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        SELECT rw_code, max(visit_date) FROM outreach_visits
                         WHERE kabkota_code = ANY (CAST(:k AS text[])) AND rw_code = ANY (CAST(:rws AS text[]))
                         GROUP BY rw_code""")
                .param(
                        "k",
                        rwCodes.stream().map(c -> c.substring(0, 5)).distinct().toArray(String[]::new))
                .param("rws", rwCodes.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .list();
        return out;
    }

    static OutreachVisit row(ResultSet rs, int n) throws SQLException {
        List<OutreachVisit.SegmentCount> served = segments(rs.getString("people_served"));
        Long plan = rs.getObject("plan_id", Long.class);
        return new OutreachVisit(
                String.valueOf(rs.getLong("id")),
                rs.getString("kabkota_code"),
                plan == null ? null : String.valueOf(plan),
                rs.getString("rw_code"),
                rs.getString("rw_name"),
                rs.getString("kel_name"),
                rs.getObject("visit_date", LocalDate.class),
                rs.getString("team_name"),
                rs.getInt("team_members"),
                served,
                rs.getInt("people_total"),
                List.of((String[]) rs.getArray("service_keys").getArray()),
                rs.getInt("referrals"),
                rs.getString("referral_facility_type"),
                rs.getString("referral_code"),
                rs.getString("notes"),
                rs.getString("recorded_by"),
                rs.getString("recorded_text"),
                rs.getString("updated_by"),
                rs.getString("updated_text"),
                rs.getInt("version"));
    }

    /** People per segment of a {@code people_served} JSON object, in the schema's segment order. */
    static List<OutreachVisit.SegmentCount> segments(String json) {
        Map<?, ?> people = JSON.readValue(json, Map.class);
        List<OutreachVisit.SegmentCount> served = new ArrayList<>();
        for (String segment : SEGMENTS) {
            if (people.get(segment) instanceof Number n) {
                served.add(new OutreachVisit.SegmentCount(segment, n.intValue()));
            }
        }
        return served;
    }

    /** The visit as JSON text for the audit log. */
    private String snapshot(String kabkota, long id) {
        return jdbc.sql("""
                        SELECT (to_jsonb(v) - 'recorded_at' - 'updated_at')::text FROM outreach_visits v
                         WHERE v.kabkota_code = :k AND v.id = :id""")
                .param("k", kabkota)
                .param("id", id)
                .query(String.class)
                .single();
    }
}
