-- TB cases of one kab/kota (:k) and year (:y) per leaf and diagnosis month, split into the TB family's atoms
-- (CountFamily.TB): 0 cured or treatment completed, 1 another outcome, 2 no outcome yet.
-- Parameters: :k — kab/kota code; :y — year.
-- Returns: leaf (region code), month (1-12), atom (0-2), n (cases), synthetic.
SELECT t.region_code AS leaf, extract(month FROM t.diagnosed_on)::int AS month,
       CASE WHEN t.outcome IN ('CURED', 'TREATMENT_COMPLETED') THEN 0 WHEN t.outcome IS NOT NULL THEN 1 ELSE 2 END
           AS atom,
       count(*) AS n, bool_or(t.synthetic) AS synthetic
  FROM tb_cases t JOIN regions r ON r.code = t.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE t.kabkota_code = :k AND t.diagnosed_on >= make_date(:y, 1, 1) AND t.diagnosed_on < make_date(:y + 1, 1, 1)
 GROUP BY 1, 2, 3
