-- The cost of the shortest path between pairs of points joined to one kab/kota's network on edges (EdgeSnap), from
-- every source to every target: pgr_withPointsCost, points as negative ids, both sides of an edge ('b').
-- Parameters: :edges — the pgRouting edges query of the travel mode (TravelMode.edgesSql: seconds, or
-- lengthEdgesSql: metres), a format() template on the kab/kota; :k — kab/kota code; :points — the points query, a
-- format() template of the arrays :pids (point ids), :edgeIds, :fractions (0 at the edge's source, 1 at its target);
-- :sources, :targets — the points' negative ids.
-- Returns: start_pid, end_pid (negative point ids), agg_cost (seconds or metres); pairs with no path are absent.
SELECT start_pid, end_pid, agg_cost
  FROM pgr_withPointsCost(format(CAST(:edges AS text), CAST(:k AS text)),
                          format(CAST(:points AS text), CAST(:pids AS bigint[]),
                                 CAST(:edgeIds AS bigint[]), CAST(:fractions AS float8[])),
                          CAST(:sources AS bigint[]), CAST(:targets AS bigint[]), true, 'b')
