-- ADOPT: the kelurahan that rw-layer-adopt-kelurahan.sql would leave without any area (the layer's RWs cover all of
-- it); the import then stops.
-- Parameters: none (reads rw_layer_kelurahan of the same transaction).
-- Returns: kelurahan codes, ordered.
SELECT code FROM rw_layer_kelurahan
 WHERE new_geom IS NULL OR ST_IsEmpty(new_geom) ORDER BY code
