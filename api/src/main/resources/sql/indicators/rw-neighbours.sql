-- Every RW of one kab/kota (:k) with the RWs whose boundaries touch or overlap its own (queen contiguity, as PySAL's
-- weights for Spatial_Empirical_Bayes): the neighbourhood of the local empirical-Bayes smoothing (RateSmoothing).
-- Parameters: :k — kab/kota code.
-- Returns: code (RW), neighbours (RW codes, ordered; empty when none).
SELECT a.code, coalesce(array_agg(b.code ORDER BY b.code) FILTER (WHERE b.code IS NOT NULL), '{}') AS neighbours
  FROM regions a
  LEFT JOIN regions b ON b.kabkota_code = a.kabkota_code AND b.level = 'RW' AND b.code <> a.code
                     AND b.geom && a.geom AND ST_Intersects(b.geom, a.geom)
 WHERE a.kabkota_code = :k AND a.level = 'RW'
 GROUP BY a.code
 ORDER BY a.code
