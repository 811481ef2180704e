-- The responsible puskesmas of every RW of one kab/kota (:k), written to rw_responsible_puskesmas: the active
-- puskesmas whose wilayah kerja (facility_catchments) holds the RW itself, its kelurahan or its kecamatan. By code,
-- not by geometry: a wilayah kerja is an administrative list. An RW claimed by no active puskesmas is
-- NO_WILAYAH_KERJA, one claimed by several SEVERAL_WILAYAH_KERJA with every claimant listed; neither is assigned.
-- The caller deletes the kab/kota's rows first, in the same transaction.
--
-- Set-based, for national refreshes: the kab/kota's catchment rows in one range scan of
-- facility_catchments_region_code_idx (every region code of the kab/kota starts with its code and a dot), then
-- three hash joins by code instead of three index probes per RW. A catchment of the whole kab/kota or of another
-- kab/kota's region holds none of its RWs, as before.
-- Parameters: :k — kab/kota code (33.75).
-- Writes: one rw_responsible_puskesmas row per RW of the kab/kota (status, facility_id when ASSIGNED, claimant_ids).
INSERT INTO rw_responsible_puskesmas (kabkota_code, rw_code, facility_id, status, claimant_ids)
WITH rw AS (
    SELECT r.code FROM regions r WHERE r.kabkota_code = :k AND r.level = 'RW'
), claims AS (
    SELECT fc.region_code, fc.facility_id
      FROM facility_catchments fc
      JOIN facilities f ON f.id = fc.facility_id AND f.type = 'PUSKESMAS' AND f.active
     -- every code from ':k.' up to ':k/' ('/' follows '.'), compared bytewise: the operators of the
     -- text_pattern_ops index, usable with a bound parameter (a LIKE pattern is not, in a generic plan)
     WHERE fc.region_code ~>=~ (:k || '.') AND fc.region_code ~<~ (:k || '/')
), claimed AS (
    -- RW 33.75.01.1002.RW003, kelurahan 33.75.01.1002 (13 characters), kecamatan 33.75.01 (8).
    SELECT rw.code, c.facility_id FROM rw JOIN claims c ON c.region_code = rw.code
    UNION
    SELECT rw.code, c.facility_id FROM rw JOIN claims c ON c.region_code = left(rw.code, 13)
    UNION
    SELECT rw.code, c.facility_id FROM rw JOIN claims c ON c.region_code = left(rw.code, 8)
), ids AS (
    SELECT code, array_agg(facility_id ORDER BY facility_id) AS ids FROM claimed GROUP BY code
)
SELECT :k, rw.code,
       CASE WHEN cardinality(ids.ids) = 1 THEN ids.ids[1] END,
       CASE coalesce(cardinality(ids.ids), 0) WHEN 0 THEN 'NO_WILAYAH_KERJA' WHEN 1 THEN 'ASSIGNED'
            ELSE 'SEVERAL_WILAYAH_KERJA' END,
       coalesce(ids.ids, '{}')
  FROM rw LEFT JOIN ids USING (code)
