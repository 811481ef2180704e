-- Every record of the indicator in the kab/kota and period, and those with a point (V29: hex_heat_totals).
-- Parameters: :kabkota — kab/kota code; :indicator; :year; :month (1-12, null: the whole year).
-- Returns: one row: records, geocoded, denominator_records, denominator_geocoded, synthetic.
SELECT coalesce(sum(records), 0) AS records, coalesce(sum(geocoded), 0) AS geocoded,
       sum(denominator_records) AS denominator_records, sum(denominator_geocoded) AS denominator_geocoded,
       coalesce(bool_or(synthetic), false) AS synthetic
  FROM hex_heat_totals
 WHERE kabkota_code = :kabkota AND indicator = :indicator AND year = :year
   AND (CAST(:month AS integer) IS NULL OR month = CAST(:month AS integer))
