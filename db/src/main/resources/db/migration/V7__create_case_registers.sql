-- The case registers (child growth, TB, extreme poverty, mothers) and the import jobs that fill them.
--
-- Every register row carries the kab/kota code (the distribution key, DESIGN.md §3) in its primary key and in
-- every unique key, so the same schema can be distributed by kab/kota later. Every row has an address to RW:
-- rw_code when it could be assigned (by point-in-polygon or kelurahan + RW number), else only the kelurahan or
-- only the kab/kota (kept and reported as unassigned, never dropped). region_code is the most precise of the
-- three and is what scope rules filter on. NIK and family card numbers are stored only as a keyed hash (for
-- matching) and a masked display form.

CREATE TABLE import_jobs (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    format         text        NOT NULL CHECK (format IN ('EPPGBM', 'SITB', 'P3KE', 'PERMAISURI')),
    file_name      text        NOT NULL,
    state          text        NOT NULL DEFAULT 'QUEUED'
                               CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    actor          text        NOT NULL,
    role           text        NOT NULL,
    scope          text[]      NOT NULL DEFAULT '{}',
    -- The kab/kota whose Dinkes may follow the job (the importer's single kab/kota, if any).
    kabkota_code   text,
    synthetic      boolean     NOT NULL DEFAULT false,
    rows_read      integer     NOT NULL DEFAULT 0,
    rows_inserted  integer     NOT NULL DEFAULT 0,
    rows_updated   integer     NOT NULL DEFAULT 0,
    rows_unchanged integer     NOT NULL DEFAULT 0,
    rows_rejected  integer     NOT NULL DEFAULT 0,
    -- Rows replaced by a later row of the same file with the same natural key.
    rows_superseded integer    NOT NULL DEFAULT 0,
    rows_unassigned integer    NOT NULL DEFAULT 0,
    -- The last row (header = row 1) whose batch is committed. Batches are atomic and merges idempotent, so a
    -- crashed job is finished by importing the same file again.
    committed_row  integer     NOT NULL DEFAULT 1,
    error          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz
);

CREATE INDEX import_jobs_created_idx ON import_jobs (created_at DESC, id DESC);

-- Rejected rows and rows kept unassigned, with the row number (header = row 1), column and reason. Never the
-- row's content: it holds personal data.
CREATE TABLE import_problems (
    job_id      bigint  NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row_number  integer NOT NULL,
    column_name text    NOT NULL,
    severity    text    NOT NULL CHECK (severity IN ('REJECTED', 'UNASSIGNED', 'SUPERSEDED')),
    reason      text    NOT NULL,
    PRIMARY KEY (job_id, row_number, column_name)
);

-- Children measured at posyandu (e-PPGBM).
CREATE TABLE children (
    kabkota_code     text     NOT NULL,
    id               bigint   GENERATED ALWAYS AS IDENTITY,
    -- NIK hash, or for children without a NIK 'gen:' + a hash of name, birth date, sex and kelurahan.
    child_key        text     NOT NULL,
    nik_masked       text,
    name             text,
    sex              text     NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    birth_date       date     NOT NULL,
    birth_weight_g   integer  CHECK (birth_weight_g BETWEEN 300 AND 7000),
    birth_length_cm  numeric(4, 1) CHECK (birth_length_cm BETWEEN 20 AND 70),
    parent_name      text,
    posyandu_id      bigint   REFERENCES facilities (id),
    -- The latest measurement date that set these fields: an older file never overwrites a newer address.
    last_seen_on     date     NOT NULL,
    kelurahan_code   text     REFERENCES regions (code),
    rt               smallint,
    rw_number        smallint,
    rw_code          text     REFERENCES regions (code) ON DELETE SET NULL,
    region_code      text     GENERATED ALWAYS AS (coalesce(rw_code, kelurahan_code, kabkota_code)) STORED,
    address          text,
    location         geometry(Point, 4326),
    rw_assignment    text     NOT NULL CHECK (rw_assignment IN ('POINT', 'KELURAHAN_RW', 'UNASSIGNED')),
    synthetic        boolean  NOT NULL DEFAULT false,
    import_job_id    bigint   REFERENCES import_jobs (id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),
    UNIQUE (kabkota_code, child_key)
);

CREATE INDEX children_id_idx ON children (id);
CREATE INDEX children_region_code_idx ON children (region_code text_pattern_ops);

CREATE TABLE growth_measurements (
    kabkota_code      text     NOT NULL,
    id                bigint   GENERATED ALWAYS AS IDENTITY,
    child_id          bigint   NOT NULL,
    measured_on       date     NOT NULL,
    age_days          integer  NOT NULL CHECK (age_days >= 0),
    weight_kg         numeric(5, 2),
    length_height_cm  numeric(5, 1),
    measured          text     CHECK (measured IN ('LYING', 'STANDING')),
    muac_cm           numeric(4, 1),
    head_cm           numeric(4, 1),
    oedema            boolean  NOT NULL DEFAULT false,
    z_length_height_for_age numeric(5, 2),
    z_weight_for_age        numeric(5, 2),
    z_weight_for_length_height numeric(5, 2),
    z_bmi_for_age           numeric(5, 2),
    category_length_height_for_age text,
    category_weight_for_age        text,
    category_weight_for_length_height text,
    category_bmi_for_age           text,
    flagged           boolean  NOT NULL DEFAULT false,
    posyandu_id       bigint   REFERENCES facilities (id),
    -- Where the child lived when measured (copied from the child: aggregates by RW and month read only this table).
    rw_code           text     REFERENCES regions (code) ON DELETE SET NULL,
    region_code       text     NOT NULL,
    synthetic         boolean  NOT NULL DEFAULT false,
    import_job_id     bigint   REFERENCES import_jobs (id),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),
    UNIQUE (kabkota_code, child_id, measured_on),
    FOREIGN KEY (kabkota_code, child_id) REFERENCES children (kabkota_code, id) ON DELETE CASCADE
);

CREATE INDEX growth_measurements_region_month_idx ON growth_measurements (region_code text_pattern_ops, measured_on);
CREATE INDEX growth_measurements_measured_on_idx ON growth_measurements (kabkota_code, measured_on);

-- TB cases (SITB), one per registration (episode).
CREATE TABLE tb_cases (
    kabkota_code          text    NOT NULL,
    id                    bigint  GENERATED ALWAYS AS IDENTITY,
    registration_number   text    NOT NULL,
    nik_hash              text,
    nik_masked            text,
    name                  text,
    sex                   text    CHECK (sex IN ('MALE', 'FEMALE')),
    birth_date            date,
    facility_id           bigint  REFERENCES facilities (id),
    diagnosed_on          date    NOT NULL,
    diagnosis_type        text    NOT NULL CHECK (diagnosis_type IN ('BACTERIOLOGICAL', 'CLINICAL')),
    anatomical_site       text    NOT NULL CHECK (anatomical_site IN ('PULMONARY', 'EXTRAPULMONARY')),
    treatment_history     text    NOT NULL CHECK (treatment_history IN ('NEW', 'RELAPSE', 'AFTER_FAILURE',
                                      'AFTER_LOSS_TO_FOLLOW_UP', 'OTHER', 'UNKNOWN')),
    hiv_status            text    NOT NULL DEFAULT 'UNKNOWN' CHECK (hiv_status IN ('POSITIVE', 'NEGATIVE', 'UNKNOWN')),
    drug_sensitivity      text    NOT NULL CHECK (drug_sensitivity IN ('SO', 'RO')),
    treatment_started_on  date,
    treatment_ended_on    date,
    outcome               text    CHECK (outcome IN ('CURED', 'TREATMENT_COMPLETED', 'FAILED', 'DIED',
                                      'LOST_TO_FOLLOW_UP', 'NOT_EVALUATED')),
    contacts_identified   integer CHECK (contacts_identified >= 0),
    contacts_investigated integer CHECK (contacts_investigated >= 0),
    kelurahan_code        text    REFERENCES regions (code),
    rt                    smallint,
    rw_number             smallint,
    rw_code               text    REFERENCES regions (code) ON DELETE SET NULL,
    region_code           text    GENERATED ALWAYS AS (coalesce(rw_code, kelurahan_code, kabkota_code)) STORED,
    address               text,
    location              geometry(Point, 4326),
    rw_assignment         text    NOT NULL CHECK (rw_assignment IN ('POINT', 'KELURAHAN_RW', 'UNASSIGNED')),
    synthetic             boolean NOT NULL DEFAULT false,
    import_job_id         bigint  REFERENCES import_jobs (id),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),
    UNIQUE (kabkota_code, registration_number),
    CONSTRAINT tb_cases_contacts_consistent CHECK (contacts_investigated IS NULL OR contacts_identified IS NULL
                                                   OR contacts_investigated <= contacts_identified),
    CONSTRAINT tb_cases_treatment_order CHECK (treatment_ended_on IS NULL OR treatment_started_on IS NULL
                                               OR treatment_ended_on >= treatment_started_on)
);

CREATE INDEX tb_cases_id_idx ON tb_cases (id);
CREATE INDEX tb_cases_region_diagnosed_idx ON tb_cases (region_code text_pattern_ops, diagnosed_on);

-- Families ranked by welfare (P3KE / DTSEN); desil 1 is the extreme-poverty target.
CREATE TABLE poverty_households (
    kabkota_code     text     NOT NULL,
    id               bigint   GENERATED ALWAYS AS IDENTITY,
    family_card_hash text     NOT NULL,
    family_card_masked text   NOT NULL,
    head_name        text,
    desil            smallint NOT NULL CHECK (desil BETWEEN 1 AND 10),
    household_size   smallint NOT NULL CHECK (household_size BETWEEN 1 AND 30),
    source           text     NOT NULL CHECK (source IN ('P3KE', 'DTSEN')),
    as_of            date     NOT NULL,
    kelurahan_code   text     REFERENCES regions (code),
    rt               smallint,
    rw_number        smallint,
    rw_code          text     REFERENCES regions (code) ON DELETE SET NULL,
    region_code      text     GENERATED ALWAYS AS (coalesce(rw_code, kelurahan_code, kabkota_code)) STORED,
    address          text,
    location         geometry(Point, 4326),
    rw_assignment    text     NOT NULL CHECK (rw_assignment IN ('POINT', 'KELURAHAN_RW', 'UNASSIGNED')),
    synthetic        boolean  NOT NULL DEFAULT false,
    import_job_id    bigint   REFERENCES import_jobs (id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),
    UNIQUE (kabkota_code, family_card_hash)
);

CREATE INDEX poverty_households_id_idx ON poverty_households (id);
CREATE INDEX poverty_households_region_idx ON poverty_households (region_code text_pattern_ops);

-- Pregnancies followed by PERMAISURI, with the birth (KRISNNA follow-up of small babies) and deaths (AKI/AKB).
CREATE TABLE pregnancies (
    kabkota_code        text     NOT NULL,
    id                  bigint   GENERATED ALWAYS AS IDENTITY,
    mother_key          text     NOT NULL,
    nik_masked          text,
    mother_name         text,
    mother_birth_date   date     NOT NULL,
    last_menstrual_period date   NOT NULL,
    estimated_due_date  date     NOT NULL,
    gravida             smallint NOT NULL CHECK (gravida BETWEEN 1 AND 20),
    months_since_last_birth smallint CHECK (months_since_last_birth >= 0),
    muac_cm             numeric(4, 1),
    anc_contacts        smallint NOT NULL DEFAULT 0 CHECK (anc_contacts BETWEEN 0 AND 30),
    -- Computed 4T risks (TOO_YOUNG, TOO_OLD, TOO_CLOSE, TOO_MANY), KEK (LiLA < 23.5 cm) and the file's others.
    risk_factors        text[]   NOT NULL DEFAULT '{}',
    high_risk           boolean  NOT NULL DEFAULT false,
    referral_facility_id bigint  REFERENCES facilities (id),
    delivered_on        date,
    delivery_place      text,
    birth_weight_g      integer  CHECK (birth_weight_g BETWEEN 300 AND 7000),
    low_birth_weight    boolean  GENERATED ALWAYS AS (birth_weight_g < 2500) STORED,
    -- KRISNNA: home visits due for a BBLR baby (0 otherwise) and done.
    home_visits_due     smallint NOT NULL DEFAULT 0,
    home_visits_done    smallint NOT NULL DEFAULT 0 CHECK (home_visits_done >= 0),
    maternal_death_on   date,
    infant_death_on     date,
    death_place         text,
    kelurahan_code      text     REFERENCES regions (code),
    rt                  smallint,
    rw_number           smallint,
    rw_code             text     REFERENCES regions (code) ON DELETE SET NULL,
    region_code         text     GENERATED ALWAYS AS (coalesce(rw_code, kelurahan_code, kabkota_code)) STORED,
    address             text,
    location            geometry(Point, 4326),
    rw_assignment       text     NOT NULL CHECK (rw_assignment IN ('POINT', 'KELURAHAN_RW', 'UNASSIGNED')),
    synthetic           boolean  NOT NULL DEFAULT false,
    import_job_id       bigint   REFERENCES import_jobs (id),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kabkota_code, id),
    UNIQUE (kabkota_code, mother_key, last_menstrual_period)
);

CREATE INDEX pregnancies_id_idx ON pregnancies (id);
CREATE INDEX pregnancies_region_idx ON pregnancies (region_code text_pattern_ops, estimated_due_date);
