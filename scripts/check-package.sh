#!/usr/bin/env bash
# Builds the Debian package from an already built tree, unpacks it into a throw-away root and
# checks it the way a distribution would: the installed programs run, lintian reports no
# errors, and the desktop entry and AppStream metadata validate.
#   scripts/check-package.sh [PRESET]      (default: debug, the build the tests already have:
#                                           packaging it costs seconds; a release build minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-debug}
build="build/$preset"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
fail() {
    echo "check-package: $*" >&2
    exit 1
}

rm -f "$build"/refunddesk_*.deb
(cd "$build" && cpack -G DEB >/dev/null) || fail "cpack could not build the package"
deb=$(ls "$build"/refunddesk_*.deb)
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Depends Recommends
dpkg -x "$deb" "$root"

# The programs find their libraries (Qt, QtKeychain) in the system: no LD_LIBRARY_PATH.
"$root/usr/bin/refunddesk-cli" --version || fail "the installed refunddesk-cli does not run"
"$root/usr/bin/refunddesk-sandbox" --help >/dev/null ||
    fail "the installed refunddesk-sandbox does not run"
for f in usr/bin/refunddesk usr/share/applications/refunddesk.desktop \
    usr/share/metainfo/org.refunddesk.RefundDesk.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/refunddesk.svg \
    usr/share/icons/hicolor/48x48/apps/refunddesk.png \
    usr/share/icons/hicolor/256x256/apps/refunddesk.png \
    usr/share/man/man1/refunddesk.1.gz usr/share/man/man1/refunddesk-cli.1.gz \
    usr/share/man/man1/refunddesk-sandbox.1.gz usr/share/doc/refunddesk/copyright \
    usr/share/doc/refunddesk/user-guide.html \
    usr/share/doc/refunddesk/user-guide-images/invoices.png; do
    [ -e "$root/$f" ] || fail "$f is missing from the package"
done

# refunddesk-cli loads the keychain's code from this module when a command needs the keychain.
[ -n "$(find "$root/usr/lib" -path '*/refunddesk/modules/librefunddesk_keychain.so')" ] ||
    fail "the keychain module librefunddesk_keychain.so is missing from the package"

desktop-file-validate "$root/usr/share/applications/refunddesk.desktop" ||
    fail "desktop-file-validate rejects the desktop entry"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.refunddesk.RefundDesk.metainfo.xml" ||
    fail "appstreamcli rejects the AppStream metadata"

# Errors fail the check; warnings are printed for people to weigh.
lintian_out=$(lintian --tag-display-limit 0 "$deb" 2>&1 || true)
[ -n "$lintian_out" ] && echo "$lintian_out"
if grep -q '^E: ' <<<"$lintian_out"; then
    fail "lintian reports errors"
fi
echo "check-package: $deb installs, runs and validates"
