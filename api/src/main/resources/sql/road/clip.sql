-- Clip to the kab/kota boundary plus a buffer (:buffer metres), so that routes may leave the city briefly. A part
-- crossing the edge is cut there; each piece keeps the part's direction and, at an end that is the part's own, its
-- OSM node. Wholly outside parts are dropped below (clip-drop.sql).
-- Parameters: :k — kab/kota code; :srid — EPSG code of its UTM zone; :buffer — metres.
-- Writes: road_import_area (temporary), and the clipped pieces as new road_import_parts rows.
CREATE TEMPORARY TABLE road_import_area ON COMMIT DROP AS
SELECT ST_Buffer(ST_Transform(geom, :srid), :buffer) AS a FROM regions WHERE code = :k AND level = 'KABKOTA';
INSERT INTO road_import_parts (file_no, feature_id, road_class, source_class, name, oneway, grade_separated,
                               from_node, to_node, geom, g)
SELECT p.file_no, p.feature_id, p.road_class, p.source_class, p.name, p.oneway, p.grade_separated,
       CASE WHEN ST_Equals(ST_StartPoint(o.piece), ST_StartPoint(p.g)) THEN p.from_node END,
       CASE WHEN ST_Equals(ST_EndPoint(o.piece), ST_EndPoint(p.g)) THEN p.to_node END,
       ST_Transform(o.piece, 4326), o.piece
  FROM road_import_parts p
 CROSS JOIN road_import_area a
 CROSS JOIN LATERAL ST_Dump(ST_Intersection(p.g, a.a)) d
 CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.road_runs_along(p.g, d.geom) THEN d.geom
                                 ELSE ST_Reverse(d.geom) END AS piece) o
 WHERE ST_Intersects(p.g, a.a) AND NOT ST_CoveredBy(p.g, a.a) AND GeometryType(d.geom) = 'LINESTRING'
   AND ST_Length(d.geom) > 0
