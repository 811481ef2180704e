-- Administrative regions of Indonesia in one hierarchy: PROVINSI > KABKOTA > KECAMATAN > KELURAHAN > RW.
-- Keyed by the Kemendagri kode wilayah in dotted form (33.75.01.1002); an RW, which has no official code,
-- is keyed <kode kelurahan>.RW<nnn> (33.75.01.1002.RW003). Geometry is EPSG:4326, [lon, lat].

-- PostGIS is created by a superuser before migrations run (./atlas db start, or the postgis/postgis image):
-- the application role is deliberately not a superuser.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
        RAISE EXCEPTION 'PostGIS is not installed in database "%": a superuser must run CREATE EXTENSION postgis (./atlas db start does this)',
            current_database();
    END IF;
END
$$;

CREATE TABLE regions (
    code              text        PRIMARY KEY,
    level             text        NOT NULL,
    name              text        NOT NULL,
    parent_code       text        REFERENCES regions (code),
    -- Distribution key (DESIGN.md §3): the kab/kota code, '33.75', on every row below the province.
    kabkota_code      text,
    geom              geometry(MultiPolygon, 4326),
    geometry_source   text,
    population        integer,
    population_year   smallint,
    population_source text,
    synthetic         boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT regions_level_known CHECK (level IN ('PROVINSI', 'KABKOTA', 'KECAMATAN', 'KELURAHAN', 'RW')),
    CONSTRAINT regions_code_matches_level CHECK (
           (level = 'PROVINSI'  AND code ~ '^[0-9]{2}$')
        OR (level = 'KABKOTA'   AND code ~ '^[0-9]{2}\.[0-9]{2}$')
        OR (level = 'KECAMATAN' AND code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$')
        OR (level = 'KELURAHAN' AND code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[12][0-9]{3}$')
        OR (level = 'RW'        AND code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[12][0-9]{3}\.RW[0-9]{3}$')),
    CONSTRAINT regions_parent_is_code_prefix CHECK (
        (level = 'PROVINSI' AND parent_code IS NULL)
        OR (level <> 'PROVINSI' AND parent_code IS NOT NULL AND starts_with(code, parent_code || '.'))),
    CONSTRAINT regions_kabkota_code_is_prefix CHECK (
        (level = 'PROVINSI' AND kabkota_code IS NULL)
        OR (level <> 'PROVINSI' AND kabkota_code = left(code, 5))),
    -- Province boundaries are not loaded yet (only Kota Pekalongan is): a province may lack a geometry.
    CONSTRAINT regions_geom_present CHECK (geom IS NOT NULL OR level = 'PROVINSI'),
    CONSTRAINT regions_geom_valid CHECK (geom IS NULL OR (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))),
    CONSTRAINT regions_population_non_negative CHECK (population IS NULL OR population >= 0)
);

COMMENT ON TABLE regions IS 'Administrative regions PROVINSI > KABKOTA > KECAMATAN > KELURAHAN > RW, keyed by dotted kode wilayah';
COMMENT ON COLUMN regions.kabkota_code IS 'Distribution key for a future Citus deployment (DESIGN.md §3)';
COMMENT ON COLUMN regions.synthetic IS 'true for generated data (the demo RWs), never for official boundaries';

CREATE INDEX regions_geom_gist ON regions USING gist (geom);
CREATE INDEX regions_parent_code_idx ON regions (parent_code, code);
-- "regions of level L within code C" is a prefix scan on the code.
CREATE INDEX regions_level_code_idx ON regions (level, code text_pattern_ops);
CREATE INDEX regions_kabkota_code_idx ON regions (kabkota_code);
