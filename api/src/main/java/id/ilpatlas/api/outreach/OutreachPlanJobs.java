package id.ilpatlas.api.outreach;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.events.WorkflowEvents;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code outreach_plan_jobs} rows and their states: QUEUED when {@code planOutreach} accepts a request, RUNNING
 * once a worker claims it, SUCCEEDED with the plan, or FAILED with the reason. Every change publishes its {@link
 * WorkflowEvent} ({@code PLAN_JOB_*}) inside its transaction. The caller is kept with the job, so that a job re-queued
 * after a restart ({@link #requeueOpen}) runs with the rights it was queued with.
 */
@Component
class OutreachPlanJobs {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            kabkota_code, id, state, created_by, rw_codes, plan_id, message, errors,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created,
            to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started,
            to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished""";

    /** A job a worker has claimed: what it needs to run it. */
    record Claimed(long id, String kabkotaCode, List<String> rwCodes, Caller caller, PlanOutreachInput input) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WorkflowEvents events;
    private final AuditLog audit;

    OutreachPlanJobs(JdbcClient jdbc, TransactionTemplate transactions, WorkflowEvents events, AuditLog audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.audit = audit;
    }

    /** Queues a checked request (audited, PLAN_JOB_QUEUED) and returns the job. */
    OutreachPlanJob queue(Caller caller, PlanOutreachInput in, OutreachRequest request) {
        long id = transactions.execute(status -> {
            long jobId = jdbc.sql("""
                            INSERT INTO outreach_plan_jobs (kabkota_code, state, input, rw_codes, created_by,
                                created_role, caller_scope, caller_facility)
                            VALUES (:k, 'QUEUED', CAST(:input AS jsonb), :rws, :by, :role, :scope, :facility)
                            RETURNING id""")
                    .param("k", request.kabkotaCode())
                    .param("input", JSON.writeValueAsString(in))
                    .param("rws", request.rws().toArray(String[]::new))
                    .param("by", caller.actor())
                    .param("role", caller.role().name())
                    .param("scope", caller.scope().toArray(String[]::new))
                    .param("facility", caller.facilityId())
                    .query(Long.class)
                    .single();
            audit.record(
                    caller,
                    "planOutreach",
                    "OutreachPlanJob",
                    String.valueOf(jobId),
                    request.kabkotaCode(),
                    AuditLog.Outcome.DONE,
                    "queued: " + request.rws().size() + " RWs, "
                            + request.dates().size() + " days",
                    null,
                    JSON.writeValueAsString(in));
            events.publish(
                    WorkflowEvent.Kind.PLAN_JOB_QUEUED,
                    String.valueOf(jobId),
                    request.kabkotaCode(),
                    request.rws(),
                    "QUEUED",
                    caller.actor());
            return jobId;
        });
        return find(id).orElseThrow();
    }

    /** Claims a QUEUED job for running (PLAN_JOB_RUNNING); empty when another worker has it or it is not queued. */
    Optional<Claimed> claim(long id) {
        return transactions.execute(status -> {
            List<Claimed> claimed = jdbc.sql("""
                            UPDATE outreach_plan_jobs SET state = 'RUNNING', started_at = now(), attempts = attempts + 1
                             WHERE id = :id AND state = 'QUEUED'
                            RETURNING id, kabkota_code, rw_codes, input, created_by, created_role, caller_scope,
                                      caller_facility""")
                    .param("id", id)
                    .query((rs, n) -> new Claimed(
                            rs.getLong("id"),
                            rs.getString("kabkota_code"),
                            strings(rs.getArray("rw_codes")),
                            new Caller(
                                    rs.getString("created_by"),
                                    Role.valueOf(rs.getString("created_role")),
                                    strings(rs.getArray("caller_scope")),
                                    rs.getString("caller_facility")),
                            JSON.readValue(rs.getString("input"), PlanOutreachInput.class)))
                    .list();
            claimed.forEach(c -> events.publish(
                    WorkflowEvent.Kind.PLAN_JOB_RUNNING,
                    String.valueOf(c.id()),
                    c.kabkotaCode(),
                    c.rwCodes(),
                    "RUNNING",
                    "system"));
            return claimed.stream().findFirst();
        });
    }

    /** Marks a running job SUCCEEDED with its plan (PLAN_JOB_SUCCEEDED); call in the transaction storing the plan. */
    void succeed(Claimed job, long planId) {
        jdbc.sql("""
                        UPDATE outreach_plan_jobs SET state = 'SUCCEEDED', plan_id = :plan, finished_at = now()
                         WHERE kabkota_code = :k AND id = :id""")
                .param("plan", planId)
                .param("k", job.kabkotaCode())
                .param("id", job.id())
                .update();
        events.publish(
                WorkflowEvent.Kind.PLAN_JOB_SUCCEEDED,
                String.valueOf(job.id()),
                job.kabkotaCode(),
                job.rwCodes(),
                "SUCCEEDED",
                "system");
    }

    /** Marks a job FAILED with the reason (PLAN_JOB_FAILED, audited). */
    void fail(Claimed job, String message, List<UserError> errors) {
        List<Map<String, Object>> stored = errors.stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("message", e.message());
                    m.put("field", e.field());
                    return m;
                })
                .toList();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                            UPDATE outreach_plan_jobs SET state = 'FAILED', message = :message,
                                   errors = CAST(:errors AS jsonb), finished_at = now(), plan_id = NULL
                             WHERE kabkota_code = :k AND id = :id""")
                    .param("message", message)
                    .param("errors", JSON.writeValueAsString(stored))
                    .param("k", job.kabkotaCode())
                    .param("id", job.id())
                    .update();
            audit.record(
                    job.caller(),
                    "planOutreach",
                    "OutreachPlanJob",
                    String.valueOf(job.id()),
                    job.kabkotaCode(),
                    AuditLog.Outcome.REJECTED,
                    "job failed: " + message,
                    null,
                    null);
            events.publish(
                    WorkflowEvent.Kind.PLAN_JOB_FAILED,
                    String.valueOf(job.id()),
                    job.kabkotaCode(),
                    job.rwCodes(),
                    "FAILED",
                    "system");
        });
    }

    /**
     * After a restart: every job left RUNNING (its worker died with the process) goes back to QUEUED; returns the ids
     * of every QUEUED job, oldest first, for the runner to submit.
     */
    List<Long> requeueOpen() {
        return transactions.execute(status -> {
            jdbc.sql("UPDATE outreach_plan_jobs SET state = 'QUEUED', started_at = NULL WHERE state = 'RUNNING'")
                    .update();
            return jdbc.sql("SELECT id FROM outreach_plan_jobs WHERE state = 'QUEUED' ORDER BY created_at, id")
                    .query(Long.class)
                    .list();
        });
    }

    /** The job with that id, whoever asks. */
    Optional<OutreachPlanJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outreach_plan_jobs WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> job(rs))
                .optional();
    }

    private static OutreachPlanJob job(ResultSet rs) throws SQLException {
        Long plan = rs.getObject("plan_id", Long.class);
        String errors = rs.getString("errors");
        List<UserError> userErrors = errors == null
                ? List.of()
                : Arrays.stream(JSON.readValue(errors, StoredError[].class))
                        .map(e -> (UserError) new InvalidValueError(e.message(), e.field()))
                        .toList();
        return new OutreachPlanJob(
                String.valueOf(rs.getLong("id")),
                rs.getString("kabkota_code"),
                rs.getString("state"),
                rs.getString("created_by"),
                rs.getString("created"),
                rs.getString("started"),
                rs.getString("finished"),
                plan == null ? null : String.valueOf(plan),
                rs.getString("message"),
                userErrors,
                strings(rs.getArray("rw_codes")));
    }

    /** An input error as kept with a failed job. */
    record StoredError(String message, List<String> field) {}

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
