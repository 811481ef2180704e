-- Child-months of one kab/kota (:k) and year (:y) per leaf and month, split into the GROWTH family's 12 atoms
-- (CountFamily.GROWTH): each child once per calendar month, with its latest measurement of that month;
-- atom = 4 * severity (0 not stunted or z unknown, 1 stunted, 2 severely stunted) + 2 * wasted + underweight.
-- Parameters: :k — kab/kota code; :y — year.
-- Returns: leaf (region code), month (1-12), atom (0-11), n (child-months), synthetic.
WITH child_months AS (
    SELECT DISTINCT ON (g.child_id, date_trunc('month', g.measured_on))
           g.region_code, g.measured_on, g.z_length_height_for_age AS zh, g.z_weight_for_length_height AS zw,
           g.z_weight_for_age AS za, g.synthetic
      FROM growth_measurements g
     WHERE g.kabkota_code = :k AND g.measured_on >= make_date(:y, 1, 1) AND g.measured_on < make_date(:y + 1, 1, 1)
     ORDER BY g.child_id, date_trunc('month', g.measured_on), g.measured_on DESC, g.id DESC
)
SELECT m.region_code AS leaf, extract(month FROM m.measured_on)::int AS month,
       4 * (CASE WHEN m.zh < -3 THEN 2 WHEN m.zh < -2 THEN 1 ELSE 0 END)
         + 2 * (CASE WHEN m.zw < -2 THEN 1 ELSE 0 END) + (CASE WHEN m.za < -2 THEN 1 ELSE 0 END) AS atom,
       count(*) AS n, bool_or(m.synthetic) AS synthetic
  FROM child_months m JOIN regions r ON r.code = m.region_code AND r.level IN ('RW', 'KELURAHAN')
 GROUP BY 1, 2, 3
