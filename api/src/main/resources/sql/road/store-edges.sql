-- The kab/kota's edges, numbered from :base by (source, target, length, geometry); their ends set exactly on their
-- vertices.
-- Parameters: :k — kab/kota code; :base — first id (kab/kota digits x RoadGraphBuilder.ID_BLOCK).
-- Writes: road_edges rows of the kab/kota.
INSERT INTO road_edges (id, kabkota_code, source, target, length_meters, road_class, source_class, name,
                        source_file, source_feature, oneway, geom)
SELECT :base + row_number() OVER (ORDER BY s.id, t.id, ST_Length(x.geom), ST_AsBinary(x.geom)),
       :k, s.id, t.id, ST_Length(x.geom::geography), e.road_class, e.source_class, e.name, e.file_no,
       e.feature_id, e.oneway, x.geom
  FROM road_import_edges e
  JOIN road_import_vertices s ON s.key = e.source_key
  JOIN road_import_vertices t ON t.key = e.target_key
 CROSS JOIN LATERAL (SELECT ST_SetPoint(ST_SetPoint(e.geom, 0, s.p), ST_NPoints(e.geom) - 1, t.p) AS geom) x
