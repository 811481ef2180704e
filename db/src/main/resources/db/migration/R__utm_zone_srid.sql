-- utm_zone_srid(centre): the EPSG code of the WGS 84 UTM zone holding a point (EPSG:4326): 326zz north of the
-- equator, 327zz south, zz = 1..60 (a longitude of exactly 180 is zone 60). The one home of the rule by which the
-- road import (sql/road/utm-zone.sql), the RW import (sql/region/rw-layer-utm-srid.sql) and the travel-time surfaces
-- (sql/surface/grid-frame.sql) pick the zone in which they measure true metres.
-- Parameters: centre — a point in EPSG:4326 (longitude, latitude), usually a boundary's centroid.
-- Returns: integer EPSG code; null for a null point.
-- A repeatable migration: Flyway runs it again whenever this file changes (after the versioned ones).
CREATE OR REPLACE FUNCTION utm_zone_srid(centre geometry) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN ST_Y(centre) < 0 THEN 32700 ELSE 32600 END
       + least(60, greatest(1, floor((ST_X(centre) + 180) / 6)::int + 1))
$$;
