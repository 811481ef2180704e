-- Accepted features whose shapes meet (the caller reports those sharing at least 1 m²), with the overlap and the later feature's area in
-- m² (UTM zone :srid). rw-layer-resolve-overlaps.sql gives each overlap to the earlier feature.
-- Parameters: :srid — EPSG code of the UTM zone.
-- Returns: feature_no, earlier_no, overlap_m2 and the later feature's area, m².
SELECT a.feature_no, b.feature_no AS earlier_no,
       ST_Area(ST_Transform(ST_Intersection(a.shape, b.shape), :srid)) AS overlap_m2,
       ST_Area(ST_Transform(a.shape, :srid)) AS area_m2
  FROM rw_layer a
  JOIN rw_layer b ON b.feature_no < a.feature_no AND b.accepted AND ST_Intersects(a.shape, b.shape)
 WHERE a.accepted
 ORDER BY a.feature_no, b.feature_no
