-- Issue 14 item 11: the creator of a target selection withdraws it (DRAFT or SUBMITTED -> WITHDRAWN) or deletes its
-- DRAFT. A WITHDRAWN selection is kept for the record and never counts as a conflict.

ALTER TABLE target_selections DROP CONSTRAINT target_selections_state_known;
ALTER TABLE target_selections ADD CONSTRAINT target_selections_state_known
    CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'));

COMMENT ON TABLE target_selections IS
    'Target RW picks by a camat or lurah: DRAFT -> SUBMITTED -> APPROVED/REJECTED (by the Dinkes or the puskesmas); '
    'the creator withdraws a DRAFT or SUBMITTED one (WITHDRAWN) or deletes a DRAFT';
