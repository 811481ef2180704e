-- Pusling outreach plans (issue "Target RW picking by camat and lurah, and Pusling outreach route planning"): the
-- trips of the mobile puskesmas over the service days of a month, computed by the route solver and stored as
-- computed, with the request that produced them. Only region codes, times and route lines live here.
-- The kab/kota code leads every key so that the tables can be distributed on it (DESIGN.md §3).

CREATE TABLE outreach_plans (
    kabkota_code        text        NOT NULL,
    id                  bigint      GENERATED ALWAYS AS IDENTITY,
    name                text        NOT NULL,
    depot_facility_id   bigint      NOT NULL REFERENCES facilities (id),
    selection_id        bigint,
    distance_mode       text        NOT NULL,
    vehicles            integer     NOT NULL,
    workday_start       time        NOT NULL,
    workday_end         time        NOT NULL,
    service_minutes     integer     NOT NULL,
    service_dates       date[]      NOT NULL,
    -- The request as given (JSON), so that a plan can be reproduced.
    request             jsonb       NOT NULL,
    solver              text        NOT NULL,
    solve_millis        integer     NOT NULL,
    created_by          text        NOT NULL,
    created_role        text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),
    FOREIGN KEY (kabkota_code, selection_id) REFERENCES target_selections (kabkota_code, id),

    CONSTRAINT outreach_plans_distance_mode_known CHECK (distance_mode IN ('ROAD', 'GEODESIC')),
    CONSTRAINT outreach_plans_vehicles_range CHECK (vehicles BETWEEN 1 AND 10),
    CONSTRAINT outreach_plans_workday_ordered CHECK (workday_end > workday_start),
    CONSTRAINT outreach_plans_kabkota_code_format CHECK (kabkota_code ~ '^[0-9]{2}\.[0-9]{2}$')
);

COMMENT ON TABLE outreach_plans IS 'Pusling outreach plans: the request and the solver used; routes in outreach_plan_routes';

CREATE INDEX outreach_plans_id_idx ON outreach_plans (id);

-- One vehicle's trip on one service day (only trips with at least one stop).
CREATE TABLE outreach_plan_routes (
    kabkota_code        text        NOT NULL,
    plan_id             bigint      NOT NULL,
    service_date        date        NOT NULL,
    vehicle             integer     NOT NULL,
    departure           time        NOT NULL,
    return_time         time        NOT NULL,
    distance_meters     double precision NOT NULL,
    duration_seconds    integer     NOT NULL,
    travel_seconds      integer     NOT NULL,
    -- The leg from the last stop back to the depot.
    return_distance_meters  double precision NOT NULL,
    return_duration_seconds integer NOT NULL,
    return_method       text        NOT NULL,
    geom                geometry(LineString, 4326) NOT NULL,
    PRIMARY KEY (kabkota_code, plan_id, service_date, vehicle),
    FOREIGN KEY (kabkota_code, plan_id) REFERENCES outreach_plans (kabkota_code, id) ON DELETE CASCADE,

    CONSTRAINT outreach_plan_routes_return_method_known CHECK (return_method IN ('ROAD', 'GEODESIC_DETOUR'))
);

-- The stops of a route, in order, each with the leg that reaches it.
CREATE TABLE outreach_plan_stops (
    kabkota_code        text        NOT NULL,
    plan_id             bigint      NOT NULL,
    service_date        date        NOT NULL,
    vehicle             integer     NOT NULL,
    sequence            integer     NOT NULL,
    rw_code             text        NOT NULL REFERENCES regions (code),
    location            geometry(Point, 4326) NOT NULL,
    arrival             time        NOT NULL,
    service_start       time        NOT NULL,
    departure           time        NOT NULL,
    leg_distance_meters double precision NOT NULL,
    leg_duration_seconds integer    NOT NULL,
    leg_method          text        NOT NULL,
    PRIMARY KEY (kabkota_code, plan_id, service_date, vehicle, sequence),
    FOREIGN KEY (kabkota_code, plan_id, service_date, vehicle)
        REFERENCES outreach_plan_routes (kabkota_code, plan_id, service_date, vehicle) ON DELETE CASCADE,
    UNIQUE (kabkota_code, plan_id, rw_code),

    CONSTRAINT outreach_plan_stops_leg_method_known CHECK (leg_method IN ('ROAD', 'GEODESIC_DETOUR')),
    CONSTRAINT outreach_plan_stops_times_ordered CHECK (arrival <= service_start AND service_start <= departure),
    CONSTRAINT outreach_plan_stops_kabkota_code_is_prefix CHECK (kabkota_code = left(rw_code, 5))
);

-- RWs of the request left out, with the reason.
CREATE TABLE outreach_plan_unserved (
    kabkota_code        text        NOT NULL,
    plan_id             bigint      NOT NULL,
    rw_code             text        NOT NULL REFERENCES regions (code),
    reason              text        NOT NULL,
    message             text        NOT NULL,
    PRIMARY KEY (kabkota_code, plan_id, rw_code),
    FOREIGN KEY (kabkota_code, plan_id) REFERENCES outreach_plans (kabkota_code, id) ON DELETE CASCADE,

    CONSTRAINT outreach_plan_unserved_reason_known CHECK (reason IN ('NO_LOCATION', 'BEYOND_WORKDAY', 'NO_CAPACITY'))
);
