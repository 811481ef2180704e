package id.ilpatlas.api.targeting;

import static id.ilpatlas.api.graphql.UserError.inputPath;
import static id.ilpatlas.api.targeting.TargetSelectionJournal.checkVersion;
import static id.ilpatlas.api.targeting.TargetSelectionJournal.stale;
import static id.ilpatlas.api.targeting.TargetSelectionState.APPROVED;
import static id.ilpatlas.api.targeting.TargetSelectionState.DRAFT;
import static id.ilpatlas.api.targeting.TargetSelectionState.REJECTED;
import static id.ilpatlas.api.targeting.TargetSelectionState.SUBMITTED;
import static id.ilpatlas.api.targeting.TargetSelectionState.WITHDRAWN;

import id.ilpatlas.api.ClockConfig;
import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.facility.FacilityErrors.InvalidRegionCodeError;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.region.RegionRepository;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.security.Role;
import id.ilpatlas.api.targeting.TargetSelectionErrors.InvalidTransitionError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.SelfReviewError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionConflictError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionNotFoundError;
import id.ilpatlas.geo.region.RegionCode;
import id.ilpatlas.geo.region.RegionLevel;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The target-selection workflow ({@link TargetSelectionRules} says who may do what): a proposer creates a DRAFT of RWs
 * inside its scope, edits it, submits it; a reviewer approves or rejects a SUBMITTED selection with a note; the
 * proposer corrects a REJECTED selection (edit) and resubmits it, the earlier rounds kept in its history. The creator
 * withdraws its DRAFT or SUBMITTED selection (WITHDRAWN: kept for the record, out of review and of conflicts) or
 * deletes its DRAFT. Conflicts (another SUBMITTED or APPROVED selection with the same RW, the same purpose and an
 * overlapping period; a DRAFT never blocks anyone) are reported on create, edit and submit and block approval
 * ({@link TargetSelectionConflictResolver} settles them in one step). Writes are guarded by the version (optimistic
 * locking); every attempt — done, rejected or denied — is audited ({@link TargetSelectionJournal}).
 */
@Component
public class TargetSelectionCommands {

    record CreateTargetSelectionInput(
            String purpose, LocalDate periodFrom, LocalDate periodTo, List<String> rwCodes, String reason) {}

    record UpdateTargetSelectionInput(
            String id,
            Integer version,
            List<String> rwCodes,
            String reason,
            LocalDate periodFrom,
            LocalDate periodTo) {}

    record SubmitTargetSelectionInput(String id, Integer version) {}

    record ResubmitTargetSelectionInput(String id, Integer version, String note) {}

    record ReviewTargetSelectionInput(String id, Integer version, String decision, String note) {}

    record WithdrawTargetSelectionInput(String id, Integer version) {}

    record DeleteTargetSelectionInput(String id, Integer version) {}

    /** The outcome: the selection after the step (null when nothing changed), conflicts, errors. */
    record Result(TargetSelection targetSelection, List<TargetSelection.Conflict> conflicts, List<UserError> errors) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TargetSelectionQueries queries;
    private final TargetSelectionJournal journal;
    private final RegionRepository regions;

    /** "Today" for refusing a period that has ended, in {@link ClockConfig#SERVICE_ZONE}. */
    private final Clock clock;

    TargetSelectionCommands(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            TargetSelectionQueries queries,
            TargetSelectionJournal journal,
            RegionRepository regions,
            Clock clock) {
        this.clock = clock;
        this.regions = regions;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.queries = queries;
        this.journal = journal;
    }

    /** A selection by id (kept here for the outreach planner; the reads live in {@link TargetSelectionQueries}). */
    public Optional<TargetSelection> find(long id) {
        return queries.find(id);
    }

    // ------------------------------------------------------------------------------------------------ create

    Result create(Caller caller, CreateTargetSelectionInput in) {
        String action = "createTargetSelection";
        if (!AccessPolicy.may(caller, Permission.PROPOSE_TARGET_SELECTIONS)) {
            throw journal.denied(
                    caller,
                    action,
                    null,
                    null,
                    "only a camat, lurah, puskesmas or the Dinkes creates target selections");
        }
        List<UserError> errors = new ArrayList<>();
        if (in.purpose() == null || !TargetSelectionRules.PURPOSES.contains(in.purpose())) {
            errors.add(new InvalidValueError(
                    "purpose must be one of " + TargetSelectionRules.PURPOSES, inputPath("purpose")));
        }
        checkPeriod(in.periodFrom(), in.periodTo(), errors);
        checkText(in.reason(), "reason", errors);
        Set<String> rws = rws(caller, action, null, in.rwCodes(), errors);
        String kabkota = rws.isEmpty() ? null : kabkotaOf(rws.iterator().next());
        if (!errors.isEmpty()) {
            return rejected(caller, action, null, kabkota, errors);
        }
        TargetSelection created = transactions.execute(status -> {
            long newId = jdbc.sql("""
                            INSERT INTO target_selections (kabkota_code, purpose, period_from, period_to, reason,
                                                           created_by, created_role, created_facility)
                            VALUES (:k, :purpose, :from, :to, :reason, :by, :role, :facility) RETURNING id""")
                    .param("k", kabkota)
                    .param("purpose", in.purpose())
                    .param("from", in.periodFrom())
                    .param("to", in.periodTo())
                    .param("reason", in.reason().strip())
                    .param("by", caller.actor())
                    .param("role", caller.role().name())
                    .param("facility", caller.role() == Role.PUSKESMAS_STAFF ? caller.facilityId() : null)
                    .query(Long.class)
                    .single();
            writeRws(kabkota, newId, rws);
            return journal.done(
                    caller, action, newId, "CREATE", null, null, null, List.of(), WorkflowEvent.Kind.SELECTION_CREATED);
        });
        return new Result(created, queries.conflicts(created), List.of());
    }

    // ------------------------------------------------------------------------------------------------ update

    /**
     * The creator (or the camat of a lurah's selection: {@link TargetSelectionRules#mayEdit}) edits a DRAFT, or a
     * REJECTED selection to correct it before resubmitting: RWs, reason, period (a field left out stays). The state does
     * not change.
     */
    Result update(Caller caller, UpdateTargetSelectionInput in) {
        String action = "updateTargetSelection";
        Start start = start(
                caller,
                action,
                in.id(),
                in.version(),
                "edits",
                true,
                Set.of(DRAFT, REJECTED),
                null,
                "only a DRAFT or REJECTED selection can be edited",
                Map.of(SUBMITTED, " (withdraw it to change it)"));
        if (start.refusal() != null) {
            return start.refusal();
        }
        TargetSelection current = start.current();
        List<UserError> errors = new ArrayList<>();
        LocalDate from = in.periodFrom() == null ? current.periodFrom() : in.periodFrom();
        LocalDate to = in.periodTo() == null ? current.periodTo() : in.periodTo();
        checkPeriod(from, to, errors);
        if (in.reason() != null) {
            checkText(in.reason(), "reason", errors);
        }
        List<String> rws = in.rwCodes() == null
                ? current.rwCodes()
                : List.copyOf(rws(caller, action, current.id(), in.rwCodes(), errors));
        if (in.rwCodes() != null
                && errors.isEmpty()
                && !rws.isEmpty()
                && !current.kabkotaCode().equals(kabkotaOf(rws.get(0)))) {
            errors.add(new InvalidValueError(
                    "the RWs must stay in kab/kota " + current.kabkotaCode() + "; create a new selection for another",
                    inputPath("rwCodes")));
        }
        String reason = in.reason() == null ? current.reason() : in.reason().strip();
        List<String> changed = new ArrayList<>();
        if (!rws.equals(current.rwCodes())) {
            changed.add("rwCodes");
        }
        if (!reason.equals(current.reason())) {
            changed.add("reason");
        }
        if (!from.equals(current.periodFrom())) {
            changed.add("periodFrom");
        }
        if (!to.equals(current.periodTo())) {
            changed.add("periodTo");
        }
        if (errors.isEmpty() && changed.isEmpty()) {
            errors.add(new InvalidValueError(
                    "nothing to change: give rwCodes, reason, periodFrom or periodTo "
                            + "different from the selection's",
                    inputPath()));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        long id = Long.parseLong(current.id());
        return step(
                caller,
                action,
                current,
                in.version(),
                "UPDATE",
                null,
                changed,
                WorkflowEvent.Kind.SELECTION_UPDATED,
                false,
                () -> {
                    int updated = jdbc.sql("""
                                    UPDATE target_selections SET reason = :reason, period_from = :from,
                                           period_to = :to, version = version + 1, updated_at = now()
                                     WHERE kabkota_code = :k AND id = :id AND version = :v
                                       AND state IN ('DRAFT', 'REJECTED')""")
                            .param("reason", reason)
                            .param("from", from)
                            .param("to", to)
                            .param("k", current.kabkotaCode())
                            .param("id", id)
                            .param("v", in.version())
                            .update();
                    if (updated > 0 && changed.contains("rwCodes")) {
                        jdbc.sql("DELETE FROM target_selection_rws WHERE kabkota_code = :k AND selection_id = :id")
                                .param("k", current.kabkotaCode())
                                .param("id", id)
                                .update();
                        writeRws(current.kabkotaCode(), id, rws);
                    }
                    return updated;
                });
    }

    // ------------------------------------------------------------------------------------------------ submit

    Result submit(Caller caller, SubmitTargetSelectionInput in) {
        String action = "submitTargetSelection";
        Start start = start(
                caller,
                action,
                in.id(),
                in.version(),
                "submits",
                true,
                Set.of(DRAFT),
                SUBMITTED,
                "only a DRAFT can be submitted",
                Map.of(REJECTED, " (correct it with updateTargetSelection, then resubmitTargetSelection)"));
        return transition(
                caller, action, start, in.version(), "SUBMIT", null, WorkflowEvent.Kind.SELECTION_SUBMITTED, """
                        UPDATE target_selections SET state = 'SUBMITTED', submitted_at = now(),
                               version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :v AND state = 'DRAFT'""");
    }

    /** The creator sends its REJECTED (and usually corrected) selection to review again: REJECTED → SUBMITTED. */
    Result resubmit(Caller caller, ResubmitTargetSelectionInput in) {
        String action = "resubmitTargetSelection";
        Start start = start(
                caller,
                action,
                in.id(),
                in.version(),
                "resubmits",
                true,
                Set.of(REJECTED),
                SUBMITTED,
                "only a REJECTED selection can be resubmitted",
                Map.of(DRAFT, " (submit it instead)"));
        if (start.refusal() != null) {
            return start.refusal();
        }
        TargetSelection current = start.current();
        List<UserError> errors = new ArrayList<>();
        if (in.note() != null) {
            checkText(in.note(), "note", errors);
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        return transition(
                caller,
                action,
                start,
                in.version(),
                "RESUBMIT",
                in.note() == null ? null : in.note().strip(),
                WorkflowEvent.Kind.SELECTION_SUBMITTED,
                """
                        UPDATE target_selections SET state = 'SUBMITTED', submitted_at = now(), reviewed_by = NULL,
                               reviewed_role = NULL, reviewed_at = NULL, review_note = NULL,
                               version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :v AND state = 'REJECTED'""");
    }

    // ------------------------------------------------------------------------------------------------ review

    Result review(Caller caller, ReviewTargetSelectionInput in) {
        String action = "reviewTargetSelection";
        if (!AccessPolicy.may(caller, Permission.REVIEW_TARGET_SELECTIONS)) {
            throw journal.denied(
                    caller, action, in.id(), null, "only the Dinkes or the puskesmas reviews target selections");
        }
        Optional<TargetSelection> loaded = queries.load(in.id());
        if (loaded.isEmpty()) {
            return notFound(caller, action, in.id());
        }
        TargetSelection current = loaded.get();
        if (!TargetSelectionRules.mayReview(caller, current)) {
            throw journal.denied(
                    caller, action, current.id(), current.kabkotaCode(), "the selection's RWs are outside your scope");
        }
        List<UserError> errors = new ArrayList<>();
        TargetSelectionState target =
                "APPROVE".equals(in.decision()) ? APPROVED : "REJECT".equals(in.decision()) ? REJECTED : null;
        if (target == null) {
            errors.add(new InvalidValueError("decision must be APPROVE or REJECT", inputPath("decision")));
        }
        checkText(in.note(), "note", errors);
        if (TargetSelectionRules.proposedBy(caller, current)) {
            errors.add(selfReview(current, inputPath("id")));
        }
        checkVersion(in.version(), current, errors, inputPath("version"));
        if (errors.isEmpty() && current.state() != SUBMITTED) {
            errors.add(new InvalidTransitionError(
                    "only a SUBMITTED selection can be reviewed; this selection is " + current.state(),
                    inputPath("id"),
                    current.state().name(),
                    target == null ? null : target.name()));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), errors);
        }
        boolean approve = target == APPROVED;
        return step(
                caller,
                action,
                current,
                in.version(),
                approve ? "APPROVE" : "REJECT",
                in.note().strip(),
                List.of(),
                approve ? WorkflowEvent.Kind.SELECTION_APPROVED : WorkflowEvent.Kind.SELECTION_REJECTED,
                approve,
                () -> decide(caller, current, in.version(), target, in.note().strip()));
    }

    /** Writes a review decision; 0 when the selection is no longer SUBMITTED at that version. */
    int decide(Caller caller, TargetSelection current, int version, TargetSelectionState state, String note) {
        return jdbc.sql("""
                        UPDATE target_selections SET state = :state, reviewed_by = :by, reviewed_role = :role,
                               reviewed_at = now(), review_note = :note, version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :v AND state = 'SUBMITTED'""")
                .param("state", state.name())
                .param("by", caller.actor())
                .param("role", caller.role().name())
                .param("note", note)
                .param("id", Long.parseLong(current.id()))
                .param("v", version)
                .update();
    }

    static SelfReviewError selfReview(TargetSelection s, List<String> field) {
        return new SelfReviewError(
                "selection " + s.id() + " was proposed by " + s.createdBy() + " ("
                        + s.createdRole() + ")" + (s.createdFacility() == null ? "" : " of " + s.createdFacility())
                        + ": nobody reviews their own proposal; another reviewer decides (the Dinkes, another Dinkes admin, or"
                        + " the puskesmas whose wilayah kerja covers every RW)",
                field,
                s.createdBy(),
                s.createdRole());
    }

    // ------------------------------------------------------------------------------------------------ withdraw

    /** The creator takes back its DRAFT or SUBMITTED selection: WITHDRAWN, kept, no longer a conflict. */
    Result withdraw(Caller caller, WithdrawTargetSelectionInput in) {
        String action = "withdrawTargetSelection";
        Start start = start(
                caller,
                action,
                in.id(),
                in.version(),
                "withdraws",
                false,
                Set.of(DRAFT, SUBMITTED),
                WITHDRAWN,
                "only a DRAFT or SUBMITTED selection can be withdrawn",
                Map.of());
        return transition(
                caller, action, start, in.version(), "WITHDRAW", null, WorkflowEvent.Kind.SELECTION_WITHDRAWN, """
                        UPDATE target_selections SET state = 'WITHDRAWN', version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :v AND state IN ('DRAFT', 'SUBMITTED')""");
    }

    // ------------------------------------------------------------------------------------------------ delete

    /** The outcome of a delete: the id deleted (null when nothing was), errors. */
    record Deleted(String deletedId, List<UserError> errors) {}

    /** The creator deletes its DRAFT (a selection that was ever submitted stays, withdraw it instead). */
    Deleted delete(Caller caller, DeleteTargetSelectionInput in) {
        String action = "deleteTargetSelection";
        Start start = start(
                caller,
                action,
                in.id(),
                in.version(),
                "deletes",
                false,
                Set.of(DRAFT),
                null,
                "only a DRAFT can be deleted",
                Map.of(SUBMITTED, " (withdraw it instead)"));
        if (start.refusal() != null) {
            return new Deleted(null, start.refusal().errors());
        }
        TargetSelection current = start.current();
        long id = Long.parseLong(current.id());
        List<UserError> failure = transactions.execute(status -> {
            String before = queries.snapshot(id);
            int deleted = jdbc.sql("""
                            DELETE FROM target_selections
                             WHERE kabkota_code = :k AND id = :id AND version = :v AND state = 'DRAFT'""")
                    .param("k", current.kabkotaCode())
                    .param("id", id)
                    .param("v", in.version())
                    .update();
            if (deleted == 0) {
                Optional<TargetSelection> now = queries.find(id);
                return List.<UserError>of(
                        now.isPresent()
                                ? stale(in.version(), now.get())
                                : new TargetSelectionNotFoundError(
                                        "no target selection " + id, inputPath("id"), current.id()));
            }
            journal.deleted(caller, action, current, before);
            return List.<UserError>of();
        });
        if (failure.isEmpty()) {
            return new Deleted(current.id(), List.of());
        }
        return new Deleted(
                null,
                rejected(caller, action, current.id(), current.kabkotaCode(), failure)
                        .errors());
    }

    /** Where a step of the creator starts: its selection, or the refusal (already audited) to answer. */
    private record Start(TargetSelection current, Result refusal) {}

    /**
     * The preconditions of a step of the creator: its own selection ({@link #loadOwn}; or, when {@code camatMayAct},
     * a lurah's selection inside the camat's kecamatan), at the version read, in one of the states the step starts from (else an InvalidTransitionError: "{@code rule}; this selection is X" and the
     * hint for X).
     */
    private Start start(
            Caller caller,
            String action,
            String id,
            Integer version,
            String verb,
            boolean camatMayAct,
            Set<TargetSelectionState> from,
            TargetSelectionState to,
            String rule,
            Map<TargetSelectionState, String> hints) {
        Optional<TargetSelection> loaded = loadOwn(caller, action, id, verb, camatMayAct);
        if (loaded.isEmpty()) {
            return new Start(null, notFound(caller, action, id));
        }
        TargetSelection current = loaded.get();
        List<UserError> errors = new ArrayList<>();
        checkVersion(version, current, errors, inputPath("version"));
        if (errors.isEmpty() && !from.contains(current.state())) {
            errors.add(new InvalidTransitionError(
                    rule + "; this selection is " + current.state() + hints.getOrDefault(current.state(), ""),
                    inputPath("id"),
                    current.state().name(),
                    to == null ? null : to.name()));
        }
        return new Start(
                current,
                errors.isEmpty() ? null : rejected(caller, action, current.id(), current.kabkotaCode(), errors));
    }

    /**
     * The selection when the caller created it (and still covers its RWs); empty when there is none; FORBIDDEN (and
     * audited) for a selection of someone else and for roles that never create selections.
     */
    private Optional<TargetSelection> loadOwn(
            Caller caller, String action, String id, String verb, boolean camatMayAct) {
        if (!AccessPolicy.may(caller, Permission.PROPOSE_TARGET_SELECTIONS)) {
            throw journal.denied(caller, action, id, null, "only the creator of a selection " + verb + " it");
        }
        Optional<TargetSelection> loaded = queries.load(id);
        loaded.ifPresent(current -> {
            if (!(camatMayAct
                    ? TargetSelectionRules.mayEdit(caller, current)
                    : TargetSelectionRules.isOwn(caller, current))) {
                throw journal.denied(
                        caller,
                        action,
                        current.id(),
                        current.kabkotaCode(),
                        "only the creator of a selection " + verb + " it");
            }
        });
        return loaded;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /**
     * A step whose write is one UPDATE of the selection at {@code :id} and {@code :v} (the refusal of {@code start}
     * when there is one).
     */
    private Result transition(
            Caller caller,
            String action,
            Start start,
            Integer version,
            String step,
            String note,
            WorkflowEvent.Kind kind,
            String update) {
        if (start.refusal() != null) {
            return start.refusal();
        }
        TargetSelection current = start.current();
        return step(
                caller,
                action,
                current,
                version,
                step,
                note,
                List.of(),
                kind,
                false,
                () -> jdbc.sql(update)
                        .param("id", Long.parseLong(current.id()))
                        .param("v", version)
                        .update());
    }

    /**
     * Runs one step in a transaction: the lock, the conflict check of an approval, the write (0 rows: the selection
     * changed meanwhile), its history row, audit entry and event.
     */
    private Result step(
            Caller caller,
            String action,
            TargetSelection current,
            int version,
            String step,
            String note,
            List<String> changedFields,
            WorkflowEvent.Kind kind,
            boolean blockOnConflict,
            IntSupplier write) {
        long id = Long.parseLong(current.id());
        List<UserError> failure = transactions.execute(status -> {
            journal.lock(current);
            if (blockOnConflict) {
                List<TargetSelection.Conflict> conflicts = queries.conflicts(current);
                if (!conflicts.isEmpty()) {
                    return List.<UserError>of(conflictError(conflicts, inputPath("id")));
                }
            }
            String before = queries.snapshot(id);
            if (write.getAsInt() == 0) {
                status.setRollbackOnly();
                return List.<UserError>of(stale(version, queries.find(id).orElseThrow()));
            }
            journal.done(caller, action, id, step, current.state(), before, note, changedFields, kind);
            return List.<UserError>of();
        });
        if (!failure.isEmpty()) {
            return rejected(caller, action, current.id(), current.kabkotaCode(), failure);
        }
        TargetSelection after = queries.find(id).orElseThrow();
        return new Result(after, queries.conflicts(after), List.of());
    }

    /** The refusal of an approval blocked by conflicts, naming each conflicting selection and its RWs. */
    static TargetSelectionConflictError conflictError(List<TargetSelection.Conflict> conflicts, List<String> field) {
        return new TargetSelectionConflictError(
                conflicts.size()
                        + " conflicting selection RW(s) with the same purpose and an overlapping period ("
                        + describe(conflicts) + "); reject one of them first, or resolve them with "
                        + "resolveTargetSelectionConflicts",
                field,
                conflicts);
    }

    /**
     * The conflicts as {@code RW x is in selection n (STATE, from..to)}, at most 10, e.g. {@code RW
     * 33.75.01.1002.RW001 is in selection 1 (APPROVED, 2027-01-01..2027-01-31)}.
     */
    static String describe(List<TargetSelection.Conflict> conflicts) {
        String listed = conflicts.stream()
                .limit(10)
                .map(c -> "RW " + c.rwCode() + " is in selection " + c.selectionId() + " (" + c.state() + ", "
                        + c.periodFrom() + ".." + c.periodTo() + ")")
                .collect(Collectors.joining("; "));
        return conflicts.size() > 10 ? listed + "; and " + (conflicts.size() - 10) + " more" : listed;
    }

    /**
     * The RWs given, validated (known RW codes, inside the caller's scope, one kab/kota, each once: a repeat is refused
     * by its index), dotted.
     */
    private Set<String> rws(Caller caller, String action, String id, List<String> codes, List<UserError> errors) {
        Set<String> rws = new LinkedHashSet<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<String> given = codes == null ? List.of() : codes;
        if (given.isEmpty() || given.size() > TargetSelectionRules.MAX_RWS) {
            errors.add(new InvalidValueError(
                    "give 1-" + TargetSelectionRules.MAX_RWS + " RW codes", inputPath("rwCodes")));
        }
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i);
            List<String> field = inputPath("rwCodes", String.valueOf(i));
            if (!RegionCode.isValid(code) || RegionCode.parse(code).level() != RegionLevel.RW) {
                errors.add(new InvalidRegionCodeError(
                        "not an RW code (e.g. 33.75.01.1002.RW003): " + code, field, String.valueOf(code)));
                continue;
            }
            String dotted = RegionCode.parse(code).dotted();
            if (!caller.covers(dotted)) {
                throw journal.denied(caller, action, id, kabkotaOf(dotted), "RW " + dotted + " is outside your scope");
            }
            if (!regions.rwExists(dotted)) {
                errors.add(new InvalidRegionCodeError("unknown RW " + dotted, field, code));
            } else if (!rws.isEmpty()
                    && !Objects.equals(kabkotaOf(rws.iterator().next()), kabkotaOf(dotted))) {
                errors.add(new InvalidValueError("all RWs of a selection lie in one kab/kota", field));
            } else if (firstIndex.putIfAbsent(dotted, i) != null) {
                errors.add(new InvalidValueError(
                        "RW " + dotted + " is listed twice (first at rwCodes[" + firstIndex.get(dotted)
                                + "]); give each RW once",
                        field));
            } else {
                rws.add(dotted);
            }
        }
        return rws;
    }

    private void writeRws(String kabkota, long id, Iterable<String> rws) {
        int position = 0;
        for (String rw : rws) {
            jdbc.sql("""
                            INSERT INTO target_selection_rws (kabkota_code, selection_id, rw_code, position)
                            VALUES (:k, :id, :rw, :p)""")
                    .param("k", kabkota)
                    .param("id", id)
                    .param("rw", rw)
                    .param("p", position++)
                    .update();
        }
    }

    /** The period ordered, at most MAX_PERIOD_DAYS long, and not ended before today (Asia/Jakarta). */
    private void checkPeriod(LocalDate from, LocalDate to, List<UserError> errors) {
        LocalDate today = ClockConfig.serviceToday(clock);
        if (from == null || to == null) {
            errors.add(new InvalidValueError("give periodFrom and periodTo", inputPath("periodFrom")));
        } else if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= TargetSelectionRules.MAX_PERIOD_DAYS) {
            errors.add(new InvalidValueError(
                    "periodTo must be on or after periodFrom and at most " + TargetSelectionRules.MAX_PERIOD_DAYS
                            + " days later",
                    inputPath("periodTo")));
        } else if (to.isBefore(today)) {
            errors.add(new InvalidValueError(
                    "the period " + from + ".." + to + " ended before today (" + today + " in "
                            + ClockConfig.SERVICE_ZONE_ID + "); give a periodTo of today or later",
                    inputPath("periodTo")));
        }
    }

    static void checkText(String text, String field, List<UserError> errors) {
        if (text == null || text.isBlank() || text.length() > TargetSelectionRules.MAX_TEXT) {
            errors.add(new InvalidValueError(
                    field + " must be 1-" + TargetSelectionRules.MAX_TEXT + " characters", inputPath(field)));
        }
    }

    private Result notFound(Caller caller, String action, String id) {
        UserError missing =
                new TargetSelectionNotFoundError("no target selection " + id, inputPath("id"), String.valueOf(id));
        return rejected(caller, action, id, null, List.of(missing));
    }

    private Result rejected(Caller caller, String action, String id, String kabkota, List<UserError> errors) {
        return new Result(null, List.of(), journal.rejected(caller, action, id, kabkota, errors));
    }

    static String kabkotaOf(String code) {
        return RegionCode.isValid(code) ? RegionCode.parse(code).kabkotaCode().orElse(null) : null;
    }
}
