-- The monthly sessions of the active posyandu serving any of the RWs :rws, with those of their RWs among :rws.
-- Parameters: :rws — RW codes.
-- Returns: code, name, kel_name, week_of_month, day_of_week, starts_at, ends_at, rws (the posyandu's RWs among :rws).
SELECT f.code, f.name, k.name AS kel_name, ps.week_of_month, ps.day_of_week, ps.starts_at, ps.ends_at,
       ARRAY(SELECT c.region_code FROM facility_catchments c
              WHERE c.facility_id = f.id AND c.region_code = ANY (CAST(:rws AS text[]))
              ORDER BY c.region_code) AS rws
  FROM facilities f
  JOIN posyandu_sessions ps ON ps.facility_id = f.id
  LEFT JOIN regions k ON k.code = f.kelurahan_code
 WHERE f.type = 'POSYANDU' AND f.active
   AND EXISTS (SELECT 1 FROM facility_catchments c
                WHERE c.facility_id = f.id AND c.region_code = ANY (CAST(:rws AS text[])))
 ORDER BY f.code, ps.week_of_month, ps.day_of_week, ps.starts_at
