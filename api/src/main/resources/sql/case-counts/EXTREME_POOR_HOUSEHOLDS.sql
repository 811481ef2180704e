-- Desil-1 households of one kab/kota (:k) per leaf in the P3KE/DTSEN register as it stands (each household once,
-- with its latest record: the register's latest snapshot, whatever the period): a stock,
-- CaseIndicator.EXTREME_POOR_HOUSEHOLDS, the same definition as rw_indicator_counts (V28).
-- Parameters: :k — kab/kota code.
-- Returns: leaf (region code), n (households), synthetic.
SELECT h.region_code AS leaf, count(*) AS n, bool_or(h.synthetic) AS synthetic
  FROM poverty_households h JOIN regions r ON r.code = h.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE h.kabkota_code = :k AND h.desil = 1
 GROUP BY h.region_code
