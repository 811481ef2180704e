-- Hex heat by month, with a denominator per hex and the share of records placed on the map (issue 17, item 6).
--
-- hex_heat keeps one row per kab/kota, indicator, calendar month, hex size, hex and leaf region (RW or kelurahan):
--   count        the records of the indicator in that part of the hex (may now be 0 where only the denominator has
--                records, so that a hex where children were measured and none was stunted reads 0, not "no data");
--   denominator  the records the indicator is a share of, NULL where no honest denominator exists per hex:
--                  STUNTED                  child-months measured (each child once per calendar month, with its latest
--                                           measurement of the month; stunted = that measurement's length/height-for-
--                                           age z < -2), as rw_indicator_counts' children_measured / children_stunted;
--                  LOW_BIRTH_WEIGHT_BIRTHS  births delivered in the month with a recorded birth weight (BBLR = under
--                                           2500 g, WHO's low-birth-weight prevalence among live births weighed);
--                  TB_NOTIFICATIONS         NULL: notifications are a share of the population, and there is no
--                                           population per hex (RW populations do not split into hexes honestly).
-- The calendar year's hexes are the sums of its months (all three counts are additive over months: child-months,
-- diagnoses, deliveries), so one table serves both and a year can never disagree with its months.
--
-- hex_heat_totals keeps, per kab/kota, indicator and month, every record of the indicator and those with a point
-- (geocoded), for the numerator and the denominator: the share of records the map can show. Records placed by
-- kelurahan + RW number only have no point and are in no hex.
--
-- Both are rebuilt by refresh_hex_heat(k) (IndicatorRefresh, with the RW summaries); the refresh below is forced
-- by emptying rw_indicator_refreshes, so the heat is rebuilt on the next read.

DELETE FROM hex_heat;

ALTER TABLE hex_heat DROP CONSTRAINT hex_heat_pkey;
ALTER TABLE hex_heat DROP CONSTRAINT hex_heat_count_check;
ALTER TABLE hex_heat ADD COLUMN month integer NOT NULL CHECK (month BETWEEN 1 AND 12);
ALTER TABLE hex_heat ADD COLUMN denominator integer CHECK (denominator >= count);
ALTER TABLE hex_heat ADD CONSTRAINT hex_heat_count_check CHECK (count >= 0 AND (count > 0 OR denominator > 0));
ALTER TABLE hex_heat ADD PRIMARY KEY (kabkota_code, indicator, year, month, size_m, i, j, region_code);

CREATE TABLE hex_heat_totals (
    kabkota_code          text    NOT NULL,
    indicator             text    NOT NULL CHECK (indicator IN ('STUNTED', 'TB_NOTIFICATIONS',
                                                                'LOW_BIRTH_WEIGHT_BIRTHS')),
    year                  integer NOT NULL,
    month                 integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    records               integer NOT NULL CHECK (records >= 0),
    geocoded              integer NOT NULL CHECK (geocoded BETWEEN 0 AND records),
    denominator_records   integer CHECK (denominator_records >= 0),
    denominator_geocoded  integer CHECK (denominator_geocoded BETWEEN 0 AND denominator_records),
    synthetic             boolean NOT NULL,
    PRIMARY KEY (kabkota_code, indicator, year, month)
);

-- Binning is done once per distinct point, not once per record: a child measured every month sits at the same point
-- all year (about a tenth of the child-months are distinct points), so the demo city's refresh takes a few seconds
-- instead of most of the statement timeout; its sorts get 64 MB of work_mem rather than spilling to disk, and sort
-- codes and leaf codes bytewise (COLLATE "C": the order does not matter, only the groups).
CREATE OR REPLACE FUNCTION refresh_hex_heat(k text) RETURNS integer
-- No JIT: compiling its large plans costs more than running them on a city's points.
LANGUAGE plpgsql SET work_mem = '64MB' SET jit = off AS $$
DECLARE
    rows integer;
BEGIN
    DELETE FROM hex_heat WHERE kabkota_code = k;
    DELETE FROM hex_heat_totals WHERE kabkota_code = k;
    -- Every record of every indicator, with its point (EPSG:3857 x, y) when it has one, counted (numerator) and/or
    -- in the denominator, aggregated per indicator, month, leaf and point.
    CREATE TEMP TABLE hex_points ON COMMIT DROP AS
    WITH child_months AS (
        SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on))
               g.child_id, g.measured_on, g.region_code, g.z_length_height_for_age AS zh, g.synthetic
          FROM growth_measurements g
         WHERE g.kabkota_code = k
         ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC),
    child_points AS (
        SELECT c.id, ST_X(q.p) AS x, ST_Y(q.p) AS y
          FROM children c CROSS JOIN LATERAL (SELECT ST_Transform(c.location, 3857) AS p) q
         WHERE c.kabkota_code = k AND c.location IS NOT NULL),
    records AS (
        SELECT 'STUNTED'::text AS indicator, extract(year FROM m.measured_on)::int AS year,
               extract(month FROM m.measured_on)::int AS month, m.region_code,
               coalesce(m.zh < -2, false) AS counted, true AS in_denominator, cp.x, cp.y, m.synthetic
          FROM child_months m LEFT JOIN child_points cp ON cp.id = m.child_id
        UNION ALL
        SELECT 'TB_NOTIFICATIONS', extract(year FROM diagnosed_on)::int, extract(month FROM diagnosed_on)::int,
               region_code, true, false, ST_X(ST_Transform(location, 3857)), ST_Y(ST_Transform(location, 3857)),
               synthetic
          FROM tb_cases WHERE kabkota_code = k
        UNION ALL
        SELECT 'LOW_BIRTH_WEIGHT_BIRTHS', extract(year FROM delivered_on)::int, extract(month FROM delivered_on)::int,
               region_code, coalesce(low_birth_weight, false), birth_weight_g IS NOT NULL,
               ST_X(ST_Transform(location, 3857)), ST_Y(ST_Transform(location, 3857)), synthetic
          FROM pregnancies WHERE kabkota_code = k AND delivered_on IS NOT NULL)
    SELECT indicator COLLATE "C" AS indicator, year, month, region_code COLLATE "C" AS region_code, x, y,
           count(*) FILTER (WHERE counted) AS counted, count(*) FILTER (WHERE in_denominator) AS in_denominator,
           bool_or(synthetic) AS synthetic
      FROM records
     GROUP BY 1, 2, 3, 4, 5, 6;
    ANALYZE hex_points;

    -- The hexagon of every distinct point, at the three sizes.
    CREATE TEMP TABLE hex_point_cells ON COMMIT DROP AS
    SELECT l.x, l.y, s.size_m, h.i, h.j
      FROM (SELECT DISTINCT x, y FROM hex_points WHERE x IS NOT NULL) l
     CROSS JOIN (VALUES (1000), (500), (250)) s(size_m)
     CROSS JOIN LATERAL hex_cell_of(l.x, l.y, s.size_m) h;
    ANALYZE hex_point_cells;

    INSERT INTO hex_heat (kabkota_code, indicator, year, month, size_m, i, j, region_code, count, denominator,
                          synthetic)
    SELECT k, p.indicator, p.year, p.month, c.size_m, c.i, c.j, p.region_code, sum(p.counted),
           CASE WHEN p.indicator <> 'TB_NOTIFICATIONS' THEN sum(p.in_denominator) END, bool_or(p.synthetic)
      FROM hex_points p
      JOIN hex_point_cells c ON c.x = p.x AND c.y = p.y
     WHERE p.counted > 0 OR p.in_denominator > 0
     GROUP BY p.indicator, p.year, p.month, c.size_m, c.i, c.j, p.region_code;
    GET DIAGNOSTICS rows = ROW_COUNT;

    INSERT INTO hex_heat_totals (kabkota_code, indicator, year, month, records, geocoded, denominator_records,
                                 denominator_geocoded, synthetic)
    SELECT k, indicator, year, month, sum(counted), coalesce(sum(counted) FILTER (WHERE x IS NOT NULL), 0),
           CASE WHEN indicator <> 'TB_NOTIFICATIONS' THEN sum(in_denominator) END,
           CASE WHEN indicator <> 'TB_NOTIFICATIONS'
                THEN coalesce(sum(in_denominator) FILTER (WHERE x IS NOT NULL), 0) END,
           bool_or(synthetic)
      FROM hex_points
     GROUP BY indicator, year, month;

    INSERT INTO hex_cells (size_m, i, j, geom)
    SELECT DISTINCT h.size_m, h.i, h.j, ST_SetSRID(ST_Hexagon(h.size_m, h.i, h.j), 3857)
      FROM hex_heat h
     WHERE h.kabkota_code = k
       AND NOT EXISTS (SELECT 1 FROM hex_cells c WHERE c.size_m = h.size_m AND c.i = h.i AND c.j = h.j);
    DROP TABLE hex_point_cells;
    DROP TABLE hex_points;
    RETURN rows;
END
$$;

DELETE FROM rw_indicator_refreshes;
