package id.ilpatlas.api.targeting;

import java.time.LocalDate;
import java.util.List;

/**
 * A target RW selection (GraphQL type {@code TargetSelection}); timestamps are ISO-8601 UTC text.
 *
 * @param createdRole the proposer's role ({@code Role} name)
 * @param createdFacility the proposing puskesmas's code for a PUSKESMAS_STAFF proposer, else null
 */
public record TargetSelection(
        String id,
        String kabkotaCode,
        String purpose,
        LocalDate periodFrom,
        LocalDate periodTo,
        TargetSelectionState state,
        List<String> rwCodes,
        String reason,
        String createdBy,
        String createdRole,
        String createdFacility,
        String createdAt,
        String submittedAt,
        String reviewedBy,
        String reviewedAt,
        String reviewNote,
        int version) {

    /** Another live selection with the same RW, the same purpose and an overlapping period. */
    public record Conflict(
            String selectionId,
            TargetSelectionState state,
            String rwCode,
            LocalDate periodFrom,
            LocalDate periodTo,
            String createdBy) {}

    /** One step of the selection's history (GraphQL type {@code TargetSelectionTransition}). */
    public record Transition(
            String selectionId,
            String action,
            String fromState,
            String toState,
            String actor,
            String actorRole,
            String note,
            List<String> changedFields,
            String at,
            int version,
            boolean backfilled) {}
}
