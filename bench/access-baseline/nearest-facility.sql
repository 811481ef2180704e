-- BASELINE of bench/access.sh: the service's query before issue 15 made it national-scale (commit 8ba2b3c), kept
-- here only to be timed against api/src/main/resources/sql/access/nearest-facility.sql in the same run.
-- The nearest active facility (of the type the caller inlines as /*facility filter*/, or of any type) of every
-- representative point selected by /*point filter*/ (on alias p), with the geodesic distance on the spheroid.
-- KNN on the geography GiST index (sphere distance: facilities_puskesmas_geography_gist for puskesmas), :candidates
-- candidates re-ranked on the spheroid, ties by facility code. Sphere and spheroid distances differ by well under
-- 1 %, so the spheroid nearest is among the candidates unless that many facilities lie within 1 % of one distance.
SELECT p.rw_code, n.id AS facility_id, n.distance_m, ST_X(n.location) AS fx, ST_Y(n.location) AS fy
  FROM rw_representative_points p
  LEFT JOIN LATERAL (
        SELECT k.id, k.location, ST_Distance(k.location::geography, p.point::geography, true) AS distance_m
          FROM (SELECT f.id, f.code, f.location FROM facilities f
                 WHERE f.active /*facility filter*/
                 ORDER BY f.location::geography <-> p.point::geography
                 LIMIT :candidates) k
         ORDER BY distance_m, k.code
         LIMIT 1) n ON true
 WHERE /*point filter*/
 ORDER BY p.rw_code
