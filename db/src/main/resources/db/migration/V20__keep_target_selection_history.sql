-- Issue 16 item 1, selections as a workflow: every step of a target selection (created, edited, submitted,
-- resubmitted, approved, rejected, withdrawn) is kept as a row, so that the review notes of earlier rounds survive a
-- correction and resubmission. Puskesmas staff and the Dinkes propose too: the proposing facility is recorded, so
-- that a puskesmas never reviews its own proposal.

ALTER TABLE target_selections ADD COLUMN created_facility text;
COMMENT ON COLUMN target_selections.created_facility IS
    'The facility code of a PUSKESMAS_STAFF proposer (its staff never review the selection); null for other roles';

COMMENT ON TABLE target_selections IS
    'Target RW picks by a camat, lurah, puskesmas or the Dinkes: DRAFT -> SUBMITTED -> APPROVED/REJECTED (by a '
    'reviewer other than the proposer); a DRAFT or REJECTED one is edited, a REJECTED one resubmitted; the creator '
    'withdraws a DRAFT or SUBMITTED one (WITHDRAWN) or deletes a DRAFT. Steps in target_selection_transitions';

CREATE TABLE target_selection_transitions (
    kabkota_code   text        NOT NULL,
    selection_id   bigint      NOT NULL,
    id             bigint      GENERATED ALWAYS AS IDENTITY,
    action         text        NOT NULL,
    from_state     text,
    to_state       text        NOT NULL,
    actor          text        NOT NULL,
    actor_role     text        NOT NULL,
    note           text,
    -- For an edit: the fields it changed (rwCodes, reason, periodFrom, periodTo).
    changed_fields text[]      NOT NULL DEFAULT '{}',
    at             timestamptz NOT NULL DEFAULT now(),
    -- The selection's version after the step.
    version        integer     NOT NULL,
    -- True for rows rebuilt from the selection's own timestamps by this migration (steps before V20).
    backfilled     boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (kabkota_code, selection_id, id),
    FOREIGN KEY (kabkota_code, selection_id) REFERENCES target_selections (kabkota_code, id) ON DELETE CASCADE,

    CONSTRAINT target_selection_transitions_action_known
        CHECK (action IN ('CREATE', 'UPDATE', 'SUBMIT', 'RESUBMIT', 'APPROVE', 'REJECT', 'WITHDRAW')),
    CONSTRAINT target_selection_transitions_state_known
        CHECK (to_state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN')
           AND (from_state IS NULL OR from_state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN')))
);

COMMENT ON TABLE target_selection_transitions IS
    'Every step of a target selection, oldest first by id; deleted with its DRAFT (the audit log keeps that)';

-- Backfill from the selections' own columns: creation, submission, review, withdrawal.
INSERT INTO target_selection_transitions (kabkota_code, selection_id, action, from_state, to_state, actor,
                                          actor_role, note, at, version, backfilled)
SELECT kabkota_code, id, action, from_state, to_state, actor, actor_role, note, at, version, true
  FROM (SELECT s.kabkota_code, s.id, 1 AS step, 'CREATE' AS action, NULL AS from_state, 'DRAFT' AS to_state,
               s.created_by AS actor, s.created_role AS actor_role, NULL AS note, s.created_at AS at, 1 AS version
          FROM target_selections s
        UNION ALL
        SELECT s.kabkota_code, s.id, 2, 'SUBMIT', 'DRAFT', 'SUBMITTED', s.created_by, s.created_role, NULL,
               s.submitted_at, 2
          FROM target_selections s WHERE s.submitted_at IS NOT NULL
        UNION ALL
        SELECT s.kabkota_code, s.id, 3, CASE s.state WHEN 'APPROVED' THEN 'APPROVE' ELSE 'REJECT' END, 'SUBMITTED',
               s.state, s.reviewed_by, coalesce(s.reviewed_role, 'DINKES_ADMIN'), s.review_note, s.reviewed_at,
               s.version
          FROM target_selections s WHERE s.state IN ('APPROVED', 'REJECTED')
        UNION ALL
        SELECT s.kabkota_code, s.id, 3, 'WITHDRAW', CASE WHEN s.submitted_at IS NULL THEN 'DRAFT' ELSE 'SUBMITTED' END,
               'WITHDRAWN', s.created_by, s.created_role, NULL, s.updated_at, s.version
          FROM target_selections s WHERE s.state = 'WITHDRAWN') steps
 ORDER BY id, step;

-- The reviewer's queue: the SUBMITTED selections of a kab/kota, longest waiting first.
CREATE INDEX target_selections_submitted_idx ON target_selections (kabkota_code, state, submitted_at, id);
