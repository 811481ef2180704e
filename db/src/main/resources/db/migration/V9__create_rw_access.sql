-- Access to facilities at RW resolution (issue "Per-RW indicators and access to puskesmas"), precomputed per
-- kab/kota by RwAccessService.refresh: a representative point per RW, and from it the nearest puskesmas and the
-- nearest facility of any type, by geodesic distance (KNN on the geography GiST index, re-ranked on the spheroid),
-- with the road distance and travel time when the road network reaches, else geodesic x a detour factor.
-- Only public aggregates live here (RW boundaries and populations, facility ids); no person-level data.

-- One representative point per RW: where its people are, as well as the data allow.
CREATE TABLE rw_representative_points (
    rw_code       text        PRIMARY KEY REFERENCES regions (code) ON DELETE CASCADE,
    -- Distribution key (DESIGN.md §3).
    kabkota_code  text        NOT NULL,
    point         geometry(Point, 4326) NOT NULL,
    point_method  text        NOT NULL,
    -- How many geocoded residence points (children, pregnancies, poverty households) inside the RW were averaged;
    -- 0 for POINT_ON_SURFACE when there were none.
    point_count   integer     NOT NULL,
    computed_at   timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT rw_representative_points_method_known CHECK (point_method IN ('POPULATION_WEIGHTED', 'POINT_ON_SURFACE')),
    CONSTRAINT rw_representative_points_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5))
);

COMMENT ON TABLE rw_representative_points IS
    'Point standing for an RW in access analyses: mean of >= N geocoded residence points inside it (clamped inside), else ST_PointOnSurface';
COMMENT ON COLUMN rw_representative_points.point_method IS
    'POPULATION_WEIGHTED: mean of the RW''s geocoded residence points, clamped inside the RW; POINT_ON_SURFACE: ST_PointOnSurface of the RW';

CREATE INDEX rw_representative_points_kabkota_code_idx ON rw_representative_points (kabkota_code, rw_code);

-- Nearest facility per RW and target (PUSKESMAS, or ANY type), with the road leg or its geodesic stand-in.
CREATE TABLE rw_access (
    rw_code               text        NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    target                text        NOT NULL,
    kabkota_code          text        NOT NULL,
    -- Null when no active facility of the target type exists anywhere.
    facility_id           bigint      REFERENCES facilities (id) ON DELETE SET NULL,
    distance_meters       double precision,
    road_distance_meters  double precision,
    travel_time_seconds   double precision,
    method                text,
    -- The factor applied to distance_meters when method = GEODESIC_DETOUR; null for ROAD.
    detour_factor         double precision,
    computed_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rw_code, target),

    CONSTRAINT rw_access_target_known CHECK (target IN ('PUSKESMAS', 'ANY')),
    CONSTRAINT rw_access_method_known CHECK (method IS NULL OR method IN ('ROAD', 'GEODESIC_DETOUR')),
    CONSTRAINT rw_access_detour_factor_with_method CHECK ((method = 'GEODESIC_DETOUR') = (detour_factor IS NOT NULL)),
    CONSTRAINT rw_access_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5)),
    CONSTRAINT rw_access_distances_non_negative CHECK (distance_meters IS NULL OR distance_meters >= 0)
);

COMMENT ON TABLE rw_access IS 'Nearest facility per RW (target PUSKESMAS or ANY type), geodesic and by road; refreshed per kab/kota';
COMMENT ON COLUMN rw_access.method IS
    'ROAD: on road_edges (pgRouting) plus off-network legs; GEODESIC_DETOUR: distance_meters x detour_factor where the network does not reach';

CREATE INDEX rw_access_kabkota_target_idx ON rw_access (kabkota_code, target, rw_code);
CREATE INDEX rw_access_facility_id_idx ON rw_access (facility_id);

-- KNN over puskesmas only: the national registry holds ~30x more posyandu than puskesmas, and a type filter on the
-- shared index would walk past them.
CREATE INDEX facilities_puskesmas_geography_gist ON facilities USING gist ((location::geography))
    WHERE type = 'PUSKESMAS' AND active;
-- "Did the registry change since the last refresh?" is max(updated_at): one index probe.
CREATE INDEX facilities_updated_at_idx ON facilities (updated_at);
