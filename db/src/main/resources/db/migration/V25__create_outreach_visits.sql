-- Issue 16, item 6 (realisation): each Pusling visit that happened, recorded by the puskesmas or the Dinkes: the day,
-- the team, how many people were served per life-cycle segment, which catalogue services were delivered, referrals
-- made and notes. No person is recorded here, only counts. A visit belongs to a stop of a PUBLISHED (or COMPLETED) plan
-- (one visit per plan and RW) or is unplanned (plan_id null; one per RW and day). The kab/kota leads every key.

CREATE TABLE outreach_visits (
    kabkota_code          text        NOT NULL,
    id                    bigint      GENERATED ALWAYS AS IDENTITY,
    plan_id               bigint,
    rw_code               text        NOT NULL REFERENCES regions (code),
    visit_date            date        NOT NULL,
    team_name             text        NOT NULL,
    team_members          integer     NOT NULL,
    -- People served per life-cycle segment: {"BALITA": 23, "LANSIA": 11}; keys are LifeCycleSegment values.
    people_served         jsonb       NOT NULL DEFAULT '{}',
    people_total          integer     NOT NULL,
    -- Catalogue keys of the services delivered (services.key; checked by the application on every write).
    service_keys          text[]      NOT NULL DEFAULT '{}',
    referrals             integer     NOT NULL DEFAULT 0,
    referral_facility_type text,
    referral_facility_id  bigint      REFERENCES facilities (id),
    notes                 text,
    recorded_by           text        NOT NULL,
    recorded_role         text        NOT NULL,
    recorded_at           timestamptz NOT NULL DEFAULT now(),
    updated_by            text,
    updated_at            timestamptz,
    version               integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (kabkota_code, id),
    FOREIGN KEY (kabkota_code, plan_id) REFERENCES outreach_plans (kabkota_code, id),

    CONSTRAINT outreach_visits_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5)),
    CONSTRAINT outreach_visits_team_members_range CHECK (team_members BETWEEN 1 AND 50),
    CONSTRAINT outreach_visits_people_object CHECK (jsonb_typeof(people_served) = 'object'),
    CONSTRAINT outreach_visits_people_total_non_negative CHECK (people_total >= 0),
    CONSTRAINT outreach_visits_referrals_non_negative CHECK (referrals >= 0),
    CONSTRAINT outreach_visits_version_non_negative CHECK (version >= 0)
);

COMMENT ON TABLE outreach_visits IS 'Pusling visits done (realisation): counts per segment, services, referrals; no person';

-- One visit per plan stop; one unplanned visit per RW and day.
CREATE UNIQUE INDEX outreach_visits_one_per_plan_rw ON outreach_visits (kabkota_code, plan_id, rw_code)
    WHERE plan_id IS NOT NULL;
CREATE UNIQUE INDEX outreach_visits_one_unplanned_per_rw_day ON outreach_visits (kabkota_code, rw_code, visit_date)
    WHERE plan_id IS NULL;
-- The last visit per RW, and the month's visits of a region.
CREATE INDEX outreach_visits_rw_date_idx ON outreach_visits (kabkota_code, rw_code text_pattern_ops, visit_date DESC);
CREATE INDEX outreach_visits_date_idx ON outreach_visits (kabkota_code, visit_date);
