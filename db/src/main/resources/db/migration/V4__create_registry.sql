-- The integrated ILP service registry: the network (parent), addresses, opening hours, the ILP service
-- catalogue, services offered, catchments (wilayah kerja), posyandu sessions, kader counts and programs.

ALTER TABLE facilities
    ADD COLUMN parent_id          bigint REFERENCES facilities (id),
    ADD COLUMN active             boolean  NOT NULL DEFAULT true,
    ADD COLUMN deactivated_at     timestamptz,
    ADD COLUMN deactivation_reason text,
    -- Optimistic locking: every write must name the version it read, and bumps it.
    ADD COLUMN version            integer  NOT NULL DEFAULT 1,
    ADD COLUMN address_street     text,
    ADD COLUMN address_rt         smallint,
    -- The RW the address lies in; an RW layer import that drops this RW clears it.
    ADD COLUMN address_rw_code    text REFERENCES regions (code) ON DELETE SET NULL,
    -- Life-cycle segments served (posyandu: "one door for all ages").
    ADD COLUMN segments           text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN kader_purwa        smallint NOT NULL DEFAULT 0,
    ADD COLUMN kader_madya        smallint NOT NULL DEFAULT 0,
    ADD COLUMN kader_utama        smallint NOT NULL DEFAULT 0,
    ADD CONSTRAINT facilities_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
    ADD CONSTRAINT facilities_address_rt_range CHECK (address_rt IS NULL OR address_rt BETWEEN 1 AND 999),
    ADD CONSTRAINT facilities_address_rw_in_kelurahan
        CHECK (address_rw_code IS NULL OR starts_with(address_rw_code, kelurahan_code || '.RW')),
    ADD CONSTRAINT facilities_kader_non_negative CHECK (kader_purwa >= 0 AND kader_madya >= 0 AND kader_utama >= 0),
    ADD CONSTRAINT facilities_segments_known CHECK (segments <@ ARRAY['IBU_HAMIL', 'IBU_BERSALIN', 'IBU_NIFAS',
        'NEONATUS', 'BAYI', 'BALITA', 'PRASEKOLAH', 'USIA_SEKOLAH', 'REMAJA', 'DEWASA', 'LANSIA']::text[]),
    ADD CONSTRAINT facilities_deactivation_consistent CHECK (active = (deactivated_at IS NULL));

CREATE INDEX facilities_parent_id_idx ON facilities (parent_id);
CREATE INDEX facilities_address_rw_code_idx ON facilities (address_rw_code);
CREATE INDEX facilities_segments_gin ON facilities USING gin (segments);
-- Geodesic nearest-neighbour search: ORDER BY location::geography <-> point.
CREATE INDEX facilities_location_geography_gist ON facilities USING gist ((location::geography));
CREATE INDEX facilities_name_lower_idx ON facilities (lower(name) text_pattern_ops);

-- Opening hours, one row per day and interval (ISO day of week 1 = Monday).
CREATE TABLE facility_opening_hours (
    facility_id  bigint   NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    day_of_week  smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    opens        time     NOT NULL,
    closes       time     NOT NULL,
    kabkota_code text     NOT NULL,
    PRIMARY KEY (facility_id, day_of_week, opens),
    CHECK (opens < closes)
);

-- The ILP service catalogue (digest of KMK HK.01.07/MENKES/2015/2023; keys are this project's proposals).
CREATE TABLE services (
    key             text    PRIMARY KEY CHECK (key ~ '^[A-Z][A-Z0-9_]*$'),
    name            text    NOT NULL,
    klaster         text    NOT NULL CHECK (klaster IN ('K1_MANAJEMEN', 'K2_IBU_ANAK', 'K3_DEWASA_LANSIA', 'K4_P2M', 'LINTAS')),
    segment         text    NOT NULL CHECK (segment IN ('IBU_HAMIL', 'IBU_BERSALIN', 'IBU_NIFAS', 'NEONATUS', 'BAYI',
        'BALITA', 'PRASEKOLAH', 'USIA_SEKOLAH', 'REMAJA', 'DEWASA', 'LANSIA', 'SEMUA')),
    at_puskesmas    boolean NOT NULL,
    at_pustu        boolean NOT NULL,
    at_posyandu     boolean NOT NULL,
    at_home_visit   boolean NOT NULL,
    notes           text
);

CREATE TABLE facility_services (
    facility_id  bigint NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    service_key  text   NOT NULL REFERENCES services (key),
    kabkota_code text   NOT NULL,
    PRIMARY KEY (facility_id, service_key)
);
CREATE INDEX facility_services_service_key_idx ON facility_services (service_key, facility_id);

-- Catchment: a puskesmas's wilayah kerja (kelurahan), a pustu's kelurahan, the RWs a posyandu serves.
CREATE TABLE facility_catchments (
    facility_id  bigint NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    region_code  text   NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    kabkota_code text   NOT NULL,
    PRIMARY KEY (facility_id, region_code)
);
CREATE INDEX facility_catchments_region_code_idx ON facility_catchments (region_code text_pattern_ops, facility_id);

-- Posyandu sessions as a monthly recurrence: "2nd Tuesday of each month, 08:00-11:00" (week_of_month -1 = last).
CREATE TABLE posyandu_sessions (
    facility_id   bigint   NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    week_of_month smallint NOT NULL CHECK (week_of_month BETWEEN 1 AND 5 OR week_of_month = -1),
    day_of_week   smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    starts_at     time     NOT NULL,
    ends_at       time     NOT NULL,
    kabkota_code  text     NOT NULL,
    PRIMARY KEY (facility_id, week_of_month, day_of_week, starts_at),
    CHECK (starts_at < ends_at)
);

-- Programs as data: ILP, KRISNNA, PERMAISURI, KLEOPATRA, GERAKAN_INTERVENSI_SERENTAK, ...
CREATE TABLE programs (
    key             text    PRIMARY KEY CHECK (key ~ '^[A-Z][A-Z0-9_]*$'),
    name            text    NOT NULL,
    description     text    NOT NULL,
    target_segments text[]  NOT NULL DEFAULT '{}',
    period_start    date    NOT NULL,
    period_end      date,
    synthetic       boolean NOT NULL DEFAULT false,
    CHECK (period_end IS NULL OR period_end >= period_start)
);

CREATE TABLE program_areas (
    program_key text NOT NULL REFERENCES programs (key) ON DELETE CASCADE,
    region_code text NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
    PRIMARY KEY (program_key, region_code)
);

CREATE TABLE program_facilities (
    program_key text   NOT NULL REFERENCES programs (key) ON DELETE CASCADE,
    facility_id bigint NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    PRIMARY KEY (program_key, facility_id)
);
CREATE INDEX program_facilities_facility_id_idx ON program_facilities (facility_id);
