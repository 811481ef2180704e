-- RW assignment of a case import batch (CaseImporter.assignRws): builds the staging table stage from stage_raw with
-- each row's RW, point-in-polygon first (inside the stated kelurahan, or the kab/kota when the kelurahan is unknown),
-- then kelurahan + RW number, else UNASSIGNED. Each distinct address of the batch is looked up once (concat writes
-- NULL as '' and no value is '' or holds '|'; a float8 as text is exact); the lookups are per-row index probes.
-- Parameters: none; the caller inlines the register format's own staged columns (raw.<column>, ...) at the format
-- columns marker.
-- Writes: the temporary table stage (dropped at commit): the raw row with kelurahan_code, rw_code and rw_assignment
-- (POINT, KELURAHAN_RW or UNASSIGNED).
CREATE TEMP TABLE stage ON COMMIT DROP AS
WITH raw AS (
     SELECT s.*, concat(s.kabkota_code, '|', s.kelurahan_code, '|', s.rw_number, '|', s.lon, '|', s.lat)
                 AS address_key
       FROM stage_raw s),
addresses AS (
     SELECT DISTINCT ON (address_key) address_key, kabkota_code, kelurahan_code, rw_number, lon, lat
       FROM raw),
assigned AS (
     SELECT a.address_key, coalesce(a.kelurahan_code, pt.parent_code) AS kelurahan_code,
            coalesce(pt.code, nr.code) AS rw_code,
            CASE WHEN pt.code IS NOT NULL THEN 'POINT' WHEN nr.code IS NOT NULL THEN 'KELURAHAN_RW'
                 ELSE 'UNASSIGNED' END AS rw_assignment
       FROM addresses a
       LEFT JOIN LATERAL (
            SELECT r.code, r.parent_code FROM regions r
             WHERE a.lon IS NOT NULL AND r.level = 'RW'
               AND ST_Intersects(r.geom, ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326))
               AND CASE WHEN a.kelurahan_code IS NOT NULL THEN r.parent_code = a.kelurahan_code
                        ELSE r.kabkota_code = a.kabkota_code END
             ORDER BY r.code LIMIT 1) pt ON true
       LEFT JOIN regions nr
              ON pt.code IS NULL AND nr.level = 'RW'
             AND nr.code = a.kelurahan_code || '.RW' || lpad(a.rw_number::text, 3, '0'))
SELECT raw.row_number, raw.kabkota_code, asg.kelurahan_code, raw.rt, raw.rw_number,
       raw.address, raw.lon, raw.lat, asg.rw_code, asg.rw_assignment,
       /*format columns*/
  FROM raw JOIN assigned asg USING (address_key)
