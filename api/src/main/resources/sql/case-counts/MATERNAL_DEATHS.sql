-- Maternal deaths (AKI) of one kab/kota (:k) and year (:y) per leaf and month of death (one atom).
-- Parameters: :k — kab/kota code; :y — year.
-- Returns: leaf (region code), month (1-12), atom (0), n (deaths), synthetic.
SELECT p.region_code AS leaf, extract(month FROM p.maternal_death_on)::int AS month, 0 AS atom,
       count(*) AS n, bool_or(p.synthetic) AS synthetic
  FROM pregnancies p JOIN regions r ON r.code = p.region_code AND r.level IN ('RW', 'KELURAHAN')
 WHERE p.kabkota_code = :k
   AND p.maternal_death_on >= make_date(:y, 1, 1) AND p.maternal_death_on < make_date(:y + 1, 1, 1)
 GROUP BY 1, 2, 3
