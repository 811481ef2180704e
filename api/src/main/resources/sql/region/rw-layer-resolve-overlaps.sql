-- Where accepted features overlap, the area stays with the one earlier in the file: each shape loses what earlier
-- shapes cover (the union of the earlier originals equals the union of the earlier results, so one pass is enough),
-- and only parts of at least :min_area_m2 are kept (null when none is left).
-- Parameters: :min_area_m2 — smallest part kept, m²; :srid — EPSG code of the UTM zone.
-- Writes: rw_layer.shape of the accepted features.
UPDATE rw_layer a
   SET shape = (SELECT ST_Collect(p.geom ORDER BY p.path)
                  FROM ST_Dump(ST_CollectionExtract(ST_Difference(a.shape, e.shapes), 3)) p
                 WHERE ST_Area(ST_Transform(p.geom, :srid)) >= :min_area_m2)
  FROM (SELECT a2.feature_no, ST_Union(b.shape) AS shapes
          FROM rw_layer a2
          JOIN rw_layer b ON b.feature_no < a2.feature_no AND b.accepted AND ST_Intersects(a2.shape, b.shape)
                         AND ST_Area(ST_Intersection(a2.shape, b.shape)) > 0
         WHERE a2.accepted
         GROUP BY a2.feature_no) e
 WHERE e.feature_no = a.feature_no
