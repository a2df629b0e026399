#!/usr/bin/env bash
# Starts Webphone on the embedded local demo service (no account needed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/packaging/bootstrap.sh"
exec "$root/.venv/bin/webphone-cli" "$@"
