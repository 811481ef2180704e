-- The staged parts' length and the features (file, feature) they come from, before and after the clipping
-- (RoadGraphBuilder reports the difference).
-- Parameters: none.
-- Returns: one row: meters (total length in the UTM zone, metres), features (distinct file and feature numbers).
SELECT coalesce(sum(ST_Length(g)), 0) AS meters,
       count(DISTINCT (file_no, feature_id)) AS features
  FROM road_import_parts
