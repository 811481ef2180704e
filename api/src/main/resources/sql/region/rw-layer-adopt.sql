-- ADOPT: each accepted feature as the layer draws it, less the kelurahan that keep real RWs of their own and are not
-- rebuilt by this layer (:importing), keeping only parts of at least :min_area_m2 (null when none is left).
-- Parameters: :importing — kelurahan codes rebuilt by this layer; :min_area_m2 — smallest part kept, m²;
-- :srid — EPSG code of the UTM zone.
-- Writes: rw_layer.shape of the accepted features.
UPDATE rw_layer f
   SET shape = (SELECT ST_Collect(p.geom ORDER BY p.path)
                  FROM ST_Dump(ST_CollectionExtract(coalesce(ST_Difference(f.geom, (
                           SELECT ST_Union(k.geom)
                             FROM regions k
                            WHERE k.level = 'KELURAHAN' AND NOT (k.code = ANY(:importing))
                              AND ST_Intersects(k.geom, f.geom)
                              AND EXISTS (SELECT 1 FROM regions r WHERE r.parent_code = k.code AND r.level = 'RW'
                                                                      AND NOT r.synthetic))), f.geom), 3)) p
                 WHERE ST_Area(ST_Transform(p.geom, :srid)) >= :min_area_m2)
 WHERE f.accepted
