-- Noding, step 4c: after the contraction the lines are noded again.
-- Parameters: :grid — snap-rounding grid, metres.
-- Writes: the temporary table road_import_segments, again.
DROP TABLE road_import_segments;
CREATE TEMPORARY TABLE road_import_segments ON COMMIT DROP AS
SELECT (ST_Dump(ST_UnaryUnion(ST_Collect(g), :grid))).geom AS g FROM road_import_edges
