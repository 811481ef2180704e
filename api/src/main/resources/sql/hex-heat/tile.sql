-- One hex heat tile: the hexes of the layer(s) (:hexes, as HexHeatLayers gave them to the caller: values, class and
-- colour already decided) that touch the tile, with their hexagon from hex_cells. NULL properties are left out of the
-- tile (a suppressed hex has no count, rate or class). Features in hex order: the same bytes whatever the plan.
-- Parameters: :hexes — JSON array of the decided hexes; :size — hex size, metres; :period, :measure — labels
-- written into each feature; :z/:x/:y — tile; :extent — tile extent (units); :buffer — buffer (units);
-- :m — margin of the envelope (share of the tile).
-- Returns: one bytea, the MVT tile (layer hex_heat).
WITH hexes AS (
    SELECT * FROM jsonb_to_recordset(CAST(:hexes AS jsonb))
        AS x(kabkota text, i integer, j integer, count integer, denominator integer, rate double precision,
             value double precision, class integer, color text, suppressed boolean, exact boolean, synthetic boolean)),
t AS (
    SELECT ST_AsMVTGeom(c.geom, ST_TileEnvelope(:z, :x, :y), :extent, :buffer, true) AS geom,
           :size || ':' || h.i || ':' || h.j AS hex, h.kabkota, :size AS resolution, CAST(:period AS text) AS period,
           CAST(:measure AS text) AS measure, h.count, h.denominator, h.rate, h.value, h.class, h.color,
           h.suppressed, h.exact, h.synthetic
      FROM hexes h
      JOIN hex_cells c ON c.size_m = :size AND c.i = h.i AND c.j = h.j
     WHERE c.geom && ST_TileEnvelope(:z, :x, :y, margin => :m))
SELECT ST_AsMVT(t, 'hex_heat', :extent, 'geom' ORDER BY t.kabkota, t.hex) FROM t WHERE geom IS NOT NULL
