-- The geometry of the shortest path (by length, as RoadLeg.networkMeters) between pairs of points joined to one
-- kab/kota's network (:k) on edges (EdgeSnap): pgr_withPoints on the combinations, each row of the path turned into
-- the part of its edge it runs along, in travel order. A node of the path is a vertex (source: fraction 0, target: 1)
-- or a point (negative id, at its own fraction of its edge), so partial edges at both ends come out cut.
-- Binds: :edges (TravelMode.lengthEdgesSql, a format() template on the kab/kota), :points and :combinations
-- (format() templates of the point and pair arrays), :pids, :edgeIds, :fractions (the points), :starts, :ends.
-- Returns: start_pid, end_pid, part (the piece of an edge, EPSG:4326) in travel order.
WITH pts AS (
    SELECT pid, edge_id, fraction
      FROM unnest(CAST(:pids AS bigint[]), CAST(:edgeIds AS bigint[]), CAST(:fractions AS float8[]))
           AS u(pid, edge_id, fraction)
), path AS (
    SELECT w.start_pid, w.end_pid, w.seq, w.node, w.edge,
           lead(w.node) OVER (PARTITION BY w.start_pid, w.end_pid ORDER BY w.seq) AS next
      FROM pgr_withPoints(format(CAST(:edges AS text), CAST(:k AS text)),
                          format(CAST(:points AS text), CAST(:pids AS bigint[]), CAST(:edgeIds AS bigint[]),
                                 CAST(:fractions AS float8[])),
                          format(CAST(:combinations AS text), CAST(:starts AS bigint[]), CAST(:ends AS bigint[])),
                          true, 'b') w
)
SELECT path.start_pid, path.end_pid,
       ST_AsText(CASE WHEN a.f <= b.f THEN ST_LineSubstring(e.geom, a.f, b.f)
                      ELSE ST_Reverse(ST_LineSubstring(e.geom, b.f, a.f)) END) AS part
  FROM path
  JOIN road_edges e ON e.kabkota_code = :k AND e.id = path.edge
  CROSS JOIN LATERAL (SELECT CASE WHEN path.node < 0 THEN (SELECT fraction FROM pts WHERE pid = -path.node)
                                  WHEN path.node = e.source THEN 0.0 ELSE 1.0 END AS f) a
  CROSS JOIN LATERAL (SELECT CASE WHEN path.next < 0 THEN (SELECT fraction FROM pts WHERE pid = -path.next)
                                  WHEN path.next = e.source THEN 0.0 ELSE 1.0 END AS f) b
 ORDER BY path.start_pid, path.end_pid, path.seq
