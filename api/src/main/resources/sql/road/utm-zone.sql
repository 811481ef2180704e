-- EPSG code of the UTM zone at the centre of the kab/kota's boundary (or of the lines, without a boundary).
-- Parameters: :k — kab/kota code.
-- Returns: one EPSG code (326zz north of the equator, 327zz south; the function utm_zone_srid, R__utm_zone_srid.sql).
SELECT utm_zone_srid(c)
  FROM (SELECT coalesce((SELECT ST_Centroid(geom) FROM regions WHERE code = :k AND level = 'KABKOTA'),
                        (SELECT ST_Centroid(ST_Extent(geom)::geometry) FROM road_import_parts)) AS c) x
