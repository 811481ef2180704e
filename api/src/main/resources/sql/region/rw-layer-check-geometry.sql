-- One feature's geometry of an RW layer being imported (RwImporter), read by PostGIS in its own statement so that a
-- geometry PostGIS cannot read is one remark on that feature, not a failed import.
-- Parameters: :geojson — the feature's GeoJSON geometry (EPSG:4326, [longitude, latitude]).
-- Returns: one row: valid and reason (ST_IsValid, ST_IsValidReason), lonlat (every coordinate within longitude
-- -180..180 and latitude -90..90), ewkb (the geometry, an invalid one repaired to its polygons, only to know where it
-- lies), has_area (null when invalid).
WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(:geojson), 4326) AS geom)
SELECT ST_IsValid(geom) AS valid, ST_IsValidReason(geom) AS reason,
       ST_XMin(geom) >= -180 AND ST_XMax(geom) <= 180
           AND ST_YMin(geom) >= -90 AND ST_YMax(geom) <= 90 AS lonlat,
       ST_AsEWKB(CASE WHEN ST_IsValid(geom) THEN geom
                      ELSE ST_CollectionExtract(ST_MakeValid(geom), 3) END) AS ewkb,
       CASE WHEN ST_IsValid(geom) THEN ST_Area(geom) > 0 END AS has_area
  FROM g
