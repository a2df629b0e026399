#!/usr/bin/env bash
# Builds the Linux desktop app: the PyInstaller one-folder app in dist/webphone/ and a
# Debian package dist/webphone_<version>_<arch>.deb (app in /opt/webphone, `webphone` on
# the PATH, desktop entry registered for tel:, sip:, sips: and callto: links, icons).
# Usage: bash packaging/build-linux.sh   (creates .venv with the build tools first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash packaging/bootstrap.sh build
py="$root/.venv/bin/python"
version="$("$py" -c 'import webphone; print(webphone.__version__)')"
arch="$(dpkg --print-architecture)"

# Translations are compiled for the build, never committed.
for ts in translations/*.ts; do
    [ -e "$ts" ] || continue
    "$root/.venv/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done

"$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/webphone.spec

stage="build/deb/webphone_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications"
cp -a dist/webphone "$stage/opt/webphone"
ln -s ../../opt/webphone/webphone "$stage/usr/bin/webphone"
install -m 0644 packaging/linux/webphone.desktop "$stage/usr/share/applications/"
QT_QPA_PLATFORM=offscreen "$py" packaging/export_icons.py "$stage/usr/share/icons/hicolor"
installed_kb="$(du -sk "$stage" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: webphone
Version: ${version}
Architecture: ${arch}
Maintainer: Webphone developers <webphone@localhost>
Section: comm
Priority: optional
Installed-Size: ${installed_kb}
Depends: libportaudio2, libpulse0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0, libegl1, libgl1, libfontconfig1, libdbus-1-3
Description: desktop softphone for SIP-over-WebSocket + WebRTC servers
 Log in, place and receive calls (several ringing at once), DTMF, mute, ringtones,
 device choice, noise reduction and live call-quality warnings, against Kamailio,
 Asterisk, FreeSWITCH or Plivo. Handles tel:, sip: and callto: links.
CONTROL
for script in postinst postrm; do
    cat > "$stage/DEBIAN/$script" <<'SCRIPT'
#!/bin/sh
set -e
# Make the new desktop entry (and its link handlers) and icons known right away.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
SCRIPT
    chmod 0755 "$stage/DEBIAN/$script"
done
dpkg-deb --build --root-owner-group -Zxz "$stage" "dist/webphone_${version}_${arch}.deb" >/dev/null
echo "dist/webphone/ and dist/webphone_${version}_${arch}.deb"
