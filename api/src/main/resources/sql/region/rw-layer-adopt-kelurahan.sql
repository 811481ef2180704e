-- ADOPT: the new boundary of every kelurahan the layer touches, into rw_layer_kelurahan. U is the union of the
-- accepted RW shapes. A kelurahan with RWs in the layer (importing) becomes its RWs plus what U leaves of its former
-- area: area no RW of the layer claims (gaps, non-residential holes, even a piece enclosed by a neighbour's RWs) stays
-- where it was, so that re-importing the same layer rebuilds the same boundaries. Any other kelurahan whose interior
-- U overlaps becomes what U leaves of it.
-- Parameters: none (reads rw_layer and regions in the same transaction).
-- Writes: rw_layer_kelurahan (code, old_geom, new_geom, importing).
INSERT INTO rw_layer_kelurahan (code, old_geom, new_geom, importing)
WITH u AS (
    SELECT ST_Union(shape) AS geom FROM rw_layer WHERE accepted AND shape IS NOT NULL
), rws AS (
    SELECT kelurahan_code AS code, ST_Union(shape) AS geom
      FROM rw_layer
     WHERE accepted AND shape IS NOT NULL
     GROUP BY kelurahan_code
), touched AS (
    SELECT k.code, k.geom, rws.geom AS rws, ST_CollectionExtract(ST_Difference(k.geom, u.geom), 3) AS rest
      FROM regions k
      CROSS JOIN u
      LEFT JOIN rws ON rws.code = k.code
     WHERE k.level = 'KELURAHAN'
       AND (rws.code IS NOT NULL OR (ST_Intersects(k.geom, u.geom) AND ST_Area(ST_Intersection(k.geom, u.geom)) > 0))
)
SELECT code, geom,
       CASE WHEN rws IS NULL THEN rest
            ELSE ST_CollectionExtract(ST_MakeValid(ST_Union(rws, rest)), 3) END,
       rws IS NOT NULL
  FROM touched
