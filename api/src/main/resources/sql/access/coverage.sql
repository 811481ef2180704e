-- Coverage of the RWs at or inside a region (:code; kab/kota :kabkota, prefix :prefix) in one travel mode (:mode),
-- grouped by the puskesmas of the target :target (RESPONSIBLE_PUSKESMAS or NEAREST_PUSKESMAS). An RW is within when
-- its leg is at most :m metres (road or estimate) and :s seconds, each when given. Grouped by responsible puskesmas,
-- the RWs no single wilayah kerja holds form their own groups (facility null, their status) and are neither within
-- nor beyond: unassigned. Grouped by nearest, the RWs without any puskesmas are beyond. Populations are the RWs' own
-- (public) figures. Each group names its puskesmas and whether its point is APPROXIMATE, for the warnings.
-- Parameters: :code, :kabkota, :prefix — the region as in access-page.sql; :m — metres (null: no limit);
-- :s — seconds (null: no limit); :mode — a TravelMode; :target — RESPONSIBLE_PUSKESMAS or NEAREST_PUSKESMAS.
-- Returns: per group facility_id, facility_name, approximate, status, rws, population, rws_within,
-- population_within, rws_unassigned, population_unassigned, rws_without_population.
WITH a AS (
    SELECT reg.population, x.facility_id,
           CASE WHEN :target = 'RESPONSIBLE_PUSKESMAS' THEN coalesce(rp.status, 'NO_WILAYAH_KERJA') END AS status,
           (:target = 'RESPONSIBLE_PUSKESMAS' AND x.facility_id IS NULL) AS unassigned,
           x.facility_id IS NOT NULL
           AND (CAST(:m AS float8) IS NULL OR x.road_distance_meters <= :m)
           AND (CAST(:s AS float8) IS NULL OR x.travel_time_seconds <= :s) AS within
      FROM rw_representative_points p
      JOIN regions reg ON reg.code = p.rw_code
      LEFT JOIN rw_responsible_puskesmas rp ON rp.kabkota_code = p.kabkota_code AND rp.rw_code = p.rw_code
      LEFT JOIN rw_access x ON x.kabkota_code = p.kabkota_code AND x.rw_code = p.rw_code
                           AND x.target = :target AND x.mode = :mode
     WHERE p.kabkota_code = ANY(CAST(:kabkota AS text[])) AND (p.rw_code = :code OR p.rw_code LIKE :prefix)
)
SELECT a.facility_id, f.name AS facility_name, f.location_quality = 'APPROXIMATE' AS approximate, a.status,
       count(*) AS rws, coalesce(sum(population), 0) AS population,
       count(*) FILTER (WHERE within) AS rws_within,
       coalesce(sum(population) FILTER (WHERE within), 0) AS population_within,
       count(*) FILTER (WHERE unassigned) AS rws_unassigned,
       coalesce(sum(population) FILTER (WHERE unassigned), 0) AS population_unassigned,
       count(*) FILTER (WHERE population IS NULL) AS rws_without_population
  FROM a LEFT JOIN facilities f ON f.id = a.facility_id
 GROUP BY a.facility_id, f.code, f.name, f.location_quality, a.status
 ORDER BY f.code NULLS LAST, a.status
