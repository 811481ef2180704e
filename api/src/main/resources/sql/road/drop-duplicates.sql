-- De-duplication of file :k against the files before it: the stretches of its parts lying within :d metres of an
-- earlier file's line are cut out (the road is there already), and leftover pieces lying wholly within 2 x :d metres
-- (a copy that wanders a little farther) are dropped. The cut ends, :d metres from the earlier line, are joined to it
-- by the end-to-line snapping that follows (tolerance > :d). Pieces keep their part's direction.
-- Parameters: :k — file number (2 and up); :d — metres (RoadGraphBuilder.DUPLICATE_METERS); :last — the largest
-- part id before this step.
-- Writes: road_import_parts (file :k's parts cut or dropped).
CREATE TEMPORARY TABLE road_import_kept ON COMMIT DROP AS
SELECT p.part_id, o.piece
  FROM road_import_parts p
 CROSS JOIN LATERAL (SELECT ST_Union(ST_Buffer(e.g, :d, 'quad_segs=4')) AS near
                       FROM road_import_parts e WHERE e.file_no < :k AND ST_DWithin(e.g, p.g, :d)) n
 CROSS JOIN LATERAL ST_Dump(CASE WHEN n.near IS NULL THEN p.g ELSE ST_Difference(p.g, n.near) END) d
 CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.road_runs_along(p.g, d.geom) THEN d.geom
                                 ELSE ST_Reverse(d.geom) END AS piece) o
 WHERE p.file_no = :k AND GeometryType(d.geom) = 'LINESTRING' AND ST_Length(d.geom) > 0
   AND NOT coalesce((SELECT ST_CoveredBy(o.piece, ST_Union(ST_Buffer(e.g, 2 * :d, 'quad_segs=4')))
                       FROM road_import_parts e WHERE e.file_no < :k AND ST_DWithin(e.g, o.piece, 2 * :d)), false);
INSERT INTO road_import_parts (file_no, feature_id, road_class, source_class, name, oneway, grade_separated,
                               from_node, to_node, geom, g)
SELECT p.file_no, p.feature_id, p.road_class, p.source_class, p.name, p.oneway, p.grade_separated, NULL, NULL,
       ST_Transform(k.piece, 4326), k.piece
  FROM road_import_kept k JOIN road_import_parts p USING (part_id)
 ORDER BY k.part_id;
DELETE FROM road_import_parts WHERE file_no = :k AND part_id <= :last;
DROP TABLE road_import_kept
