-- The UTM zone (EPSG code) of the kelurahan an RW layer touches: areas are measured there, in true square metres.
-- Parameters: none (reads rw_layer).
-- Returns: one EPSG code (utm_zone_srid, R__utm_zone_srid.sql), or no row when no kelurahan is near.
SELECT utm_zone_srid(c)
  FROM (SELECT ST_Centroid(ST_Extent(k.geom)::geometry) AS c
          FROM regions k
         WHERE k.level = 'KELURAHAN'
           AND EXISTS (SELECT 1 FROM rw_layer f WHERE f.geom && k.geom)) centre
 WHERE c IS NOT NULL
