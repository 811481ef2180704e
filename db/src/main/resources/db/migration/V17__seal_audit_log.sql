-- The audit log becomes append-only for the application's own role too (DESIGN.md §4): audit_log and its trigger
-- function are handed to the NOLOGIN role atlas_audit, and this role keeps SELECT and INSERT on it. Only a superuser
-- may do the hand-over, so it is done by audit_setup.seal_audit_log(), which db/setup/audit-owner.sql installs (./atlas
-- runs that script on the databases it creates; a DBA runs it once on an ATLAS_DB_URL database, README
-- "The audit log").
DO $$
BEGIN
    IF to_regprocedure('audit_setup.seal_audit_log()') IS NOT NULL THEN
        PERFORM audit_setup.seal_audit_log();
    ELSIF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE WARNING '%', format('the application connects as the superuser %s, which no table can be protected from: '
            || 'the audit log is append-only only against mistakes. Run it as an ordinary role (README "The audit log")',
            current_user);
    ELSE
        RAISE EXCEPTION '%', format('the audit log needs its own owner role before the application may run: as a '
            || 'superuser, run db/src/main/resources/db/setup/audit-owner.sql on this database once (psql -v app_role=%s '
            || '-d %s -f audit-owner.sql), then start again; see README "The audit log"', current_user, current_database());
    END IF;
END
$$;
