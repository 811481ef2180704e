-- The UTM zone (EPSG code) of the kelurahan an RW layer touches: areas are measured there, in true square metres.
-- Parameters: none (reads rw_layer).
-- Returns: one EPSG code (326zz north of the equator, 327zz south), or no row when no kelurahan is near.
SELECT (CASE WHEN ST_Y(c) < 0 THEN 32700 ELSE 32600 END) + floor((ST_X(c) + 180) / 6)::int + 1
  FROM (SELECT ST_Centroid(ST_Extent(k.geom)::geometry) AS c
          FROM regions k
         WHERE k.level = 'KELURAHAN'
           AND EXISTS (SELECT 1 FROM rw_layer f WHERE f.geom && k.geom)) centre
 WHERE c IS NOT NULL
