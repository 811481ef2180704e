-- Births of one kab/kota (:k) and year (:y) per leaf and delivery month, split into the BIRTHS family's atoms
-- (CountFamily.BIRTHS): 0 under 2500 g (BBLR), 1 the others.
-- Parameters: :k — kab/kota code; :y — year.
-- Returns: leaf (region code), month (1-12), atom, n (count), synthetic.
SELECT p.region_code AS leaf, extract(month FROM p.delivered_on)::int AS month,
       CASE WHEN p.low_birth_weight THEN 0 ELSE 1 END AS atom, count(*) AS n, bool_or(p.synthetic) AS synthetic
  FROM pregnancies p JOIN regions r ON r.code = p.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE p.kabkota_code = :k AND p.delivered_on >= make_date(:y, 1, 1) AND p.delivered_on < make_date(:y + 1, 1, 1)
 GROUP BY 1, 2, 3
