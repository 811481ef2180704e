#!/bin/bash
# pgRouting in the application database (POSTGRES_DB), next to the postgis the base image's 10_postgis.sh created.
# Only there: ./atlas test makes a PostGIS-only database from template1 on purpose (PgRoutingMissingTest).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c 'CREATE EXTENSION IF NOT EXISTS postgis' -c 'CREATE EXTENSION IF NOT EXISTS pgrouting'
