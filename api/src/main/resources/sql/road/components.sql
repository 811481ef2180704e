-- Connected components of the kab/kota's graph (undirected): the smallest vertex id of each, on vertices and edges.
-- Parameters: :k — kab/kota code.
-- Writes: road_vertices.component and road_edges.component of the kab/kota.
WITH c AS (
    SELECT node, component FROM pgr_connectedComponents(format(
        'SELECT id, source, target, length_meters AS cost, length_meters AS reverse_cost '
        || 'FROM road_edges WHERE kabkota_code = %L', CAST(:k AS text))))
UPDATE road_vertices v SET component = c.component FROM c WHERE v.id = c.node AND v.kabkota_code = :k;
UPDATE road_edges e SET component = v.component
  FROM road_vertices v WHERE v.id = e.source AND v.kabkota_code = :k AND e.kabkota_code = :k
