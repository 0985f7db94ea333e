# Shared by scripts/test.sh and scripts/demo.sh: installs the Debian packages RefundDesk needs
# (only the missing ones) and configures and builds one CMake preset.
# shellcheck shell=bash

REFUNDDESK_PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql qt6-httpserver-dev qt6-websockets-dev
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qtkeychain-qt6-dev
    postgresql-15 postgresql-client-15
    libsqlite3-dev libsimdjson-dev sqlite3 curl python3 openssl xvfb xauth dbus gnome-keyring
    qt6-translations-l10n
    dpkg-dev fakeroot file lintian desktop-file-utils appstream
    clang libclang-rt-14-dev libfuzzer-14-dev
)

ensure_packages() {
    local missing=()
    local p
    for p in "${REFUNDDESK_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || { echo "Run as root or install sudo: these packages are missing: ${missing[*]}" >&2; return 1; }
        sudo=sudo
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build_preset() {
    local preset=$1
    shift
    # Let ccache reuse objects across clones of the tree: paths are made relative to it, and a
    # debug build's working folder is left out of the hash (debug info then names the folder of
    # the build that filled the cache, which the tests do not read).
    export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
    export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" "$@"
}
