-- The Pusling visits of the field schedule: the stops of the plans in :statuses (PUBLISHED and COMPLETED; CANCELLED
-- ones only when they had been published, so that the field learns the Pusling is not coming; never a DRAFT) on days
-- from :first to :last (inclusive), of RWs equal to or under :region and inside the caller's :scope, with the team of
-- the route (its unit name, size and vehicle; null for plans made before teams were recorded); :plan (null: any)
-- narrows to one plan (whose reader was checked by the caller: then a cancelled draft is shown too).
-- Parameters: :kabkota — kab/kota code; :statuses — plan statuses; :first, :last — dates; :region — region
-- code; :scope — the caller's region codes; :plan — plan id or null.
-- Returns: one row per stop: date, vehicle, sequence, RW and kelurahan, times, leg_distance_meters, the plan and its
-- base, the team.
SELECT s.service_date, s.vehicle, s.sequence, s.rw_code, r.name AS rw_name, k.code AS kel_code, k.name AS kel_name,
       s.arrival, s.service_start, s.departure, s.leg_distance_meters,
       p.id AS plan_id, p.name AS plan_name, p.status, p.cancel_reason, f.code AS base_code, f.name AS base_name,
       t.team_name, t.team_size, t.vehicle_kind
  FROM outreach_plan_stops s
  JOIN outreach_plans p ON p.kabkota_code = s.kabkota_code AND p.id = s.plan_id
  JOIN outreach_plan_routes t ON t.kabkota_code = s.kabkota_code AND t.plan_id = s.plan_id
                             AND t.service_date = s.service_date AND t.vehicle = s.vehicle
  JOIN facilities f ON f.id = p.depot_facility_id
  JOIN regions r ON r.code = s.rw_code
  JOIN regions k ON k.code = r.parent_code
 WHERE s.kabkota_code = :kabkota
   AND (CAST(:plan AS bigint) IS NULL OR p.id = CAST(:plan AS bigint))
   AND p.status = ANY (CAST(:statuses AS text[]))
   AND (p.status <> 'CANCELLED' OR p.published_at IS NOT NULL OR CAST(:plan AS bigint) IS NOT NULL)
   AND s.service_date BETWEEN CAST(:first AS date) AND CAST(:last AS date)
   AND (s.rw_code = :region OR s.rw_code LIKE :region || '.%')
   AND EXISTS (SELECT 1 FROM unnest(CAST(:scope AS text[])) sc WHERE s.rw_code = sc OR s.rw_code LIKE sc || '.%')
 ORDER BY s.service_date, s.vehicle, s.sequence, p.id
