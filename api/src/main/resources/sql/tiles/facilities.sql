-- One facility tile: the active facilities in the tile (with its buffer), public.
-- Parameters: :z/:x/:y — tile; :extent — tile extent (units); :buffer — buffer (units); :m — margin of the
-- envelope (share of the tile).
-- Returns: one bytea, the MVT tile (layer facilities: code, name, type).
WITH t AS (SELECT ST_AsMVTGeom(ST_Transform(location, 3857), ST_TileEnvelope(:z, :x, :y), :extent, :buffer, true) AS geom,
                  code, name, type
             FROM facilities
            WHERE active
              AND location && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326))
SELECT ST_AsMVT(t, 'facilities', :extent, 'geom' ORDER BY t.code) FROM t WHERE geom IS NOT NULL
