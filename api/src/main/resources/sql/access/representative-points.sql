-- One representative point per RW of one kab/kota (:k), written to rw_representative_points: the mean of the
-- geocoded residence points (children, pregnancies, poverty households) lying inside the RW when there are at least
-- :min of them, clamped inside the RW (POPULATION_WEIGHTED); else ST_PointOnSurface (POINT_ON_SURFACE). TB cases are
-- left out on purpose: a point derived from patients' homes says more about a disease than about where people live.
-- The caller deletes the kab/kota's rows first, in the same transaction.
-- Parameters: :k — kab/kota code (33.75); :min — residence points needed for POPULATION_WEIGHTED
-- (RwAccessService.MIN_WEIGHTING_POINTS).
-- Writes: one rw_representative_points row per RW with a boundary; returns the number written (update count).
INSERT INTO rw_representative_points (rw_code, kabkota_code, point, point_method, point_count)
WITH rw AS (
    SELECT code, geom, ST_PointOnSurface(geom) AS pos
      FROM regions WHERE level = 'RW' AND kabkota_code = :k AND geom IS NOT NULL
), homes AS (
    SELECT rw_code, location FROM children
     WHERE kabkota_code = :k AND rw_code IS NOT NULL AND location IS NOT NULL
    UNION ALL
    SELECT rw_code, location FROM pregnancies
     WHERE kabkota_code = :k AND rw_code IS NOT NULL AND location IS NOT NULL
    UNION ALL
    SELECT rw_code, location FROM poverty_households
     WHERE kabkota_code = :k AND rw_code IS NOT NULL AND location IS NOT NULL
), mean AS (
    SELECT rw.code, count(*) AS n,
           ST_SetSRID(ST_MakePoint(avg(ST_X(h.location)), avg(ST_Y(h.location))), 4326) AS p
      FROM homes h JOIN rw ON rw.code = h.rw_code AND ST_Intersects(rw.geom, h.location)
     GROUP BY rw.code
), weighted AS (
    SELECT rw.code, rw.geom, rw.pos, coalesce(m.n, 0) AS n,
           CASE WHEN m.n >= :min THEN
                CASE WHEN ST_Intersects(rw.geom, m.p) THEN m.p
                     ELSE ST_ClosestPoint(rw.geom, m.p) END END AS w
      FROM rw LEFT JOIN mean m ON m.code = rw.code
)
SELECT code, :k,
       CASE WHEN w IS NOT NULL AND ST_Intersects(geom, w) THEN w ELSE pos END,
       CASE WHEN w IS NOT NULL AND ST_Intersects(geom, w) THEN 'POPULATION_WEIGHTED' ELSE 'POINT_ON_SURFACE' END,
       n
  FROM weighted
