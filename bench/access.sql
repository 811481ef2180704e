-- National-scale benchmark of the RW access query (bench/access.sh runs it; psql variables rws, puskesmas,
-- posyandu, sample, seed). Builds a synthetic registry and RW points over Indonesia's main island groups, then times
-- the nearest puskesmas of every RW with the query of RwAccessService (KNN on the geography GiST index, 16
-- candidates re-ranked on the spheroid), and compares it with a brute-force scan on a sample.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SELECT setseed(:seed::float8 / 2147483647);

-- The facilities columns and indexes the query uses, as in V2, V4 and V9.
DROP TABLE IF EXISTS facilities, rw_representative_points, kabkota_centres, bench_nearest, bench_sample CASCADE;
CREATE TABLE facilities (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code     text NOT NULL UNIQUE,
    type     text NOT NULL,
    active   boolean NOT NULL DEFAULT true,
    location geometry(Point, 4326) NOT NULL
);
CREATE TABLE rw_representative_points (
    rw_code      text PRIMARY KEY,
    kabkota_code text NOT NULL,
    point        geometry(Point, 4326) NOT NULL
);

-- ~514 kab/kota centres in boxes of the island groups, weighted by population share (BPS 2020, rounded):
-- Java 56 %, Sumatra 22 %, Sulawesi 7.5 %, Kalimantan 6 %, Bali-Nusa Tenggara 5.5 %, Maluku-Papua 3 %.
CREATE TABLE kabkota_centres AS
WITH boxes(name, w, e, s, n, share, spread_km) AS (VALUES
    ('java',        105.2, 114.6,  -8.6, -6.0, 0.56,  8.0),
    ('sumatra',      95.3, 106.0,  -5.9,  5.6, 0.22, 14.0),
    ('sulawesi',    118.8, 125.2,  -5.6,  1.5, 0.075, 12.0),
    ('kalimantan',  108.8, 118.9,  -4.2,  4.2, 0.06, 18.0),
    ('nusatenggara',114.4, 127.0, -10.9, -8.1, 0.055, 10.0),
    ('malukupapua', 124.5, 141.0,  -9.0,  1.0, 0.03, 20.0)),
n AS (SELECT b.*, generate_series(1, greatest(1, round(514 * share)::int)) AS i FROM boxes b)
SELECT row_number() OVER () AS k, name, share, spread_km,
       w + random() * (e - w) AS lon, s + random() * (n - s) AS lat,
       -- city sizes: a heavy tail (a few metropolises, many small kabupaten)
       power(random(), 3) + 0.05 AS size
  FROM n;

-- RWs: clustered round the centres, Gaussian with the box's spread, count proportional to box share and city size.
INSERT INTO rw_representative_points (rw_code, kabkota_code, point)
WITH weights AS (SELECT k, lon, lat, spread_km, share * size / sum(size) OVER (PARTITION BY name) AS weight
                   FROM kabkota_centres),
alloc AS (SELECT k, lon, lat, spread_km, greatest(1, round(:rws * weight / sum(weight) OVER ()))::int AS n FROM weights),
pts AS (SELECT a.k, g, a.lon, a.lat, a.spread_km,
               sqrt(-2 * ln(1 - random())) AS r, 2 * pi() * random() AS t
          FROM alloc a, generate_series(1, a.n) g)
SELECT format('%s.RW%s', k, g), lpad(k::text, 5, '0'),
       ST_SetSRID(ST_MakePoint(lon + r * cos(t) * spread_km / 111.32 / cos(radians(lat)),
                               lat + r * sin(t) * spread_km / 111.32), 4326)
  FROM pts;

-- Puskesmas (and posyandu, the bulk of a national registry) drawn the same way, a bit more spread out.
INSERT INTO facilities (code, type, location)
WITH weights AS (SELECT k, lon, lat, spread_km, share * size / sum(size) OVER (PARTITION BY name) AS weight
                   FROM kabkota_centres),
kinds(type, total, spread) AS (VALUES ('PUSKESMAS', :puskesmas, 1.4), ('POSYANDU', :posyandu, 1.0)),
alloc AS (SELECT w.*, kinds.type, kinds.spread,
                 greatest(1, round(kinds.total * weight / sum(weight) OVER (PARTITION BY kinds.type)))::int AS n
            FROM weights w, kinds),
pts AS (SELECT a.*, g, sqrt(-2 * ln(1 - random())) AS r, 2 * pi() * random() AS t
          FROM alloc a, generate_series(1, a.n) g)
SELECT format('%s-%s-%s', left(type, 3), k, g), type,
       ST_SetSRID(ST_MakePoint(lon + r * cos(t) * spread * spread_km / 111.32 / cos(radians(lat)),
                               lat + r * sin(t) * spread * spread_km / 111.32), 4326)
  FROM pts;

CREATE INDEX facilities_location_geography_gist ON facilities USING gist ((location::geography));
CREATE INDEX facilities_puskesmas_geography_gist ON facilities USING gist ((location::geography))
    WHERE type = 'PUSKESMAS' AND active;
ANALYZE facilities;
ANALYZE rw_representative_points;

SELECT count(*) AS rws FROM rw_representative_points \gset
SELECT count(*) FILTER (WHERE type = 'PUSKESMAS') AS puskesmas_n, count(*) AS facilities_n FROM facilities \gset

-- 1. The nearest puskesmas of every RW: RwAccessService's query.
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
CREATE TABLE bench_nearest AS
SELECT p.rw_code, n.id, n.distance_m
  FROM rw_representative_points p
  LEFT JOIN LATERAL (
        SELECT k.id, ST_Distance(k.location::geography, p.point::geography, true) AS distance_m
          FROM (SELECT f.id, f.code, f.location FROM facilities f
                 WHERE f.active AND f.type = 'PUSKESMAS'
                 ORDER BY f.location::geography <-> p.point::geography
                 LIMIT 16) k
         ORDER BY distance_m, k.code
         LIMIT 1) n ON true;
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS knn_all_seconds \gset

-- 2. A seeded sample: KNN against a brute-force scan of every puskesmas on the spheroid.
CREATE TABLE bench_sample AS
SELECT rw_code, point FROM rw_representative_points ORDER BY md5(rw_code || :seed) LIMIT :sample;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
CREATE TEMP TABLE sample_knn AS
SELECT s.rw_code, n.id, n.distance_m FROM bench_sample s
  LEFT JOIN LATERAL (
        SELECT k.id, ST_Distance(k.location::geography, s.point::geography, true) AS distance_m
          FROM (SELECT f.id, f.code, f.location FROM facilities f
                 WHERE f.active AND f.type = 'PUSKESMAS'
                 ORDER BY f.location::geography <-> s.point::geography LIMIT 16) k
         ORDER BY distance_m, k.code LIMIT 1) n ON true;
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS knn_sample_seconds \gset
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
CREATE TEMP TABLE sample_brute AS
SELECT s.rw_code, b.id, b.distance_m FROM bench_sample s
 CROSS JOIN LATERAL (
        SELECT f.id, ST_Distance(f.location::geography, s.point::geography, true) AS distance_m
          FROM facilities f WHERE f.active AND f.type = 'PUSKESMAS'
         ORDER BY distance_m, f.code LIMIT 1) b;
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS brute_sample_seconds \gset

SELECT count(*) AS sample_n,
       count(*) FILTER (WHERE k.id = b.id AND abs(k.distance_m - b.distance_m) < 0.01) AS agree_n
  FROM sample_knn k JOIN sample_brute b USING (rw_code) \gset
SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY distance_m)::numeric) AS median_m,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY distance_m)::numeric) AS p95_m,
       round(max(distance_m)::numeric) AS max_m
  FROM bench_nearest \gset

\echo
\echo 'RW points:' :rws '  puskesmas:' :puskesmas_n '  facilities in the registry (puskesmas + posyandu):' :facilities_n
SELECT format('nearest puskesmas of all %s RWs (KNN, 16 candidates re-ranked on the spheroid): %s s, %s RWs/s',
              :rws, round(:knn_all_seconds::numeric, 2), round(:rws / :knn_all_seconds)) AS result
UNION ALL
SELECT format('sample of %s RWs: KNN %s s, brute force over %s puskesmas %s s: brute force / KNN = %sx',
              :sample_n, round(:knn_sample_seconds::numeric, 3), :puskesmas_n, round(:brute_sample_seconds::numeric, 2),
              round((:brute_sample_seconds / :knn_sample_seconds)::numeric))
UNION ALL
SELECT format('brute force for all RWs, extrapolated: %s s (%s min)',
              round((:brute_sample_seconds * :rws / :sample_n)::numeric),
              round((:brute_sample_seconds * :rws / :sample_n / 60)::numeric, 1))
UNION ALL
SELECT format('agreement (same puskesmas, distance within 1 cm): %s of %s', :agree_n, :sample_n)
UNION ALL
SELECT format('distance RW -> nearest puskesmas (synthetic): median %s m, p95 %s m, max %s m', :median_m, :p95_m, :max_m);
