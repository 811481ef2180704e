-- ADOPT: area that changes kelurahan, in m² in UTM zone :srid: from its former kelurahan (null: outside every
-- kelurahan loaded) to its new one. Run before the new boundaries are written.
-- Parameters: :srid — EPSG code of the UTM zone.
-- Returns: from_code, to_code, area_m2.
SELECT a.code AS from_code, b.code AS to_code,
       ST_Area(ST_Transform(ST_Intersection(a.old_geom, b.new_geom), :srid)) AS area_m2
  FROM rw_layer_kelurahan a
  JOIN rw_layer_kelurahan b ON a.code <> b.code AND ST_Intersects(a.old_geom, b.new_geom)
UNION ALL
SELECT NULL, b.code, ST_Area(ST_Transform(coalesce(ST_Difference(b.new_geom, o.geom), b.new_geom), :srid))
  FROM rw_layer_kelurahan b
  CROSS JOIN LATERAL (SELECT ST_Union(k.geom) AS geom
                        FROM regions k WHERE k.level = 'KELURAHAN' AND k.geom && b.new_geom) o
