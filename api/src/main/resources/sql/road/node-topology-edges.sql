-- OSM topology (.osm.pbf): the parts are the edges already (ways cut at shared nodes); ends are keyed by OSM node
-- id, or by position where clipping cut a part.
-- Parameters: none.
-- Writes: the temporary table road_import_edges.
DROP TABLE IF EXISTS road_import_edges;
CREATE TEMPORARY TABLE road_import_edges ON COMMIT DROP AS
SELECT geom, file_no, feature_id, road_class, source_class, name, oneway,
       coalesce('n' || from_node, encode(ST_AsBinary(ST_StartPoint(geom)), 'hex')) AS source_key,
       coalesce('n' || to_node, encode(ST_AsBinary(ST_EndPoint(geom)), 'hex')) AS target_key
  FROM road_import_parts
 WHERE ST_Length(g) > 0
