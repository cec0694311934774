#!/usr/bin/env bash
# Install and start a PostgreSQL server on 127.0.0.1 for the web tests' second round, with a
# role `besluitpak` (password `besluitpak`, may create databases) and a database `besluitpak`.
# For CI and local test runs only; production databases are set up by their operators.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
fi
read -r version cluster _ < <(pg_lsclusters -h | head -1)
$SUDO pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
psql_as_postgres() { $SUDO -u postgres psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(id -u)" -eq 0 ]; then psql_as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA $(printf '%q ' "$@")"; }; fi
[ "$(psql_as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'besluitpak'")" = "1" ] ||
  psql_as_postgres -c "CREATE ROLE besluitpak LOGIN PASSWORD 'besluitpak' CREATEDB"
[ "$(psql_as_postgres -c "SELECT 1 FROM pg_database WHERE datname = 'besluitpak'")" = "1" ] ||
  psql_as_postgres -c "CREATE DATABASE besluitpak OWNER besluitpak"
echo "==> PostgreSQL $version on 127.0.0.1:5432 (role and database besluitpak)"
