-- Run once per database, as a SUPERUSER, before the application's migrations (./atlas does it for the databases it
-- creates; a DBA does it for ATLAS_DB_URL deployments, see README "The audit log"):
--
--   psql -v ON_ERROR_STOP=1 -v app_role=atlas -U postgres -d <database> -f audit-owner.sql
--
-- Why: the audit log must stay append-only even for the application's own database role (docs/DESIGN.md §4). A table's
-- owner can disable its triggers, and a schema's owner can drop any table in it, so the application role may own
-- neither the audit table nor the schema it lives in. This script
--   1. creates the NOLOGIN role atlas_audit (no member, no password: nobody acts as it),
--   2. gives the public schema to the superuser running the script (the application keeps USAGE and CREATE, so its
--      migrations create and own every other table as before, but it can no longer drop tables it does not own),
--   3. installs audit_setup.seal_audit_log() (in its own schema: Flyway wants the public schema empty before its first
--      migration), which migration V17 calls as the application role: it hands audit_log (made
--      by V5/V6 as the application role) and its trigger function to atlas_audit and leaves the application role
--      SELECT and INSERT only. The function does one fixed thing and is idempotent; it runs as its owner (the
--      superuser) because only a superuser may give a table to a role nobody is a member of.
-- The script is idempotent: running it again changes nothing.

SET client_min_messages = warning;

SELECT 'CREATE ROLE atlas_audit NOLOGIN NOINHERIT'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atlas_audit') \gexec

ALTER SCHEMA public OWNER TO CURRENT_USER;
GRANT USAGE, CREATE ON SCHEMA public TO :"app_role";

CREATE SCHEMA IF NOT EXISTS audit_setup AUTHORIZATION CURRENT_USER;
REVOKE ALL ON SCHEMA audit_setup FROM PUBLIC;
GRANT USAGE ON SCHEMA audit_setup TO :"app_role";

CREATE OR REPLACE FUNCTION audit_setup.seal_audit_log() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $seal$
DECLARE
    former name;
BEGIN
    SELECT c.relowner::regrole::name INTO former
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = 'audit_log' AND c.relkind = 'r';
    IF former IS NULL THEN
        RAISE EXCEPTION 'public.audit_log does not exist: run the migrations up to V6 first';
    END IF;
    IF former = 'atlas_audit' THEN
        RETURN;
    END IF;
    -- The trigger function with its fixed body, owned by atlas_audit: the application can neither replace nor drop it.
    CREATE OR REPLACE FUNCTION public.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
    END
    $fn$;
    ALTER FUNCTION public.audit_log_is_append_only() OWNER TO atlas_audit;
    REVOKE ALL ON FUNCTION public.audit_log_is_append_only() FROM PUBLIC;
    -- The table (with its identity sequence and indexes) to atlas_audit; its triggers as V5/V6 define them, fired
    -- in every session (ENABLE ALWAYS: also under session_replication_role = replica).
    ALTER TABLE public.audit_log OWNER TO atlas_audit;
    DROP TRIGGER IF EXISTS audit_log_append_only ON public.audit_log;
    DROP TRIGGER IF EXISTS audit_log_no_truncate ON public.audit_log;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON public.audit_log
        FOR EACH ROW EXECUTE FUNCTION public.audit_log_is_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_is_append_only();
    ALTER TABLE public.audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
    ALTER TABLE public.audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
    -- The former owner (the application role) reads and appends, nothing else.
    REVOKE ALL ON public.audit_log FROM PUBLIC;
    EXECUTE format('REVOKE ALL ON public.audit_log FROM %I', former);
    EXECUTE format('GRANT SELECT, INSERT ON public.audit_log TO %I', former);
END
$seal$;

REVOKE ALL ON FUNCTION audit_setup.seal_audit_log() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_setup.seal_audit_log() TO :"app_role";
