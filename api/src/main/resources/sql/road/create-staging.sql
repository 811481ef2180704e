-- Staging of one road import (RoadGraphBuilder), dropped at commit. One row per line part as read; g is the part in
-- the UTM zone of the kab/kota (true metres), filled once the zone is known.
-- Parameters: none.
-- Writes: the temporary table road_import_parts (any staging table of an earlier import in the session dropped).
DROP TABLE IF EXISTS road_import_parts, road_import_area, road_import_segments, road_import_edges, road_import_kept;
CREATE TEMPORARY TABLE road_import_parts (
    part_id         bigint GENERATED ALWAYS AS IDENTITY,
    file_no         integer NOT NULL,
    feature_id      bigint  NOT NULL,
    road_class      text    NOT NULL,
    source_class    text,
    name            text,
    oneway          boolean NOT NULL,
    grade_separated boolean NOT NULL,
    from_node       bigint,
    to_node         bigint,
    geom            geometry(LineString, 4326),
    g               geometry
) ON COMMIT DROP;
-- Does piece (a part of line, as cut by noding, clipping or de-duplication, possibly turned round) run in the line's
-- direction? Compares where two points half a metre either side of the piece's middle lie along the line; on a closed
-- line (a roundabout) a jump of more than half its length is the piece passing the line's start.
CREATE OR REPLACE FUNCTION pg_temp.road_runs_along(line geometry, piece geometry) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN abs(d) > 0.5 THEN d < 0 ELSE d >= 0 END
      FROM (SELECT ST_LineLocatePoint(line, ST_LineInterpolatePoint(piece, 0.5 + s))
                   - ST_LineLocatePoint(line, ST_LineInterpolatePoint(piece, 0.5 - s)) AS d
              FROM (SELECT least(0.25, 0.5 / greatest(ST_Length(piece), 1e-9)) AS s) x) y
$$;
