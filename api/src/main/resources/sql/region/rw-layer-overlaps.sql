-- Where each feature of the layer lies: its area and its overlap with every kelurahan it overlaps, in m² in the UTM
-- zone :srid. A feature overlapping no kelurahan comes once, with a null kelurahan (its area on the spheroid: it may
-- lie anywhere); a kelurahan it only touches comes with 0. Ordered by feature, then largest overlap first, then code:
-- the first row is the majority. (ST_Relate patterns are avoided on purpose: GEOS's relate is not robust on the
-- near-coincident edges of two boundary sources, overlay (GEOS >= 3.9) is.)
-- Parameters: :srid — EPSG code of the UTM zone.
-- Returns: feature_no, area_m2, kelurahan_code (null: none), overlap_m2.
SELECT f.feature_no,
       CASE WHEN o.code IS NULL THEN ST_Area(f.geom::geography)
            ELSE ST_Area(ST_Transform(f.geom, :srid)) END AS area_m2,
       o.code AS kelurahan_code,
       o.overlap_m2
  FROM rw_layer f
  LEFT JOIN LATERAL (
      SELECT k.code, ST_Area(ST_Transform(ST_Intersection(f.geom, k.geom), :srid)) AS overlap_m2
        FROM regions k
       WHERE k.level = 'KELURAHAN' AND ST_Intersects(k.geom, f.geom)) o ON true
 ORDER BY f.feature_no, o.overlap_m2 DESC NULLS LAST, o.code
