-- Issue 15, "Real roads in": a kab/kota's road network may be built from several files at once (e.g. both RTRW layers)
-- and from OpenStreetMap (.osm.pbf, OSM GeoJSON), clipped to the kab/kota. Each edge says which file and which
-- feature it was cut from: the feature number in a GeoJSON file, the way id in an .osm.pbf (beyond integer range).
ALTER TABLE road_edges ALTER COLUMN source_feature TYPE bigint;
ALTER TABLE road_edges ADD COLUMN source_file smallint NOT NULL DEFAULT 1;
COMMENT ON COLUMN road_edges.source_feature IS
    'GeoJSON: 1-based number of the feature in its file; .osm.pbf: the OSM way id';
COMMENT ON COLUMN road_edges.source_file IS
    '1-based position of the file in the import (road_network_loads.source_name lists them in that order)';

-- What the import left out: length outside the kab/kota (plus the clip buffer) and length of later files lying on
-- roads an earlier file already has, metres.
ALTER TABLE road_network_loads ADD COLUMN clipped_meters double precision NOT NULL DEFAULT 0;
ALTER TABLE road_network_loads ADD COLUMN duplicate_meters_dropped double precision NOT NULL DEFAULT 0;
