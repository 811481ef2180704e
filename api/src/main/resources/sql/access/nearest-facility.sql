-- The nearest active facility (of the type the caller inlines in the facility filter, or of any type) of every
-- representative point the caller selects in the point filter (on alias p), with the geodesic distance on the
-- spheroid, ties by facility code. Returns rw_code, facility_id, distance_m, fx, fy ordered by rw_code (nulls when
-- there is no active facility at all).
--
-- Batched by grid cell, so that a national refresh makes one index search per cell instead of one per RW:
--  1. the points fall into cells of 0.05 degrees (~5.5 km); per cell its centre c, per point its sphere distance
--     to c, per cell the largest of these, h;
--  2. per cell one KNN search on the geography GiST index (facilities_puskesmas_geography_gist for puskesmas):
--     the :candidates facilities nearest to c; d1 = the smallest of their sphere distances to c;
--  3. the cell's candidates are the facilities within R = h + RHO (d1 + h) of c, taken from the KNN result when its
--     farthest lies beyond R (or it holds every facility), else from an ST_DWithin search;
--  4. per point p, with f1 the candidate nearest to c, only the candidates f with S(c, f) <= S(c, p) + RHO S(p, f1)
--     are paired with p; of those, the ones within RHO times the smallest sphere distance are measured on the
--     spheroid (ST_Distance on geography) and the nearest is kept, ties by code.
-- Why no nearer facility is missed. Sphere distances S (the great circle on PostGIS's sphere of radius 6,371,008.77
-- m, computed here from unit vectors: 2 R asin(chord / 2)) and spheroid distances G between the same two points
-- satisfy a S <= G <= b S, where a and b are the extreme ratios of the spheroid's radii of curvature (6,335,439 m,
-- the meridian at the equator, to 6,399,594 m at the poles) to the sphere's radius; RHO = b / a = 1.010126 for
-- WGS 84, so 1.0102 is used, plus 1 m against rounding. If f* is the spheroid nearest of p and f any facility,
-- G(p, f*) <= G(p, f) gives S(p, f*) <= RHO S(p, f). With f = f1 (the one that gave d1) and S(p, f1) <= S(p, c) +
-- d1 <= h + d1: S(c, f*) <= h + RHO (d1 + h) = R, so f* is a candidate (step 3), and S(c, f*) <= S(c, p) + RHO
-- S(p, f1) (step 4); with f = the candidate nearest to p on the sphere, f* is among those measured on the
-- spheroid (and so is every facility tied with it). RwAccessTest and bench/access.sh check the result against a
-- scan of every facility on the spheroid.
-- Parameters: :candidates — facilities taken per grid cell by the KNN search (RwAccessService.KNN_CANDIDATES);
-- those of the caller's point filter (:k — kab/kota code, or :codes — RW codes).
-- Returns: rw_code, facility_id, distance_m (metres on the spheroid), fx/fy (the facility, longitude/latitude).
WITH p AS MATERIALIZED (
    SELECT q.i, q.rw_code, q.point, q.cx, q.cy, q.x, q.y, q.z,
           -- the sphere distance to the cell's centre; 12,742,017.54 m = 2 R
           12742017.5428301197::float8 * asin(least(1::float8, sqrt(
               (q.x - cos(q.clat) * cos(q.clon)) * (q.x - cos(q.clat) * cos(q.clon))
               + (q.y - cos(q.clat) * sin(q.clon)) * (q.y - cos(q.clat) * sin(q.clon))
               + (q.z - sin(q.clat)) * (q.z - sin(q.clat))) / 2)) AS dc
      FROM (SELECT u.*, cos(u.lat) * cos(u.lon) AS x, cos(u.lat) * sin(u.lon) AS y, sin(u.lat) AS z,
                   radians((u.cx + 0.5::float8) * 0.05::float8) AS clon,
                   radians((u.cy + 0.5::float8) * 0.05::float8) AS clat
              FROM (SELECT row_number() OVER () AS i, p.rw_code, p.point,
                           -- the unit vector of the point, its geodetic latitude taken as spherical (as PostGIS's
                           -- sphere does), and its cell
                           radians(ST_X(p.point)) AS lon, radians(ST_Y(p.point)) AS lat,
                           floor(ST_X(p.point) / 0.05::float8)::int AS cx,
                           floor(ST_Y(p.point) / 0.05::float8)::int AS cy
                      FROM rw_representative_points p
                     WHERE /*point filter*/) u) q
), cells AS MATERIALIZED (
    SELECT c.cx, c.cy, c.h, c.lon, c.lat, cos(radians(c.lat)) * cos(radians(c.lon)) AS x,
           cos(radians(c.lat)) * sin(radians(c.lon)) AS y, sin(radians(c.lat)) AS z
      FROM (SELECT cx, cy, max(dc) AS h, (cx + 0.5::float8) * 0.05::float8 AS lon,
                   (cy + 0.5::float8) * 0.05::float8 AS lat
              FROM p GROUP BY cx, cy) c
), knn AS MATERIALIZED (
    SELECT c.cx, c.cy, c.h, k.id, k.code, k.location, k.x, k.y, k.z,
           12742017.5428301197::float8 * asin(least(1::float8, sqrt((k.x - c.x) * (k.x - c.x) + (k.y - c.y) * (k.y - c.y)
                                                             + (k.z - c.z) * (k.z - c.z)) / 2)) AS sd
      FROM cells c
     CROSS JOIN LATERAL (
           SELECT n.id, n.code, n.location, cos(n.lat) * cos(n.lon) AS x, cos(n.lat) * sin(n.lon) AS y,
                  sin(n.lat) AS z
             FROM (SELECT f.id, f.code, f.location, radians(ST_X(f.location)) AS lon,
                          radians(ST_Y(f.location)) AS lat
                     FROM facilities f
                    WHERE f.active /*facility filter*/
                    ORDER BY f.location::geography <-> ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)::geography
                    LIMIT :candidates) n) k
), bound AS MATERIALIZED (
    -- per cell R, whether the KNN result holds every candidate, and f1 (the facility nearest to the centre)
    SELECT DISTINCT ON (cx, cy) cx, cy, x AS x1, y AS y1, z AS z1,
           h + 1.0102::float8 * (min(sd) OVER w + h) + 1 AS r,
           count(*) OVER w < :candidates OR max(sd) OVER w > h + 1.0102::float8 * (min(sd) OVER w + h) + 1 AS complete
      FROM knn
    WINDOW w AS (PARTITION BY cx, cy)
     ORDER BY cx, cy, sd, id
), cand AS MATERIALIZED (
    SELECT a.* FROM (
        SELECT k.cx, k.cy, k.id, k.code, k.location, k.x, k.y, k.z, k.sd
          FROM knn k JOIN bound b USING (cx, cy)
         WHERE b.complete AND k.sd <= b.r
        UNION ALL
        SELECT q.cx, q.cy, q.id, q.code, q.location, q.x, q.y, q.z,
               12742017.5428301197::float8 * asin(least(1::float8, sqrt((q.x - q.ccx) * (q.x - q.ccx)
                   + (q.y - q.ccy) * (q.y - q.ccy) + (q.z - q.ccz) * (q.z - q.ccz)) / 2))
          FROM (SELECT c.cx, c.cy, c.x AS ccx, c.y AS ccy, c.z AS ccz, f.id, f.code, f.location,
                       cos(radians(ST_Y(f.location))) * cos(radians(ST_X(f.location))) AS x,
                       cos(radians(ST_Y(f.location))) * sin(radians(ST_X(f.location))) AS y,
                       sin(radians(ST_Y(f.location))) AS z
                  FROM bound b JOIN cells c USING (cx, cy)
                  JOIN facilities f ON f.active /*facility filter*/
                   AND ST_DWithin(f.location::geography, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)::geography,
                                  b.r + 1, false)
                 WHERE NOT b.complete) q) a
), reach AS MATERIALIZED (
    -- per point, how far from its cell's centre a facility may lie and still be its nearest (step 4)
    SELECT p.i, p.point, p.cx, p.cy, p.x, p.y, p.z,
           p.dc + 1.0102::float8 * 12742017.5428301197::float8 * asin(least(1::float8, sqrt(
               (p.x - b.x1) * (p.x - b.x1) + (p.y - b.y1) * (p.y - b.y1) + (p.z - b.z1) * (p.z - b.z1)) / 2)) + 1 AS reach
      FROM p JOIN bound b USING (cx, cy)
), pairs AS MATERIALIZED (
    SELECT r.i, r.point, c.id, c.code, c.location,
           12742017.5428301197::float8 * asin(least(1::float8, sqrt((r.x - c.x) * (r.x - c.x)
                                              + (r.y - c.y) * (r.y - c.y) + (r.z - c.z) * (r.z - c.z)) / 2)) AS sd
      FROM reach r JOIN cand c ON c.cx = r.cx AND c.cy = r.cy AND c.sd <= r.reach
), best AS (
    SELECT DISTINCT ON (n.i) n.i, n.id, n.location,
           ST_Distance(n.location::geography, n.point::geography, true) AS distance_m
      FROM pairs n JOIN (SELECT i, min(sd) AS nearest FROM pairs GROUP BY i) m
        ON m.i = n.i AND n.sd <= 1.0102::float8 * m.nearest + 1
     ORDER BY n.i, distance_m, n.code
)
SELECT p.rw_code, b.id AS facility_id, b.distance_m, ST_X(b.location) AS fx, ST_Y(b.location) AS fy
  FROM p LEFT JOIN best b USING (i)
 ORDER BY p.rw_code
