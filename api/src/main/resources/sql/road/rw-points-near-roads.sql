-- How close the RW representative points of one kab/kota (:k) lie to its road network: per point the geodesic
-- distance (spheroid) to the nearest edge of the kab/kota's own network (the one its legs are routed on), then per
-- threshold of :thresholds the points within it, and the median distance.
--
-- Nearest edge: KNN on road_edges_geom_gist (planar distance in degrees), :candidates candidates re-ranked by
-- ST_Distance on geography. In Indonesia (|latitude| <= 11 degrees) a degree east is 0.98-1.0 of a degree north on the
-- ground, so the planar ranking is within ~3 % of the geodesic one: the nearest edge on the spheroid is among the
-- candidates unless that many edges lie within 3 % of the same distance (RoadNetworkQualityTest checks the figures
-- against a scan of every edge).
-- Parameters: :k — kab/kota code; :thresholds — metres; :candidates — edges re-ranked per point.
-- Returns: per threshold within_meters, points, points_within, median_meters.
WITH d AS (
    SELECT (SELECT min(ST_Distance(c.geom::geography, p.point::geography, true))
              FROM (SELECT e.geom FROM road_edges e
                     WHERE e.kabkota_code = :k
                     ORDER BY e.geom <-> p.point
                     LIMIT :candidates) c) AS meters
      FROM rw_representative_points p
     WHERE p.kabkota_code = :k
)
SELECT t.within_meters,
       (SELECT count(*) FROM d) AS points,
       (SELECT count(*) FROM d WHERE d.meters <= t.within_meters) AS points_within,
       (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d.meters) FROM d) AS median_meters
  FROM unnest(CAST(:thresholds AS float8[])) AS t(within_meters)
 ORDER BY t.within_meters
