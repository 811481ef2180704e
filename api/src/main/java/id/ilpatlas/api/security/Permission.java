package id.ilpatlas.api.security;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a role may do, one constant per rule, each with the roles it allows: the one home of every role check
 * ({@link AccessPolicy#may} asks it). Scope (which regions, which facility) is checked on top, where the rule needs it.
 * {@code AccessPolicyTest} pins the whole table, role by role.
 */
public enum Permission {

    /** Person-level fields (name, NIK, birth date, address, exact point) of the records inside the scope. */
    READ_PERSON_DATA(Role.DINKES_ADMIN, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF, Role.KADER),
    /**
     * Exact (unsuppressed) aggregate counts inside the scope: every role with person-level access, and the Dinkes
     * planner, staff bound by confidentiality who plan for the whole kab/kota and would plan wrong on suppressed
     * figures. Small-cell suppression protects persons from the public, not from the staff of the Dinkes.
     */
    READ_EXACT_AGGREGATES(Role.DINKES_ADMIN, Role.PLANNER, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF, Role.KADER),
    /**
     * Clinical details (HIV status, diagnosis, drug resistance, treatment history and outcome, the pregnancy risk
     * factors a file names): the health roles. Camat, lurah and kader see that a record exists and what their part of
     * the programme needs (README, "Who may do what").
     */
    READ_CLINICAL_DATA(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** Changes to the facility registry (which ones, inside the scope: {@link AccessPolicy#requireRegistryWrite}). */
    EDIT_REGISTRY(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** The audit log (only the entries inside the scope, filtered in SQL). */
    READ_AUDIT_LOG(Role.DINKES_ADMIN),
    /** Uploading case files (rows outside the scope are rejected row by row); the REST filter checks it too. */
    IMPORT_CASES(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** Following every import job of a kab/kota in scope, not only one's own. */
    FOLLOW_EVERY_IMPORT_JOB(Role.DINKES_ADMIN),
    /** Recomputing the RW access (travel to the puskesmas) of a kab/kota. */
    REFRESH_RW_ACCESS(Role.DINKES_ADMIN),
    /** Reading the webhook deliveries of the kab/kota. */
    READ_WEBHOOK_DELIVERIES(Role.DINKES_ADMIN),
    /** Adding and removing the days off of a kab/kota's calendar. */
    KEEP_DAYS_OFF(Role.DINKES_ADMIN),
    /** Ranking target RWs ({@code targetCandidates}): the planner too, on exact aggregates and no person. */
    RANK_TARGET_CANDIDATES(Role.DINKES_ADMIN, Role.PLANNER, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF),
    /** Reading outreach plans and target selections (the planner has aggregates only). */
    READ_PLANS_AND_SELECTIONS(Role.DINKES_ADMIN, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF),
    /** Planning outreach and changing plans (the Dinkes of the kab/kota, the puskesmas staff of the base). */
    PLAN_OUTREACH(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** Recording Pusling visits. */
    RECORD_VISITS(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** The free-text notes of a recorded visit. */
    READ_VISIT_NOTES(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** The last outreach visit of an RW in the scope: any signed-in role. */
    READ_LAST_VISITS(Role.DINKES_ADMIN, Role.PLANNER, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF, Role.KADER),
    /** The realisation report of outreach plans: any signed-in role. */
    READ_OUTREACH_REALISATION(
            Role.DINKES_ADMIN, Role.PLANNER, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF, Role.KADER),
    /** The Pusling field schedule. */
    READ_SCHEDULE(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF, Role.CAMAT, Role.LURAH, Role.KADER),
    /**
     * Reading the schedule as the field does: published and completed plans and published ones since cancelled
     * (never a draft), and only the caller's own RWs of a plan.
     */
    READ_SCHEDULE_AS_FIELD(Role.CAMAT, Role.LURAH, Role.KADER),
    /** Proposing (creating, editing, withdrawing) target selections. */
    PROPOSE_TARGET_SELECTIONS(Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF, Role.DINKES_ADMIN),
    /** Reviewing (approving, rejecting) target selections and resolving their conflicts. */
    REVIEW_TARGET_SELECTIONS(Role.DINKES_ADMIN, Role.PUSKESMAS_STAFF),
    /** Subscribing to workflow events at all. */
    HEAR_WORKFLOW_EVENTS(Role.DINKES_ADMIN, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF, Role.KADER),
    /** Hearing every kind of workflow event (a kader hears only that a plan was published or cancelled). */
    HEAR_EVERY_WORKFLOW_EVENT_KIND(Role.DINKES_ADMIN, Role.CAMAT, Role.LURAH, Role.PUSKESMAS_STAFF);

    private final Set<Role> roles;

    Permission(Role first, Role... more) {
        this.roles = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    /** The roles this permission allows. */
    public Set<Role> roles() {
        return roles;
    }

    /** True when the role has this permission. */
    public boolean allows(Role role) {
        return roles.contains(role);
    }
}
