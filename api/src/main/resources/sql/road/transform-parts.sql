-- The staged parts in the UTM zone of the kab/kota (road_import_parts.g, true metres), indexed for the clipping,
-- de-duplication and snapping that follow.
-- Parameters: :srid — EPSG code of the kab/kota's UTM zone (utm-zone.sql).
-- Writes: road_import_parts.g of every part, and a GiST index on it.
UPDATE road_import_parts SET g = ST_Transform(geom, :srid);
CREATE INDEX ON road_import_parts USING gist (g)
