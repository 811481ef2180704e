-- ADOPT: writes the new kelurahan boundaries that differ from the stored ones by more than :noise_m2 (in UTM zone
-- :srid: re-importing the same layer rebuilds the same boundary up to floating-point noise of a few cm², and writes
-- nothing), and returns their codes.
-- Parameters: :noise_m2 — smallest change written, m²; :srid — EPSG code of the UTM zone; :importing_source —
-- source text of a kelurahan rebuilt from its RWs; :neighbour_suffix — appended to the source of a neighbour cut.
-- Writes: regions.geom and source of the changed kelurahan; returns their codes.
UPDATE regions k
   SET geom = ST_ForcePolygonCCW(ST_Multi(n.new_geom)),
       geometry_source = CASE WHEN n.importing THEN :importing_source
                              ELSE k.geometry_source || :neighbour_suffix END,
       updated_at = now()
  FROM rw_layer_kelurahan n
 WHERE k.code = n.code
   AND ST_Area(ST_Transform(ST_SymDifference(k.geom, n.new_geom), :srid)) > :noise_m2
RETURNING k.code
