-- Issue 16 (new-user trial): completing a plan must not free its base and month. A plan COMPLETED early let a second
-- plan of the same base and month be PUBLISHED, and the field schedule showed both (a double-booked team). From now on
-- at most one plan per base and month is PUBLISHED or COMPLETED (completing is also refused before the plan's last
-- service day, in the application).
--
-- Bases and months that already hold several such plans keep one: the plan with the most recorded visits, then a
-- PUBLISHED one before a COMPLETED one, then the latest published. The others are CANCELLED with a reason naming the
-- plan kept, and the change is written to the audit log.
WITH ranked AS (
    SELECT p.kabkota_code, p.id, p.status,
           first_value(p.id) OVER w AS kept_id,
           row_number() OVER w AS rank
      FROM outreach_plans p
     WHERE p.status IN ('PUBLISHED', 'COMPLETED')
    WINDOW w AS (PARTITION BY p.kabkota_code, p.depot_facility_id, p.service_month
                 ORDER BY (SELECT count(*) FROM outreach_visits v
                            WHERE v.kabkota_code = p.kabkota_code AND v.plan_id = p.id) DESC,
                          (p.status = 'PUBLISHED') DESC, p.published_at DESC NULLS LAST, p.id DESC)
), cancelled AS (
    UPDATE outreach_plans p
       SET status = 'CANCELLED', version = p.version + 1, status_changed_by = 'migration V26',
           status_changed_at = now(),
           cancel_reason = 'Dibatalkan otomatis (pembaruan V26): rencana ' || r.kept_id
               || ' adalah rencana resmi pangkalan ini untuk bulan ini (satu rencana per pangkalan dan bulan).'
      FROM ranked r
     WHERE r.rank > 1 AND p.kabkota_code = r.kabkota_code AND p.id = r.id
    RETURNING p.kabkota_code, p.id, r.status AS old_status, r.kept_id
)
INSERT INTO audit_log (actor, role, action, target_type, target_id, outcome, detail, kabkota_code)
SELECT 'migration V26', 'SYSTEM', 'cancelOutreachPlan', 'OutreachPlan', c.id::text, 'DONE',
       'was ' || c.old_status || '; plan ' || c.kept_id || ' is the plan of the same base and month', c.kabkota_code
  FROM cancelled c;

DROP INDEX outreach_plans_one_published_per_base_month;

-- One PUBLISHED or COMPLETED plan per base and month (the kab/kota leads, as on every key: DESIGN.md §3).
CREATE UNIQUE INDEX outreach_plans_one_official_per_base_month
    ON outreach_plans (kabkota_code, depot_facility_id, service_month) WHERE status IN ('PUBLISHED', 'COMPLETED');
