-- Noding, step 5: every noded segment takes the attributes of the part nearest its midpoint (the faster class, then
-- the earlier file and feature, when two coincide) and that part's direction (ST_UnaryUnion may turn pieces round: a
-- one-way edge must run the legal way). Its ends are keyed by position, except where a bridge or tunnel (OSM layer,
-- bridge, tunnel tags) was cut by a line it crosses, away from its own ends: there it gets its own vertex, so the
-- crossing is no junction.
-- Parameters: :tol — metres (RoadGraphBuilder.SNAP_TOLERANCE_METERS).
-- Writes: the temporary table road_import_edges.
DROP TABLE IF EXISTS road_import_edges;
CREATE TEMPORARY TABLE road_import_edges ON COMMIT DROP AS
SELECT e.geom, e.file_no, e.feature_id, e.road_class, e.source_class, e.name, e.oneway,
       CASE WHEN e.level_start THEN 'b' || e.part_id || ':' ELSE '' END
           || encode(ST_AsBinary(ST_StartPoint(e.geom)), 'hex') AS source_key,
       CASE WHEN e.level_end THEN 'b' || e.part_id || ':' ELSE '' END
           || encode(ST_AsBinary(ST_EndPoint(e.geom)), 'hex') AS target_key
  FROM (SELECT ST_Transform(o.g, 4326) AS geom, p.part_id, p.file_no, p.feature_id, p.road_class, p.source_class,
               p.name, p.oneway,
               p.grade_separated AND ST_Distance(ST_StartPoint(o.g), ST_StartPoint(p.g)) > :tol
                   AND ST_Distance(ST_StartPoint(o.g), ST_EndPoint(p.g)) > :tol AS level_start,
               p.grade_separated AND ST_Distance(ST_EndPoint(o.g), ST_StartPoint(p.g)) > :tol
                   AND ST_Distance(ST_EndPoint(o.g), ST_EndPoint(p.g)) > :tol AS level_end
          FROM road_import_segments s
         CROSS JOIN LATERAL (SELECT ST_LineInterpolatePoint(s.g, 0.5) AS mid) m
         CROSS JOIN LATERAL (
             SELECT near.*
               FROM (SELECT p.*, ST_Distance(p.g, m.mid) AS d FROM road_import_parts p
                      ORDER BY p.g <-> m.mid LIMIT 4) near
              ORDER BY round(d::numeric, 2),
                       CASE road_class WHEN 'ARTERI' THEN 1 WHEN 'KOLEKTOR' THEN 2 WHEN 'LOKAL' THEN 3
                                       WHEN 'LINGKUNGAN' THEN 4 ELSE 5 END,
                       file_no, feature_id, part_id
              LIMIT 1) p
         CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.road_runs_along(p.g, s.g) THEN s.g
                                         ELSE ST_Reverse(s.g) END AS g) o) e
