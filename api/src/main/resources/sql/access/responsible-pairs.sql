-- The trips to measure to the responsible puskesmas: every RW of one kab/kota with a representative point and one
-- assigned responsible puskesmas (responsible-puskesmas.sql), with the geodesic distance between the two.
-- Parameters: :k — kab/kota code (33.75).
-- Returns: rw_code, x/y (the RW's point, longitude/latitude EPSG:4326), id (the facility), distance_m (metres on the
-- spheroid), fx/fy (the facility's point), ordered by rw_code.
SELECT p.rw_code, ST_X(p.point) AS x, ST_Y(p.point) AS y, f.id,
       ST_Distance(f.location::geography, p.point::geography, true) AS distance_m,
       ST_X(f.location) AS fx, ST_Y(f.location) AS fy
  FROM rw_representative_points p
  JOIN rw_responsible_puskesmas r ON r.kabkota_code = p.kabkota_code AND r.rw_code = p.rw_code
                                 AND r.status = 'ASSIGNED'
  JOIN facilities f ON f.id = r.facility_id
 WHERE p.kabkota_code = :k
 ORDER BY p.rw_code
