#!/usr/bin/env bash
# Installs what is missing, builds the debug preset and runs the whole test suite with ctest.
# Extra arguments go to ctest (for example: scripts/test.sh -R money).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_packages
build_preset debug
# Fails when the build or the tests rely on a package a fresh machine would not get.
bash scripts/check-fresh-machine.sh build/debug
# The Debian package of this build installs, runs and passes lintian and the desktop validators.
bash scripts/check-package.sh debug
# Refunds, chargebacks and syncs killed at random moments: no duplicate, nothing lost (a short run).
bash scripts/crashloop.sh 20

export QT_QPA_PLATFORM=offscreen
# The team-mode tests run against a real PostgreSQL 15 server of their own, stopped at the end.
ctest_cmd=(bash scripts/pg-test-server.sh ctest --test-dir build/debug --output-on-failure "$@")

# Keychain tests need a Secret Service: give the run its own D-Bus session with an unlocked,
# throw-away keyring. Without dbus-run-session the suite still runs and those tests say why.
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    keyring_home=$(mktemp -d)
    trap 'rm -rf "$keyring_home"' EXIT
    HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/data" dbus-run-session -- bash -c '
        echo -n x | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
        exec "$@"' _ "${ctest_cmd[@]}"
else
    "${ctest_cmd[@]}"
fi
