-- Workflow events waiting to be posted to a configured webhook (issue 16, "being told"). A row is written in the same
-- transaction as the change it announces, so a committed change always has its rows and a rolled-back one none; the
-- dispatcher (id.ilpatlas.api.events.WebhookDispatcher) claims due rows with FOR UPDATE SKIP LOCKED, posts them and
-- records the outcome. Rows carry no person: the event names a subject (selection, plan, job), its state and its RWs.
CREATE TABLE webhook_outbox (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The configured webhook (atlas.webhooks[n].name) the row goes to.
    webhook         text        NOT NULL,
    -- The event (WorkflowEvent as JSON, without id and deliveryAttempt, which are added when it is sent).
    event           jsonb       NOT NULL,
    event_kind      text        NOT NULL,
    -- The kab/kota of the event's subject: which Dinkes may see the row (and the Citus distribution key).
    kabkota_code    text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When the dispatcher may (re)try it; while a dispatcher is sending it, the end of its claim.
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    -- Given up after the last attempt: visible to the Dinkes (webhookDeliveries(status: DEAD)), never retried.
    dead_at         timestamptz,
    last_error      text,
    last_status     integer,
    created_at      timestamptz NOT NULL,
    CHECK (delivered_at IS NULL OR dead_at IS NULL)
);

-- The dispatcher's queue: pending rows by due time.
CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (next_attempt_at, id)
    WHERE delivered_at IS NULL AND dead_at IS NULL;
-- The Dinkes's list of deliveries, newest first.
CREATE INDEX webhook_outbox_kabkota_idx ON webhook_outbox (kabkota_code, id DESC);
