-- The kab/kota whose boundary holds most of the staged lines' length, or no row.
-- Parameters: none (reads road_import_parts).
-- Returns: one kab/kota code, or no row.
SELECT r.code
  FROM regions r
  JOIN road_import_parts p ON r.geom && p.geom AND ST_Intersects(r.geom, p.geom)
 WHERE r.level = 'KABKOTA'
 GROUP BY r.code
 ORDER BY sum(ST_Length(ST_Intersection(r.geom, p.geom)::geography)) DESC, r.code
 LIMIT 1
