-- Planned vs done of one month inside a region and the caller's scope (outreachRealisation): one row per planned stop
-- of a PUBLISHED or COMPLETED plan of the month (with its visit, if recorded), then one per unplanned visit dated in
-- the month. Parameters: :kabkota, :region (a code; RWs equal to it or under it), :month (its first day), :scope.
-- Returns: per planned stop or unplanned visit plan_id, rw_code, planned_date, visit_id, visit_date,
-- people_served and the rest of the visit, rw_name, kel_name.
WITH planned AS (
    SELECT s.kabkota_code, s.plan_id, s.rw_code, s.service_date AS planned_date
      FROM outreach_plan_stops s
      JOIN outreach_plans p ON p.kabkota_code = s.kabkota_code AND p.id = s.plan_id
     WHERE s.kabkota_code = :kabkota
       AND p.status IN ('PUBLISHED', 'COMPLETED')
       AND p.service_month = CAST(:month AS date)
       AND (s.rw_code = :region OR s.rw_code LIKE :region || '.%')
       AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc WHERE s.rw_code = sc OR s.rw_code LIKE sc || '.%')
), rows AS (
    SELECT pl.plan_id, pl.rw_code, pl.planned_date, v.id AS visit_id, v.visit_date, v.people_served,
           v.people_total, v.service_keys
      FROM planned pl
      LEFT JOIN outreach_visits v
             ON v.kabkota_code = pl.kabkota_code AND v.plan_id = pl.plan_id AND v.rw_code = pl.rw_code
    UNION ALL
    SELECT NULL, v.rw_code, NULL, v.id, v.visit_date, v.people_served, v.people_total, v.service_keys
      FROM outreach_visits v
     WHERE v.kabkota_code = :kabkota AND v.plan_id IS NULL
       AND v.visit_date >= CAST(:month AS date)
       AND v.visit_date < CAST(:month AS date) + interval '1 month'
       AND (v.rw_code = :region OR v.rw_code LIKE :region || '.%')
       AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc WHERE v.rw_code = sc OR v.rw_code LIKE sc || '.%')
)
SELECT x.*, r.name AS rw_name, k.name AS kel_name
  FROM rows x
  JOIN regions r ON r.code = x.rw_code
  JOIN regions k ON k.code = r.parent_code
 ORDER BY x.rw_code, x.planned_date NULLS LAST, x.visit_date, x.plan_id
