-- Per-RW indicators (stunting, TB, extreme poverty, KIA) precomputed per calendar period, so that a city's choropleth
-- is one index range read. Filled and kept fresh by the application (IndicatorRefresh): after every import job,
-- and before any read whose kab/kota saw an import finish since its last refresh, the kab/kota is recomputed in one
-- transaction (readers see the old or the new figures, never a mix).
--
-- Leaves are the RWs and, per kelurahan, the records without an RW (leaf_code = the kelurahan code); records whose
-- kelurahan is unknown are not counted. Every count is of distinct people/events, so an area's figure is the sum of
-- its leaves' (each child is counted once, at the region of its latest measurement in the period).

-- The counts of one kab/kota for one date range [d_from, d_to], per leaf (only leaves with something to count).
-- The definitions (also in the GraphQL schema, indicators.graphqls):
--   children_measured        distinct children with a measurement in the range
--   children_stunted etc.    of those, children whose LATEST measurement in the range has z < -2 (stunted, wasted,
--                            underweight) or z < -3 (severely stunted) on the matching index
--   tb_notified              TB cases diagnosed in the range; tb_with_outcome / tb_success: of those, with an outcome
--                            / cured or treatment completed
--   extreme_poor_households  desil-1 households in the register with an as-of date on or before d_to
--   births, low_birth_weight_births, maternal_deaths, infant_deaths: dated in the range
--   low_birth_weight_overdue BBLR babies aged 29..365 days on d_to with fewer home visits done than due
--   high_risk_pregnancies    high-risk pregnancies whose HPHT..estimated due date overlaps the range
CREATE FUNCTION rw_indicator_counts(k text, d_from date, d_to date)
RETURNS TABLE (leaf_code text, children_measured bigint, children_stunted bigint, children_severely_stunted bigint,
               children_wasted bigint, children_underweight bigint, tb_notified bigint, tb_with_outcome bigint,
               tb_success bigint, extreme_poor_households bigint, births bigint, low_birth_weight_births bigint,
               low_birth_weight_overdue bigint, high_risk_pregnancies bigint, maternal_deaths bigint,
               infant_deaths bigint, synthetic boolean)
LANGUAGE sql STABLE AS $$
WITH latest AS (
    SELECT DISTINCT ON (g.child_id) g.region_code, g.z_length_height_for_age AS zh,
           g.z_weight_for_length_height AS zw, g.z_weight_for_age AS za, g.synthetic
      FROM growth_measurements g
     WHERE g.kabkota_code = k AND g.measured_on BETWEEN d_from AND d_to
     ORDER BY g.child_id, g.measured_on DESC
), counts AS (
    SELECT region_code AS leaf, count(*) AS measured, count(*) FILTER (WHERE zh < -2) AS stunted,
           count(*) FILTER (WHERE zh < -3) AS severe, count(*) FILTER (WHERE zw < -2) AS wasted,
           count(*) FILTER (WHERE za < -2) AS underweight,
           0::bigint AS tb, 0::bigint AS tb_outcome, 0::bigint AS tb_ok, 0::bigint AS poor, 0::bigint AS births,
           0::bigint AS lbw, 0::bigint AS overdue, 0::bigint AS risti, 0::bigint AS mdeath, 0::bigint AS ideath,
           bool_or(synthetic) AS synthetic
      FROM latest GROUP BY 1
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
           count(*) FILTER (WHERE high_risk AND last_menstrual_period <= d_to AND estimated_due_date >= d_from),
           count(*) FILTER (WHERE maternal_death_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE infant_death_on BETWEEN d_from AND d_to),
           bool_or(synthetic)
      FROM pregnancies
     WHERE kabkota_code = k
       AND (delivered_on BETWEEN least(d_from, d_to - 365) AND d_to
            OR last_menstrual_period <= d_to AND estimated_due_date >= d_from
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

-- rw_indicator_counts for every calendar month, quarter and year of the refreshed years of a kab/kota.
CREATE TABLE rw_indicator_summaries (
    kabkota_code              text    NOT NULL,
    -- '2026' (year), '2026-Q1' (quarter) or '2026-03' (month)
    period_key                text    NOT NULL,
    leaf_code                 text    NOT NULL,
    children_measured         integer NOT NULL,
    children_stunted          integer NOT NULL,
    children_severely_stunted integer NOT NULL,
    children_wasted           integer NOT NULL,
    children_underweight      integer NOT NULL,
    tb_notified               integer NOT NULL,
    tb_with_outcome           integer NOT NULL,
    tb_success                integer NOT NULL,
    extreme_poor_households   integer NOT NULL,
    births                    integer NOT NULL,
    low_birth_weight_births   integer NOT NULL,
    low_birth_weight_overdue  integer NOT NULL,
    high_risk_pregnancies     integer NOT NULL,
    maternal_deaths           integer NOT NULL,
    infant_deaths             integer NOT NULL,
    synthetic                 boolean NOT NULL,
    PRIMARY KEY (kabkota_code, period_key, leaf_code)
);

-- One row per kab/kota: when its summaries were last rebuilt and which years they cover. refreshed_from is the
-- start of the refreshing transaction: an import job of the kab/kota (or of no single kab/kota) that finished at or
-- after it makes the summaries stale.
CREATE TABLE rw_indicator_refreshes (
    kabkota_code   text        PRIMARY KEY,
    refreshed_from timestamptz NOT NULL,
    finished_at    timestamptz NOT NULL,
    duration_ms    integer     NOT NULL,
    years          integer[]   NOT NULL,
    leaf_rows      integer     NOT NULL
);

CREATE INDEX import_jobs_finished_idx ON import_jobs (finished_at);
