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
# pytest exits 5 when no test ran: that is a failure here too.
exec "$py" -m pytest "$@"
