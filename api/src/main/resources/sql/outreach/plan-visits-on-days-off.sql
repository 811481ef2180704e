-- The days off (of the plan's kab/kota: national or its own) on which DRAFT and PUBLISHED plans among :ids visit RWs,
-- read when a plan is read: a day off added after the plan was made, or cuti bersama worked on unasked (a plan made
-- with workOnCutiBersama keeps its cuti bersama days without a note). One row per plan and day; where the kab/kota
-- has its own day off on a national one, the national one is named.
-- Parameters: :ids — outreach plan ids.
-- Returns: plan_id, service_date, rws (RW codes visited that day), kind, name (of the day off).
WITH visit_days AS (
    SELECT p.id AS plan_id, p.kabkota_code, s.service_date,
           coalesce(p.request ->> 'workOnCutiBersama', 'false') = 'true' AS work_on_cuti,
           array_agg(s.rw_code ORDER BY s.rw_code) AS rws
      FROM outreach_plans p
      JOIN outreach_plan_stops s ON s.kabkota_code = p.kabkota_code AND s.plan_id = p.id
     WHERE p.id = ANY (CAST(:ids AS bigint[])) AND p.status IN ('DRAFT', 'PUBLISHED')
     GROUP BY p.id, p.kabkota_code, s.service_date, p.request
)
SELECT v.plan_id, v.service_date, v.rws, d.kind, d.name
  FROM visit_days v
  JOIN LATERAL (SELECT d.kind, d.name FROM calendar_days_off d
                 WHERE d.date = v.service_date AND (d.kabkota_code IS NULL OR d.kabkota_code = v.kabkota_code)
                 ORDER BY d.kabkota_code NULLS FIRST LIMIT 1) d ON true
 WHERE NOT (d.kind = 'CUTI_BERSAMA' AND v.work_on_cuti)
 ORDER BY v.plan_id, v.service_date
