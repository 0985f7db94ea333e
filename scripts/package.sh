#!/usr/bin/env bash
# Builds RefundDesk and its Debian package (CPack DEB) and prints the package's path.
#   scripts/package.sh [PRESET]        (default: release)
# The package holds refunddesk, refunddesk-cli and refunddesk-sandbox (stripped), the desktop
# entry, icons, AppStream metadata, manual pages and copyright; Depends are computed by
# dpkg-shlibdeps. Install it with: apt install ./build/release/refunddesk_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

preset=${1:-release}
ensure_packages
build_preset "$preset"
build="build/$preset"
rm -f "$build"/refunddesk_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
ls "$build"/refunddesk_*.deb
