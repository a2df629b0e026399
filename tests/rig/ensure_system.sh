#!/usr/bin/env bash
# Installs the system packages the Kamailio test rig needs, only when missing (idempotent:
# nothing is downloaded when everything is there). Called by tests/run.sh before pytest.
#   kamailio                    core: tm/sl/rr/auth/usrloc/registrar/htable/xhttp/...
#   kamailio-websocket-modules  websocket (ws/wss listeners)
#   kamailio-tls-modules        tls (wss) and crypto (HMAC of bearer JWTs)
#   kamailio-json-modules       json (claims of bearer JWTs, see tests/rig/kamailio.cfg)
#   iproute2                    `ip link set lo up` in the tests' private network namespace
#   nftables                    drops between loopback addresses: a NAT only a TURN relay
#                               crosses (tests/rig/coturn.py)
#   rtpengine-daemon baresip-core sip-tester coturn
#                               the WebRTC gateway rig (tests/rig/gateway.py): rtpengine in
#                               userspace (the daemon alone: the `rtpengine` metapackage also
#                               pulls the kernel module's DKMS build), baresip as a plain SIP
#                               phone (`baresip` itself only adds GUI recommends), SIPp
#                               (Debian calls it sip-tester) for scripted far ends, coturn
#                               for TURN relays; baresip's ALSA player reaches the PulseAudio
#                               rig through libasound2-plugins (below)
#   libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins
#                               real audio streams on a user-mode PulseAudio with null sinks
#                               (tests/rig/pulse.py; PortAudio reaches it through ALSA's pulse
#                               plugin from libasound2-plugins); espeak-ng speaks the PESQ
#                               bench's and the echo test's sentences
#   xvfb xauth trayer dunst dbus libnotify-bin xdotool  GUI tests under Xvfb: screenshots, a tray
#                               (trayer), a notification daemon (dunst) on a session bus,
#                               key presses to another window (xdotool, global hotkeys)
#   libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1
#   libfontconfig1 fonts-dejavu-core  what Qt's xcb platform plugin loads (icccm4 and
#                               keysyms1 are not pulled in by the others on a bare machine)
set -euo pipefail
packages=(kamailio kamailio-websocket-modules kamailio-tls-modules kamailio-json-modules
    iproute2 nftables rtpengine-daemon baresip-core sip-tester coturn
    libportaudio2 pulseaudio pulseaudio-utils libasound2-plugins espeak-ng
    xvfb xauth trayer dunst dbus libnotify-bin xdotool
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
    # dpkg -s also succeeds for removed packages whose config files remain: ask for the state.
    state="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    [ "$state" = "install ok installed" ] || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "missing system packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi
echo "installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The rig runs its own foreground instances on free ports: Debian's kamailio.service,
# rtpengine-daemon.service and coturn.service, if any, are left alone (they cannot start in
# containers and do not collide with the rig).
