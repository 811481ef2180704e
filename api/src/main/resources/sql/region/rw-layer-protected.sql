-- ADOPT: how much of each accepted feature lies in a kelurahan that keeps real (imported, not synthetic) RWs of its
-- own and is not rebuilt by this layer (:importing): that part is left to it.
-- Parameters: :importing — kelurahan codes rebuilt by this layer; :srid — EPSG code of the UTM zone.
-- Returns: feature_no, code (the kelurahan), overlap_m2.
SELECT f.feature_no, k.code, ST_Area(ST_Transform(ST_Intersection(f.geom, k.geom), :srid)) AS overlap_m2
  FROM rw_layer f
  JOIN regions k ON k.level = 'KELURAHAN' AND NOT (k.code = ANY(:importing))
                AND ST_Intersects(k.geom, f.geom)
 WHERE f.accepted
   AND EXISTS (SELECT 1 FROM regions r WHERE r.parent_code = k.code AND r.level = 'RW' AND NOT r.synthetic)
 ORDER BY f.feature_no, k.code
