-- A page of access rows of the RWs at or inside a region (:code; its kab/kota :kabkota, prefix :prefix), after
-- :after, ordered by RW code, in one travel mode (:mode): the responsibility of each RW, the stored leg to its
-- responsible puskesmas and the stored leg to its nearest facility of the target :nearest (NEAREST_PUSKESMAS or
-- NEAREST_FACILITY), each with the facility's location quality.
-- Parameters: :code — region code (provinsi to RW); :kabkota — its kab/kota codes; :prefix — :code || '.%';
-- :after — RW code to start after (null: first page); :limit — rows; :only — RW codes to keep (null: all); :mode — a
-- TravelMode; :nearest — NEAREST_PUSKESMAS or NEAREST_FACILITY.
-- Returns: rw_code, point (GeoJSON), point_method, status, responsible_id, claimant_ids, and per leg (r_ responsible,
-- n_ nearest) id, name, quality, d (geodesic metres), rd (road or estimated metres), t (seconds), m (method),
-- f (detour factor), c (connector metres); ordered by rw_code.
SELECT p.rw_code, ST_AsGeoJSON(p.point, 7) AS point, p.point_method,
       rp.status, rp.facility_id AS responsible_id, rp.claimant_ids,
       r.facility_id AS r_id, rf.name AS r_name, rf.location_quality AS r_quality, r.distance_meters AS r_d,
       r.road_distance_meters AS r_rd, r.travel_time_seconds AS r_t, r.method AS r_m, r.detour_factor AS r_f,
       r.connector_meters AS r_c,
       n.facility_id AS n_id, nf.name AS n_name, nf.location_quality AS n_quality, n.distance_meters AS n_d,
       n.road_distance_meters AS n_rd, n.travel_time_seconds AS n_t, n.method AS n_m, n.detour_factor AS n_f,
       n.connector_meters AS n_c
  FROM rw_representative_points p
  LEFT JOIN rw_responsible_puskesmas rp ON rp.kabkota_code = p.kabkota_code AND rp.rw_code = p.rw_code
  LEFT JOIN rw_access r ON r.kabkota_code = p.kabkota_code AND r.rw_code = p.rw_code
                       AND r.target = 'RESPONSIBLE_PUSKESMAS' AND r.mode = :mode
  LEFT JOIN facilities rf ON rf.id = r.facility_id
  LEFT JOIN rw_access n ON n.kabkota_code = p.kabkota_code AND n.rw_code = p.rw_code
                       AND n.target = :nearest AND n.mode = :mode
  LEFT JOIN facilities nf ON nf.id = n.facility_id
 WHERE p.kabkota_code = ANY(CAST(:kabkota AS text[])) AND (p.rw_code = :code OR p.rw_code LIKE :prefix)
   AND (CAST(:after AS text) IS NULL OR p.rw_code > :after)
   AND (CAST(:only AS text[]) IS NULL OR p.rw_code = ANY(CAST(:only AS text[])))
 ORDER BY p.rw_code
 LIMIT :limit
