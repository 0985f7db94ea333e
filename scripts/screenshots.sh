#!/bin/sh
# Screenshots of `refunddesk --demo` under a virtual X server: the welcome panel of the fresh
# demo cache, each main view (the charts per week and per month), the invoices table as the
# keyboard finds it, the refund dialog (at open, too precise, too large, valid, confirmation),
# the bulk refund dialog (preview, confirmation, results), the export dialog, the accounts
# dialog, the keyboard shortcuts dialog, the column chooser, the invoices in a 1280 px wide
# window, the offline banner and the window in the dark theme, as PNG files.
#   scripts/screenshots.sh [OUT_DIR] [BUILD_DIR]
# Defaults: OUT_DIR=screenshots, BUILD_DIR=build/debug. Needs xvfb-run (package xvfb).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-screenshots}
build=${2:-$here/build/debug}
app="$build/app/refunddesk"
if [ ! -x "$app" ]; then
    echo "screenshots: $app is missing; build first (cmake --build --preset debug)" >&2
    exit 1
fi
mkdir -p "$out"
# A private settings and data folder, so saved window layouts and the user's cache are untouched.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    xvfb-run -a -s "-screen 0 1400x900x24" \
    "$app" --demo --screenshot-dir "$out"
ls "$out"
