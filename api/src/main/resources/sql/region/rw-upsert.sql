-- One RW of a kelurahan as RwWriter.replace makes it (RW import, synthetic RWs): inserted, or updated only when
-- something differs (name, geometry, sources, population, synthetic flag), so that an unchanged RW keeps updated_at.
-- Parameters: :code — RW code; :name; :kel — kelurahan code; :gsrc — geometry source; :population; :year —
-- population year; :psrc — population source; :synthetic; :shape — the geometry value the geometry expression reads
-- (WKB or GeoJSON). The caller inlines that expression (EPSG:4326, RwWriter.RwRow.geometrySql) at the geometry marker.
-- Writes: the regions row of the RW; returns 1 when written, 0 when it was already so.
INSERT INTO regions (code, level, name, parent_code, kabkota_code, geom, geometry_source,
                     population, population_year, population_source, synthetic)
VALUES (:code, 'RW', :name, :kel, left(:kel, 5), ST_ForcePolygonCCW(ST_Multi(/*geometry*/)), :gsrc,
        :population, :year, :psrc, :synthetic)
ON CONFLICT (code) DO UPDATE
   SET name = EXCLUDED.name, geom = EXCLUDED.geom, geometry_source = EXCLUDED.geometry_source,
       population = EXCLUDED.population, population_year = EXCLUDED.population_year,
       population_source = EXCLUDED.population_source, synthetic = EXCLUDED.synthetic,
       updated_at = now()
 WHERE (regions.name, regions.geometry_source, regions.population, regions.population_year,
        regions.population_source, regions.synthetic, ST_AsEWKB(regions.geom))
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.geometry_source, EXCLUDED.population,
        EXCLUDED.population_year, EXCLUDED.population_source, EXCLUDED.synthetic,
        ST_AsEWKB(EXCLUDED.geom))
