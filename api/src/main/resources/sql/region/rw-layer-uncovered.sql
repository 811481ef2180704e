-- Per kelurahan of the report (:codes), before any boundary is written: its area before and after the import
-- (ADOPT's new boundary), and the part of it after the import that no accepted RW covers (gaps, non-residential
-- holes, rejected features), in m² in UTM zone :srid, with how many pieces of at least :min_area_m2 that part has.
-- Parameters: :codes — kelurahan codes; :srid — EPSG code of the UTM zone; :min_area_m2 — smallest piece
-- counted, m².
-- Returns: per kelurahan code, area_before_m2, area_m2, uncovered_m2 and the number of uncovered pieces.
SELECT k.code,
       ST_Area(ST_Transform(k.old_geom, :srid)) AS area_before_m2,
       ST_Area(ST_Transform(k.geom, :srid)) AS area_m2,
       coalesce(ST_Area(ST_Transform(u.geom, :srid)), 0) AS uncovered_m2,
       (SELECT count(*) FROM ST_Dump(u.geom) p WHERE ST_Area(ST_Transform(p.geom, :srid)) >= :min_area_m2) AS pieces
  FROM (SELECT r.code, r.geom AS old_geom, coalesce(n.new_geom, r.geom) AS geom
          FROM regions r LEFT JOIN rw_layer_kelurahan n ON n.code = r.code
         WHERE r.code = ANY(:codes)) k
  CROSS JOIN LATERAL (
      SELECT ST_CollectionExtract(coalesce(ST_Difference(k.geom, ST_Union(f.shape)), k.geom), 3) AS geom
        FROM rw_layer f
       WHERE f.kelurahan_code = k.code AND f.accepted AND f.shape IS NOT NULL) u
 ORDER BY k.code
