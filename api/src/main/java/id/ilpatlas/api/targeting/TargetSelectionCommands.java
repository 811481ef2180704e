package id.ilpatlas.api.targeting;

import static id.ilpatlas.api.graphql.UserError.inputPath;

import id.ilpatlas.api.audit.AuditLog;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.events.WorkflowEvents;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.facility.FacilityErrors.StaleVersionError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessDeniedException;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.api.targeting.TargetSelectionErrors.InvalidTransitionError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionConflictError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionNotFoundError;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The target-selection workflow: a CAMAT or LURAH creates a DRAFT of RWs inside their scope and submits their own
 * DRAFT; a DINKES_ADMIN covering the kab/kota, or PUSKESMAS_STAFF whose wilayah kerja covers every RW, reviews a
 * SUBMITTED selection into APPROVED or REJECTED with a note. The creator withdraws its DRAFT or SUBMITTED selection
 * (WITHDRAWN: kept for the record, out of review and of conflicts) or deletes its DRAFT. Anyone else is FORBIDDEN.
 * Conflicts (another SUBMITTED or APPROVED selection with the same RW, the same purpose and an overlapping period; a
 * DRAFT is private to its creator and may be abandoned, so it never blocks anyone) are reported on create and submit
 * and block approval. Writes are guarded by the version (optimistic locking); every attempt — done, rejected or
 * denied — is in the audit log, done ones with the selection before and after as JSON.
 */
@Component
public class TargetSelectionCommands {

    static final Set<Role> PICKERS = Set.of(Role.CAMAT, Role.LURAH);
    static final Set<String> PURPOSES = Set.of("PUSLING", "GERAKAN_INTERVENSI");
    static final int MAX_RWS = 500;
    static final int MAX_REASON = 2000;
    static final int MAX_PERIOD_DAYS = 366;

    record CreateTargetSelectionInput(String purpose, LocalDate periodFrom, LocalDate periodTo, List<String> rwCodes,
                                      String reason) {
    }

    record SubmitTargetSelectionInput(String id, Integer version) {
    }

    record ReviewTargetSelectionInput(String id, Integer version, String decision, String note) {
    }

    record WithdrawTargetSelectionInput(String id, Integer version) {
    }

    record DeleteTargetSelectionInput(String id, Integer version) {
    }

    /** The outcome: the selection after the step (null when nothing changed), conflicts, errors. */
    record Result(TargetSelection targetSelection, List<TargetSelection.Conflict> conflicts, List<UserError> errors) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final WorkflowEvents events;

    TargetSelectionCommands(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit, WorkflowEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
    }

    // ------------------------------------------------------------------------------------------------ create

    Result create(Caller caller, CreateTargetSelectionInput in) {
        String action = "createTargetSelection";
        if (!PICKERS.contains(caller.role())) {
            throw denied(caller, action, null, null, "only a camat or lurah creates target selections");
        }
        List<UserError> errors = new ArrayList<>();
        if (in.purpose() == null || !PURPOSES.contains(in.purpose())) {
            errors.add(new InvalidValueError("purpose must be one of " + PURPOSES, inputPath("purpose")));
        }
        checkPeriod(in.periodFrom(), in.periodTo(), errors);
        if (in.reason() == null || in.reason().isBlank() || in.reason().length() > MAX_REASON) {
            errors.add(new InvalidValueError("reason must be 1-" + MAX_REASON + " characters", inputPath("reason")));
        }
        Set<String> rws = new LinkedHashSet<>();
        List<String> given = in.rwCodes() == null ? List.of() : in.rwCodes();
        if (given.isEmpty() || given.size() > MAX_RWS) {
            errors.add(new InvalidValueError("give 1-" + MAX_RWS + " RW codes", inputPath("rwCodes")));
        }
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i);
            List<String> field = inputPath("rwCodes", String.valueOf(i));
            if (!RegionCode.isValid(code) || RegionCode.parse(code).level() != RegionLevel.RW) {
                errors.add(new InvalidRegionCodeError("not an RW code (e.g. 33.75.01.1002.RW003): " + code, field,
                        String.valueOf(code)));
                continue;
            }
            String dotted = RegionCode.parse(code).dotted();
            if (!caller.covers(dotted)) {
                throw denied(caller, action, null, kabkotaOf(dotted), "RW " + dotted + " is outside your scope");
            }
            boolean known = jdbc.sql("SELECT EXISTS (SELECT 1 FROM regions WHERE code = :c AND level = 'RW')")
                    .param("c", dotted).query(Boolean.class).single();
            if (!known) {
                errors.add(new InvalidRegionCodeError("unknown RW " + dotted, field, code));
            } else {
                rws.add(dotted);
            }
        }
        String kabkota = rws.isEmpty() ? null : kabkotaOf(rws.iterator().next());
        if (!errors.isEmpty()) {
            return rejected(caller, action, null, kabkota, errors);
        }
        long id = transactions.execute(status -> {
            long newId = jdbc.sql("""
                            INSERT INTO target_selections (kabkota_code, purpose, period_from, period_to, reason,
                                                           created_by, created_role)
                            VALUES (:k, :purpose, :from, :to, :reason, :by, :role) RETURNING id""")
                    .param("k", kabkota).param("purpose", in.purpose()).param("from", in.periodFrom())
                    .param("to", in.periodTo()).param("reason", in.reason().strip()).param("by", caller.actor())
                    .param("role", caller.role().name()).query(Long.class).single();
            int position = 0;
            for (String rw : rws) {
                jdbc.sql("""
                                INSERT INTO target_selection_rws (kabkota_code, selection_id, rw_code, position)
                                VALUES (:k, :id, :rw, :p)""")
                        .param("k", kabkota).param("id", newId).param("rw", rw).param("p", position++).update();
            }
            audit.record(caller, action, "TargetSelection", String.valueOf(newId), kabkota, AuditLog.Outcome.DONE,
                    null, null, snapshot(newId));
            events.publish(WorkflowEvent.Kind.SELECTION_CREATED, String.valueOf(newId), kabkota, List.copyOf(rws),
                    "DRAFT", caller.actor());
            return newId;
        });
        TargetSelection created = find(id).orElseThrow();
        return new Result(created, conflicts(created), List.of());
    }

    // ------------------------------------------------------------------------------------------------ submit

    Result submit(Caller caller, SubmitTargetSelectionInput in) {
        String action = "submitTargetSelection";
        if (!PICKERS.contains(caller.role())) {
            throw denied(caller, action, in.id(), null, "only the camat or lurah who created a selection submits it");
        }
        Optional<TargetSelection> loaded = load(in.id());
        if (loaded.isEmpty()) {
            return notFound(caller, action, in.id());
        }
        TargetSelection current = loaded.get();
        if (!current.createdBy().equals(caller.actor()) || !current.rwCodes().stream().allMatch(caller::covers)) {
            throw denied(caller, action, current.id(), current.kabkotaCode(),
                    "only the creator of a selection submits it");
        }
        List<UserError> errors = new ArrayList<>();
        checkVersion(in.version(), current, errors);
        if (errors.isEmpty() && !current.state().equals("DRAFT")) {
            errors.add(new InvalidTransitionError("only a DRAFT can be submitted; this selection is "
                    + current.state(), inputPath("id"), current.state(), "SUBMITTED"));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        return transition(caller, action, current, in.version(), """
                UPDATE target_selections SET state = 'SUBMITTED', submitted_at = now(), version = version + 1,
                       updated_at = now()
                 WHERE id = :id AND version = :v AND state = 'DRAFT'""", null, null, false);
    }

    // ------------------------------------------------------------------------------------------------ review

    Result review(Caller caller, ReviewTargetSelectionInput in) {
        String action = "reviewTargetSelection";
        if (caller.role() != Role.DINKES_ADMIN && caller.role() != Role.PUSKESMAS_STAFF) {
            throw denied(caller, action, in.id(), null, "only the Dinkes or the puskesmas reviews target selections");
        }
        Optional<TargetSelection> loaded = load(in.id());
        if (loaded.isEmpty()) {
            return notFound(caller, action, in.id());
        }
        TargetSelection current = loaded.get();
        boolean allowed = caller.role() == Role.DINKES_ADMIN ? caller.covers(current.kabkotaCode())
                : current.rwCodes().stream().allMatch(caller::covers);
        if (!allowed) {
            throw denied(caller, action, current.id(), current.kabkotaCode(),
                    "the selection's RWs are outside your scope");
        }
        List<UserError> errors = new ArrayList<>();
        String target = "APPROVE".equals(in.decision()) ? "APPROVED" : "REJECT".equals(in.decision()) ? "REJECTED" : null;
        if (target == null) {
            errors.add(new InvalidValueError("decision must be APPROVE or REJECT", inputPath("decision")));
        }
        if (in.note() == null || in.note().isBlank() || in.note().length() > MAX_REASON) {
            errors.add(new InvalidValueError("note must be 1-" + MAX_REASON + " characters", inputPath("note")));
        }
        checkVersion(in.version(), current, errors);
        if (errors.isEmpty() && !current.state().equals("SUBMITTED")) {
            errors.add(new InvalidTransitionError("only a SUBMITTED selection can be reviewed; this selection is "
                    + current.state(), inputPath("id"), current.state(), target));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        return transition(caller, action, current, in.version(), """
                UPDATE target_selections SET state = :state, reviewed_by = :by, reviewed_role = :role,
                       reviewed_at = now(), review_note = :note, version = version + 1, updated_at = now()
                 WHERE id = :id AND version = :v AND state = 'SUBMITTED'""", target, in.note().strip(),
                target.equals("APPROVED"));
    }

    // ------------------------------------------------------------------------------------------------ withdraw

    /** The creator takes back its DRAFT or SUBMITTED selection: WITHDRAWN, kept, no longer a conflict. */
    Result withdraw(Caller caller, WithdrawTargetSelectionInput in) {
        String action = "withdrawTargetSelection";
        Optional<TargetSelection> loaded = loadOwn(caller, action, in.id(), "withdraws");
        if (loaded.isEmpty()) {
            return notFound(caller, action, in.id());
        }
        TargetSelection current = loaded.get();
        List<UserError> errors = new ArrayList<>();
        checkVersion(in.version(), current, errors);
        if (errors.isEmpty() && !current.state().equals("DRAFT") && !current.state().equals("SUBMITTED")) {
            errors.add(new InvalidTransitionError("only a DRAFT or SUBMITTED selection can be withdrawn; this"
                    + " selection is " + current.state(), inputPath("id"), current.state(), "WITHDRAWN"));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        return transition(caller, action, current, in.version(), """
                UPDATE target_selections SET state = 'WITHDRAWN', version = version + 1, updated_at = now()
                 WHERE id = :id AND version = :v AND state IN ('DRAFT', 'SUBMITTED')""", null, null, false);
    }

    // ------------------------------------------------------------------------------------------------ delete

    /** The outcome of a delete: the id deleted (null when nothing was), errors. */
    record Deleted(String deletedId, List<UserError> errors) {
    }

    /** The creator deletes its DRAFT (a selection that was ever submitted stays, withdraw it instead). */
    Deleted delete(Caller caller, DeleteTargetSelectionInput in) {
        String action = "deleteTargetSelection";
        Optional<TargetSelection> loaded = loadOwn(caller, action, in.id(), "deletes");
        if (loaded.isEmpty()) {
            return new Deleted(null, notFound(caller, action, in.id()).errors());
        }
        TargetSelection current = loaded.get();
        List<UserError> errors = new ArrayList<>();
        checkVersion(in.version(), current, errors);
        if (errors.isEmpty() && !current.state().equals("DRAFT")) {
            errors.add(new InvalidTransitionError("only a DRAFT can be deleted; this selection is " + current.state()
                    + (current.state().equals("SUBMITTED") ? " (withdraw it instead)" : ""), inputPath("id"),
                    current.state(), null));
        }
        if (!errors.isEmpty()) {
            return new Deleted(null, rejected(caller, action, current.id(), current.kabkotaCode(), errors).errors());
        }
        long id = Long.parseLong(current.id());
        List<UserError> failure = transactions.execute(status -> {
            String before = snapshot(id);
            int deleted = jdbc.sql("""
                            DELETE FROM target_selections
                             WHERE kabkota_code = :k AND id = :id AND version = :v AND state = 'DRAFT'""")
                    .param("k", current.kabkotaCode()).param("id", id).param("v", in.version()).update();
            if (deleted == 0) {
                Optional<TargetSelection> now = find(id);
                return List.<UserError>of(now.isPresent() ? stale(in.version(), now.get())
                        : new TargetSelectionNotFoundError("no target selection " + id, inputPath("id"),
                                current.id()));
            }
            audit.record(caller, action, "TargetSelection", current.id(), current.kabkotaCode(),
                    AuditLog.Outcome.DONE, null, before, null);
            events.publish(WorkflowEvent.Kind.SELECTION_DELETED, current.id(), current.kabkotaCode(),
                    current.rwCodes(), null, caller.actor());
            return List.<UserError>of();
        });
        if (!failure.isEmpty()) {
            return new Deleted(null, rejected(caller, action, current.id(), current.kabkotaCode(), failure).errors());
        }
        return new Deleted(current.id(), List.of());
    }

    /**
     * The selection when the caller created it (and still covers its RWs); empty when there is none; FORBIDDEN (and
     * audited) for a selection of someone else and for roles that never create selections.
     */
    private Optional<TargetSelection> loadOwn(Caller caller, String action, String id, String verb) {
        if (!PICKERS.contains(caller.role())) {
            throw denied(caller, action, id, null, "only the camat or lurah who created a selection " + verb + " it");
        }
        Optional<TargetSelection> loaded = load(id);
        loaded.ifPresent(current -> {
            if (!current.createdBy().equals(caller.actor()) || !current.rwCodes().stream().allMatch(caller::covers)) {
                throw denied(caller, action, current.id(), current.kabkotaCode(),
                        "only the creator of a selection " + verb + " it");
            }
        });
        return loaded;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Result transition(Caller caller, String action, TargetSelection current, int version, String sql,
                              String state, String note, boolean blockOnConflict) {
        long id = Long.parseLong(current.id());
        List<UserError> failure = transactions.execute(status -> {
            // One decision at a time per kab/kota and purpose, so that two conflicting approvals cannot both pass.
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('target_selection:' || :k || ':' || :p))")
                    .param("k", current.kabkotaCode()).param("p", current.purpose()).query().singleRow();
            if (blockOnConflict) {
                List<TargetSelection.Conflict> conflicts = conflicts(current);
                if (!conflicts.isEmpty()) {
                    return List.<UserError>of(new TargetSelectionConflictError(conflicts.size()
                            + " conflicting selection RW(s) with the same purpose and an overlapping period; "
                            + "reject one of them first", inputPath("id"), conflicts));
                }
            }
            String before = snapshot(id);
            var statement = jdbc.sql(sql).param("id", id).param("v", version);
            if (state != null) {
                statement = statement.param("state", state).param("by", caller.actor())
                        .param("role", caller.role().name()).param("note", note);
            }
            if (statement.update() == 0) {
                TargetSelection now = find(id).orElseThrow();
                return List.<UserError>of(stale(version, now));
            }
            audit.record(caller, action, "TargetSelection", current.id(), current.kabkotaCode(),
                    AuditLog.Outcome.DONE, state == null ? null : note, before, snapshot(id));
            TargetSelection after = find(id).orElseThrow();
            events.publish(WorkflowEvent.Kind.valueOf("SELECTION_" + after.state()), after.id(),
                    after.kabkotaCode(), after.rwCodes(), after.state(), caller.actor());
            return List.<UserError>of();
        });
        if (!failure.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), failure);
        }
        TargetSelection after = find(id).orElseThrow();
        return new Result(after, conflicts(after), List.of());
    }

    private static void checkPeriod(LocalDate from, LocalDate to, List<UserError> errors) {
        if (from == null || to == null) {
            errors.add(new InvalidValueError("give periodFrom and periodTo", inputPath("periodFrom")));
        } else if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
            errors.add(new InvalidValueError("periodTo must be on or after periodFrom and at most " + MAX_PERIOD_DAYS
                    + " days later", inputPath("periodTo")));
        }
    }

    private static void checkVersion(Integer given, TargetSelection current, List<UserError> errors) {
        if (given == null || given != current.version()) {
            errors.add(stale(given == null ? -1 : given, current));
        }
    }

    private static StaleVersionError stale(int given, TargetSelection current) {
        return new StaleVersionError("target selection " + current.id() + " changed since you read it (version "
                + given + ", now " + current.version() + "): reload and try again", inputPath("version"), given,
                current.version());
    }

    private AccessDeniedException denied(Caller caller, String action, String id, String kabkota, String why) {
        audit.record(caller, action, "TargetSelection", id, kabkota, AuditLog.Outcome.DENIED, why, null, null);
        return new AccessDeniedException(why);
    }

    private Result notFound(Caller caller, String action, String id) {
        return rejected(caller, action, id, null, List.of(new TargetSelectionNotFoundError(
                "no target selection " + id, inputPath("id"), String.valueOf(id))));
    }

    private Result rejected(Caller caller, String action, String id, String kabkota, List<UserError> errors) {
        audit.record(caller, action, "TargetSelection", id, kabkota, AuditLog.Outcome.REJECTED, errors.stream()
                .map(e -> e.getClass().getSimpleName() + " " + String.join(".", e.field()))
                .collect(Collectors.joining("; ")), null, null);
        return new Result(null, List.of(), List.copyOf(errors));
    }

    private static String kabkotaOf(String code) {
        return RegionCode.isValid(code) ? RegionCode.parse(code).kabkotaCode().orElse(null) : null;
    }


    // ------------------------------------------------------------------------------------------------ reads

    private Optional<TargetSelection> load(String id) {
        try {
            return id == null ? Optional.empty() : find(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static final String SELECT = """
            SELECT s.id, s.kabkota_code, s.purpose, s.period_from, s.period_to, s.state, s.reason, s.created_by,
                   to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_text,
                   to_char(s.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_text,
                   s.reviewed_by,
                   to_char(s.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS reviewed_text,
                   s.review_note, s.version,
                   ARRAY(SELECT r.rw_code FROM target_selection_rws r
                          WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id
                          ORDER BY r.position) AS rws
              FROM target_selections s""";

    public Optional<TargetSelection> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = :id").param("id", id).query(TargetSelectionCommands::row).optional();
    }

    static TargetSelection row(ResultSet rs, int n) throws SQLException {
        return new TargetSelection(String.valueOf(rs.getLong("id")), rs.getString("kabkota_code"),
                rs.getString("purpose"), rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), rs.getString("state"),
                List.of((String[]) rs.getArray("rws").getArray()), rs.getString("reason"), rs.getString("created_by"),
                rs.getString("created_text"), rs.getString("submitted_text"), rs.getString("reviewed_by"),
                rs.getString("reviewed_text"), rs.getString("review_note"), rs.getInt("version"));
    }

    /**
     * Other live selections sharing an RW, the purpose and part of the period of this one: SUBMITTED or APPROVED
     * only (a DRAFT is its creator's work in progress, a REJECTED or WITHDRAWN one is over).
     */
    List<TargetSelection.Conflict> conflicts(TargetSelection s) {
        return jdbc.sql("""
                        SELECT o.id, o.state, r.rw_code, o.period_from, o.period_to, o.created_by
                          FROM target_selections o
                          JOIN target_selection_rws r ON r.kabkota_code = o.kabkota_code AND r.selection_id = o.id
                         WHERE o.kabkota_code = :k AND o.id <> :id AND o.purpose = :p
                           AND o.state IN ('SUBMITTED', 'APPROVED')
                           AND o.period_from <= :to AND o.period_to >= :from
                           AND r.rw_code = ANY (CAST(:rws AS text[]))
                         ORDER BY r.rw_code, o.id""")
                .param("k", s.kabkotaCode()).param("id", Long.parseLong(s.id())).param("p", s.purpose())
                .param("from", s.periodFrom()).param("to", s.periodTo())
                .param("rws", s.rwCodes().toArray(String[]::new))
                .query((rs, n) -> new TargetSelection.Conflict(String.valueOf(rs.getLong(1)), rs.getString(2),
                        rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                        rs.getString(6))).list();
    }

    /** The selection with its RWs as JSON text for the audit log. */
    private String snapshot(long id) {
        return jdbc.sql("""
                        SELECT jsonb_build_object('id', s.id, 'kabkotaCode', s.kabkota_code, 'purpose', s.purpose,
                                   'periodFrom', s.period_from, 'periodTo', s.period_to, 'state', s.state,
                                   'reason', s.reason, 'createdBy', s.created_by, 'reviewedBy', s.reviewed_by,
                                   'reviewNote', s.review_note, 'version', s.version,
                                   'rwCodes', (SELECT jsonb_agg(r.rw_code ORDER BY r.position) FROM target_selection_rws r
                                                WHERE r.kabkota_code = s.kabkota_code AND r.selection_id = s.id))::text
                          FROM target_selections s WHERE s.id = :id""")
                .param("id", id).query(String.class).single();
    }
}
