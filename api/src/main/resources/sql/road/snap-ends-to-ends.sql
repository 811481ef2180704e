-- Noding, step 1: line ends within :tol metres of each other are clustered (ST_ClusterDBSCAN) and moved to the
-- cluster's centroid. Returns the number of ends moved.
-- Parameters: :tol — metres (RoadGraphBuilder.SNAP_TOLERANCE_METERS).
-- Writes: road_import_parts.g; returns one count.
WITH ends AS (
         SELECT part_id, true AS is_start, ST_StartPoint(g) AS p FROM road_import_parts
         UNION ALL
         SELECT part_id, false, ST_EndPoint(g) FROM road_import_parts),
     clustered AS (
         SELECT part_id, is_start, p, ST_ClusterDBSCAN(p, :tol, 1) OVER () AS cluster
           FROM ends),
     centred AS (
         SELECT part_id, is_start, p,
                ST_Centroid(ST_Collect(p) OVER (PARTITION BY cluster)) AS to_p
           FROM clustered),
     per_part AS (
         SELECT part_id,
                max(CASE WHEN is_start THEN to_p END::text)::geometry AS new_start,
                max(CASE WHEN NOT is_start THEN to_p END::text)::geometry AS new_end,
                count(*) FILTER (WHERE NOT ST_Equals(p, to_p)) AS moved
           FROM centred GROUP BY part_id),
     updated AS (
         UPDATE road_import_parts r
            SET g = ST_SetPoint(ST_SetPoint(r.g, 0, s.new_start), ST_NPoints(r.g) - 1, s.new_end)
           FROM per_part s
          WHERE s.part_id = r.part_id AND s.moved > 0
         RETURNING s.moved)
SELECT COALESCE(sum(moved), 0) FROM updated
