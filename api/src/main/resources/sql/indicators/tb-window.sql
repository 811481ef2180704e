-- TB notifications of one kab/kota (:k) diagnosed :f..:t (the 12 months ending with an indicator period) per leaf:
-- the numerator of tbNotificationsPer100k (RwIndicator.TB_NOTIFICATIONS_PER_100K), the same cases as the TB family
-- of caseCounts (sql/case-counts/TB.sql) counts per month.
-- Parameters: :k — kab/kota code; :f, :t — first and last diagnosis day (dates).
-- Returns: leaf (region code), n (cases).
SELECT t.region_code AS leaf, count(*) AS n
  FROM tb_cases t JOIN regions r ON r.code = t.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE t.kabkota_code = :k AND t.diagnosed_on BETWEEN :f AND :t
 GROUP BY t.region_code
