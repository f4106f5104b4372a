#!/usr/bin/env bash
# Sets up and runs every test (unit tests per stage, end-to-end tests on ../shared/data, the ledger suite against
# GeoPackage and PostGIS, `vigil adapt`): installs the native libraries, fonts and the Python that adapt trains with, installs and starts a local PostgreSQL with
# PostGIS and its test database (unless VIGIL_POSTGIS names another server), then runs `dotnet test`. Extra arguments
# go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --adapt
if [ -z "${VIGIL_POSTGIS:-}" ]; then
  bash scripts/postgis.sh
fi
dotnet test Vigil.slnx -c Release -nologo "$@"
