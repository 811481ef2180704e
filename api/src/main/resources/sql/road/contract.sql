-- Noding, step 4b: edges shorter than :tol metres (centimetre slivers, tiny triangles left at untidy junctions) are
-- merged into one junction: the ends joined by short edges form clusters (pgr_connectedComponents); each cluster's
-- edges end at its busiest vertex. Returns the number of edges moved; the short edges, now loops, are dropped after.
-- Parameters: :tol — metres (RoadGraphBuilder.SNAP_TOLERANCE_METERS).
-- Writes: road_import_edges ends; returns one count (edges moved).
WITH short AS (
         SELECT c.node, c.component
           FROM pgr_connectedComponents(format(
                    'SELECT id, source, target, 1 AS cost, 1 AS reverse_cost FROM road_import_edges '
                    || 'WHERE source <> target AND ST_Length(g) < %s', CAST(:tol AS float8))) c),
     degree AS (
         SELECT v, count(*) AS d FROM (SELECT source AS v FROM road_import_edges
                                       UNION ALL SELECT target FROM road_import_edges) x GROUP BY v),
     junction AS (
         SELECT DISTINCT ON (s.component) s.component, s.node
           FROM short s JOIN degree d ON d.v = s.node
          ORDER BY s.component, d.d DESC, s.node),
     moved AS (
         SELECT s.node, j.node AS to_node FROM short s JOIN junction j USING (component)
          WHERE s.node <> j.node),
     points AS (
         SELECT DISTINCT source AS id, source_p AS p FROM road_import_edges
         UNION SELECT target, target_p FROM road_import_edges),
     updated AS (
         UPDATE road_import_edges e
            SET g = ST_SetPoint(ST_SetPoint(e.g, 0, COALESCE(ps.p, e.source_p)), ST_NPoints(e.g) - 1,
                                COALESCE(pt.p, e.target_p)),
                source = COALESCE(ms.to_node, e.source), target = COALESCE(mt.to_node, e.target)
           FROM road_import_edges e2
           LEFT JOIN moved ms ON ms.node = e2.source LEFT JOIN points ps ON ps.id = ms.to_node
           LEFT JOIN moved mt ON mt.node = e2.target LEFT JOIN points pt ON pt.id = mt.to_node
          WHERE e2.id = e.id AND (ms.node IS NOT NULL OR mt.node IS NOT NULL)
         RETURNING e.id)
SELECT count(*) FROM updated
