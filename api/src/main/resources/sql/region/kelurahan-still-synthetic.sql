-- After an RW import: the kelurahan of the given kab/kota that still have synthetic RWs (no real layer yet), for the
-- report.
-- Parameters: :kabkota — kab/kota codes.
-- Returns: "code name" of each such kelurahan, ordered by code.
SELECT k.code || ' ' || k.name FROM regions k
 WHERE k.level = 'KELURAHAN' AND k.kabkota_code = ANY(:kabkota)
   AND EXISTS (SELECT 1 FROM regions r
                WHERE r.parent_code = k.code AND r.level = 'RW' AND r.synthetic)
 ORDER BY k.code
