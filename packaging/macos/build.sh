#!/usr/bin/env bash
# Builds the macOS app: dist/Webphone.app (PyInstaller BUNDLE with the tel:, sip:, sips:
# and callto: URL schemes and the microphone usage text in its Info.plist) and a disk
# image dist/Webphone-<version>.dmg. Written against PyInstaller's documentation; not
# built on this project's Linux CI (see README). Signing/notarisation: set
# CODESIGN_IDENTITY to sign the bundle before the image is made.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".[build]"
version="$(.venv/bin/python -c 'import webphone; print(webphone.__version__)')"
for ts in translations/*.ts; do
    .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
.venv/bin/python -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
    packaging/webphone.spec
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --sign "$CODESIGN_IDENTITY" dist/Webphone.app
fi
hdiutil create -volname Webphone -srcfolder dist/Webphone.app -ov -format UDZO \
    "dist/Webphone-${version}.dmg"
