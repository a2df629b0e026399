#!/usr/bin/env bash
# Starts Webphone on the embedded local demo service (no account needed): the desktop app
# when there is a display, else (or with --cli) the headless client.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/bootstrap.sh"
if [ "${1:-}" = "--cli" ]; then
    shift
    exec "$root/.venv/bin/webphone-cli" "$@"
fi
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found: starting the headless client (webphone-cli) instead." >&2
    exec "$root/.venv/bin/webphone-cli" "$@"
fi
exec "$root/.venv/bin/webphone" --demo "$@"
