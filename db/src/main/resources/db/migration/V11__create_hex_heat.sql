-- Hex-bin heat of case points, precomputed per kab/kota, indicator, year and hex size, so that a heat tile is an
-- index range read (counting the points per tile request took 0.3-1 s; raw points are never shipped: personal data).
-- Rebuilt with the RW indicator summaries, in the same transaction (IndicatorRefresh), by refresh_hex_heat(k).
--
-- Hexes are PostGIS's ST_Hexagon grid in EPSG:3857 with origin (0, 0): hexagon (i, j) of edge length s metres has
-- its centre at x = 1.5 s i, y = sqrt(3) s j (+ sqrt(3)/2 s when i is odd). Three sizes (edge 1000, 500, 250 m),
-- chosen by zoom in the tile endpoint. A point belongs to the hexagon of the nearest centre (no double counting on
-- edges). Only geocoded records count (location not null); records placed by kelurahan + RW number have no point.
--
-- Hexes are a different geography from RWs: a hex count is a sum of parts of RW counts. Rows are kept per hex AND per
-- region_code (RW or kelurahan leaf) so that the tile endpoint can give a case-access caller the exact count of the
-- part of a hex inside her scope, and give everyone else only the coarsest hexes, small counts (1-4) suppressed and
-- the rest rounded to a multiple of 5 (see HexHeatTiles).
--
-- Indicators (per calendar year, dated as in rw_indicator_counts):
--   STUNTED                  children whose latest measurement in the year has length/height-for-age z < -2
--   TB_NOTIFICATIONS         TB cases diagnosed in the year
--   LOW_BIRTH_WEIGHT_BIRTHS  births under 2500 g delivered in the year

CREATE TABLE hex_cells (
    size_m  integer NOT NULL CHECK (size_m > 0),
    i       integer NOT NULL,
    j       integer NOT NULL,
    geom    geometry(Polygon, 3857) NOT NULL,
    PRIMARY KEY (size_m, i, j)
);

CREATE INDEX hex_cells_geom_gist ON hex_cells USING gist (geom);

CREATE TABLE hex_heat (
    kabkota_code text    NOT NULL,
    indicator    text    NOT NULL CHECK (indicator IN ('STUNTED', 'TB_NOTIFICATIONS', 'LOW_BIRTH_WEIGHT_BIRTHS')),
    year         integer NOT NULL,
    size_m       integer NOT NULL,
    i            integer NOT NULL,
    j            integer NOT NULL,
    region_code  text    NOT NULL,
    count        integer NOT NULL CHECK (count > 0),
    synthetic    boolean NOT NULL,
    PRIMARY KEY (kabkota_code, indicator, year, size_m, i, j, region_code)
);

CREATE INDEX hex_heat_cell_idx ON hex_heat (indicator, year, size_m, i, j);

-- The hex (i, j) of edge s containing point (x, y) in EPSG:3857: nearest centre among the two candidate columns.
CREATE FUNCTION hex_cell_of(x double precision, y double precision, s double precision, OUT i integer, OUT j integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT c.i, c.j
  FROM (SELECT floor(x / (1.5 * s))::int AS i0) b,
       LATERAL (SELECT col AS i,
                       round((y - CASE WHEN col & 1 = 1 THEN sqrt(3) / 2 * s ELSE 0 END) / (sqrt(3) * s))::int AS j
                  FROM (VALUES (b.i0), (b.i0 + 1)) v(col)) c
 ORDER BY (x - 1.5 * s * c.i) ^ 2
          + (y - sqrt(3) * s * c.j - CASE WHEN c.i & 1 = 1 THEN sqrt(3) / 2 * s ELSE 0 END) ^ 2
 LIMIT 1
$$;

CREATE FUNCTION refresh_hex_heat(k text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    rows integer;
BEGIN
    DELETE FROM hex_heat WHERE kabkota_code = k;
    CREATE TEMP TABLE hex_points ON COMMIT DROP AS
    WITH latest AS (
        SELECT DISTINCT ON (g.child_id, extract(year FROM g.measured_on))
               g.child_id, extract(year FROM g.measured_on)::int AS year, g.region_code,
               g.z_length_height_for_age AS zh, g.synthetic
          FROM growth_measurements g
         WHERE g.kabkota_code = k
         ORDER BY g.child_id, extract(year FROM g.measured_on), g.measured_on DESC)
    SELECT 'STUNTED'::text AS indicator, l.year, l.region_code, ST_Transform(c.location, 3857) AS p, l.synthetic
      FROM latest l JOIN children c ON c.kabkota_code = k AND c.id = l.child_id
     WHERE l.zh < -2 AND c.location IS NOT NULL
    UNION ALL
    SELECT 'TB_NOTIFICATIONS', extract(year FROM diagnosed_on)::int, region_code, ST_Transform(location, 3857),
           synthetic
      FROM tb_cases WHERE kabkota_code = k AND location IS NOT NULL
    UNION ALL
    SELECT 'LOW_BIRTH_WEIGHT_BIRTHS', extract(year FROM delivered_on)::int, region_code,
           ST_Transform(location, 3857), synthetic
      FROM pregnancies WHERE kabkota_code = k AND low_birth_weight AND delivered_on IS NOT NULL
                         AND location IS NOT NULL;
    INSERT INTO hex_heat (kabkota_code, indicator, year, size_m, i, j, region_code, count, synthetic)
    SELECT k, p.indicator, p.year, s.size_m, h.i, h.j, p.region_code, count(*), bool_or(p.synthetic)
      FROM hex_points p
     CROSS JOIN (VALUES (1000), (500), (250)) s(size_m)
     CROSS JOIN LATERAL hex_cell_of(ST_X(p.p), ST_Y(p.p), s.size_m) h
     GROUP BY 2, 3, 4, 5, 6, 7;
    GET DIAGNOSTICS rows = ROW_COUNT;
    INSERT INTO hex_cells (size_m, i, j, geom)
    SELECT DISTINCT h.size_m, h.i, h.j, ST_SetSRID(ST_Hexagon(h.size_m, h.i, h.j), 3857)
      FROM hex_heat h
     WHERE h.kabkota_code = k
       AND NOT EXISTS (SELECT 1 FROM hex_cells c WHERE c.size_m = h.size_m AND c.i = h.i AND c.j = h.j);
    DROP TABLE hex_points;
    RETURN rows;
END
$$;
