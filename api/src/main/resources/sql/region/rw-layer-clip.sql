-- CLIP: each accepted feature cut to the kelurahan it is assigned to, keeping only parts of at least :min_area_m2
-- (null when none is left).
-- Parameters: :min_area_m2 — smallest part kept, m²; :srid — EPSG code of the UTM zone.
-- Writes: rw_layer.shape of the accepted features.
UPDATE rw_layer f
   SET shape = (SELECT ST_Collect(p.geom ORDER BY p.path)
                  FROM ST_Dump(ST_CollectionExtract(ST_Intersection(f.geom, k.geom), 3)) p
                 WHERE ST_Area(ST_Transform(p.geom, :srid)) >= :min_area_m2)
  FROM regions k
 WHERE k.code = f.kelurahan_code AND f.accepted
