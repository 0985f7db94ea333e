#!/usr/bin/env bash
# Installs what is missing, builds the release preset and opens RefundDesk against the bundled
# sandbox gateway (refunddesk --demo). Extra arguments go to refunddesk.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_packages
build_preset release

app=build/release/app/refunddesk
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: opening RefundDesk on a virtual X server (xvfb-run)."
    exec xvfb-run -a "$app" --demo "$@"
fi
exec "$app" --demo "$@"
