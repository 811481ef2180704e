-- The calibration of one kab/kota and travel mode (TravelModel.calibrate, during an RW access refresh): the detour
-- factor and speed of the fallback estimate, measured on the kab/kota's RW-to-puskesmas trips the road network
-- reaches, or the mode's defaults when too few are reached.
-- Parameters: :k — kab/kota code; :mode — a TravelMode; :pairs — trips considered; :measured — whether the figures
-- were measured (false: defaults); :factor — detour factor (road metres / geodesic metres); :speed — km/h; :p10,
-- :p90, :max — quantiles and maximum of the detour ratios (null when not measured); :over2 — share of ratios above 2.
-- Writes: the road_network_calibrations row of the kab/kota and mode (inserted or replaced, computed_at now).
INSERT INTO road_network_calibrations (kabkota_code, mode, pairs, measured, detour_factor,
                                       speed_kmh, ratio_p10, ratio_p90, ratio_max, share_over_2)
VALUES (:k, :mode, :pairs, :measured, :factor, :speed, :p10, :p90, :max, :over2)
ON CONFLICT (kabkota_code, mode) DO UPDATE SET pairs = EXCLUDED.pairs,
    measured = EXCLUDED.measured, detour_factor = EXCLUDED.detour_factor,
    speed_kmh = EXCLUDED.speed_kmh, ratio_p10 = EXCLUDED.ratio_p10,
    ratio_p90 = EXCLUDED.ratio_p90, ratio_max = EXCLUDED.ratio_max,
    share_over_2 = EXCLUDED.share_over_2, computed_at = now()
