-- Issue 16, item 5 (the lifecycle half): a Pusling plan is a DRAFT when computed, PUBLISHED when it is the official
-- plan of its base for its month, then COMPLETED; a DRAFT or PUBLISHED plan may be CANCELLED (with a reason). Existing
-- plans become DRAFTs. At most one PUBLISHED plan per base (depot facility) and month; the month of a plan is the
-- month of its first service day (a plan's service days lie in one calendar month).

ALTER TABLE outreach_plans
    ADD COLUMN status            text        NOT NULL DEFAULT 'DRAFT',
    ADD COLUMN version           integer     NOT NULL DEFAULT 0,
    ADD COLUMN service_month     date        GENERATED ALWAYS AS
        (CAST(date_trunc('month', CAST(service_dates[1] AS timestamp)) AS date)) STORED,
    ADD COLUMN cancel_reason     text,
    ADD COLUMN status_changed_by text,
    ADD COLUMN status_changed_at timestamptz,
    ADD COLUMN published_by      text,
    ADD COLUMN published_at      timestamptz,
    ADD CONSTRAINT outreach_plans_status_known
        CHECK (status IN ('DRAFT', 'PUBLISHED', 'COMPLETED', 'CANCELLED')),
    ADD CONSTRAINT outreach_plans_cancel_reason_when_cancelled
        CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL)),
    ADD CONSTRAINT outreach_plans_version_non_negative CHECK (version >= 0);

COMMENT ON COLUMN outreach_plans.status IS 'DRAFT -> PUBLISHED -> COMPLETED, or DRAFT/PUBLISHED -> CANCELLED';
COMMENT ON COLUMN outreach_plans.service_month IS 'First day of the month of service_dates[1]: the plan''s month';

-- One published plan per base and month (the kab/kota leads, as on every key: DESIGN.md §3).
CREATE UNIQUE INDEX outreach_plans_one_published_per_base_month
    ON outreach_plans (kabkota_code, depot_facility_id, service_month) WHERE status = 'PUBLISHED';

-- The filters of outreachPlans.
CREATE INDEX outreach_plans_status_month_idx ON outreach_plans (kabkota_code, status, service_month);
