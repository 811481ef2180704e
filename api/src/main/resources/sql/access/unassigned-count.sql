-- How many RWs of one kab/kota have no single responsible puskesmas (NO_WILAYAH_KERJA or SEVERAL_WILAYAH_KERJA), for
-- the refresh's log line.
-- Parameters: :k — kab/kota code (33.75).
-- Returns: one count.
SELECT count(*) FROM rw_responsible_puskesmas
 WHERE kabkota_code = :k AND status <> 'ASSIGNED'
