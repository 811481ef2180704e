-- Days off of the service calendar (issue 16): the national holidays (LIBUR_NASIONAL) and collective leave
-- (CUTI_BERSAMA) of the SKB 3 Menteri, loaded from the shipped reference/calendar CSV (kabkota_code NULL), and the
-- days off a kab/kota adds itself (LIBUR_DAERAH, e.g. a city anniversary), kept by the Dinkes. Planning never puts a
-- Pusling visit on one of them.

CREATE TABLE calendar_days_off (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL for a national day off.
    kabkota_code  text,
    date          date        NOT NULL,
    kind          text        NOT NULL,
    name          text        NOT NULL,
    -- The decree or the office that set the day off.
    source        text        NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT calendar_days_off_kind_known CHECK (kind IN ('LIBUR_NASIONAL', 'CUTI_BERSAMA', 'LIBUR_DAERAH')),
    CONSTRAINT calendar_days_off_daerah_has_kabkota CHECK ((kabkota_code IS NULL) = (kind <> 'LIBUR_DAERAH')),
    CONSTRAINT calendar_days_off_kabkota_code_format CHECK (kabkota_code ~ '^[0-9]{2}\.[0-9]{2}$'),
    CONSTRAINT calendar_days_off_name_length CHECK (length(name) BETWEEN 1 AND 200)
);

COMMENT ON TABLE calendar_days_off IS 'Days off: national (kabkota_code NULL, from the SKB 3 Menteri) and per kab/kota';

CREATE UNIQUE INDEX calendar_days_off_national_date ON calendar_days_off (date) WHERE kabkota_code IS NULL;
CREATE UNIQUE INDEX calendar_days_off_kabkota_date ON calendar_days_off (kabkota_code, date)
    WHERE kabkota_code IS NOT NULL;
