"""Which device each role uses after devices appear: the contract's
``useDefaultAudioDevice`` rule, decided without touching any device.

The contract: with ``useDefaultAudioDevice`` on, the system's default devices are used
after a device is added; off (the default), "the recently added device will be utilized
for both input and output" — a headset plugged in takes the microphone and the speaker,
as desktop softphones do. (The reference code follows Chromium instead, which goes back
to ``default`` everywhere but Windows; the contract wins.)

Two refinements a desktop needs, because devices come in bursts:

- a device the user had chosen, lost and now sees again (re-plugged, or the sound server
  restarted) is that role's device again — the ringtone device too;
- several new devices of one kind at once (a sound server that restarted lists all of
  them again) say nothing about which to use: that role stays where it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...audio.devices import AudioDevice
from ...audio.engine import ROLE_KIND, Role

#: The roles a new device takes; the ringtone device only comes back when it was lost.
SWITCHED_ROLES: tuple[Role, ...] = ("microphone", "speaker")


def devices_after_added(
    added: Sequence[AudioDevice], lost: Mapping[Role, str], *, use_default: bool
) -> dict[Role, str]:
    """The roles to move after *added* appeared, and the device id for each (``''``: the
    system default). *lost* holds each role's chosen device that went away."""
    moves: dict[Role, str] = {}
    for role, kind in ROLE_KIND.items():
        ids = [device.device_id for device in added if device.kind == kind]
        if not ids:
            continue
        if use_default:
            if role in SWITCHED_ROLES:
                moves[role] = ""
        elif lost.get(role) in ids:
            moves[role] = lost[role]
        elif role in SWITCHED_ROLES and len(ids) == 1:
            moves[role] = ids[0]
    return moves
