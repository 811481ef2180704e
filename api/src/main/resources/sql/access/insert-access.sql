-- The measured trips of one kab/kota, target and travel mode, as RwAccessService decided them (TravelModel: road
-- where the network reaches, else the calibrated estimate). The arrays have one element per RW, in the same order.
-- Parameters: :k — kab/kota code; :target — RESPONSIBLE_PUSKESMAS, NEAREST_PUSKESMAS or NEAREST_FACILITY; :mode — a
-- TravelMode; :rw — RW codes; :f — facility ids; :d — geodesic distance, metres; :rd — road (or estimated)
-- distance, metres; :t — travel time, seconds; :m — method (ROAD, GEODESIC_DETOUR); :df — detour factor (null when
-- the leg has none); :c — connectors from the points to the network, metres (null when not by road).
-- Writes: one rw_access row per RW.
INSERT INTO rw_access (rw_code, target, mode, kabkota_code, facility_id, distance_meters,
                       road_distance_meters, travel_time_seconds, method, detour_factor,
                       connector_meters)
SELECT rw, :target, :mode, :k, f, d, rd, t, m, df, c
  FROM unnest(CAST(:rw AS text[]), CAST(:f AS bigint[]), CAST(:d AS float8[]),
              CAST(:rd AS float8[]), CAST(:t AS float8[]), CAST(:m AS text[]),
              CAST(:df AS float8[]), CAST(:c AS float8[])) AS x(rw, f, d, rd, t, m, df, c)
