-- TRUNCATE bypasses row triggers: refuse it too, so the audit log stays append-only for the application's role.
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
