-- Noding, step 3: the union with snap-rounding on a :grid metre grid splits the lines wherever they meet or cross and
-- merges duplicates. (Lines whose ends were snapped together, slivers shorter than the grid, go first.)
-- Parameters: :grid — snap-rounding grid, metres (RoadGraphBuilder.NODING_GRID_METERS).
-- Writes: the temporary table road_import_segments.
DELETE FROM road_import_parts WHERE ST_Length(g) < :grid;
DROP TABLE IF EXISTS road_import_segments;
CREATE TEMPORARY TABLE road_import_segments ON COMMIT DROP AS
SELECT (ST_Dump(ST_UnaryUnion(ST_Collect(g), :grid))).geom AS g FROM road_import_parts
