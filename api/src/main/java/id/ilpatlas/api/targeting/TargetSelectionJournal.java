package id.ilpatlas.api.targeting;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.events.WorkflowEvents;
import id.ilpatlas.api.facility.FacilityErrors.StaleVersionError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What every step of a target selection leaves behind, written inside the step's transaction: a row of its history
 * ({@code target_selection_transitions}), an audit entry with the selection before and after, and a
 * {@link WorkflowEvent}. Refusals are audited too (DENIED for FORBIDDEN, REJECTED for typed errors).
 */
@Component
class TargetSelectionJournal {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final WorkflowEvents events;
    private final TargetSelectionQueries queries;

    TargetSelectionJournal(JdbcClient jdbc, AuditLog audit, WorkflowEvents events, TargetSelectionQueries queries) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.queries = queries;
    }

    /** One decision at a time per kab/kota and purpose, so that two conflicting approvals cannot both pass. */
    void lock(TargetSelection s) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('target_selection:' || :k || ':' || :p))")
                .param("k", s.kabkotaCode())
                .param("p", s.purpose())
                .query()
                .singleRow();
    }

    /**
     * Records a step just written: its history row, the audit entry (before as given, after read now) and the event.
     *
     * @param step      the history action (CREATE, UPDATE, SUBMIT, RESUBMIT, APPROVE, REJECT, WITHDRAW)
     * @param fromState the state before, null for a creation
     * @param before    the audit snapshot before, null for a creation
     * @return the selection after the step
     */
    TargetSelection done(
            Caller caller,
            String action,
            long id,
            String step,
            TargetSelectionState fromState,
            String before,
            String note,
            List<String> changedFields,
            WorkflowEvent.Kind kind) {
        TargetSelection after = queries.find(id).orElseThrow();
        jdbc.sql("""
                        INSERT INTO target_selection_transitions (kabkota_code, selection_id, action, from_state,
                                    to_state, actor, actor_role, note, changed_fields, version)
                        VALUES (:k, :id, :step, :from, :to, :actor, :role, :note, CAST(:changed AS text[]), :v)""")
                .param("k", after.kabkotaCode())
                .param("id", id)
                .param("step", step)
                .param("from", fromState == null ? null : fromState.name())
                .param("to", after.state().name())
                .param("actor", caller.actor())
                .param("role", caller.role().name())
                .param("note", note)
                .param("changed", changedFields.toArray(String[]::new))
                .param("v", after.version())
                .update();
        audit.record(
                caller,
                action,
                "TargetSelection",
                after.id(),
                after.kabkotaCode(),
                AuditLog.Outcome.DONE,
                note,
                before,
                queries.snapshot(id));
        events.publish(
                kind,
                after.id(),
                after.kabkotaCode(),
                after.rwCodes(),
                after.state().name(),
                caller.actor());
        return after;
    }

    /** Records a deleted DRAFT (its history went with it): the audit entry keeps what it was; the event. */
    void deleted(Caller caller, String action, TargetSelection s, String before) {
        audit.record(
                caller, action, "TargetSelection", s.id(), s.kabkotaCode(), AuditLog.Outcome.DONE, null, before, null);
        events.publish(
                WorkflowEvent.Kind.SELECTION_DELETED, s.id(), s.kabkotaCode(), s.rwCodes(), null, caller.actor());
    }

    /** Audits a refusal for lack of rights and returns the FORBIDDEN exception to throw. */
    AccessDeniedException denied(Caller caller, String action, String id, String kabkota, String why) {
        audit.record(caller, action, "TargetSelection", id, kabkota, AuditLog.Outcome.DENIED, why, null, null);
        return new AccessDeniedException(why);
    }

    /** Audits typed errors (REJECTED) and returns them. */
    List<UserError> rejected(Caller caller, String action, String id, String kabkota, List<UserError> errors) {
        audit.rejected(caller, action, "TargetSelection", id, kabkota, errors);
        return List.copyOf(errors);
    }

    static void checkVersion(Integer given, TargetSelection current, List<UserError> errors, List<String> field) {
        if (given == null || given != current.version()) {
            errors.add(stale(given == null ? -1 : given, current, field));
        }
    }

    static StaleVersionError stale(int given, TargetSelection current, List<String> field) {
        return new StaleVersionError(
                "target selection " + current.id() + " changed since you read it (version " + given + ", now "
                        + current.version() + "): reload and try again",
                field,
                given,
                current.version());
    }

    static StaleVersionError stale(int given, TargetSelection current) {
        return stale(given, current, inputPath("version"));
    }
}
