# shellcheck shell=bash
# Idempotent installation of what the test suite needs on a Debian 12 machine.
# Checks first, so a second run costs well under a second.
#
# Sourced by scripts/test. Usage:
#   ensure_apt_packages PKG...   # apt-get update (once) + install of the missing ones
#   ensure_python_module MODULE PIP_SPEC

# apt packages that are not (fully) installed, on stdout, one per line.
missing_apt_packages() {
    local pkg status
    for pkg in "$@"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
        if [[ $status != installed ]]; then
            echo "$pkg"
        fi
    done
}

ensure_apt_packages() {
    local -a missing
    mapfile -t missing < <(missing_apt_packages "$@")
    if ((${#missing[@]} == 0)); then
        echo "install: apt packages present: $*"
        return 0
    fi
    echo "install: apt-get install ${missing[*]}"
    local sudo=()
    if [[ $EUID -ne 0 ]]; then
        sudo=(sudo)
    fi
    local log
    log=$(mktemp /tmp/fengqiao-apt.XXXXXX)
    # DPkg::Lock::Timeout waits for another apt/dpkg run instead of failing at once.
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get -o DPkg::Lock::Timeout=900 update -qq >"$log" 2>&1 ||
       ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${missing[@]}" >>"$log" 2>&1; then
        echo "install: apt-get failed; last lines of $log:" >&2
        tail -n 30 "$log" >&2
        return 1
    fi
    rm -f "$log"
    mapfile -t missing < <(missing_apt_packages "$@")
    if ((${#missing[@]} > 0)); then
        echo "install: still missing after apt-get: ${missing[*]}" >&2
        return 1
    fi
}

ensure_python_module() {
    local module=$1 spec=$2
    if python3 -c "import $module" >/dev/null 2>&1; then
        echo "install: python module $module present"
        return 0
    fi
    echo "install: pip install $spec"
    if ! python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "$spec"; then
        echo "install: pip install $spec failed" >&2
        return 1
    fi
    if ! python3 -c "import $module" >/dev/null 2>&1; then
        echo "install: python module $module still not importable" >&2
        return 1
    fi
}
