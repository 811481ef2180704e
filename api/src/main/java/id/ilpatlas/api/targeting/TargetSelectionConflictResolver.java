package id.ilpatlas.api.targeting;

import static id.ilpatlas.api.graphql.UserError.inputPath;
import static id.ilpatlas.api.targeting.TargetSelectionJournal.checkVersion;
import static id.ilpatlas.api.targeting.TargetSelectionState.APPROVED;
import static id.ilpatlas.api.targeting.TargetSelectionState.REJECTED;
import static id.ilpatlas.api.targeting.TargetSelectionState.SUBMITTED;

import id.ilpatlas.api.events.WorkflowEvent;
import id.ilpatlas.api.facility.FacilityErrors.InvalidValueError;
import id.ilpatlas.api.graphql.UserError;
import id.ilpatlas.api.security.AccessPolicy;
import id.ilpatlas.api.security.Caller;
import id.ilpatlas.api.security.Permission;
import id.ilpatlas.api.targeting.TargetSelectionErrors.InvalidTransitionError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionConflictError;
import id.ilpatlas.api.targeting.TargetSelectionErrors.TargetSelectionNotFoundError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reviewer's one place to settle a conflict: approve one SUBMITTED selection and, in the same transaction, reject
 * every SUBMITTED selection conflicting with it, with the reviewer's note. An APPROVED conflicting selection blocks
 * (it is not undone here); so does a conflicting selection the caller may not review. The rejections are either
 * listed with the versions the reviewer read (a conflict it did not list, e.g. submitted meanwhile, blocks) or left
 * to the resolver ({@code reject} null: all SUBMITTED conflicting selections at their current versions).
 */
@Component
class TargetSelectionConflictResolver {

    record SelectionVersion(String id, Integer version) {}

    record ResolveTargetSelectionConflictsInput(
            String approveId, Integer version, String note, List<SelectionVersion> reject) {}

    /** The outcome: the approved selection and the rejected ones (empty on errors), errors. */
    record Resolved(TargetSelection approved, List<TargetSelection> rejected, List<UserError> errors) {}

    private static final String ACTION = "resolveTargetSelectionConflicts";

    private final TransactionTemplate transactions;
    private final TargetSelectionQueries queries;
    private final TargetSelectionJournal journal;
    private final TargetSelectionCommands commands;

    TargetSelectionConflictResolver(
            TransactionTemplate transactions,
            TargetSelectionQueries queries,
            TargetSelectionJournal journal,
            TargetSelectionCommands commands) {
        this.transactions = transactions;
        this.queries = queries;
        this.journal = journal;
        this.commands = commands;
    }

    Resolved resolve(Caller caller, ResolveTargetSelectionConflictsInput in) {
        if (!AccessPolicy.may(caller, Permission.REVIEW_TARGET_SELECTIONS)) {
            throw journal.denied(
                    caller, ACTION, in.approveId(), null, "only the Dinkes or the puskesmas reviews target selections");
        }
        Optional<TargetSelection> loaded = queries.load(in.approveId());
        if (loaded.isEmpty()) {
            return rejected(
                    caller,
                    null,
                    List.of(new TargetSelectionNotFoundError(
                            "no target selection " + in.approveId(),
                            inputPath("approveId"),
                            String.valueOf(in.approveId()))),
                    in.approveId());
        }
        TargetSelection current = loaded.get();
        if (!TargetSelectionRules.mayReview(caller, current)) {
            throw journal.denied(
                    caller, ACTION, current.id(), current.kabkotaCode(), "the selection's RWs are outside your scope");
        }
        List<UserError> errors = new ArrayList<>();
        TargetSelectionCommands.checkText(in.note(), "note", errors);
        if (TargetSelectionRules.proposedBy(caller, current)) {
            errors.add(TargetSelectionCommands.selfReview(current, inputPath("approveId")));
        }
        checkVersion(in.version(), current, errors, inputPath("version"));
        if (errors.isEmpty() && current.state() != SUBMITTED) {
            errors.add(new InvalidTransitionError(
                    "only a SUBMITTED selection can be approved; this selection is " + current.state(),
                    inputPath("approveId"),
                    current.state().name(),
                    APPROVED.name()));
        }
        if (!errors.isEmpty()) {
            return rejected(caller, current, errors, current.id());
        }
        String note = in.note().strip();
        Resolved resolved = transactions.execute(status -> {
            journal.lock(current);
            List<UserError> problems = new ArrayList<>();
            TargetSelection now = queries.find(Long.parseLong(current.id())).orElseThrow();
            checkVersion(in.version(), now, problems, inputPath("version"));
            List<TargetSelection.Conflict> conflicts = queries.conflicts(now);
            List<TargetSelection.Conflict> approved =
                    conflicts.stream().filter(c -> c.state() == APPROVED).toList();
            if (!approved.isEmpty()) {
                problems.add(new TargetSelectionConflictError(
                        approved.size() + " RW(s) already in an APPROVED "
                                + "selection with the same purpose and an overlapping period ("
                                + TargetSelectionCommands.describe(approved) + "); an approval is not undone here",
                        inputPath("approveId"),
                        approved));
            }
            Map<String, TargetSelection> toReject = new LinkedHashMap<>();
            for (TargetSelection.Conflict c : conflicts) {
                if (c.state() == SUBMITTED && !toReject.containsKey(c.selectionId())) {
                    toReject.put(
                            c.selectionId(),
                            queries.find(Long.parseLong(c.selectionId())).orElseThrow());
                }
            }
            Map<String, Integer> versions = new LinkedHashMap<>();
            if (in.reject() != null) {
                for (int i = 0; i < in.reject().size(); i++) {
                    SelectionVersion given = in.reject().get(i);
                    TargetSelection other = given == null ? null : toReject.get(given.id());
                    if (other == null) {
                        problems.add(new InvalidValueError(
                                "selection " + (given == null ? null : given.id())
                                        + " is no SUBMITTED selection conflicting with " + current.id(),
                                inputPath("reject", String.valueOf(i), "id")));
                        continue;
                    }
                    versions.put(other.id(), given.version());
                    checkVersion(given.version(), other, problems, inputPath("reject", String.valueOf(i), "version"));
                }
                List<TargetSelection.Conflict> unlisted = conflicts.stream()
                        .filter(c -> c.state() == SUBMITTED && !versions.containsKey(c.selectionId()))
                        .toList();
                if (!unlisted.isEmpty()) {
                    problems.add(new TargetSelectionConflictError(
                            unlisted.size() + " conflicting SUBMITTED RW(s) not "
                                    + "in `reject` (" + TargetSelectionCommands.describe(unlisted)
                                    + "; submitted since you "
                                    + "looked?): list them, or leave `reject` out to reject "
                                    + "every conflicting selection",
                            inputPath("reject"),
                            unlisted));
                }
            } else {
                toReject.values().forEach(o -> versions.put(o.id(), o.version()));
            }
            for (TargetSelection other : toReject.values()) {
                if (!TargetSelectionRules.mayReview(caller, other)) {
                    problems.add(new TargetSelectionConflictError(
                            "conflicting selection " + other.id()
                                    + " has RWs outside your scope; the Dinkes resolves this conflict",
                            inputPath("approveId"),
                            conflicts.stream()
                                    .filter(c -> c.selectionId().equals(other.id()))
                                    .toList()));
                } else if (TargetSelectionRules.proposedBy(caller, other)) {
                    problems.add(TargetSelectionCommands.selfReview(other, inputPath("reject")));
                }
            }
            if (!problems.isEmpty()) {
                status.setRollbackOnly();
                return new Resolved(null, List.of(), problems);
            }
            List<TargetSelection> rejected = new ArrayList<>();
            for (TargetSelection other : toReject.values()) {
                String before = queries.snapshot(Long.parseLong(other.id()));
                if (commands.decide(caller, other, versions.get(other.id()), REJECTED, note) == 0) {
                    throw new IllegalStateException("selection " + other.id() + " changed under the lock");
                }
                rejected.add(journal.done(
                        caller,
                        ACTION,
                        Long.parseLong(other.id()),
                        "REJECT",
                        SUBMITTED,
                        before,
                        note,
                        List.of(),
                        WorkflowEvent.Kind.SELECTION_REJECTED));
            }
            String before = queries.snapshot(Long.parseLong(now.id()));
            if (commands.decide(caller, now, now.version(), APPROVED, note) == 0) {
                throw new IllegalStateException("selection " + now.id() + " changed under the lock");
            }
            TargetSelection after = journal.done(
                    caller,
                    ACTION,
                    Long.parseLong(now.id()),
                    "APPROVE",
                    SUBMITTED,
                    before,
                    note,
                    List.of(),
                    WorkflowEvent.Kind.SELECTION_APPROVED);
            return new Resolved(after, rejected, List.of());
        });
        if (!resolved.errors().isEmpty()) {
            return rejected(caller, current, resolved.errors(), current.id());
        }
        return resolved;
    }

    private Resolved rejected(Caller caller, TargetSelection current, List<UserError> errors, String id) {
        return new Resolved(
                null,
                List.of(),
                journal.rejected(caller, ACTION, id, current == null ? null : current.kabkotaCode(), errors));
    }
}
