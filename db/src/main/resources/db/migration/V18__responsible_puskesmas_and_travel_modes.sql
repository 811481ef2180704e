-- Access that points at the right RWs (issue 15): the responsible puskesmas beside the nearest, one travel model by
-- mode (MOTORBIKE, CAR, WALK; speeds in TravelMode, the one home), points joined to the network on an edge, and a
-- fallback calibrated on the loaded network itself.

-- Road edges lose their single speed: the time of an edge is its length at the speed of the traveller's mode on its
-- class (TravelMode), computed where it is routed. What stays is what the layer says: length, class and direction.
ALTER TABLE road_edges DROP CONSTRAINT road_edges_costs_positive;
ALTER TABLE road_edges DROP COLUMN speed_kmh, DROP COLUMN cost_seconds, DROP COLUMN reverse_cost_seconds;
ALTER TABLE road_edges ADD CONSTRAINT road_edges_length_non_negative CHECK (length_meters >= 0);
-- true: vehicles may go from source to target only (OSM oneway=yes; the importer turns oneway=-1 edges round).
ALTER TABLE road_edges ADD COLUMN oneway boolean NOT NULL DEFAULT false;
ALTER TABLE road_edges DROP CONSTRAINT road_edges_road_class_known;
ALTER TABLE road_edges ADD CONSTRAINT road_edges_road_class_known
    CHECK (road_class IN ('ARTERI', 'KOLEKTOR', 'LOKAL', 'LINGKUNGAN', 'SETAPAK'));
COMMENT ON COLUMN road_edges.oneway IS 'true: motorbikes and cars may go from source to target only; walking goes both ways';
COMMENT ON COLUMN road_edges.road_class IS 'ARTERI, KOLEKTOR, LOKAL, LINGKUNGAN or SETAPAK (RoadClass); speeds per travel mode in TravelMode';
COMMENT ON TABLE road_edges IS
    'Noded road graph per kab/kota for pgRouting: id, source, target, length_meters, road_class, oneway; costs per travel mode (TravelMode)';

-- The responsible puskesmas of every RW: the active puskesmas whose wilayah kerja (facility_catchments: the RW, its
-- kelurahan or its kecamatan) holds it. An RW claimed by none or by several is recorded as such, never assigned.
CREATE TABLE rw_responsible_puskesmas (
    kabkota_code  text        NOT NULL,
    rw_code       text        NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    -- Null unless status = ASSIGNED.
    facility_id   bigint      REFERENCES facilities (id) ON DELETE SET NULL,
    status        text        NOT NULL,
    -- Every active puskesmas whose wilayah kerja holds the RW, by facility id (two or more for SEVERAL_WILAYAH_KERJA).
    claimant_ids  bigint[]    NOT NULL DEFAULT '{}',
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, rw_code),

    CONSTRAINT rw_responsible_puskesmas_status_known
        CHECK (status IN ('ASSIGNED', 'NO_WILAYAH_KERJA', 'SEVERAL_WILAYAH_KERJA')),
    CONSTRAINT rw_responsible_puskesmas_facility_only_when_assigned CHECK (status = 'ASSIGNED' OR facility_id IS NULL),
    CONSTRAINT rw_responsible_puskesmas_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5))
);
COMMENT ON TABLE rw_responsible_puskesmas IS
    'Responsible puskesmas per RW: the active puskesmas whose wilayah kerja (catchment) holds it; NO_/SEVERAL_WILAYAH_KERJA when none or several';
CREATE INDEX rw_responsible_puskesmas_facility_idx ON rw_responsible_puskesmas (facility_id);

-- Access rows now exist per target and travel mode. The old rows (nearest puskesmas, one mode, vertex snapping) are
-- dropped and recomputed on the next read (a missing representative point makes a kab/kota stale).
DELETE FROM rw_access;
DELETE FROM rw_representative_points;
ALTER TABLE rw_access DROP CONSTRAINT rw_access_pkey;
ALTER TABLE rw_access DROP CONSTRAINT rw_access_target_known;
ALTER TABLE rw_access ADD COLUMN mode text NOT NULL;
ALTER TABLE rw_access ADD CONSTRAINT rw_access_target_known
    CHECK (target IN ('RESPONSIBLE_PUSKESMAS', 'NEAREST_PUSKESMAS', 'NEAREST_FACILITY'));
ALTER TABLE rw_access ADD CONSTRAINT rw_access_mode_known CHECK (mode IN ('MOTORBIKE', 'CAR', 'WALK'));
ALTER TABLE rw_access ADD PRIMARY KEY (kabkota_code, rw_code, target, mode);
-- Metres of the straight connectors between the points and the network (RW side + facility side) of a ROAD row.
ALTER TABLE rw_access ADD COLUMN connector_meters double precision;
COMMENT ON TABLE rw_access IS
    'Access per RW, target (RESPONSIBLE_PUSKESMAS, NEAREST_PUSKESMAS, NEAREST_FACILITY) and travel mode; refreshed per kab/kota';
COMMENT ON COLUMN rw_access.method IS
    'ROAD: on road_edges (pgRouting withPoints, joined on the nearest point of an edge); GEODESIC_DETOUR: distance_meters x detour_factor (calibrated on the network)';

-- The fallback of each kab/kota and mode, measured on its own network: over the RW-to-puskesmas pairs the network
-- reaches, the median road/straight ratio (the detour factor) and the median speed of the road legs.
CREATE TABLE road_network_calibrations (
    kabkota_code       text             NOT NULL,
    mode               text             NOT NULL,
    -- Pairs measured; below the minimum (TravelModel) the defaults stand and measured is false.
    pairs              integer          NOT NULL,
    measured           boolean          NOT NULL,
    detour_factor      double precision NOT NULL,
    speed_kmh          double precision NOT NULL,
    -- Distribution of the road/straight ratio over the pairs (null when none).
    ratio_p10          double precision,
    ratio_p90          double precision,
    ratio_max          double precision,
    share_over_2       double precision,
    computed_at        timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, mode),

    CONSTRAINT road_network_calibrations_mode_known CHECK (mode IN ('MOTORBIKE', 'CAR', 'WALK')),
    CONSTRAINT road_network_calibrations_positive CHECK (detour_factor >= 1 AND speed_kmh > 0)
);
COMMENT ON TABLE road_network_calibrations IS
    'Geodesic-detour fallback per kab/kota and travel mode, measured on the loaded network (median road/straight ratio and road speed)';

-- Pusling plans travel in a mode and carry the warnings a planner must read (approximate base point, RWs outside the
-- base's wilayah kerja, estimated legs, a poor network).
ALTER TABLE outreach_plans ADD COLUMN travel_mode text NOT NULL DEFAULT 'MOTORBIKE';
ALTER TABLE outreach_plans ADD CONSTRAINT outreach_plans_travel_mode_known CHECK (travel_mode IN ('MOTORBIKE', 'CAR', 'WALK'));
-- [{"code": "...", "message": "..."}] as computed when the plan was made.
ALTER TABLE outreach_plans ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]';
