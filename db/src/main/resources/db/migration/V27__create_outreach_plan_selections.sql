-- The target selections a Pusling plan was made from (issue 16, several approved selections in one plan): one row
-- per selection, in the order given (position 1 is also outreach_plans.selection_id, kept as the first). A plan
-- made from listed RWs has none. The kab/kota code leads every key (DESIGN.md §3): a plan and its selections lie in
-- one kab/kota.

CREATE TABLE outreach_plan_selections (
    kabkota_code  text    NOT NULL,
    plan_id       bigint  NOT NULL,
    selection_id  bigint  NOT NULL,
    position      integer NOT NULL,
    PRIMARY KEY (kabkota_code, plan_id, selection_id),
    UNIQUE (kabkota_code, plan_id, position),
    FOREIGN KEY (kabkota_code, plan_id) REFERENCES outreach_plans (kabkota_code, id) ON DELETE CASCADE,
    FOREIGN KEY (kabkota_code, selection_id) REFERENCES target_selections (kabkota_code, id),

    CONSTRAINT outreach_plan_selections_position_positive CHECK (position >= 1)
);

COMMENT ON TABLE outreach_plan_selections IS
    'The APPROVED target selections an outreach plan was made from, in the order given';

CREATE INDEX outreach_plan_selections_selection_idx ON outreach_plan_selections (kabkota_code, selection_id);

INSERT INTO outreach_plan_selections (kabkota_code, plan_id, selection_id, position)
SELECT kabkota_code, id, selection_id, 1 FROM outreach_plans WHERE selection_id IS NOT NULL;
