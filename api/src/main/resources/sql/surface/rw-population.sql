-- Every RW of the kab/kota :k with its population (null when unknown) and the index of the grid cell holding its
-- representative point (the grid of sql/surface/cells.sql); cell null when the RW has no point or it is off the grid.
-- Parameters: :k — kab/kota code; the grid as in cells.sql (:srid, :minX, :maxY, :cell metres, :columns,
-- :rows).
-- Returns: code, population, cell.
SELECT r.code, r.population,
       CASE WHEN g.col >= 0 AND g.col < :columns AND g.row >= 0 AND g.row < :rows THEN g.row * :columns + g.col END
           AS cell
  FROM regions r
  LEFT JOIN rw_representative_points p ON p.kabkota_code = :k AND p.rw_code = r.code
  LEFT JOIN LATERAL (SELECT floor((ST_X(t.g) - :minX) / :cell)::int AS col,
                            floor((:maxY - ST_Y(t.g)) / :cell)::int AS row
                       FROM (SELECT ST_Transform(p.point, CAST(:srid AS int)) AS g) t) g ON p.point IS NOT NULL
 WHERE r.kabkota_code = :k AND r.level = 'RW'
 ORDER BY r.code
