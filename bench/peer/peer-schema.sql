-- The schema `peer` that PostGraphile serves in bench/peer.sh: views over the app's own tables giving the same
-- answers as ILP Atlas gives the Dinkes admin (exact figures). Run by the owner of the app's tables (the app's role);
-- PostGraphile reads them as a role that may only SELECT from this schema (the views run with their owner's rights).
-- psql variable: ro_role (the read-only role, created beforehand).
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS peer CASCADE;
CREATE SCHEMA peer;

-- Work 1, "choropleth data": per RW and calendar period, four indicators as the app computes them for a caller with
-- exact counts (RwIndicators + AreaIndicators + RateEstimate, from rw_indicator_summaries):
--   stuntingPrevalence   = children_stunted / children_measured            (null when nobody was measured)
--   tbNotifications      = tb_notified
--   extremePoorShare     = extreme_poor_households / round(population / 3.8) (null when no household)
--   measurementCoverage  = children_measured / balita_eligible              (null when nobody is eligible)
-- The app rounds the estimated households per RW with Math.round (half up), as floor(x + 0.5) does here.
CREATE VIEW peer.rw_indicators AS
SELECT s.kabkota_code,
       s.period_key,
       s.leaf_code AS region_code,
       CASE WHEN s.children_measured > 0
            THEN s.children_stunted::float8 / s.children_measured::float8 END AS stunting_prevalence,
       s.tb_notified AS tb_notifications,
       CASE WHEN floor(coalesce(r.population, 0)::float8 / 3.8 + 0.5) > 0
            THEN s.extreme_poor_households::float8 / floor(coalesce(r.population, 0)::float8 / 3.8 + 0.5)
       END AS extreme_poor_share,
       CASE WHEN s.balita_eligible > 0
            THEN s.children_measured::float8 / s.balita_eligible::float8 END AS measurement_coverage
  FROM rw_indicator_summaries s
  JOIN regions r ON r.code = s.leaf_code AND r.level = 'RW';
COMMENT ON VIEW peer.rw_indicators IS 'Four indicators of every RW per calendar period, exact.';

-- Work 2, "registry walk": the active facilities with their parent and their services, as the app's `facilities`,
-- `children` and `services` give them (children: active facilities one level down; services: catalogue entries).
CREATE VIEW peer.facilities AS
SELECT f.id AS row_id, f.code, f.name, f.type, f.parent_id AS parent_row_id
  FROM facilities f
 WHERE f.active;
COMMENT ON VIEW peer.facilities IS E'@primaryKey row_id\n'
  '@foreignKey (parent_row_id) references peer.facilities (row_id)|@fieldName parent|@foreignFieldName children\n'
  'Active facilities.';

CREATE VIEW peer.facility_services AS
SELECT fs.facility_id AS facility_row_id, fs.service_key
  FROM facility_services fs
  JOIN services s ON s.key = fs.service_key;
COMMENT ON VIEW peer.facility_services IS E'@primaryKey facility_row_id,service_key\n'
  '@foreignKey (facility_row_id) references peer.facilities (row_id)|@fieldName facility|@foreignFieldName services\n'
  'Services offered by each facility.';

GRANT USAGE ON SCHEMA peer TO :"ro_role";
GRANT SELECT ON ALL TABLES IN SCHEMA peer TO :"ro_role";
