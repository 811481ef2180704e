-- Who did what, when, where: every mutation and import, also the refused and the forbidden ones.
CREATE TABLE audit_log (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    role         text        NOT NULL,
    scope        text[]      NOT NULL DEFAULT '{}',
    action       text        NOT NULL,
    target_type  text        NOT NULL,
    target_id    text,
    outcome      text        NOT NULL CHECK (outcome IN ('DONE', 'REJECTED', 'DENIED')),
    detail       text,
    before       jsonb,
    after        jsonb,
    -- The kab/kota the target belongs to: which Dinkes may read the entry (and the Citus distribution key).
    kabkota_code text
);

CREATE INDEX audit_log_kabkota_at_idx ON audit_log (kabkota_code, at DESC, id DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

-- The log is append-only, also for the application's own role.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
