-- One batch of read line parts (arrays of equal length, in reading order).
-- Parameters: arrays of equal length — :file (file number), :feature (feature number in the file), :class
-- (RoadClass), :source (class as written), :name, :oneway, :bridge (grade separated), :fromNode/:toNode (OSM node ids
-- or null), :wkt (LINESTRING in EPSG:4326).
-- Writes: road_import_parts rows.
INSERT INTO road_import_parts (file_no, feature_id, road_class, source_class, name, oneway, grade_separated,
                               from_node, to_node, geom)
SELECT f, i, c, s, n, o, b, fn, tn, ST_GeomFromText(w, 4326)
  FROM unnest(CAST(:file AS integer[]), CAST(:feature AS bigint[]), CAST(:class AS text[]),
              CAST(:source AS text[]), CAST(:name AS text[]), CAST(:oneway AS boolean[]),
              CAST(:bridge AS boolean[]), CAST(:fromNode AS bigint[]), CAST(:toNode AS bigint[]),
              CAST(:wkt AS text[])) WITH ORDINALITY AS t(f, i, c, s, n, o, b, fn, tn, w, ord)
 ORDER BY ord
