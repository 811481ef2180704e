package id.ilpatlas.api.targeting;

/**
 * Workflow state of a target selection: the values of {@code target_selections.state} and of the GraphQL enum
 * {@code TargetSelectionState}, by name. DRAFT → SUBMITTED → APPROVED or REJECTED; a REJECTED one is corrected and
 * resubmitted; the creator may withdraw a DRAFT or SUBMITTED one.
 */
public enum TargetSelectionState {
    /** Being prepared by its proposer; editable. */
    DRAFT,
    /** Waiting for review by a reviewer other than the proposer. */
    SUBMITTED,
    /** Approved: outreach may be planned for it. */
    APPROVED,
    /** Rejected with the reviewer's note; its proposer may correct and resubmit it. */
    REJECTED,
    /** Withdrawn by its creator; kept for the record. */
    WITHDRAWN
}
