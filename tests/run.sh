#!/usr/bin/env bash
# The project's test command (README, and .ci/run calls exactly this): installs what the
# tests need — system packages for the real-server rig, the project with its test extras
# in .venv — then lints (ruff, mypy, import-linter layering) and runs the whole suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash tests/rig/ensure_system.sh
bash tests/rig/ensure_browser.sh
bash packaging/bootstrap.sh test
py=.venv/bin/python
"$py" -m ruff check app tests
"$py" -m mypy
"$py" -c "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename='pyproject.toml'))"
# Media stays on loopback: pytest runs in a private network namespace that has only `lo`
# (root's `unshare -n`), so every ICE candidate is 127.0.0.1 and no test can reach, or be
# reached from, anything but this machine. CI insists on it; elsewhere it is a warning.
# pytest exits 5 when no test ran: that is a failure here too.
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
    exec unshare -n bash -c 'ip link set lo up && exec "$0" -m pytest "$@"' "$py" "$@"
fi
if [ "${CI:-}" = "true" ]; then
    echo "tests/run.sh: cannot create a loopback-only network namespace (needs root and unshare -n)" >&2
    exit 1
fi
echo "tests/run.sh: not root: running without a private network namespace" >&2
exec "$py" -m pytest "$@"
