-- Desil-1 households of one kab/kota (:k) per leaf in the P3KE/DTSEN register as of :d (each household once, with
-- its latest record, whose as-of date is on or before :d): a stock, CaseIndicator.EXTREME_POOR_HOUSEHOLDS, the same
-- definition as rw_indicator_counts (V16).
SELECT h.region_code AS leaf, count(*) AS n, bool_or(h.synthetic) AS synthetic
  FROM poverty_households h JOIN regions r ON r.code = h.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE h.kabkota_code = :k AND h.desil = 1 AND h.as_of <= :d
 GROUP BY h.region_code
