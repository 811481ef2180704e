-- One definition per count in every channel (caseCounts, rwIndicators, tiles, exports, KIA-gizi review), each
-- additive over RWs and months so that all of them are cells of one suppression lattice per count family
-- (api: cases/aggregate/CaseCounts, sql/case-counts/*.sql compute the same per leaf and month):
--   children_measured etc.   child-months: per calendar month each child once, with its latest measurement of the
--                            month (z < -2 stunted/wasted/underweight, z < -3 severely stunted); a range sums its
--                            months. Before: distinct children of the whole range, which is not additive over months
--                            and so could not share the lattice of caseCounts (issue 14, items 2 and 14).
--   high_risk_pregnancies    high-risk pregnancies whose HPHT falls in the range (before: overlapping the range).
-- The other counts keep their definitions (see V10). The hex heat's STUNTED (V11) becomes stunted child-months of
-- geocoded children too, so that the word means one thing on every channel. The summaries and the heat are rebuilt
-- on the next read.
CREATE OR REPLACE FUNCTION rw_indicator_counts(k text, d_from date, d_to date)
RETURNS TABLE (leaf_code text, children_measured bigint, children_stunted bigint, children_severely_stunted bigint,
               children_wasted bigint, children_underweight bigint, tb_notified bigint, tb_with_outcome bigint,
               tb_success bigint, extreme_poor_households bigint, births bigint, low_birth_weight_births bigint,
               low_birth_weight_overdue bigint, high_risk_pregnancies bigint, maternal_deaths bigint,
               infant_deaths bigint, synthetic boolean)
LANGUAGE sql STABLE AS $$
WITH child_months AS (
    SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on)) g.region_code,
           g.z_length_height_for_age AS zh, g.z_weight_for_length_height AS zw, g.z_weight_for_age AS za, g.synthetic
      FROM growth_measurements g
     WHERE g.kabkota_code = k AND g.measured_on BETWEEN d_from AND d_to
     ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC
), counts AS (
    SELECT region_code AS leaf, count(*) AS measured, count(*) FILTER (WHERE zh < -2) AS stunted,
           count(*) FILTER (WHERE zh < -3) AS severe, count(*) FILTER (WHERE zw < -2) AS wasted,
           count(*) FILTER (WHERE za < -2) AS underweight,
           0::bigint AS tb, 0::bigint AS tb_outcome, 0::bigint AS tb_ok, 0::bigint AS poor, 0::bigint AS births,
           0::bigint AS lbw, 0::bigint AS overdue, 0::bigint AS risti, 0::bigint AS mdeath, 0::bigint AS ideath,
           bool_or(synthetic) AS synthetic
      FROM child_months GROUP BY 1
    UNION ALL
    SELECT region_code, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE outcome IS NOT NULL),
           count(*) FILTER (WHERE outcome IN ('CURED', 'TREATMENT_COMPLETED')), 0, 0, 0, 0, 0, 0, 0, bool_or(synthetic)
      FROM tb_cases WHERE kabkota_code = k AND diagnosed_on BETWEEN d_from AND d_to GROUP BY 1
    UNION ALL
    SELECT region_code, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0, 0, 0, 0, 0, 0, bool_or(synthetic)
      FROM poverty_households WHERE kabkota_code = k AND desil = 1 AND as_of <= d_to GROUP BY 1
    UNION ALL
    SELECT region_code, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE delivered_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE low_birth_weight AND delivered_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE low_birth_weight AND delivered_on BETWEEN d_to - 365 AND d_to - 29
                              AND home_visits_done < home_visits_due),
           count(*) FILTER (WHERE high_risk AND last_menstrual_period BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE maternal_death_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE infant_death_on BETWEEN d_from AND d_to),
           bool_or(synthetic)
      FROM pregnancies
     WHERE kabkota_code = k
       AND (delivered_on BETWEEN least(d_from, d_to - 365) AND d_to
            OR last_menstrual_period BETWEEN d_from AND d_to
            OR maternal_death_on BETWEEN d_from AND d_to OR infant_death_on BETWEEN d_from AND d_to)
     GROUP BY 1
)
SELECT c.leaf, sum(measured)::bigint, sum(stunted)::bigint, sum(severe)::bigint, sum(wasted)::bigint,
       sum(underweight)::bigint, sum(tb)::bigint, sum(tb_outcome)::bigint, sum(tb_ok)::bigint, sum(poor)::bigint,
       sum(births)::bigint, sum(lbw)::bigint, sum(overdue)::bigint, sum(risti)::bigint, sum(mdeath)::bigint,
       sum(ideath)::bigint, bool_or(c.synthetic)
  FROM counts c JOIN regions r ON r.code = c.leaf AND r.level IN ('RW', 'KELURAHAN')
 GROUP BY c.leaf
$$;

CREATE OR REPLACE FUNCTION refresh_hex_heat(k text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    rows integer;
BEGIN
    DELETE FROM hex_heat WHERE kabkota_code = k;
    CREATE TEMP TABLE hex_points ON COMMIT DROP AS
    WITH latest AS (
        SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on))
               g.child_id, extract(year FROM g.measured_on)::int AS year, g.region_code,
               g.z_length_height_for_age AS zh, g.synthetic
          FROM growth_measurements g
         WHERE g.kabkota_code = k
         ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC)
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

DELETE FROM rw_indicator_refreshes;
