#!/usr/bin/env bash
# Installs what is missing, builds the debug preset and runs the whole test suite with ctest.
# Extra arguments go to ctest (for example: scripts/test.sh -R money).
#
# scripts/test.sh --sanitize [CTEST ARGS]: builds the asan preset instead (AddressSanitizer and
# UBSan, build/asan) and runs the same tests under it, halting on the first report (leaks
# included; see docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

preset=debug
if [ "${1:-}" = "--sanitize" ]; then
    preset=asan
    shift
fi

ensure_packages
build_preset "$preset"
if [ "$preset" = asan ]; then
    # The environment (ASAN_OPTIONS, UBSAN_OPTIONS) comes from the asan test preset.
    ctest_cmd=(ctest --preset asan "$@")
else
    # Fails when the build or the tests rely on a package a fresh machine would not get.
    bash scripts/check-fresh-machine.sh build/debug
    # The Debian package of this build installs, runs and passes lintian and the desktop validators.
    bash scripts/check-package.sh debug
    # Refunds, chargebacks and syncs killed at random moments: no duplicate, nothing lost (a short run).
    bash scripts/crashloop.sh 20
    # Every parser and the CSV writer under libFuzzer with ASan and UBSan (a short run: 12 s a target).
    bash scripts/fuzz.sh 12
    ctest_cmd=(ctest --test-dir build/debug --output-on-failure "$@")
fi

export QT_QPA_PLATFORM=offscreen
# The team-mode tests run against a real PostgreSQL 15 server of their own, stopped at the end.
ctest_cmd=(bash scripts/pg-test-server.sh "${ctest_cmd[@]}")

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
