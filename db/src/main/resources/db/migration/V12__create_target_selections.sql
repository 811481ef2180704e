-- Target RW selections (issue "Target RW picking by camat and lurah, and Pusling outreach route planning"): a camat
-- or lurah picks RWs of their scope for a purpose and period, submits the pick, and the Dinkes or the puskesmas
-- approves or rejects it. Only region codes and workflow metadata live here; no person-level data.
-- The kab/kota code leads every key so that the tables can be distributed on it (DESIGN.md §3).

CREATE TABLE target_selections (
    kabkota_code  text        NOT NULL,
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    purpose       text        NOT NULL,
    period_from   date        NOT NULL,
    period_to     date        NOT NULL,
    state         text        NOT NULL DEFAULT 'DRAFT',
    reason        text        NOT NULL,
    created_by    text        NOT NULL,
    created_role  text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    submitted_at  timestamptz,
    reviewed_by   text,
    reviewed_role text,
    reviewed_at   timestamptz,
    review_note   text,
    -- Optimistic locking: every change increments it; writes name the version they read.
    version       integer     NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),

    CONSTRAINT target_selections_purpose_known CHECK (purpose IN ('PUSLING', 'GERAKAN_INTERVENSI')),
    CONSTRAINT target_selections_state_known CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED')),
    CONSTRAINT target_selections_period_ordered CHECK (period_to >= period_from),
    CONSTRAINT target_selections_reason_not_blank CHECK (length(btrim(reason)) > 0),
    CONSTRAINT target_selections_reviewed_when_decided
        CHECK ((state IN ('APPROVED', 'REJECTED')) = (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL)),
    CONSTRAINT target_selections_kabkota_code_format CHECK (kabkota_code ~ '^[0-9]{2}\.[0-9]{2}$')
);

COMMENT ON TABLE target_selections IS
    'Target RW picks by a camat or lurah: DRAFT -> SUBMITTED -> APPROVED/REJECTED (by the Dinkes or the puskesmas)';
COMMENT ON COLUMN target_selections.version IS 'Optimistic-locking version, incremented by every change';

CREATE INDEX target_selections_id_idx ON target_selections (id);
CREATE INDEX target_selections_state_idx ON target_selections (kabkota_code, purpose, state);

-- The RWs of a selection, in the order picked.
CREATE TABLE target_selection_rws (
    kabkota_code  text    NOT NULL,
    selection_id  bigint  NOT NULL,
    rw_code       text    NOT NULL REFERENCES regions (code),
    position      integer NOT NULL,
    PRIMARY KEY (kabkota_code, selection_id, rw_code),
    FOREIGN KEY (kabkota_code, selection_id) REFERENCES target_selections (kabkota_code, id) ON DELETE CASCADE,

    CONSTRAINT target_selection_rws_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5))
);

-- Conflict look-ups: other selections holding the same RW.
CREATE INDEX target_selection_rws_rw_idx ON target_selection_rws (kabkota_code, rw_code);
