-- Noding, step 2: an end that still touches no other line but lies within :tol metres of one (an undershot
-- T-junction, or a cut end of de-duplication) is moved onto it. Returns the number of ends moved more than :grid.
-- Parameters: :tol — metres; :grid — snap-rounding grid, metres.
-- Writes: road_import_parts.g; returns one count.
WITH ends AS (
         SELECT part_id, true AS is_start, ST_StartPoint(g) AS p FROM road_import_parts
         UNION ALL
         SELECT part_id, false, ST_EndPoint(g) FROM road_import_parts),
     nearest AS (
         SELECT e.part_id, e.is_start, o.to_p, o.d
           FROM ends e
           CROSS JOIN LATERAL (
               SELECT ST_ClosestPoint(x.g, e.p) AS to_p, ST_Distance(x.g, e.p) AS d
                 FROM road_import_parts x
                WHERE x.part_id <> e.part_id AND ST_DWithin(x.g, e.p, :tol)
                ORDER BY x.g <-> e.p LIMIT 1) o
          WHERE o.d > 0),
     per_part AS (
         SELECT part_id,
                max(CASE WHEN is_start THEN to_p END::text)::geometry AS new_start,
                max(CASE WHEN NOT is_start THEN to_p END::text)::geometry AS new_end,
                count(*) FILTER (WHERE d > :grid) AS moved
           FROM nearest GROUP BY part_id),
     updated AS (
         UPDATE road_import_parts r
            SET g = ST_SetPoint(CASE WHEN s.new_start IS NULL THEN r.g
                                     ELSE ST_SetPoint(r.g, 0, s.new_start) END,
                                ST_NPoints(r.g) - 1, COALESCE(s.new_end, ST_EndPoint(r.g)))
           FROM per_part s
          WHERE s.part_id = r.part_id
         RETURNING s.moved)
SELECT COALESCE(sum(moved), 0) FROM updated
