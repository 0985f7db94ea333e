#!/usr/bin/env bash
# Proves on every run that a machine with nothing installed gets everything the build and the tests
# use from scripts/setup.sh: no machine here starts empty, so a package that happens to be present
# (as libqt6opengl6-dev once was) would otherwise hide a broken fresh install.
#
#   scripts/check-fresh-machine.sh [BUILD_DIR]        (default build/debug, already configured)
#
# Checked: every CMake package configuration the configure step loaded (CMakeCache.txt *_DIR),
# the Qt plugins the tests load at run time, and the programs the scripts call. Each file is mapped
# to its Debian package with dpkg -S; the package must be in REFUNDDESK_PACKAGES or be pulled in
# by one of them through Depends/Pre-Depends (recommends are not installed by setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

build=${1:-build/debug}
cache="$build/CMakeCache.txt"
if [ ! -f "$cache" ]; then
    echo "check-fresh-machine: $cache is missing; configure first (cmake --preset debug)" >&2
    exit 2
fi
for tool in dpkg apt-cache; do
    command -v "$tool" >/dev/null || {
        echo "check-fresh-machine: $tool is missing: this check needs a Debian system" >&2
        exit 2
    }
done

# Everything setup.sh brings in, computed once per run. apt-cache follows every alternative of an
# "a | b" dependency, so the closure may be slightly larger than what apt installs.
mapfile -t closure < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances "${REFUNDDESK_PACKAGES[@]}" 2>/dev/null |
    grep -v '^ ' | sed 's/:.*//' | sort -u)
declare -A in_closure=()
for p in "${closure[@]}"; do in_closure[$p]=1; done
declare -A in_list=()
for p in "${REFUNDDESK_PACKAGES[@]}"; do in_list[$p]=1; done
echo "setup list: ${#REFUNDDESK_PACKAGES[@]} packages, ${#closure[@]} with their dependencies"

# The package that owns a file; usrmerge means dpkg may know it under /lib or /usr/lib.
owner() {
    local file=$1 real
    real=$(readlink -f "$file")
    for candidate in "$file" "$real" "${real#/usr}"; do
        dpkg -S "$candidate" 2>/dev/null | head -n1 | sed 's/:.*//; s/, .*//' && return 0
    done
    return 1
}

failures=0
checked=0
check_file() {
    local what=$1 file=$2 pkg
    checked=$((checked + 1))
    if ! pkg=$(owner "$file") || [ -z "$pkg" ]; then
        printf '  FAIL %-28s %s belongs to no Debian package\n' "$what" "$file"
        failures=$((failures + 1))
        return
    fi
    if [ -n "${in_list[$pkg]:-}" ]; then
        printf '  ok   %-28s %s (listed)\n' "$what" "$pkg"
    elif [ -n "${in_closure[$pkg]:-}" ]; then
        printf '  ok   %-28s %s (pulled in)\n' "$what" "$pkg"
    elif [ "$(dpkg-query -W -f='${Essential}' "$pkg" 2>/dev/null)" = yes ]; then
        printf '  ok   %-28s %s (essential: on every Debian system)\n' "$what" "$pkg"
    else
        printf '  FAIL %-28s %s: not in scripts/setup.sh and not a dependency of it\n' "$what" "$pkg"
        failures=$((failures + 1))
    fi
}

echo "CMake package configurations loaded by $cache:"
while IFS= read -r line; do
    var=${line%%:*}
    dir=${line#*=}
    name=${var%_DIR}
    config=""
    for f in "$dir/${name}Config.cmake" "$dir/$(echo "$name" | tr 'A-Z' 'a-z')-config.cmake"; do
        [ -f "$f" ] && config=$f && break
    done
    # Only entries that point at a package configuration; *_INCLUDE_DIR and build paths do not.
    [ -n "$config" ] && check_file "$name" "$config"
done < <(grep -E '^[A-Za-z0-9_]+_DIR:PATH=/' "$cache")

echo "Qt plugins the tests and the application load:"
plugins=""
for qtpaths in /usr/lib/qt6/bin/qtpaths6 /usr/lib/qt6/bin/qtpaths; do
    [ -x "$qtpaths" ] && plugins=$("$qtpaths" --query QT_INSTALL_PLUGINS) && break
done
for plugin in sqldrivers/libqsqlite.so sqldrivers/libqsqlpsql.so platforms/libqoffscreen.so iconengines/libqsvgicon.so \
    imageformats/libqsvg.so; do
    if [ -n "$plugins" ] && [ -f "$plugins/$plugin" ]; then
        check_file "$plugin" "$plugins/$plugin"
    else
        printf '  FAIL %-28s not found under %s\n' "$plugin" "${plugins:-the Qt plugin folder}"
        failures=$((failures + 1))
        checked=$((checked + 1))
    fi
done

echo "Programs the scripts and tests run:"
for program in cmake ninja ccache sqlite3 curl python3 xvfb-run xauth dbus-run-session \
    gnome-keyring-daemon /usr/lib/qt6/bin/lupdate /usr/lib/qt6/bin/lrelease cpack dpkg-deb \
    dpkg-shlibdeps file gzip lintian desktop-file-validate appstreamcli \
    /usr/lib/postgresql/15/bin/initdb /usr/lib/postgresql/15/bin/pg_ctl runuser; do
    # The system's copy: a user's own python3 or cmake earlier in PATH is not what a fresh
    # machine has.
    path=$(PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v "$program" || true)
    if [ -z "$path" ]; then
        printf '  FAIL %-28s not installed\n' "$program"
        failures=$((failures + 1))
        checked=$((checked + 1))
        continue
    fi
    check_file "$(basename "$program")" "$path"
done

if [ "$failures" -gt 0 ]; then
    echo "check-fresh-machine: $failures of $checked files come from packages a fresh machine" \
        "would not have; add them to REFUNDDESK_PACKAGES in scripts/setup.sh" >&2
    exit 1
fi
echo "check-fresh-machine: all $checked files come from packages scripts/setup.sh installs"
