-- The kelurahan an RW layer's features may be assigned to (RwLayerAssigner): every kelurahan of the kab/kota the
-- layer overlaps, and any other one a feature's code attribute names.
-- Parameters: :srid — EPSG code of the UTM zone of the layer (rw-layer-utm-srid.sql); :kabkota — kab/kota codes;
-- :named — kelurahan codes named by the features' attributes.
-- Returns: code, name, area_m2 (the kelurahan's area in the UTM zone, m²), ordered by code.
SELECT code, name, ST_Area(ST_Transform(geom, :srid)) AS area_m2 FROM regions
 WHERE level = 'KELURAHAN' AND (kabkota_code = ANY(:kabkota) OR code = ANY(:named))
 ORDER BY code
