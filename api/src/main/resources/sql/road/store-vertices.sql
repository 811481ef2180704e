-- The kab/kota's vertices: one per end key, numbered by position (then key) from :base, so that the same input gives
-- the same ids.
-- Parameters: :k — kab/kota code; :base — first id (kab/kota digits x RoadGraphBuilder.ID_BLOCK).
-- Writes: the temporary table road_import_vertices and road_vertices rows of the kab/kota.
DROP TABLE IF EXISTS road_import_vertices;
CREATE TEMPORARY TABLE road_import_vertices ON COMMIT DROP AS
SELECT :base + row_number() OVER (ORDER BY ST_X(p), ST_Y(p), key) AS id, key, p
  FROM (SELECT DISTINCT ON (key) key, p
          FROM (SELECT source_key AS key, ST_StartPoint(geom) AS p FROM road_import_edges
                UNION ALL SELECT target_key, ST_EndPoint(geom) FROM road_import_edges) x
         ORDER BY key, ST_AsBinary(p)) y;
INSERT INTO road_vertices (id, kabkota_code, geom) SELECT id, :k, p FROM road_import_vertices
