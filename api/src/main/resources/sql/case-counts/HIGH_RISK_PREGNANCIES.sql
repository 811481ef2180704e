-- High-risk pregnancies of one kab/kota (:k) ongoing in the period :f..:d per leaf: a stock,
-- CaseIndicator.HIGH_RISK_PREGNANCIES, the same definition as rw_indicator_counts (pregnancy_ongoing, V28).
-- Parameters: :k — kab/kota code; :f, :d — first and last day of the period (dates).
-- Returns: leaf (region code), n (pregnancies), synthetic.
SELECT p.region_code AS leaf, count(*) AS n, bool_or(p.synthetic) AS synthetic
  FROM pregnancies p JOIN regions r ON r.code = p.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE p.kabkota_code = :k AND p.high_risk
   AND pregnancy_ongoing(p.last_menstrual_period, p.delivered_on, p.maternal_death_on, :f, :d)
 GROUP BY p.region_code
