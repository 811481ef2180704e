-- ILP Atlas scale benchmark (bench/scale.sh): a national e-PPGBM month in one table, to see what grows and which
-- queries stay flat on one PostgreSQL. Variables: :rows (measurements), :kabkota (kab/kota count), :seed.
\timing off
SET client_min_messages = warning;
SELECT setseed(:seed::float8 / 1000000);
DROP TABLE IF EXISTS scale_measurements;
-- The columns the indicators read, keyed like growth_measurements (kab/kota first, as on Citus).
CREATE TABLE scale_measurements (
    kabkota_code  text    NOT NULL,
    id            bigint  NOT NULL,
    child_id      bigint  NOT NULL,
    rw_code       text,
    measured_on   date    NOT NULL,
    age_days      integer NOT NULL,
    height_cm     numeric(5, 1),
    weight_kg     numeric(5, 2),
    z_length_height_for_age numeric(5, 2),
    z_weight_for_age        numeric(5, 2),
    PRIMARY KEY (kabkota_code, id)
);
\echo '== load'
\timing on
INSERT INTO scale_measurements
SELECT k, g, g / 12, k || '.01.1001.RW' || lpad((g % 40 + 1)::text, 3, '0'),
       date '2026-01-01' + (g % 365)::int, 30 + (g % 1800)::int, 50 + random() * 60, 3 + random() * 15,
       round((random() * 4 - 2.6)::numeric, 2), round((random() * 4 - 2.2)::numeric, 2)
  FROM generate_series(1, :rows) g,
       LATERAL (SELECT lpad((11 + (g % :kabkota) / 40)::text, 2, '0') || '.' || lpad((1 + (g % :kabkota) % 40)::text, 2, '0') AS k) kk;
CREATE INDEX scale_measurements_period_idx ON scale_measurements (kabkota_code, measured_on);
ANALYZE scale_measurements;
\timing off
\echo '== size'
SELECT 'rows ' || count(*) || ', kab/kota ' || count(DISTINCT kabkota_code) FROM scale_measurements;
SELECT 'heap ' || pg_size_pretty(pg_relation_size('scale_measurements'))
       || ', indexes ' || pg_size_pretty(pg_indexes_size('scale_measurements'))
       || ', bytes per row (heap + indexes) '
       || round((pg_total_relation_size('scale_measurements'))::numeric / :rows, 1);
\echo '== one kab/kota, one month: stunting per RW (the indicator refresh and choropleth path), 5 runs'
\timing on
SELECT count(*) FROM (SELECT rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE kabkota_code = '11.01' AND measured_on >= '2026-05-01' AND measured_on < '2026-06-01'
                       GROUP BY rw_code) t;
SELECT count(*) FROM (SELECT rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE kabkota_code = '12.05' AND measured_on >= '2026-05-01' AND measured_on < '2026-06-01'
                       GROUP BY rw_code) t;
SELECT count(*) FROM (SELECT rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE kabkota_code = '13.10' AND measured_on >= '2026-05-01' AND measured_on < '2026-06-01'
                       GROUP BY rw_code) t;
SELECT count(*) FROM (SELECT rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE kabkota_code = '14.20' AND measured_on >= '2026-05-01' AND measured_on < '2026-06-01'
                       GROUP BY rw_code) t;
SELECT count(*) FROM (SELECT rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE kabkota_code = '15.30' AND measured_on >= '2026-05-01' AND measured_on < '2026-06-01'
                       GROUP BY rw_code) t;
\echo '== one kab/kota, whole year (a yearly refresh of one kab/kota)'
SELECT count(*) FROM (SELECT rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE kabkota_code = '11.01' GROUP BY rw_code) t;
\echo '== the whole country, one month (a national dashboard without summaries)'
SELECT count(*) FROM (SELECT kabkota_code, count(*) FILTER (WHERE z_length_height_for_age < -2) FROM scale_measurements
                       WHERE measured_on >= '2026-05-01' AND measured_on < '2026-06-01'
                       GROUP BY kabkota_code) t;
\echo '== the whole country, whole year (every kab/kota refreshed in one pass)'
SELECT count(*) FROM (SELECT kabkota_code, rw_code, count(*) FILTER (WHERE z_length_height_for_age < -2)
                        FROM scale_measurements GROUP BY kabkota_code, rw_code) t;
\timing off
DROP TABLE scale_measurements;
