-- Start of an RW access refresh (RwAccessService.refresh): the kab/kota's stored rows are removed, to be computed
-- again in the same transaction (readers see the old rows until it commits).
-- Parameters: :k — kab/kota code (33.75).
-- Writes: deletes the kab/kota's rows of rw_access, rw_responsible_puskesmas, rw_representative_points and
-- road_network_calibrations.
DELETE FROM rw_access WHERE kabkota_code = :k;
DELETE FROM rw_responsible_puskesmas WHERE kabkota_code = :k;
DELETE FROM rw_representative_points WHERE kabkota_code = :k;
DELETE FROM road_network_calibrations WHERE kabkota_code = :k
