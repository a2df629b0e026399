#!/usr/bin/env bash
# Installs what the browser interop tests (tests/interop) need, only when missing
# (idempotent): Debian's chromium, and the npm packages of tests/interop/package-lock.json
# (jssip, playwright-core, esbuild, plivo-browser-sdk) into tests/interop/node_modules. The
# tests drive /usr/bin/chromium; no browser build is ever downloaded.
set -euo pipefail
interop="$(cd "$(dirname "${BASH_SOURCE[0]}")/../interop" && pwd)"

apt_install() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing system packages: $* (run as root, or: sudo apt-get install $*)" >&2
        exit 1
    fi
    echo "installing $*" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

missing=()
dpkg -s chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
fi

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
    echo "node $(node --version) is too old for playwright-core (needs >= 20)" >&2
    exit 1
fi

# npm records what it installed in node_modules/.package-lock.json: reinstall when a
# package is missing or the committed lock file changed since.
needs_install=no
for package in jssip playwright-core esbuild plivo-browser-sdk; do
    [ -f "$interop/node_modules/$package/package.json" ] || needs_install=yes
done
installed="$interop/node_modules/.package-lock.json"
if [ ! -f "$installed" ] || [ "$interop/package-lock.json" -nt "$installed" ]; then
    needs_install=yes
fi
if [ "$needs_install" = yes ]; then
    echo "installing npm packages in $interop" >&2
    # No install scripts (tests/interop/.npmrc says so too): plivo-browser-sdk depends on
    # wasm-pack, whose postinstall downloads a binary from GitHub (CI reaches only the npm
    # registry), and nothing the tests use needs one (esbuild finds its platform package).
    (cd "$interop" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
