-- ADOPT: among the kelurahan whose boundary was just rewritten, those holding real (imported, not synthetic) RWs
-- that this layer does not replace: the new boundary would cut them, so the import stops.
-- Parameters: :changed — codes of the kelurahan rewritten (rw-layer-adopt-write.sql).
-- Returns: kelurahan codes, ordered.
SELECT DISTINCT r.parent_code FROM regions r
 WHERE r.parent_code = ANY(:changed) AND r.level = 'RW' AND NOT r.synthetic
   AND NOT EXISTS (SELECT 1 FROM rw_layer f WHERE f.accepted
                      AND f.kelurahan_code = r.parent_code)
 ORDER BY 1
