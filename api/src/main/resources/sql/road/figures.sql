-- The figures of the kab/kota's network as stored.
-- Parameters: :k — kab/kota code.
-- Returns: one row: edges, vertices, components, length (metres), share (of the length in the largest component).
WITH per AS (SELECT component, sum(length_meters) AS meters FROM road_edges
              WHERE kabkota_code = :k GROUP BY component)
SELECT (SELECT count(*) FROM road_edges WHERE kabkota_code = :k) AS edges,
       (SELECT count(*) FROM road_vertices WHERE kabkota_code = :k) AS vertices,
       (SELECT count(*) FROM per) AS components,
       COALESCE((SELECT sum(meters) FROM per), 0) AS length,
       COALESCE((SELECT max(meters) / NULLIF(sum(meters), 0) FROM per), 0) AS share
