-- The frame of a kab/kota's (:k) travel-time surface: the UTM zone of its boundary's centroid (EPSG 326zz north of
-- the equator, 327zz south, WGS 84), and the boundary's extent in that zone, in metres. Null when the kab/kota has
-- no boundary.
-- Parameters: :k — kab/kota code.
-- Returns: srid (utm_zone_srid, R__utm_zone_srid.sql), min_x, min_y, max_x, max_y (metres in that zone), or no row.
WITH b AS (SELECT geom, ST_Centroid(geom) AS c FROM regions WHERE code = :k AND level = 'KABKOTA' AND geom IS NOT NULL),
     z AS (SELECT geom, utm_zone_srid(c) AS srid FROM b)
SELECT z.srid, ST_XMin(e.box) AS min_x, ST_YMin(e.box) AS min_y, ST_XMax(e.box) AS max_x, ST_YMax(e.box) AS max_y
  FROM z CROSS JOIN LATERAL (SELECT ST_Transform(z.geom, z.srid)::box2d AS box) e
