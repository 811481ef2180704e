-- Where each point joins the road network (RoadRouting.snap): the nearest point of the nearest edge a travel mode may
-- use, on any kab/kota's network. The :candidates edges nearest by the planar index are re-ranked by the geodesic
-- distance to their nearest point, ties by edge id.
-- Parameters: :x, :y — longitudes and latitudes of the points (EPSG:4326); :candidates — edges re-ranked per point;
-- :unusable — road classes the mode may not use (TravelMode).
-- Returns: per point that has an edge: o (1-based index), id, kabkota_code (the edge's), fraction (0 at the edge's
-- source, 1 at its target), meters (geodesic, point to edge), x/y (the joining point, EPSG:4326).
WITH p AS (SELECT o, ST_SetSRID(ST_MakePoint(x, y), 4326) AS pt
             FROM unnest(CAST(:x AS float8[]), CAST(:y AS float8[])) WITH ORDINALITY
                  AS t(x, y, o))
SELECT p.o, e.id, e.kabkota_code, e.fraction, e.meters, ST_X(e.at) AS x, ST_Y(e.at) AS y
  FROM p
  -- Longitudes scaled by cos(latitude): a local equirectangular plane in which the nearest
  -- point and the fraction along the edge are metric, not in raw degrees.
  CROSS JOIN LATERAL (SELECT cos(radians(ST_Y(p.pt))) AS k) s
  CROSS JOIN LATERAL (
      SELECT c.id, c.kabkota_code, l.fraction, l.at,
             ST_Distance(l.at::geography, p.pt::geography) AS meters
        FROM (SELECT id, kabkota_code, geom FROM road_edges
               WHERE road_class <> ALL(CAST(:unusable AS text[]))
               ORDER BY geom <-> p.pt LIMIT :candidates) c
        CROSS JOIN LATERAL (SELECT ST_Scale(c.geom, s.k, 1) AS g) m
        CROSS JOIN LATERAL (SELECT ST_LineLocatePoint(m.g, ST_Scale(p.pt, s.k, 1)) AS f) f
        CROSS JOIN LATERAL (SELECT f.f AS fraction,
                                   ST_Scale(ST_LineInterpolatePoint(m.g, f.f), 1 / s.k, 1) AS at) l
       ORDER BY meters, c.id LIMIT 1) e
