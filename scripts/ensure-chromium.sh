#!/usr/bin/env bash
# Playwright drives Debian's Chromium: its own browser download cannot work on machines without internet.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "[score-explorer] installing Debian's chromium for the end-to-end tests…"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
