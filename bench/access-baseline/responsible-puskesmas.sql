-- BASELINE of bench/access.sh: the service's statement before issue 15 made it national-scale (commit 8ba2b3c), kept
-- here only to be timed against api/src/main/resources/sql/access/responsible-puskesmas.sql in the same run.
-- The responsible puskesmas of every RW of one kab/kota (:k), written to rw_responsible_puskesmas: the active
-- puskesmas whose wilayah kerja (facility_catchments) holds the RW itself, its kelurahan or its kecamatan. By code,
-- not by geometry: a wilayah kerja is an administrative list. An RW claimed by no active puskesmas is
-- NO_WILAYAH_KERJA, one claimed by several SEVERAL_WILAYAH_KERJA with every claimant listed; neither is assigned.
-- The caller deletes the kab/kota's rows first, in the same transaction.
INSERT INTO rw_responsible_puskesmas (kabkota_code, rw_code, facility_id, status, claimant_ids)
SELECT :k, r.code,
       CASE WHEN cardinality(c.ids) = 1 THEN c.ids[1] END,
       CASE cardinality(c.ids) WHEN 0 THEN 'NO_WILAYAH_KERJA' WHEN 1 THEN 'ASSIGNED' ELSE 'SEVERAL_WILAYAH_KERJA' END,
       c.ids
  FROM regions r
  CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(DISTINCT f.id ORDER BY f.id), '{}') AS ids
        FROM facility_catchments fc
        JOIN facilities f ON f.id = fc.facility_id AND f.type = 'PUSKESMAS' AND f.active
       -- RW 33.75.01.1002.RW003, kelurahan 33.75.01.1002 (13 characters), kecamatan 33.75.01 (8).
       WHERE fc.region_code IN (r.code, left(r.code, 13), left(r.code, 8))) c
 WHERE r.kabkota_code = :k AND r.level = 'RW'
