-- Which reference data sets are loaded, so that loading on start is done once and re-running is harmless.
CREATE TABLE reference_data_loads (
    dataset   text        PRIMARY KEY,
    version   text        NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    summary   text        NOT NULL
);
