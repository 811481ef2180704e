-- Health facilities of the ILP network. Issue "Foundation" needs the puskesmas; the registry issue extends this.

CREATE TABLE facilities (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text        NOT NULL UNIQUE,
    name             text        NOT NULL,
    type             text        NOT NULL,
    kabkota_code     text        NOT NULL,
    kelurahan_code   text        NOT NULL REFERENCES regions (code),
    location         geometry(Point, 4326) NOT NULL,
    location_quality text        NOT NULL,
    location_note    text,
    synthetic        boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT facilities_type_known CHECK (type IN
        ('DINKES', 'PUSKESMAS', 'PUSTU', 'POSYANDU', 'KLINIK', 'RUMAH_SAKIT', 'LABORATORIUM')),
    CONSTRAINT facilities_location_quality_known CHECK (location_quality IN ('SURVEYED', 'APPROXIMATE')),
    CONSTRAINT facilities_kabkota_code_is_prefix CHECK (kabkota_code = left(kelurahan_code, 5)),
    CONSTRAINT facilities_location_valid CHECK (NOT ST_IsEmpty(location))
);

COMMENT ON COLUMN facilities.location_quality IS 'SURVEYED: a surveyed point; APPROXIMATE: a stand-in (see location_note)';

CREATE INDEX facilities_location_gist ON facilities USING gist (location);
CREATE INDEX facilities_type_idx ON facilities (type, code);
CREATE INDEX facilities_kelurahan_code_idx ON facilities (kelurahan_code);
CREATE INDEX facilities_kabkota_code_idx ON facilities (kabkota_code);
