-- The RWs of one kelurahan as a JSON array, for the audit log's before and after of an RW import.
-- Parameters: :c — kelurahan code.
-- Returns: one text (null when the kelurahan has no RW): [{code, population, synthetic, area_m2 (spheroid, m²,
-- rounded)}] ordered by code.
SELECT jsonb_agg(jsonb_build_object('code', code, 'population', population,
           'synthetic', synthetic, 'area_m2', round(ST_Area(geom::geography)::numeric))
           ORDER BY code)::text
  FROM regions WHERE parent_code = :c AND level = 'RW'
