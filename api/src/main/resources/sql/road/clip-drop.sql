-- The parts clip.sql replaced by their pieces inside the area, and the parts wholly outside (part ids up to :last).
-- Parameters: :last — the largest part id before clip.sql ran.
-- Writes: deletes from road_import_parts.
DELETE FROM road_import_parts p
 USING road_import_area a
 WHERE p.part_id <= :last AND NOT ST_CoveredBy(p.g, a.a)
