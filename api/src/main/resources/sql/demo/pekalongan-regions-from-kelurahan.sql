-- The kab/kota, kecamatan and kelurahan rows of Kota Pekalongan from the staged kelurahan boundaries: kab/kota and
-- kecamatan boundaries are the union of their kelurahan, their population the sum (the rule
-- sql/region/region-parents-from-kelurahan.sql keeps after a boundary edit). One statement: the foreign keys to the
-- parent rows are checked at its end.
-- Parameters: :kota — the kab/kota code (33.75); :gsrc — source note of the boundaries; :year — population year;
--             :psrc — source note of the population.
-- Reads: staged_kelurahan (code, name, kecamatan_code, kecamatan_name, population, geom EPSG:4326).
-- Writes: regions (levels KABKOTA, KECAMATAN, KELURAHAN).
INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, geometry_source,
                     population, population_year, population_source)
SELECT :kota, 'KABKOTA', 'Kota Pekalongan', '33', :kota,
       ST_ForcePolygonCCW(ST_Multi(ST_Union(geom))), :gsrc || ' (union of kelurahan)',
       sum(population), :year, :psrc || ' (sum of kelurahan)'
  FROM staged_kelurahan
UNION ALL
SELECT kecamatan_code, 'KECAMATAN', kecamatan_name, :kota, :kota,
       ST_ForcePolygonCCW(ST_Multi(ST_Union(geom))), :gsrc || ' (union of kelurahan)',
       sum(population), :year, :psrc || ' (sum of kelurahan)'
  FROM staged_kelurahan
 GROUP BY kecamatan_code, kecamatan_name
UNION ALL
SELECT code, 'KELURAHAN', name, kecamatan_code, :kota, geom, :gsrc, population, :year, :psrc
  FROM staged_kelurahan
