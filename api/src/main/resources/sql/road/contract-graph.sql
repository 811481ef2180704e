-- Noding, step 4a: the noded segments as a graph, vertices numbered by position, for the contraction below.
-- Parameters: none.
-- Writes: the temporary table road_import_edges (segments with source and target vertex numbers).
DROP TABLE IF EXISTS road_import_edges;
CREATE TEMPORARY TABLE road_import_edges ON COMMIT DROP AS
WITH nodes AS (
         SELECT row_number() OVER (ORDER BY ST_X(p), ST_Y(p)) AS id, p
           FROM (SELECT ST_StartPoint(g) AS p FROM road_import_segments
                 UNION SELECT ST_EndPoint(g) FROM road_import_segments) x)
SELECT row_number() OVER () AS id, s.id AS source, t.id AS target, s.p AS source_p, t.p AS target_p, seg.g
  FROM road_import_segments seg
  JOIN nodes s ON ST_AsBinary(s.p) = ST_AsBinary(ST_StartPoint(seg.g))
  JOIN nodes t ON ST_AsBinary(t.p) = ST_AsBinary(ST_EndPoint(seg.g))
