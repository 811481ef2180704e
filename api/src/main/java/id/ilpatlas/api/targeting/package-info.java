/**
 * Target RW picking (issue "Target RW picking by camat and lurah"; issue 16, selections as a workflow): {@link
 * id.ilpatlas.api.targeting.TargetCandidates} ranks the RWs of the caller's scope by a transparent weighted score. The
 * selection workflow DRAFT → SUBMITTED → APPROVED/REJECTED (edit, resubmit, withdraw, delete) lives in {@link
 * id.ilpatlas.api.targeting.TargetSelectionCommands}, who may do what in {@code TargetSelectionRules}, the one-step
 * conflict resolution in {@code TargetSelectionConflictResolver}, what every step leaves behind (history row, audit
 * entry, event) in {@code TargetSelectionJournal}, and the reads (the paged list and reviewer queue, conflicts,
 * history) in {@link id.ilpatlas.api.targeting.TargetSelectionQueries}.
 */
package id.ilpatlas.api.targeting;
