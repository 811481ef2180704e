-- The features of an RW layer being imported (RwImporter), one row each, for the rest of the rw-layer-*.sql steps
-- of the same transaction. geom: the feature as read (an invalid one repaired, only to know where it lies);
-- kelurahan_code/rw_number: where it was assigned; accepted: it is to be imported; shape: the RW as it will be stored.
-- Parameters: none.
-- Writes: the temporary tables rw_layer and rw_layer_kelurahan (dropped at commit).
CREATE TEMPORARY TABLE rw_layer (
    feature_no     integer PRIMARY KEY,
    geom           geometry(Geometry, 4326) NOT NULL,
    kelurahan_code text,
    rw_number      integer,
    accepted       boolean NOT NULL DEFAULT false,
    shape          geometry(Geometry, 4326)
) ON COMMIT DROP;
CREATE INDEX rw_layer_geom ON rw_layer USING gist (geom);
-- ADOPT: every kelurahan whose boundary the layer changes, before and after.
CREATE TEMPORARY TABLE rw_layer_kelurahan (
    code      text PRIMARY KEY,
    old_geom  geometry(Geometry, 4326) NOT NULL,
    new_geom  geometry(Geometry, 4326),
    importing boolean NOT NULL
) ON COMMIT DROP;
