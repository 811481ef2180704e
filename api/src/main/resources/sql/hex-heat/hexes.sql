-- The hexes of one kab/kota, indicator, period and size, each with its total and the part inside the caller's exact
-- scope (:scope, LIKE patterns; empty for callers without case access). A year is the sum of its months (V29).
-- The rule deciding what a caller sees of each hex is in HexHeatLayers (one place for tiles, GraphQL and style).
-- Parameters: :kabkota — kab/kota code; :indicator — the hex heat indicator; :year; :month (1-12, null: the whole
-- year); :size — hex size, metres; :scope — LIKE patterns of the caller's case scope.
-- Returns: per hex i, j, total, total_denominator, mine, mine_denominator, has_mine, synthetic.
SELECT h.i, h.j,
       sum(h.count) AS total,
       sum(h.denominator) AS total_denominator,
       coalesce(sum(h.count) FILTER (WHERE h.region_code LIKE ANY (CAST(:scope AS text[]))), 0) AS mine,
       sum(h.denominator) FILTER (WHERE h.region_code LIKE ANY (CAST(:scope AS text[]))) AS mine_denominator,
       bool_or(h.region_code LIKE ANY (CAST(:scope AS text[]))) AS has_mine,
       bool_or(h.synthetic) AS synthetic
  FROM hex_heat h
 WHERE h.kabkota_code = :kabkota AND h.indicator = :indicator AND h.year = :year
   AND (CAST(:month AS integer) IS NULL OR h.month = CAST(:month AS integer))
   AND h.size_m = :size
 GROUP BY h.i, h.j
 ORDER BY h.i, h.j
