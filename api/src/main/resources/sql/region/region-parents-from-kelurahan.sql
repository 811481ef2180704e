-- Kecamatan and kab/kota boundaries stay the union of their kelurahan (as PekalonganReferenceData loads them) after
-- the kelurahan :changed got new boundaries. Returns the codes rewritten.
-- Parameters: :changed — codes of the kelurahan whose boundary changed.
-- Writes: regions.geom of their kecamatan and kab/kota; returns the codes rewritten.
UPDATE regions p
   SET geom = (SELECT ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(k.geom)), 3)))
                 FROM regions k
                WHERE k.level = 'KELURAHAN' AND starts_with(k.code, p.code || '.')),
       updated_at = now()
 WHERE p.level IN ('KECAMATAN', 'KABKOTA')
   AND EXISTS (SELECT 1 FROM unnest(CAST(:changed AS text[])) c WHERE starts_with(c, p.code || '.'))
RETURNING p.code
