-- ADOPT: the new boundary of every kelurahan the layer touches, into rw_layer_kelurahan. U is the union of the
-- accepted RW shapes. A kelurahan with RWs in the layer (importing) becomes its RWs plus what U leaves of its former
-- area (gaps, non-residential holes: area no RW claims stays where it was); any other kelurahan whose interior U
-- overlaps becomes what U leaves of it. A piece of what U leaves of an importing kelurahan that does not touch that
-- kelurahan's RWs (an island between other kelurahan's RWs) goes to the importing kelurahan whose RWs share the
-- longest boundary with it (ties by code); a piece touching no RWs at all stays. Lengths in metres in UTM zone :srid.
INSERT INTO rw_layer_kelurahan (code, old_geom, new_geom, importing)
WITH u AS (
    SELECT ST_Union(shape) AS geom FROM rw_layer WHERE accepted AND shape IS NOT NULL
), rws AS (
    SELECT kelurahan_code AS code, ST_Union(shape) AS geom
      FROM rw_layer
     WHERE accepted AND shape IS NOT NULL
     GROUP BY kelurahan_code
), touched AS (
    SELECT k.code, k.geom, rws.geom AS rws
      FROM regions k
      CROSS JOIN u
      LEFT JOIN rws ON rws.code = k.code
     WHERE k.level = 'KELURAHAN'
       AND (rws.code IS NOT NULL OR (k.geom && u.geom AND ST_Relate(k.geom, u.geom, '2********')))
), pieces AS (
    SELECT t.code, p.path, p.geom
      FROM touched t
      CROSS JOIN u
      CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(t.geom, u.geom), 3)) p
), islands AS (
    SELECT p.code, p.path, p.geom
      FROM pieces p JOIN touched t ON t.code = p.code
     WHERE t.rws IS NOT NULL AND NOT ST_Intersects(p.geom, t.rws)
), best AS (
    SELECT DISTINCT ON (i.code, i.path) i.code, i.path, r.code AS to_code
      FROM islands i
      JOIN rws r ON r.code <> i.code AND r.geom && i.geom
      CROSS JOIN LATERAL (
          SELECT ST_Length(ST_Transform(ST_CollectionExtract(ST_Intersection(ST_Boundary(i.geom), r.geom), 2), :srid))
                     AS shared_m) s
     WHERE s.shared_m > 0
     ORDER BY i.code, i.path, s.shared_m DESC, r.code
), placed AS (
    SELECT coalesce(b.to_code, p.code) AS code, p.geom
      FROM pieces p LEFT JOIN best b ON b.code = p.code AND b.path = p.path
)
SELECT t.code, t.geom,
       ST_CollectionExtract(ST_MakeValid(ST_Union(array_remove(
           array_append((SELECT array_agg(pl.geom ORDER BY ST_XMin(pl.geom), ST_YMin(pl.geom))
                           FROM placed pl WHERE pl.code = t.code), t.rws), NULL))), 3),
       t.rws IS NOT NULL
  FROM touched t
