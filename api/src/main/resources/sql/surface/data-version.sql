-- The version of the data a kab/kota's (:k) travel-time surfaces are computed from: when any part changes, a cached
-- surface is recomputed. The RW access rows (refreshed with the responsible puskesmas and the calibrations, see
-- RwAccessService.isStale), the calibrations, the road network load, the facility registry (wilayah kerja are edited
-- with their facility) and the kab/kota's regions.
-- Parameters: :k — kab/kota code.
-- Returns: one text, the timestamps joined (changes whenever an input changes).
SELECT concat_ws(' | ',
           (SELECT max(computed_at) FROM rw_access WHERE kabkota_code = :k),
           (SELECT max(computed_at) FROM road_network_calibrations WHERE kabkota_code = :k),
           (SELECT max(loaded_at) FROM road_network_loads WHERE kabkota_code = :k),
           (SELECT max(updated_at) FROM facilities),
           (SELECT max(updated_at) FROM regions WHERE kabkota_code = :k))
