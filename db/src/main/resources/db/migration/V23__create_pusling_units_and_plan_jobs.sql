-- Teams, bases and solving as a job (issue 16).
--
-- pusling_units: which facility runs Pusling, with what. A plan's base is any active facility with an active unit
-- (puskesmas, partner clinic, hospital); each unit is one team with its vehicle on a service day.
CREATE TABLE pusling_units (
    kabkota_code  text        NOT NULL,
    id            bigint      GENERATED ALWAYS AS IDENTITY,
    code          text        NOT NULL UNIQUE,
    facility_id   bigint      NOT NULL REFERENCES facilities (id),
    name          text        NOT NULL,
    plate         text,
    vehicle_kind  text        NOT NULL,
    team_size     integer     NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    synthetic     boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (kabkota_code, id),

    CONSTRAINT pusling_units_vehicle_kind_known CHECK (vehicle_kind IN ('MOBIL_PUSLING', 'AMBULANS', 'MOTOR')),
    CONSTRAINT pusling_units_team_size_range CHECK (team_size BETWEEN 1 AND 20),
    CONSTRAINT pusling_units_kabkota_code_format CHECK (kabkota_code ~ '^[0-9]{2}\.[0-9]{2}$')
);

CREATE INDEX pusling_units_facility_idx ON pusling_units (facility_id) WHERE active;

-- The team of each route: the unit, its name and vehicle, and the team size of that day.
ALTER TABLE outreach_plan_routes
    ADD COLUMN unit_code    text,
    ADD COLUMN team_name    text,
    ADD COLUMN team_size    integer,
    ADD COLUMN vehicle_kind text;

-- Teams per day may differ; vehicles is the most teams on one day.
ALTER TABLE outreach_plans DROP CONSTRAINT outreach_plans_vehicles_range;
ALTER TABLE outreach_plans ADD CONSTRAINT outreach_plans_vehicles_range CHECK (vehicles BETWEEN 1 AND 20);

-- Solving is a job: planOutreach queues one and answers at once; a bounded executor runs it. The caller is kept so
-- that a job re-queued after a restart runs with the rights it was queued with. plan_id has no foreign key: a draft
-- plan may be deleted, its job's history stays.
CREATE TABLE outreach_plan_jobs (
    kabkota_code    text        NOT NULL,
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    state           text        NOT NULL,
    input           jsonb       NOT NULL,
    rw_codes        text[]      NOT NULL,
    created_by      text        NOT NULL,
    created_role    text        NOT NULL,
    caller_scope    text[]      NOT NULL,
    caller_facility text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    plan_id         bigint,
    message         text,
    errors          jsonb,
    PRIMARY KEY (kabkota_code, id),

    CONSTRAINT outreach_plan_jobs_state_known CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT outreach_plan_jobs_plan_when_succeeded CHECK ((state = 'SUCCEEDED') = (plan_id IS NOT NULL))
);

CREATE INDEX outreach_plan_jobs_id_idx ON outreach_plan_jobs (id);
CREATE INDEX outreach_plan_jobs_open_idx ON outreach_plan_jobs (created_at) WHERE state IN ('QUEUED', 'RUNNING');

-- What the planner decided about the calendar and the spread (days off skipped, posyandu sessions not found, spread
-- given up), as {code, message} objects.
ALTER TABLE outreach_plans ADD COLUMN notes jsonb NOT NULL DEFAULT '[]';
