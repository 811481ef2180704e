/**
 * The append-only audit log (docs/DESIGN.md §4): every mutation, import, selection, plan and read of person-level
 * data with who (user, role, scope), when, what, the target and its state before and after.
 * {@link id.ilpatlas.api.audit.AuditLog} writes an entry in the caller's transaction, so a change and its entry commit
 * together; {@link id.ilpatlas.api.audit.AuditController} serves {@code me} and {@code auditLog} (Dinkes only,
 * inside its scope). Table {@code audit_log} (V5), sealed against update, delete and truncate even for the
 * application's own role (V6, V17 and {@code db/src/main/resources/db/setup/audit-owner.sql}).
 */
package id.ilpatlas.api.audit;
