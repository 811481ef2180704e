/**
 * Target RW picking (issue "Target RW picking by camat and lurah"): {@link id.ilpatlas.api.targeting.TargetCandidates}
 * ranks the RWs of the caller's scope by a transparent weighted score, and {@link
 * id.ilpatlas.api.targeting.TargetSelectionCommands} runs the selection workflow DRAFT → SUBMITTED → APPROVED/REJECTED.
 */
package id.ilpatlas.api.targeting;
