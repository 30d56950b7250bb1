#!/usr/bin/env bash
# `npm test`: every test, end to end included, from a fresh clone. Installs what it needs, starts what it needs
# (the simulator and the app, through Playwright's webServer), and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh

echo "== lint"
npx eslint --max-warnings 0 .
echo "== typecheck"
npx next typegen >/dev/null && npx tsc --noEmit
echo "== PostgreSQL for the store tests (the same suite also runs on SQLite)"
TEST_DATABASE_URL="$(bash scripts/postgres.sh start)"
export TEST_DATABASE_URL
trap 'bash scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT
echo "== unit and contract tests"
npx vitest run
echo "== end-to-end tests (Chromium, built app, simulator)"
npx playwright test
