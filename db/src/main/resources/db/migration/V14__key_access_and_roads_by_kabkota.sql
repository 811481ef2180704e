-- Distributed-PostgreSQL compatibility (issue "Production readiness", docs/scale-out.md): on Citus, a table
-- distributed by kabkota_code needs the distribution column in its primary key and in every unique constraint.
-- The access and road tables were keyed without it; the same rows stay unique because kabkota_code is the prefix of
-- rw_code (checked by their constraints) and road ids are unique across kab/kota by construction.

ALTER TABLE rw_representative_points DROP CONSTRAINT rw_representative_points_pkey;
ALTER TABLE rw_representative_points ADD PRIMARY KEY (kabkota_code, rw_code);
DROP INDEX rw_representative_points_kabkota_code_idx;

ALTER TABLE rw_access DROP CONSTRAINT rw_access_pkey;
ALTER TABLE rw_access ADD PRIMARY KEY (kabkota_code, rw_code, target);

ALTER TABLE road_vertices DROP CONSTRAINT road_vertices_pkey;
ALTER TABLE road_vertices ADD PRIMARY KEY (kabkota_code, id);
DROP INDEX road_vertices_kabkota_code_idx;

ALTER TABLE road_edges DROP CONSTRAINT road_edges_pkey;
ALTER TABLE road_edges ADD PRIMARY KEY (kabkota_code, id);
DROP INDEX road_edges_kabkota_code_idx;

-- Look-ups by RW code alone (the access rows of one RW) keep an index.
CREATE INDEX rw_access_rw_code_idx ON rw_access (rw_code);
