package id.ilpatlas.api.outreach;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.events.WorkflowEvents;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.facility.FacilityErrors.StaleVersionError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.outreach.OutreachPlanLifecycleErrors.InvalidPlanTransitionError;
import id.ilpatlas.api.outreach.OutreachPlanLifecycleErrors.OutreachPlanNotFoundError;
import id.ilpatlas.api.outreach.OutreachPlanLifecycleErrors.PlanAlreadyPublishedError;
import id.ilpatlas.api.outreach.OutreachPlanLifecycleErrors.PlanNotOverError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.security.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle of a Pusling plan: a plan is a DRAFT when computed; PUBLISHED makes it the official plan of its base
 * (depot facility) for its month (the month of its first service day) — at most one per base and month, a second is
 * refused with a {@link PlanAlreadyPublishedError} naming the first (cancel that one first); a COMPLETED plan keeps its
 * base and month too (a plan completed early must not let a second one be published: a double-booked team);
 * PUBLISHED → COMPLETED when the month's visits are done, never before the plan's last service day (Asia/Jakarta,
 * {@link PlanNotOverError}); DRAFT or PUBLISHED → CANCELLED with a reason (kept for the record); a DRAFT may be
 * deleted (a published plan is cancelled instead). Only the DINKES_ADMIN of the kab/kota and the PUSKESMAS_STAFF of the
 * base change a plan; anyone else is FORBIDDEN. Writes are guarded by the version (optimistic locking); every attempt
 * — done, rejected or denied — is in the audit log, done ones with the plan before and after as JSON; each change is
 * announced ({@link WorkflowEvents}) inside its transaction.
 */
@Component
public class OutreachPlanLifecycle {

    static final int MAX_REASON = 2000;

    /** A plan's lifecycle columns, with what decides who may change it and who hears of it. */
    public record State(
            String id,
            String kabkotaCode,
            long depotInternalId,
            String depotFacilityId,
            String name,
            OutreachPlanStatus status,
            int version,
            YearMonth serviceMonth,
            String cancelReason,
            String statusChangedBy,
            String statusChangedAt,
            String publishedBy,
            String publishedAt,
            List<String> rwCodes) {}

    /** The outcome of a step: the plan's state after it (null when nothing changed), errors. */
    public record Result(State state, List<UserError> errors) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final WorkflowEvents events;
    private final Clock clock;

    OutreachPlanLifecycle(
            JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, WorkflowEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ steps

    /** DRAFT → PUBLISHED, refused while another plan of the same base and month is PUBLISHED or COMPLETED. */
    public Result publish(Caller caller, String id, Integer version) {
        String action = "publishOutreachPlan";
        return move(caller, action, id, version, OutreachPlanStatus.DRAFT, OutreachPlanStatus.PUBLISHED, current -> {
            try {
                List<UserError> failure = transactions.execute(status -> {
                    // One publication at a time per base and month, so that the check below and the update agree.
                    jdbc.sql(
                                    "SELECT pg_advisory_xact_lock(hashtext('outreach_publish:' || :k || ':' || :d || ':' || :m))")
                            .param("k", current.kabkotaCode())
                            .param("d", current.depotInternalId())
                            .param("m", String.valueOf(current.serviceMonth()))
                            .query()
                            .singleRow();
                    Optional<State> published = publishedFor(current);
                    if (published.isPresent()) {
                        return List.<UserError>of(alreadyPublished(current, published.get()));
                    }
                    return apply(caller, action, current, version, """
                            UPDATE outreach_plans SET status = 'PUBLISHED', version = version + 1,
                                   published_by = :by, published_at = now(), status_changed_by = :by,
                                   status_changed_at = now()
                             WHERE kabkota_code = :k AND id = :id AND version = :v AND status = 'DRAFT'""", null);
                });
                return finish(caller, action, current, failure);
            } catch (DuplicateKeyException e) {
                State published = publishedFor(current).orElseThrow(() -> e);
                return rejected(
                        caller,
                        action,
                        current.id(),
                        current.kabkotaCode(),
                        List.of(alreadyPublished(current, published)));
            }
        });
    }

    /** PUBLISHED → COMPLETED, refused before the plan's last service day (today in Asia/Jakarta). */
    public Result complete(Caller caller, String id, Integer version) {
        String action = "completeOutreachPlan";
        return move(
                caller, action, id, version, OutreachPlanStatus.PUBLISHED, OutreachPlanStatus.COMPLETED, current -> {
                    LocalDate today = ClockConfig.serviceToday(clock);
                    LocalDate last = lastServiceDate(current);
                    if (last != null && today.isBefore(last)) {
                        return rejected(
                                caller,
                                action,
                                current.id(),
                                current.kabkotaCode(),
                                List.of(new PlanNotOverError(
                                        "plan " + current.id() + " still has service days: its last is "
                                                + last + ", today is " + today + " (" + ClockConfig.SERVICE_ZONE_ID
                                                + "); complete it on or"
                                                + " after " + last + " (cancel it if it will not take place)",
                                        inputPath("id"),
                                        current.id(),
                                        last,
                                        today)));
                    }
                    List<UserError> failure =
                            transactions.execute(status -> apply(caller, action, current, version, """
                    UPDATE outreach_plans SET status = 'COMPLETED', version = version + 1, status_changed_by = :by,
                           status_changed_at = now()
                     WHERE kabkota_code = :k AND id = :id AND version = :v AND status = 'PUBLISHED'""", null));
                    return finish(caller, action, current, failure);
                });
    }

    /** DRAFT or PUBLISHED → CANCELLED, with a reason (1–2000 characters). */
    public Result cancel(Caller caller, String id, Integer version, String reason) {
        String action = "cancelOutreachPlan";
        Optional<State> loaded = loadManaged(caller, action, id);
        if (loaded.isEmpty()) {
            return notFound(caller, action, id);
        }
        State current = loaded.get();
        List<UserError> errors = new java.util.ArrayList<>();
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            errors.add(new InvalidValueError("reason must be 1-" + MAX_REASON + " characters", inputPath("reason")));
        }
        errors.addAll(check(
                current,
                version,
                OutreachPlanStatus.CANCELLED,
                List.of(OutreachPlanStatus.DRAFT, OutreachPlanStatus.PUBLISHED)));
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        String why = reason.strip();
        List<UserError> failure = transactions.execute(status -> apply(caller, action, current, version, """
                UPDATE outreach_plans SET status = 'CANCELLED', cancel_reason = :reason, version = version + 1,
                       status_changed_by = :by, status_changed_at = now()
                 WHERE kabkota_code = :k AND id = :id AND version = :v AND status IN ('DRAFT', 'PUBLISHED')""", why));
        return finish(caller, action, current, failure);
    }

    /** The outcome of a delete: the id deleted (null when nothing was), errors. */
    public record Deleted(String deletedId, List<UserError> errors) {}

    /** Deletes a DRAFT with its routes (the audit log keeps what it was); a published plan is cancelled instead. */
    public Deleted delete(Caller caller, String id, Integer version) {
        String action = "deleteOutreachPlan";
        Optional<State> loaded = loadManaged(caller, action, id);
        if (loaded.isEmpty()) {
            return new Deleted(null, notFound(caller, action, id).errors());
        }
        State current = loaded.get();
        List<UserError> errors = check(current, version, null, List.of(OutreachPlanStatus.DRAFT));
        if (!errors.isEmpty()) {
            return new Deleted(
                    null,
                    rejected(caller, action, current.id(), current.kabkotaCode(), errors)
                            .errors());
        }
        long key = Long.parseLong(current.id());
        List<UserError> failure = transactions.execute(status -> {
            String before = snapshot(current.kabkotaCode(), key);
            int deleted = jdbc.sql("""
                            DELETE FROM outreach_plans
                             WHERE kabkota_code = :k AND id = :id AND version = :v AND status = 'DRAFT'""")
                    .param("k", current.kabkotaCode())
                    .param("id", key)
                    .param("v", version)
                    .update();
            if (deleted == 0) {
                return List.<UserError>of(stale(version, find(key).orElse(current)));
            }
            done(caller, action, current, null, before, null);
            events.publish(
                    WorkflowEvent.Kind.PLAN_DELETED,
                    current.id(),
                    current.kabkotaCode(),
                    current.rwCodes(),
                    null,
                    caller.actor());
            return List.<UserError>of();
        });
        if (!failure.isEmpty()) {
            return new Deleted(
                    null,
                    rejected(caller, action, current.id(), current.kabkotaCode(), failure)
                            .errors());
        }
        return new Deleted(current.id(), List.of());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * A step of a managed plan from {@code from} to {@code to}: not found, REJECTED with the errors of {@link #check},
     * or what {@code then} answers for the plan.
     */
    private Result move(
            Caller caller,
            String action,
            String id,
            Integer version,
            OutreachPlanStatus from,
            OutreachPlanStatus to,
            Function<State, Result> then) {
        Optional<State> loaded = loadManaged(caller, action, id);
        if (loaded.isEmpty()) {
            return notFound(caller, action, id);
        }
        State current = loaded.get();
        List<UserError> errors = check(current, version, to, List.of(from));
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        return then.apply(current);
    }

    /** Runs the update of a transition inside the caller's transaction; the errors (empty when done). */
    private List<UserError> apply(
            Caller caller, String action, State current, Integer version, String sql, String reason) {
        long key = Long.parseLong(current.id());
        String before = snapshot(current.kabkotaCode(), key);
        var statement = jdbc.sql(sql)
                .param("k", current.kabkotaCode())
                .param("id", key)
                .param("v", version)
                .param("by", caller.actor());
        if (reason != null) {
            statement = statement.param("reason", reason);
        }
        if (statement.update() == 0) {
            return List.of(stale(version, find(key).orElse(current)));
        }
        State after = find(key).orElseThrow();
        done(caller, action, current, reason, before, snapshot(current.kabkotaCode(), key));
        events.publish(
                WorkflowEvent.Kind.valueOf("PLAN_" + after.status()),
                after.id(),
                after.kabkotaCode(),
                after.rwCodes(),
                after.status().name(),
                caller.actor());
        return List.of();
    }

    private Result finish(Caller caller, String action, State current, List<UserError> failure) {
        if (!failure.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), failure);
        }
        return new Result(find(Long.parseLong(current.id())).orElseThrow(), List.of());
    }

    /** The version and the transition from the current status; {@code to} null for a deletion. */
    private static List<UserError> check(
            State current, Integer version, OutreachPlanStatus to, List<OutreachPlanStatus> from) {
        if (version == null || version != current.version()) {
            return List.of(stale(version == null ? -1 : version, current));
        }
        if (!from.contains(current.status())) {
            String verb = to == null
                    ? "deleted"
                    : switch (to) {
                        case PUBLISHED -> "published";
                        case COMPLETED -> "completed";
                        default -> "cancelled";
                    };
            String hint = to == null && current.status() == OutreachPlanStatus.PUBLISHED ? " (cancel it instead)" : "";
            return List.of(new InvalidPlanTransitionError(
                    "only a "
                            + from.stream().map(OutreachPlanStatus::name).collect(Collectors.joining(" or "))
                            + " plan can be "
                            + verb + "; plan " + current.id() + " is " + current.status() + hint,
                    inputPath("id"),
                    current.status().name(),
                    to == null ? null : to.name()));
        }
        return List.of();
    }

    private static StaleVersionError stale(int given, State current) {
        return new StaleVersionError(
                "outreach plan " + current.id() + " changed since you read it (version " + given + ", now "
                        + current.version() + "): reload and try again",
                inputPath("version"),
                given,
                current.version());
    }

    private static PlanAlreadyPublishedError alreadyPublished(State current, State published) {
        String hint = published.status() == OutreachPlanStatus.COMPLETED
                ? ": a base has one plan a month (plan the visits still needed in another month)"
                : ": cancel it first";
        return new PlanAlreadyPublishedError(
                "plan " + published.id() + " (" + published.name() + ") is already the "
                        + published.status() + " plan of " + current.depotFacilityId() + " for "
                        + current.serviceMonth()
                        + hint,
                inputPath("id"),
                published.id(),
                published.name(),
                current.depotFacilityId(),
                current.serviceMonth().toString(),
                published.status().name());
    }

    /** The last day the plan visits an RW (its last service day when it visits none); null without either. */
    private LocalDate lastServiceDate(State plan) {
        return jdbc.sql("""
                        SELECT coalesce((SELECT max(s.service_date) FROM outreach_plan_stops s
                                          WHERE s.kabkota_code = p.kabkota_code AND s.plan_id = p.id),
                                        (SELECT max(d) FROM unnest(p.service_dates) d))
                          FROM outreach_plans p WHERE p.kabkota_code = :k AND p.id = :id""")
                .param("k", plan.kabkotaCode())
                .param("id", Long.parseLong(plan.id()))
                .query(LocalDate.class)
                .optional()
                .orElse(null);
    }

    /**
     * The plan when the caller may change it: FORBIDDEN for roles other than DINKES_ADMIN and PUSKESMAS_STAFF and for
     * a plan outside the caller's kab/kota or base; empty when there is no such plan.
     */
    private Optional<State> loadManaged(Caller caller, String action, String id) {
        if (!AccessPolicy.may(caller, Permission.PLAN_OUTREACH)) {
            throw denied(caller, action, id, null, "only the Dinkes or the puskesmas staff of the base change plans");
        }
        Optional<State> state = load(id);
        if (state.isPresent() && !mayManage(caller, state.get())) {
            throw denied(
                    caller,
                    action,
                    id,
                    state.get().kabkotaCode(),
                    caller.role() == Role.DINKES_ADMIN
                            ? "the plan's kab/kota is outside your scope"
                            : "only the staff of the plan's base ("
                                    + state.get().depotFacilityId() + ") change it");
        }
        return state;
    }

    /** DINKES_ADMIN covering the kab/kota, or PUSKESMAS_STAFF of the base. */
    public static boolean mayManage(Caller caller, State state) {
        return switch (caller.role()) {
            case DINKES_ADMIN -> caller.covers(state.kabkotaCode());
            case PUSKESMAS_STAFF -> state.depotFacilityId().equals(caller.facilityId());
            default -> false;
        };
    }

    private AccessDeniedException denied(Caller caller, String action, String id, String kabkota, String why) {
        audit.record(caller, action, "OutreachPlan", id, kabkota, AuditLog.Outcome.DENIED, why, null, null);
        return new AccessDeniedException(why);
    }

    /** Audits a step done on the plan ({@code before} and {@code after} are JSON text or null). */
    private void done(Caller caller, String action, State current, String detail, String before, String after) {
        audit.record(
                caller,
                action,
                "OutreachPlan",
                current.id(),
                current.kabkotaCode(),
                AuditLog.Outcome.DONE,
                detail,
                before,
                after);
    }

    private Result notFound(Caller caller, String action, String id) {
        return rejected(
                caller,
                action,
                id,
                null,
                List.of(new OutreachPlanNotFoundError("no outreach plan " + id, inputPath("id"), String.valueOf(id))));
    }

    private Result rejected(Caller caller, String action, String id, String kabkota, List<UserError> errors) {
        audit.rejected(caller, action, "OutreachPlan", id, kabkota, errors);
        return new Result(null, List.copyOf(errors));
    }

    // ------------------------------------------------------------------------------------------------ reads

    private Optional<State> load(String id) {
        try {
            return id == null ? Optional.empty() : find(Long.parseLong(id.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static final String SELECT = """
            SELECT p.id, p.kabkota_code, p.depot_facility_id, f.code AS depot_code, p.name, p.status, p.version,
                   p.service_month, p.cancel_reason, p.status_changed_by,
                   to_char(p.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS changed_text,
                   p.published_by,
                   to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS published_text,
                   ARRAY(SELECT r.rw_code FROM (SELECT s.rw_code FROM outreach_plan_stops s
                                                 WHERE s.kabkota_code = p.kabkota_code AND s.plan_id = p.id
                                                UNION
                                                SELECT u.rw_code FROM outreach_plan_unserved u
                                                 WHERE u.kabkota_code = p.kabkota_code AND u.plan_id = p.id) r
                          ORDER BY r.rw_code) AS rws
              FROM outreach_plans p JOIN facilities f ON f.id = p.depot_facility_id""";

    /** The lifecycle state of a plan, whoever asks. */
    public Optional<State> find(long id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id")
                .param("id", id)
                .query((rs, n) -> state(rs))
                .optional();
    }

    /** The lifecycle states of plans (any order; missing ids left out), whoever asks. */
    public List<State> findAll(List<Long> ids) {
        return jdbc.sql(SELECT + " WHERE p.id = ANY (CAST(:ids AS bigint[]))")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> state(rs))
                .list();
    }

    private Optional<State> publishedFor(State plan) {
        return jdbc.sql(SELECT + """

                         WHERE p.kabkota_code = :k AND p.depot_facility_id = :d AND p.service_month = :m
                           AND p.status IN ('PUBLISHED', 'COMPLETED') AND p.id <> :id""")
                .param("k", plan.kabkotaCode())
                .param("d", plan.depotInternalId())
                .param("m", plan.serviceMonth().atDay(1))
                .param("id", Long.parseLong(plan.id()))
                .query((rs, n) -> state(rs))
                .optional();
    }

    private static State state(java.sql.ResultSet rs) throws java.sql.SQLException {
        LocalDate month = rs.getObject("service_month", LocalDate.class);
        return new State(
                String.valueOf(rs.getLong("id")),
                rs.getString("kabkota_code"),
                rs.getLong("depot_facility_id"),
                rs.getString("depot_code"),
                rs.getString("name"),
                OutreachPlanStatus.valueOf(rs.getString("status")),
                rs.getInt("version"),
                month == null ? null : YearMonth.from(month),
                rs.getString("cancel_reason"),
                rs.getString("status_changed_by"),
                rs.getString("changed_text"),
                rs.getString("published_by"),
                rs.getString("published_text"),
                List.of((String[]) rs.getArray("rws").getArray()));
    }

    /** The plan's header (no routes) with its RWs, as JSON text for the audit log. */
    private String snapshot(String kabkota, long id) {
        return jdbc.sql("""
                        SELECT jsonb_build_object('id', p.id, 'name', p.name, 'kabkotaCode', p.kabkota_code,
                                   'depotFacilityId', p.depot_facility_id, 'status', p.status, 'version', p.version,
                                   'serviceMonth', p.service_month, 'serviceDates', p.service_dates,
                                   'cancelReason', p.cancel_reason, 'selectionId', p.selection_id,
                                   'stops', (SELECT jsonb_agg(jsonb_build_object('rwCode', s.rw_code,
                                                 'date', s.service_date, 'vehicle', s.vehicle,
                                                 'arrival', s.arrival) ORDER BY s.service_date, s.vehicle, s.sequence)
                                               FROM outreach_plan_stops s
                                              WHERE s.kabkota_code = p.kabkota_code AND s.plan_id = p.id))::text
                          FROM outreach_plans p WHERE p.kabkota_code = :k AND p.id = :id""")
                .param("k", kabkota)
                .param("id", id)
                .query(String.class)
                .single();
    }
}
