-- Geodesic distances on the spheroid between every point of a and every point of b (TravelModel: the straight-line
-- leg of each trip, and the base of the detour estimate).
-- Parameters: :ax, :ay — longitudes and latitudes (EPSG:4326) of the from points; :bx, :by — of the to points.
-- Returns: one row per pair: the 1-based index in a, the 1-based index in b, the distance in metres.
WITH a AS (SELECT o, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography AS g
             FROM unnest(CAST(:ax AS float8[]), CAST(:ay AS float8[])) WITH ORDINALITY
                  AS t(x, y, o)),
     b AS (SELECT o, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography AS g
             FROM unnest(CAST(:bx AS float8[]), CAST(:by AS float8[])) WITH ORDINALITY
                  AS t(x, y, o))
SELECT a.o, b.o, ST_Distance(a.g, b.g) FROM a CROSS JOIN b
