-- What was loaded for the kab/kota, one row per kab/kota.
-- Parameters: :k — kab/kota code; :src — source file names; :read, :rej, :skip — features read, rejected,
-- skipped; :e, :v, :c — edges, vertices, components; :share — share of the length in the largest component; :len,
-- :clipped, :duplicates — metres; :tol — snap tolerance, metres; :summary — the report's summary.
-- Writes: the road_network_loads row of the kab/kota (inserted or replaced).
INSERT INTO road_network_loads (kabkota_code, source_name, features_read, features_rejected, features_skipped, edges,
                                vertices, components, largest_component_length_share, length_meters,
                                snap_tolerance_meters, clipped_meters, duplicate_meters_dropped, summary)
VALUES (:k, :src, :read, :rej, :skip, :e, :v, :c, :share, :len, :tol, :clipped, :duplicates, :summary)
ON CONFLICT (kabkota_code) DO UPDATE SET source_name = excluded.source_name, loaded_at = now(),
    features_read = excluded.features_read, features_rejected = excluded.features_rejected,
    features_skipped = excluded.features_skipped, edges = excluded.edges, vertices = excluded.vertices,
    components = excluded.components, largest_component_length_share = excluded.largest_component_length_share,
    length_meters = excluded.length_meters, snap_tolerance_meters = excluded.snap_tolerance_meters,
    clipped_meters = excluded.clipped_meters, duplicate_meters_dropped = excluded.duplicate_meters_dropped,
    summary = excluded.summary
