-- Whether one kab/kota's RW access rows are missing or older than a change they are computed from: an RW without a
-- representative point, no calibration, any facility (the nearest may lie across the border; wilayah kerja are
-- edited with their facility), the kab/kota's RWs, a case import that changed rows (it moves the residence points
-- weighting the representative points) and, where the caller inlines stale-road-loads.sql at the road network
-- marker, a road network load. A few index probes.
-- Parameters: :k — kab/kota code (33.75).
-- Returns: one boolean, true when stale.
WITH done AS (SELECT min(computed_at) AS at FROM rw_access WHERE kabkota_code = :k)
-- A comparison with a missing maximum (no import yet) is NULL; only a TRUE one counts.
SELECT EXISTS (SELECT 1 FROM regions r
                WHERE r.kabkota_code = :k AND r.level = 'RW' AND r.geom IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM rw_representative_points p
                                   WHERE p.kabkota_code = :k AND p.rw_code = r.code))
    OR NOT EXISTS (SELECT 1 FROM road_network_calibrations WHERE kabkota_code = :k)
       AND EXISTS (SELECT 1 FROM regions WHERE kabkota_code = :k AND level = 'RW')
    OR coalesce((SELECT max(updated_at) FROM facilities) > (SELECT at FROM done), false)
    OR coalesce((SELECT max(updated_at) FROM regions WHERE kabkota_code = :k AND level = 'RW')
         > (SELECT at FROM done), false)
    -- Case imports move the residence points that weight the representative points.
    OR coalesce((SELECT max(finished_at) FROM import_jobs
         WHERE (kabkota_code = :k OR kabkota_code IS NULL)
           AND rows_inserted + rows_updated > 0) > (SELECT at FROM done), false)
/*road network loads*/
