-- Issue 17: no data is not zero; denominators that make sense.
--
-- 1. What each import covered. For every import job and kab/kota, the days its rows report on (the importer
--    widens the range with every committed batch, CaseImporter/RegisterFormat.coverageFrom/To):
--      EPPGBM      the first day of the month of its earliest measurement .. the last day of the month of its latest
--      SITB        the first day of the month of its earliest diagnosis .. the last day of the month of its latest
--      P3KE        its earliest .. latest as-of date (a snapshot: the register holds each household's latest state)
--      PERMAISURI  its earliest HPHT + 294 days (42 weeks: from then on every birth and death of a pregnancy in the
--                  file is in it) .. the last day of the month of its latest date of any kind
--    (a monthly export reports whole months) and never past the service day of the import (Asia/Jakarta). A register covers a period of a kab/kota
--    completely when the union of its jobs' ranges holds every day of the period (indicators/DataAvailability).
CREATE TABLE import_job_coverage (
    job_id       bigint  NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    kabkota_code text    NOT NULL,
    covers_from  date    NOT NULL,
    covers_to    date    NOT NULL,
    rows         integer NOT NULL,
    PRIMARY KEY (job_id, kabkota_code)
);

-- The jobs imported before this migration: their ranges from the rows they wrote last (a row re-imported unchanged
-- keeps its older job, so this can only be narrower than the truth).
INSERT INTO import_job_coverage (job_id, kabkota_code, covers_from, covers_to, rows)
SELECT c.job_id, c.kabkota_code, c.covers_from,
       CASE WHEN c.snapshot THEN c.covers_to
            ELSE least((date_trunc('month', c.covers_to) + interval '1 month' - interval '1 day')::date,
                       (coalesce(j.finished_at, j.created_at) AT TIME ZONE 'Asia/Jakarta')::date) END, c.n
  FROM (SELECT import_job_id AS job_id, kabkota_code, date_trunc('month', min(measured_on))::date AS covers_from,
               max(measured_on) AS covers_to, count(*) AS n, false AS snapshot
          FROM growth_measurements WHERE import_job_id IS NOT NULL GROUP BY 1, 2
        UNION ALL
        SELECT import_job_id, kabkota_code, date_trunc('month', min(diagnosed_on))::date, max(diagnosed_on), count(*),
               false
          FROM tb_cases WHERE import_job_id IS NOT NULL GROUP BY 1, 2
        UNION ALL
        SELECT import_job_id, kabkota_code, min(as_of), max(as_of), count(*), true
          FROM poverty_households WHERE import_job_id IS NOT NULL GROUP BY 1, 2
        UNION ALL
        SELECT import_job_id, kabkota_code, min(last_menstrual_period) + 294,
               max(greatest(last_menstrual_period, delivered_on, maternal_death_on, infant_death_on)), count(*), false
          FROM pregnancies WHERE import_job_id IS NOT NULL GROUP BY 1, 2) c
  JOIN import_jobs j ON j.id = c.job_id;

-- The days each register of a kab/kota covers (a union of its jobs' ranges), with its first and last import.
CREATE FUNCTION register_coverage(k text)
RETURNS TABLE (register text, covered datemultirange, first_import timestamptz, last_import timestamptz,
               imports bigint)
LANGUAGE sql STABLE AS $$
SELECT j.format, range_agg(daterange(c.covers_from, c.covers_to, '[]')) FILTER (WHERE c.covers_from <= c.covers_to),
       min(j.finished_at), max(j.finished_at), count(DISTINCT j.id)
  FROM import_jobs j JOIN import_job_coverage c ON c.job_id = j.id
 WHERE c.kabkota_code = k AND j.state IN ('SUCCEEDED', 'FAILED', 'RUNNING')
 GROUP BY j.format
$$;

-- 2. One definition per count, changed (also in sql/case-counts and the GraphQL descriptions):
--    extreme_poor_households  desil-1 households of the register as it stands (its latest snapshot, whose date
--                             the indicators state), whatever the period: never 0 for a period before the snapshot.
--    high_risk_pregnancies    high-risk pregnancies ONGOING in the range: HPHT on or before its last day, not
--                             ended before its first day (ended = delivered, the mother died, or 42 weeks after the
--                             HPHT without a delivery recorded). A stock, not additive over months.
--    balita_eligible          the denominator of measurement coverage, in child-months: per month of the range and
--                             leaf, the larger of the sasaran (population x 8.5 %, rounded; AreaIndicators.BALITA_SHARE)
--                             and the balita the register knows there that month (children aged 0-59 months living
--                             there, and every child measured there that month). Every child measured is eligible,
--                             so coverage cannot exceed 100 %.
ALTER TABLE rw_indicator_summaries ADD COLUMN balita_eligible integer NOT NULL DEFAULT 0;

-- A pregnancy is ongoing in [d_from, d_to] when its HPHT is on or before d_to and it had not ended before d_from:
-- ended on the delivery, on the mother's death, or, with neither recorded, 42 weeks (294 days) after the HPHT.
CREATE FUNCTION pregnancy_ongoing(lmp date, delivered date, maternal_death date, d_from date, d_to date)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
SELECT lmp <= d_to AND coalesce(least(delivered, maternal_death), lmp + 294) >= d_from
$$;

DROP FUNCTION rw_indicator_counts(text, date, date);
CREATE FUNCTION rw_indicator_counts(k text, d_from date, d_to date)
RETURNS TABLE (leaf_code text, children_measured bigint, children_stunted bigint, children_severely_stunted bigint,
               children_wasted bigint, children_underweight bigint, tb_notified bigint, tb_with_outcome bigint,
               tb_success bigint, extreme_poor_households bigint, births bigint, low_birth_weight_births bigint,
               low_birth_weight_overdue bigint, high_risk_pregnancies bigint, maternal_deaths bigint,
               infant_deaths bigint, balita_eligible bigint, synthetic boolean)
-- No JIT: the planner's estimate of the month series makes the plan look costly, and compiling it took ~1 s of a
-- ~45 ms call (34 calls per refreshed year).
LANGUAGE sql STABLE SET jit = off AS $$
WITH child_months AS (
    SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on)) g.child_id,
           date_trunc('month', g.measured_on)::date AS month, g.region_code,
           g.z_length_height_for_age AS zh, g.z_weight_for_length_height AS zw, g.z_weight_for_age AS za, g.synthetic
      FROM growth_measurements g
     WHERE g.kabkota_code = k AND g.measured_on BETWEEN d_from AND d_to
     ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC
), months AS (
    SELECT m::date AS month FROM generate_series(date_trunc('month', d_from), d_to, interval '1 month') m
), leaves AS (
    -- Every leaf with its sasaran balita: an RW's population, a kelurahan without RWs its own, else 0.
    SELECT r.code AS leaf,
           round(CASE WHEN r.level = 'RW' OR NOT EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code
                                                                                   AND c.level = 'RW')
                      THEN coalesce(r.population, 0) ELSE 0 END * 0.085)::bigint AS target
      FROM regions r WHERE r.kabkota_code = k AND r.level IN ('RW', 'KELURAHAN')
), known AS (
    SELECT leaf, month, count(*) AS n FROM (
        SELECT c.region_code AS leaf, m.month, c.id AS child_id
          FROM children c JOIN months m ON c.birth_date <= (m.month + interval '1 month' - interval '1 day')::date
                                       AND c.birth_date > (m.month - interval '60 months')::date
         WHERE c.kabkota_code = k
        UNION
        SELECT region_code, month, child_id FROM child_months) u
     GROUP BY 1, 2
), eligible AS (
    SELECT l.leaf, sum(greatest(l.target, coalesce(kn.n, 0)))::bigint AS n
      FROM leaves l CROSS JOIN months m LEFT JOIN known kn ON kn.leaf = l.leaf AND kn.month = m.month
     GROUP BY l.leaf
), counts AS (
    SELECT region_code AS leaf, count(*) AS measured, count(*) FILTER (WHERE zh < -2) AS stunted,
           count(*) FILTER (WHERE zh < -3) AS severe, count(*) FILTER (WHERE zw < -2) AS wasted,
           count(*) FILTER (WHERE za < -2) AS underweight,
           0::bigint AS tb, 0::bigint AS tb_outcome, 0::bigint AS tb_ok, 0::bigint AS poor, 0::bigint AS births,
           0::bigint AS lbw, 0::bigint AS overdue, 0::bigint AS risti, 0::bigint AS mdeath, 0::bigint AS ideath,
           0::bigint AS eligible, bool_or(synthetic) AS synthetic
      FROM child_months GROUP BY 1
    UNION ALL
    SELECT leaf, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n, false FROM eligible WHERE n > 0
    UNION ALL
    SELECT region_code, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE outcome IS NOT NULL),
           count(*) FILTER (WHERE outcome IN ('CURED', 'TREATMENT_COMPLETED')), 0, 0, 0, 0, 0, 0, 0, 0,
           bool_or(synthetic)
      FROM tb_cases WHERE kabkota_code = k AND diagnosed_on BETWEEN d_from AND d_to GROUP BY 1
    UNION ALL
    SELECT region_code, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0, 0, 0, 0, 0, 0, 0, bool_or(synthetic)
      FROM poverty_households WHERE kabkota_code = k AND desil = 1 GROUP BY 1
    UNION ALL
    SELECT region_code, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE delivered_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE low_birth_weight AND delivered_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE low_birth_weight AND delivered_on BETWEEN d_to - 365 AND d_to - 29
                              AND home_visits_done < home_visits_due),
           count(*) FILTER (WHERE high_risk AND pregnancy_ongoing(last_menstrual_period, delivered_on,
                                                                  maternal_death_on, d_from, d_to)),
           count(*) FILTER (WHERE maternal_death_on BETWEEN d_from AND d_to),
           count(*) FILTER (WHERE infant_death_on BETWEEN d_from AND d_to),
           0, bool_or(synthetic)
      FROM pregnancies
     WHERE kabkota_code = k
       AND (delivered_on BETWEEN least(d_from, d_to - 365) AND d_to
            OR last_menstrual_period <= d_to AND (delivered_on IS NULL OR delivered_on >= d_from)
            OR maternal_death_on BETWEEN d_from AND d_to OR infant_death_on BETWEEN d_from AND d_to)
     GROUP BY 1
)
SELECT c.leaf, sum(measured)::bigint, sum(stunted)::bigint, sum(severe)::bigint, sum(wasted)::bigint,
       sum(underweight)::bigint, sum(tb)::bigint, sum(tb_outcome)::bigint, sum(tb_ok)::bigint, sum(poor)::bigint,
       sum(births)::bigint, sum(lbw)::bigint, sum(overdue)::bigint, sum(risti)::bigint, sum(mdeath)::bigint,
       sum(ideath)::bigint, sum(eligible)::bigint, bool_or(c.synthetic)
  FROM counts c JOIN regions r ON r.code = c.leaf AND r.level IN ('RW', 'KELURAHAN')
 GROUP BY c.leaf
$$;

-- The summaries and the heat are rebuilt on the next read.
DELETE FROM rw_indicator_refreshes;
