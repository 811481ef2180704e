-- The rows of a case import batch left without an RW (rw_assignment UNASSIGNED in stage, assign-rws.sql), each
-- recorded as an UNASSIGNED problem on column RW with the reason: the kelurahan is unknown, there is neither RW
-- number nor point, the RW number does not exist in the kelurahan, or the point lies in none of its RWs.
-- Parameters: :job — the import job's id.
-- Writes: import_problems rows (one per row at most); returns the number inserted (update count).
INSERT INTO import_problems (job_id, row_number, column_name, severity, reason)
SELECT :job, row_number, 'RW', 'UNASSIGNED',
       CASE WHEN kelurahan_code IS NULL
            THEN 'the kelurahan is not in the region table; kept at kab/kota ' || kabkota_code
            WHEN rw_number IS NULL AND lon IS NULL
            THEN 'no RW number and no point; kept at kelurahan ' || kelurahan_code
            ELSE concat_ws(' and ',
                   CASE WHEN rw_number IS NOT NULL
                        THEN 'RW ' || lpad(rw_number::text, 3, '0') || ' does not exist in kelurahan '
                             || kelurahan_code END,
                   CASE WHEN lon IS NOT NULL THEN 'the point lies in none of its RWs' END)
                 || '; kept at kelurahan ' || kelurahan_code
       END
  FROM stage WHERE rw_assignment = 'UNASSIGNED'
ON CONFLICT DO NOTHING
