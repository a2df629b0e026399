#!/usr/bin/env bash
# Creates (or refreshes) the project's virtual environment in .venv and installs Webphone
# into it, with the extras named in $1 (e.g. "test"). Works on a fresh Debian 12 machine:
# Debian's python3 refuses system-wide pip installs (PEP 668), so everything goes in .venv.
#
# The venv is isolated from the interpreter's own site-packages: whatever another machine
# has installed must never stand in for a dependency pyproject.toml does not declare. When
# pyproject.toml changes, the venv is built again from scratch, so a dependency that was
# dropped from it is gone here too. $PYTHON picks the interpreter (default: python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extras="${1:-}"
python="${PYTHON:-python3}"
cd "$root"

say() { echo "bootstrap: $*" >&2; }

if ! command -v "$python" >/dev/null 2>&1; then
    say "no '$python' found: install Python 3.11 to 3.13 (Debian 12: sudo apt-get install python3)"
    exit 1
fi
# The versions the project is tested on; older ones lack what the code uses (3.11 syntax and
# stdlib), newer ones have no PySide6/aiortc wheels yet when they come out.
version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
case "$version" in
    3.11 | 3.12 | 3.13) ;;
    *)
        say "Webphone needs Python 3.11, 3.12 or 3.13; $python is $version (set PYTHON=/path/to/python3.x)"
        exit 1
        ;;
esac

need_apt=()
"$python" -c 'import ensurepip, venv' 2>/dev/null || need_apt+=("python$version-venv")
command -v gcc >/dev/null 2>&1 || need_apt+=(build-essential)
if [ "${#need_apt[@]}" -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        say "installing ${need_apt[*]} (apt-get)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        say "please install: ${need_apt[*]} (sudo apt-get install ${need_apt[*]})"
        exit 1
    fi
fi

manifest="$(sha1sum pyproject.toml | cut -c1-12)"
venv_python=".venv/bin/python"
rebuild=""
if [ -x "$venv_python" ]; then
    if grep -qi '^include-system-site-packages *= *true' .venv/pyvenv.cfg 2>/dev/null; then
        rebuild="it could see the system's site-packages"
    elif [ "$("$venv_python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$version" ]; then
        rebuild="it was made with another Python"
    elif ! ls .venv/.installed-"$manifest"-* >/dev/null 2>&1; then
        rebuild="pyproject.toml changed"
    fi
fi
if [ -n "$rebuild" ]; then
    say "rebuilding .venv from scratch: $rebuild"
    rm -rf .venv
fi
if [ ! -x "$venv_python" ]; then
    say "creating .venv with $python ($version)"
    "$python" -m venv .venv
fi

spec="."
[ -n "$extras" ] && spec=".[$extras]"
stamp=".venv/.installed-$manifest-${extras:-none}"
if [ ! -e "$stamp" ]; then
    say "installing Webphone${extras:+ with its $extras tools} and its dependencies into .venv (pip)"
    # pip's own progress bars only when someone watches; CI's log gets pip's lines.
    progress=on
    [ -t 2 ] || progress=off
    "$venv_python" -m pip install --disable-pip-version-check --progress-bar "$progress" \
        -e "$spec" >&2
    touch "$stamp"
    say "done"
fi
