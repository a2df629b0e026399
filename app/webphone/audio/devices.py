"""Sound devices as the browser's ``MediaDeviceInfo`` sees them, and the backends that list
them, report hot-plug and route streams.

Three backends, picked by :func:`open_backend`:

- :class:`~webphone.audio.pulse.PulseBackend` (Linux): the sound server's own API
  (PulseAudio, or PipeWire's pulse server). Debian's PortAudio reaches the server only
  through ALSA's ``pulse`` device, so streams are opened there with the chosen
  sink/source named for libpulse; hot-plug comes from the server's events.
- :class:`PortAudioBackend` (Windows, macOS, Linux without a sound server): sounddevice's
  device list; a stream is opened on the chosen device. PortAudio sees no device changes
  without re-initialising, so this backend reports none.
- :class:`NullBackend`: no sound system at all (servers, CI, bots). No devices; the engine
  captures silence and discards playout.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from . import portaudio

log = logging.getLogger(__name__)

Kind = Literal["audioinput", "audiooutput"]
INPUT: Kind = "audioinput"
OUTPUT: Kind = "audiooutput"
#: The id that follows the system's default device.
DEFAULT_ID = "default"
#: ``audioDeviceChange`` change values.
ADDED, REMOVED = "added", "removed"

#: ``listener(change, device)`` with change ``'added'`` or ``'removed'``; called from the
#: backend's own thread.
ChangeListener = Callable[[str, "AudioDevice"], None]


@dataclass(frozen=True)
class AudioDevice:
    """One device, with the browser's ``MediaDeviceInfo`` fields."""

    device_id: str
    kind: Kind
    label: str
    group_id: str

    def as_dict(self) -> dict[str, str]:
        """The dict the SDK hands out (``deviceId, kind, label, groupId``)."""
        return {
            "deviceId": self.device_id,
            "kind": self.kind,
            "label": self.label,
            "groupId": self.group_id,
        }


class DeviceBackend(Protocol):
    """What the audio engine needs from the sound system."""

    name: str

    @property
    def has_audio(self) -> bool:
        """False for the null backend: there are no streams to open."""

    def devices(self) -> list[AudioDevice]:
        """Every input and output, each kind starting with its ``'default'`` entry."""

    def watch(self, listener: ChangeListener) -> None:
        """Report devices added and removed from now on (at most one listener)."""

    def portaudio_device(self, kind: Kind, device_id: str) -> int | str | None:
        """What to open a PortAudio stream on for *device_id* (None: PortAudio's default)."""

    def open_stream(self, kind: Kind, device_id: str, opener: Callable[[], Any]) -> Any:
        """Call *opener* (which opens a PortAudio stream on :meth:`portaudio_device`) so
        that the stream reaches *device_id*; returns the stream."""

    def close(self) -> None:
        """Stop watching and release the connection to the sound system."""


def _default_entry(kind: Kind, label: str) -> AudioDevice:
    return AudioDevice(DEFAULT_ID, kind, f"Default - {label}" if label else "Default", "default")


class NullBackend:
    """No sound system: no devices, nothing to open."""

    name = "null"
    has_audio = False

    def devices(self) -> list[AudioDevice]:
        return []

    def watch(self, listener: ChangeListener) -> None:
        return None

    def portaudio_device(self, kind: Kind, device_id: str) -> int | str | None:
        return None

    def open_stream(self, kind: Kind, device_id: str, opener: Callable[[], Any]) -> Any:
        raise RuntimeError("the null audio backend opens no streams")

    def close(self) -> None:
        return None


class PortAudioBackend:
    """sounddevice's own list (the device's index is its id)."""

    name = "portaudio"
    has_audio = True

    def devices(self) -> list[AudioDevice]:
        with portaudio.held() as sd:  # a fresh scan; PortAudio is let go again after it
            default_in, default_out = sd.default.device
            listed = list(sd.query_devices())
        found: list[AudioDevice] = []
        inputs: list[AudioDevice] = []
        outputs: list[AudioDevice] = []
        for index, info in enumerate(listed):
            name = str(info["name"])
            group = str(info.get("hostapi", ""))
            if info["max_input_channels"] > 0:
                inputs.append(AudioDevice(str(index), INPUT, name, group))
                if index == default_in:
                    found.append(_default_entry(INPUT, name))
            if info["max_output_channels"] > 0:
                outputs.append(AudioDevice(str(index), OUTPUT, name, group))
                if index == default_out:
                    found.append(_default_entry(OUTPUT, name))
        return [*found, *inputs, *outputs]

    def watch(self, listener: ChangeListener) -> None:
        return None  # PortAudio has no device events (each listing scans afresh)

    def portaudio_device(self, kind: Kind, device_id: str) -> int | str | None:
        return None if device_id == DEFAULT_ID else int(device_id)

    def open_stream(self, kind: Kind, device_id: str, opener: Callable[[], Any]) -> Any:
        return opener()  # portaudio_device() already names the device

    def close(self) -> None:
        return None


BackendName = Literal["auto", "pulse", "portaudio", "null"]


def open_backend(name: str = "auto") -> DeviceBackend:
    """The backend *name* (``auto``: the sound server's API on Linux, else PortAudio, else
    null when nothing answers). A backend that was asked for by name and can't start
    raises ``RuntimeError``; ``auto`` falls back and logs why."""
    if name not in ("auto", "pulse", "portaudio", "null"):
        raise ValueError(f"unknown audio backend {name!r} (auto, pulse, portaudio, null)")
    if name == "null":
        return NullBackend()
    if name in ("auto", "pulse") and sys.platform.startswith("linux"):
        try:
            from .pulse import PulseBackend

            return PulseBackend()
        except Exception as exc:  # no server, no pulsectl, refused connection
            if name == "pulse":
                raise RuntimeError(f"cannot reach the sound server: {exc}") from exc
            log.info("no sound server (%s); trying PortAudio's own devices", exc)
    try:
        backend = PortAudioBackend()
        devices = backend.devices()
    except Exception as exc:  # PortAudio library missing or failing to initialise
        if name == "portaudio":
            raise RuntimeError(f"PortAudio is not usable: {exc}") from exc
        log.info("no PortAudio (%s): audio is silent", exc)
        return NullBackend()
    if not devices and name == "auto":
        log.info("no sound devices: audio is silent")
        return NullBackend()
    return backend
