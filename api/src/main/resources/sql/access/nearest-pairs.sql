-- The trips to measure to the nearest facility: nearest-facility.sql (inlined by the caller at the nearest facility
-- marker, with its filters) joined back to the representative points, leaving out points without any facility.
-- Parameters: those of nearest-facility.sql and of the caller's point filter (:k or :codes), :candidates.
-- Returns: rw_code, facility_id, distance_m (metres on the spheroid), fx/fy (the facility's point), x/y (the RW's
-- point, longitude/latitude EPSG:4326), ordered by rw_code.
WITH n AS (/*nearest facility*/)
SELECT n.*, ST_X(p.point) AS x, ST_Y(p.point) AS y
  FROM n JOIN rw_representative_points p ON p.kabkota_code = left(n.rw_code, 5)
                                        AND p.rw_code = n.rw_code
 WHERE n.facility_id IS NOT NULL
 ORDER BY n.rw_code
