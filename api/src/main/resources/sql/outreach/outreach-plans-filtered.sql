-- The outreach plans a caller may list (outreachPlans): a plan is visible when one of its RWs (visited or not) lies
-- inside the caller's scope; the filters narrow it (each null parameter is no filter). One row per plan: id, month.
-- Parameters: :scope — the caller's region codes; :statuses — plan statuses; :month — service month (its first
-- day); :depot — base facility code; :selection — target selection id; :region — region code (each filter null: none).
-- Returns: id, service_month of each plan.
SELECT p.id, p.service_month
  FROM outreach_plans p
  JOIN facilities f ON f.id = p.depot_facility_id
 WHERE EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                WHERE left(sc, 5) = p.kabkota_code OR length(sc) < 5)
   AND (CAST(:statuses AS text[]) IS NULL OR p.status = ANY (CAST(:statuses AS text[])))
   AND (CAST(:month AS date) IS NULL OR p.service_month = CAST(:month AS date))
   AND (CAST(:depot AS text) IS NULL OR f.code = CAST(:depot AS text))
   AND (CAST(:selection AS bigint) IS NULL
        OR EXISTS (SELECT 1 FROM outreach_plan_selections ps
                    WHERE ps.kabkota_code = p.kabkota_code AND ps.plan_id = p.id
                      AND ps.selection_id = CAST(:selection AS bigint)))
   AND EXISTS (SELECT 1 FROM (SELECT rw_code FROM outreach_plan_stops s
                               WHERE s.kabkota_code = p.kabkota_code AND s.plan_id = p.id
                              UNION ALL
                              SELECT rw_code FROM outreach_plan_unserved u
                               WHERE u.kabkota_code = p.kabkota_code AND u.plan_id = p.id) r
                WHERE (CAST(:region AS text) IS NULL OR r.rw_code = CAST(:region AS text)
                       OR r.rw_code LIKE CAST(:region AS text) || '.%')
                  AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc
                               WHERE r.rw_code = sc OR r.rw_code LIKE sc || '.%'))
