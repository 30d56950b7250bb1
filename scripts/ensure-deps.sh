#!/usr/bin/env bash
# Installs the project's npm packages when they are missing or older than the lock file, so both README commands
# work on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[score-explorer] installing npm packages (npm ci)…"
  npm ci --no-audit --no-fund
fi
