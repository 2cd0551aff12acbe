#!/usr/bin/env bash
# Installs the dashboard's npm dependencies for the Maven build: `npm ci` from the lock file,
# skipped when node_modules is already newer than package.json and package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
marker=node_modules/.package-lock.json
if [[ -f "$marker" && "$marker" -nt package.json && ( ! -f package-lock.json || "$marker" -nt package-lock.json ) ]]; then
  echo "npm dependencies are up to date"
  exit 0
fi
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
touch "$marker"
