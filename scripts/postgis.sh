#!/usr/bin/env bash
# Installs and starts PostgreSQL 15 with PostGIS 3 on Debian 12 and creates the database the PostGIS ledger tests
# use (VIGIL_POSTGIS, default below). Idempotent; uses sudo when not root.
set -euo pipefail
role="${VIGIL_PG_ROLE:-vigil}"
password="${VIGIL_PG_PASSWORD:-vigil}"
database="${VIGIL_PG_DATABASE:-vigil_test}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
packages=(postgresql-15 postgresql-15-postgis-3)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
[ -d /etc/postgresql/15/main ] || $sudo pg_createcluster 15 main
$sudo pg_ctlcluster 15 main status >/dev/null 2>&1 || $sudo pg_ctlcluster 15 main start
as_postgres=(runuser -u postgres --)
[ -z "$sudo" ] || as_postgres=(sudo -u postgres)
psql_admin() { "${as_postgres[@]}" psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $role LOGIN PASSWORD '$password'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $database OWNER $role"
fi
psql_admin -d "$database" -c "SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis"
echo "PostGIS ready: Host=127.0.0.1;Port=5432;Database=$database;Username=$role;Password=$password"
