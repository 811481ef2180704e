-- One RW indicator tile: the RWs of :props (code -> the properties the caller may see, RwIndicatorFeatures; absent
-- values left out) whose boundary touches the tile, clipped and encoded by PostGIS. Features in code order: the same
-- bytes whatever plan PostgreSQL picks (a custom or a generic plan joins in a different order).
-- Parameters: :props — JSON object, RW code to properties; :z/:x/:y, :extent, :buffer, :m — as in
-- facilities.sql.
-- Returns: one bytea, the MVT tile (layer rw_indicators).
WITH props(code, p) AS (SELECT key, value FROM jsonb_each(CAST(:props AS jsonb))),
t AS (SELECT ST_AsMVTGeom(ST_Transform(r.geom, 3857), ST_TileEnvelope(:z, :x, :y), :extent, :buffer, true) AS geom,
             props.p
        FROM regions r JOIN props ON props.code = r.code
       WHERE r.level = 'RW'
         AND r.geom && ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :m), 4326))
SELECT ST_AsMVT(t, 'rw_indicators', :extent, 'geom' ORDER BY t.p ->> 'code') FROM t WHERE geom IS NOT NULL
