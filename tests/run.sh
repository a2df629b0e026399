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
# The venv sees only what pyproject.toml declares: no site-packages of the machine's own
# interpreter (they once hid an undeclared scipy), and deptry finds every import of the app,
# tests and packaging scripts among the declared dependencies, none declared unused, and no
# test-only dependency imported by the app.
"$py" - <<'PY'
import sys
leaks = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))
         and not p.startswith(sys.prefix)]
if sys.prefix == sys.base_prefix or leaks:
    sys.exit(f"tests/run.sh: .venv is not isolated from the system's packages: {leaks or sys.prefix}")
PY
# Test modules import their helpers by bare name (pytest puts each test folder on the
# path): every module under tests/ is first-party, listed here so none is forgotten.
first_party=(-kf webphone -kf tests)
for module in $(find tests -name '*.py' -not -path '*/node_modules/*' -printf '%f\n' | sort -u); do
    first_party+=(-kf "${module%.py}")
done
"$py" -m deptry app tests packaging "${first_party[@]}"
"$py" -m deptry app --optional-dependencies-dev-groups test,build
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
