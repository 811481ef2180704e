-- The cells of rows :rowFrom..:rowTo of a travel-time surface grid whose centre lies inside the kab/kota :k (the grid:
-- UTM :srid, upper-left corner (:minX, :maxY), square cells of :cell metres, :columns per row, row 0 to the north; a
-- cell's index is row * :columns + column), with the centre in EPSG:4326, the RW and the kelurahan holding it (the
-- lowest code where boundaries overlap) and the puskesmas responsible for it:
--   - a centre in an RW: the RW's own row of rw_responsible_puskesmas (sql/access/responsible-puskesmas.sql), so that
--     a cell and its RW never disagree;
--   - a centre in a kelurahan but in no RW (a hole of an imported RW layer: rice fields, markets): the same rule on
--     the kelurahan's and its kecamatan's codes, the active puskesmas listing either in its wilayah kerja;
--   - a centre in no kelurahan (a gap between boundaries): status null.
-- ASSIGNED with facility_id, or NO_WILAYAH_KERJA / SEVERAL_WILAYAH_KERJA without: never filled in with the nearest.
-- The centres are materialised so that each is projected once, not once per test.
-- Returns: per cell (ordered by index) its index, centre, RW and kelurahan codes, status and facility_id.
WITH kabkota AS (SELECT geom FROM regions WHERE code = :k AND level = 'KABKOTA'),
     centre AS MATERIALIZED (
         SELECT r * CAST(:columns AS int) + c AS cell,
                ST_Transform(ST_SetSRID(ST_MakePoint(:minX + (c + 0.5) * :cell, :maxY - (r + 0.5) * :cell),
                                        CAST(:srid AS int)), 4326) AS pt
           FROM generate_series(CAST(:rowFrom AS int), CAST(:rowTo AS int)) r
          CROSS JOIN generate_series(0, CAST(:columns AS int) - 1) c),
     inside AS MATERIALIZED (SELECT centre.cell, centre.pt FROM centre JOIN kabkota ON ST_Intersects(kabkota.geom, centre.pt)),
     located AS (
         SELECT i.cell, i.pt,
                (SELECT x.code FROM regions x
                  WHERE x.level = 'RW' AND x.kabkota_code = :k AND ST_Intersects(x.geom, i.pt)
                  ORDER BY x.code LIMIT 1) AS rw_code,
                (SELECT x.code FROM regions x
                  WHERE x.level = 'KELURAHAN' AND x.kabkota_code = :k AND ST_Intersects(x.geom, i.pt)
                  ORDER BY x.code LIMIT 1) AS kelurahan_code
           FROM inside i),
     kelurahan_claims AS (
         SELECT l.kelurahan_code,
                (SELECT coalesce(array_agg(DISTINCT f.id ORDER BY f.id), '{}')
                   FROM facility_catchments fc
                   JOIN facilities f ON f.id = fc.facility_id AND f.type = 'PUSKESMAS' AND f.active
                  -- kelurahan 33.75.01.1002 (13 characters), its kecamatan 33.75.01 (8).
                  WHERE fc.region_code IN (l.kelurahan_code, left(l.kelurahan_code, 8))) AS ids
           FROM (SELECT DISTINCT kelurahan_code FROM located WHERE rw_code IS NULL AND kelurahan_code IS NOT NULL) l)
SELECT l.cell, ST_X(l.pt) AS longitude, ST_Y(l.pt) AS latitude, l.rw_code,
       CASE WHEN l.rw_code IS NOT NULL THEN coalesce(rp.status, 'NO_WILAYAH_KERJA')
            WHEN l.kelurahan_code IS NOT NULL THEN CASE cardinality(kc.ids) WHEN 0 THEN 'NO_WILAYAH_KERJA'
                                                   WHEN 1 THEN 'ASSIGNED' ELSE 'SEVERAL_WILAYAH_KERJA' END
       END AS status,
       CASE WHEN l.rw_code IS NOT NULL THEN rp.facility_id WHEN cardinality(kc.ids) = 1 THEN kc.ids[1] END AS facility_id
  FROM located l
  LEFT JOIN rw_responsible_puskesmas rp ON rp.kabkota_code = :k AND rp.rw_code = l.rw_code
  LEFT JOIN kelurahan_claims kc ON l.rw_code IS NULL AND kc.kelurahan_code = l.kelurahan_code
 ORDER BY l.cell
