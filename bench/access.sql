-- National-scale synthetic data of the RW access benchmark (bench/access.sh runs it; psql variables rws, puskesmas,
-- posyandu, seed). The tables, columns and indexes the service's access SQL reads and writes, as the migrations make
-- them (V1, V2, V4, V9, V14, V18, V21), filled with a synthetic Indonesia:
--   ~514 kab/kota centres in boxes of the island groups; RW points clustered round them; kecamatan, kelurahan and RW
--   codes in the Kemendagri form; puskesmas and posyandu in one registry; the wilayah kerja of every puskesmas as
--   facility_catchments by code (kecamatan, kelurahan, or single RWs), with some RWs claimed by none and some by two.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SELECT setseed(:seed::float8 / 2147483647);

DROP TABLE IF EXISTS rw_responsible_puskesmas, facility_catchments, rw_representative_points, facilities, regions,
    kabkota_centres, bench_rw_raw CASCADE;

-- V1 (the columns the access SQL reads; geometry and names left out).
CREATE TABLE regions (
    code         text PRIMARY KEY,
    level        text NOT NULL,
    parent_code  text REFERENCES regions (code),
    kabkota_code text
);
CREATE INDEX regions_level_code_idx ON regions (level, code text_pattern_ops);
CREATE INDEX regions_kabkota_code_idx ON regions (kabkota_code);

-- V2, V9, V21.
CREATE TABLE facilities (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL UNIQUE,
    type         text NOT NULL,
    kabkota_code text NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    location     geometry(Point, 4326) NOT NULL
);

-- V4.
CREATE TABLE facility_catchments (
    facility_id  bigint NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    region_code  text   NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    kabkota_code text   NOT NULL,
    PRIMARY KEY (facility_id, region_code)
);

-- V9, V14.
CREATE TABLE rw_representative_points (
    rw_code      text NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    kabkota_code text NOT NULL,
    point        geometry(Point, 4326) NOT NULL,
    PRIMARY KEY (kabkota_code, rw_code)
);

-- V18, as it is.
CREATE TABLE rw_responsible_puskesmas (
    kabkota_code  text        NOT NULL,
    rw_code       text        NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    facility_id   bigint      REFERENCES facilities (id) ON DELETE SET NULL,
    status        text        NOT NULL,
    claimant_ids  bigint[]    NOT NULL DEFAULT '{}',
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, rw_code),
    CONSTRAINT rw_responsible_puskesmas_status_known
        CHECK (status IN ('ASSIGNED', 'NO_WILAYAH_KERJA', 'SEVERAL_WILAYAH_KERJA')),
    CONSTRAINT rw_responsible_puskesmas_facility_only_when_assigned CHECK (status = 'ASSIGNED' OR facility_id IS NULL),
    CONSTRAINT rw_responsible_puskesmas_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5))
);
CREATE INDEX rw_responsible_puskesmas_facility_idx ON rw_responsible_puskesmas (facility_id);

-- ~514 kab/kota centres in boxes of the island groups, weighted by population share (BPS 2020, rounded):
-- Java 56 %, Sumatra 22 %, Sulawesi 7.5 %, Kalimantan 6 %, Bali-Nusa Tenggara 5.5 %, Maluku-Papua 3 %.
-- Codes PP.KK: 90 kab/kota per synthetic province from 11.
CREATE TABLE kabkota_centres AS
WITH boxes(name, w, e, s, n, share, spread_km) AS (VALUES
    ('java',        105.2, 114.6,  -8.6, -6.0, 0.56,  8.0),
    ('sumatra',      95.3, 106.0,  -5.9,  5.6, 0.22, 14.0),
    ('sulawesi',    118.8, 125.2,  -5.6,  1.5, 0.075, 12.0),
    ('kalimantan',  108.8, 118.9,  -4.2,  4.2, 0.06, 18.0),
    ('nusatenggara',114.4, 127.0, -10.9, -8.1, 0.055, 10.0),
    ('malukupapua', 124.5, 141.0,  -9.0,  1.0, 0.03, 20.0)),
n AS (SELECT b.*, generate_series(1, greatest(1, round(514 * share)::int)) AS i FROM boxes b),
c AS (SELECT row_number() OVER () AS k, name, share, spread_km,
             w + random() * (e - w) AS lon, s + random() * (n - s) AS lat,
             -- city sizes: a heavy tail (a few metropolises, many small kabupaten)
             power(random(), 3) + 0.05 AS size
        FROM n)
SELECT c.*, format('%s.%s', 11 + (k - 1) / 90, lpad(((k - 1) % 90 + 1)::text, 2, '0')) AS code FROM c;

-- RW points: clustered round the centres, Gaussian with the box's spread, count proportional to box share and size.
CREATE TABLE bench_rw_raw AS
WITH weights AS (SELECT k, lon, lat, spread_km, share * size / sum(size) OVER (PARTITION BY name) AS weight
                   FROM kabkota_centres),
alloc AS (SELECT k, lon, lat, spread_km, greatest(1, round(:rws * weight / sum(weight) OVER ()))::int AS n FROM weights),
pts AS (SELECT a.k, a.lon, a.lat, a.spread_km, sqrt(-2 * ln(1 - random())) AS r, 2 * pi() * random() AS t
          FROM alloc a, generate_series(1, a.n) g)
SELECT k, ST_SetSRID(ST_MakePoint(lon + r * cos(t) * spread_km / 111.32 / cos(radians(lat)),
                                  lat + r * sin(t) * spread_km / 111.32), 4326) AS point
  FROM pts;

-- Codes by place: within a kab/kota the RWs in geohash order (neighbours stay together), 4 RWs to a kelurahan and
-- 12 kelurahan (or more in a metropolis: at most 99 kecamatan) to a kecamatan.
CREATE TEMP TABLE bench_rw AS
WITH o AS (SELECT r.k, c.code AS kab, r.point,
                  row_number() OVER (PARTITION BY r.k ORDER BY ST_GeoHash(r.point, 10)) - 1 AS i,
                  count(*) OVER (PARTITION BY r.k) AS n
             FROM bench_rw_raw r JOIN kabkota_centres c USING (k)),
g AS (SELECT o.*, i / 4 AS kel_i, (i % 4) + 1 AS rw_no,
             greatest(12, ceil(ceil(n / 4.0) / 99.0))::int AS kel_per_kec FROM o)
SELECT k, kab, point, kel_i,
       format('%s.%s', kab, lpad((kel_i / kel_per_kec + 1)::text, 2, '0')) AS kec,
       format('%s.%s.%s', kab, lpad((kel_i / kel_per_kec + 1)::text, 2, '0'), 1000 + kel_i % kel_per_kec + 1) AS kel,
       format('%s.%s.%s.RW%s', kab, lpad((kel_i / kel_per_kec + 1)::text, 2, '0'), 1000 + kel_i % kel_per_kec + 1,
              lpad(rw_no::text, 3, '0')) AS rw
  FROM g;

INSERT INTO regions (code, level, parent_code, kabkota_code)
SELECT code, 'KABKOTA', NULL, code FROM kabkota_centres;
INSERT INTO regions (code, level, parent_code, kabkota_code)
SELECT DISTINCT kec, 'KECAMATAN', kab, kab FROM bench_rw;
INSERT INTO regions (code, level, parent_code, kabkota_code)
SELECT DISTINCT kel, 'KELURAHAN', kec, kab FROM bench_rw;
INSERT INTO regions (code, level, parent_code, kabkota_code)
SELECT rw, 'RW', kel, kab FROM bench_rw;
INSERT INTO rw_representative_points (rw_code, kabkota_code, point) SELECT rw, kab, point FROM bench_rw;

-- Puskesmas (and posyandu, the bulk of a national registry) drawn the same way, a bit more spread out; 1 % of the
-- puskesmas inactive.
INSERT INTO facilities (code, type, kabkota_code, active, location)
WITH weights AS (SELECT k, code AS kab, lon, lat, spread_km, share * size / sum(size) OVER (PARTITION BY name) AS weight
                   FROM kabkota_centres),
kinds(type, total, spread) AS (VALUES ('PUSKESMAS', :puskesmas, 1.4), ('POSYANDU', :posyandu, 1.0)),
alloc AS (SELECT w.*, kinds.type, kinds.spread,
                 greatest(1, round(kinds.total * weight / sum(weight) OVER (PARTITION BY kinds.type)))::int AS n
            FROM weights w, kinds),
pts AS (SELECT a.*, g, sqrt(-2 * ln(1 - random())) AS r, 2 * pi() * random() AS t
          FROM alloc a, generate_series(1, a.n) g)
SELECT format('%s-%s-%s', left(type, 3), k, g), type, kab, type <> 'PUSKESMAS' OR random() >= 0.01,
       ST_SetSRID(ST_MakePoint(lon + r * cos(t) * spread * spread_km / 111.32 / cos(radians(lat)),
                               lat + r * sin(t) * spread * spread_km / 111.32), 4326)
  FROM pts;

-- The indexes of V2, V9 and V21 the access SQL may use.
CREATE INDEX facilities_location_gist ON facilities USING gist (location);
CREATE INDEX facilities_kabkota_code_idx ON facilities (kabkota_code);
CREATE INDEX facilities_location_geography_gist ON facilities USING gist ((location::geography));
CREATE INDEX facilities_puskesmas_geography_gist ON facilities USING gist ((location::geography))
    WHERE type = 'PUSKESMAS' AND active;
ANALYZE facilities;

-- Wilayah kerja: each kelurahan goes to the puskesmas of its kab/kota nearest to the mean of its RW points (as a
-- Dinkes would draw them: mostly, not always, the nearest); a kecamatan whose kelurahan all go to one puskesmas is
-- listed as the kecamatan. Then, by a hash of the code: 1 % of the kelurahan rows are left out (no wilayah kerja),
-- 1 % of the kelurahan also go to their second-nearest puskesmas (two claimants), 0.5 % of the RWs are listed
-- again by RW code for their own puskesmas (still one claimant) and 0.2 % for the second-nearest (two).
CREATE TEMP TABLE bench_kel AS
SELECT kel, kec, kab, ST_SetSRID(ST_MakePoint(avg(ST_X(point)), avg(ST_Y(point))), 4326) AS centre
  FROM bench_rw GROUP BY kel, kec, kab;
CREATE TEMP TABLE bench_kel_claim AS
SELECT k.kel, k.kec, k.kab, c.ids[1] AS first_id, c.ids[2] AS second_id
  FROM bench_kel k
 CROSS JOIN LATERAL (SELECT array_agg(f.id ORDER BY f.location <-> k.centre) AS ids
                       FROM (SELECT f.id, f.location FROM facilities f
                              WHERE f.type = 'PUSKESMAS' AND f.kabkota_code = k.kab
                              ORDER BY f.location <-> k.centre LIMIT 2) f) c;
CREATE TEMP TABLE bench_kec_single AS
SELECT kec, min(first_id) AS id FROM bench_kel_claim GROUP BY kec HAVING count(DISTINCT first_id) = 1;
INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
SELECT s.id, s.kec, left(s.kec, 5) FROM bench_kec_single s;
INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
SELECT c.first_id, c.kel, c.kab FROM bench_kel_claim c
 WHERE NOT EXISTS (SELECT 1 FROM bench_kec_single s WHERE s.kec = c.kec)
   AND abs(('x' || left(md5(c.kel), 8))::bit(32)::int) % 100 <> 0;
INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
SELECT c.second_id, c.kel, c.kab FROM bench_kel_claim c
 WHERE c.second_id IS NOT NULL AND abs(('x' || left(md5(c.kel), 8))::bit(32)::int) % 100 = 1;
INSERT INTO facility_catchments (facility_id, region_code, kabkota_code)
SELECT CASE WHEN h % 1000 < 5 THEN c.first_id ELSE c.second_id END, r.rw, r.kab
  FROM (SELECT rw, kel, kab, abs(('x' || left(md5(rw), 8))::bit(32)::int) AS h FROM bench_rw) r
  JOIN bench_kel_claim c USING (kel)
 WHERE r.h % 1000 < 7 AND (r.h % 1000 < 5 OR c.second_id IS NOT NULL)
ON CONFLICT DO NOTHING;
CREATE INDEX facility_catchments_region_code_idx ON facility_catchments (region_code text_pattern_ops, facility_id);

DROP TABLE bench_rw_raw;
ANALYZE regions;
ANALYZE facility_catchments;
ANALYZE rw_representative_points;
