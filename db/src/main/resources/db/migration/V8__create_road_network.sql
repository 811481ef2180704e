-- The road network (issue "Per-RW indicators and access to puskesmas"): a noded routing graph per kab/kota, built
-- by RoadNetworkImporter from a line layer (endpoints snapped, lines split where they meet or cross) and routed on
-- with pgRouting (RoadRouting). A kab/kota's network is replaced as a whole, in one transaction.
--
-- kabkota_code is the distribution key (DESIGN.md §3). Ids are unique across kab/kota and deterministic for a given
-- file: <kab/kota code without the dot> * 10^8 + rank, so re-importing the same file gives the same rows.

CREATE TABLE road_vertices (
    id           bigint  PRIMARY KEY,
    kabkota_code text    NOT NULL,
    -- pgr_connectedComponents of the kab/kota's graph (undirected): the smallest vertex id of the component.
    component    bigint,
    geom         geometry(Point, 4326) NOT NULL
);

CREATE TABLE road_edges (
    id                   bigint  PRIMARY KEY,
    kabkota_code         text    NOT NULL,
    source               bigint  NOT NULL,
    target               bigint  NOT NULL,
    -- On the spheroid.
    length_meters        double precision NOT NULL,
    speed_kmh            double precision NOT NULL,
    -- length_meters / speed; the layers carry no one-way data, so both directions cost the same.
    cost_seconds         double precision NOT NULL,
    reverse_cost_seconds double precision NOT NULL,
    -- ARTERI, KOLEKTOR, LOKAL or LINGKUNGAN (RoadClass); the source's own words are in source_class.
    road_class           text    NOT NULL,
    source_class         text,
    name                 text,
    -- The 1-based number of the feature of the imported file the edge was cut from.
    source_feature       integer NOT NULL,
    component            bigint,
    geom                 geometry(LineString, 4326) NOT NULL,

    CONSTRAINT road_edges_road_class_known CHECK (road_class IN ('ARTERI', 'KOLEKTOR', 'LOKAL', 'LINGKUNGAN')),
    CONSTRAINT road_edges_costs_positive CHECK (length_meters >= 0 AND speed_kmh > 0 AND cost_seconds >= 0
                                                AND reverse_cost_seconds >= 0)
);

COMMENT ON TABLE road_edges IS
    'Noded road graph per kab/kota for pgRouting: id, source, target, cost_seconds, reverse_cost_seconds, length_meters';
COMMENT ON COLUMN road_edges.speed_kmh IS 'Assumed speed of the road class (RoadClass): ARTERI 40, KOLEKTOR 30, LOKAL 20, LINGKUNGAN 15';

CREATE INDEX road_edges_geom_gist ON road_edges USING gist (geom);
CREATE INDEX road_edges_kabkota_code_idx ON road_edges (kabkota_code);
CREATE INDEX road_edges_source_idx ON road_edges (source);
CREATE INDEX road_edges_target_idx ON road_edges (target);
CREATE INDEX road_vertices_geom_gist ON road_vertices USING gist (geom);
CREATE INDEX road_vertices_kabkota_code_idx ON road_vertices (kabkota_code);

-- The network loaded per kab/kota: where it came from and what the import found.
CREATE TABLE road_network_loads (
    kabkota_code                   text             PRIMARY KEY,
    source_name                    text             NOT NULL,
    loaded_at                      timestamptz      NOT NULL DEFAULT now(),
    features_read                  integer          NOT NULL,
    features_rejected              integer          NOT NULL,
    features_skipped               integer          NOT NULL,
    edges                          integer          NOT NULL,
    vertices                       integer          NOT NULL,
    components                     integer          NOT NULL,
    largest_component_length_share double precision,
    length_meters                  double precision NOT NULL,
    snap_tolerance_meters          double precision NOT NULL,
    summary                        text             NOT NULL
);
