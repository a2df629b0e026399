"""Sound devices as the browser's ``MediaDeviceInfo`` sees them, and the backends that list
them, report hot-plug and route streams.

Three backends, picked by :func:`open_backend`:

- :class:`~webphone.audio.pulse.PulseBackend` (Linux): the sound server's own API
  (PulseAudio, or PipeWire's pulse server). Debian's PortAudio reaches the server only
  through ALSA's ``pulse`` device, so streams are opened there with the chosen
  sink/source named for libpulse; hot-plug comes from the server's events.
- :class:`PortAudioBackend` (Windows, macOS, Linux without a sound server): sounddevice's
  device list; a stream is opened on the chosen device. PortAudio sees device changes
  only when it is initialised afresh, so this backend re-scans every few seconds while
  none of our streams is open (re-initialising under an open stream would kill it) and
  reports the difference; changes made during a call are reported once it ends.
- :class:`NullBackend`: no sound system at all (servers, CI, bots). No devices; the engine
  captures silence and discards playout.
"""

from __future__ import annotations

import logging
import sys
import threading
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

    @property
    def reachable(self) -> bool:
        """False while the sound server is gone (it restarts): streams are then neither
        opened nor closed, because closing one whose server died can hang in ALSA's
        ``pulse`` plugin; they are reopened once the server is back."""

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
    reachable = True

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


class DeviceWatch:
    """Reports devices added and removed: each new listing against the one before."""

    def __init__(self) -> None:
        self._listener: ChangeListener | None = None
        self._known: dict[tuple[Kind, str], AudioDevice] = {}

    def start(self, listener: ChangeListener, devices: list[AudioDevice]) -> None:
        self._listener = listener
        self._known = self._keyed(devices)

    def update(self, devices: list[AudioDevice]) -> None:
        now = self._keyed(devices)
        before, self._known = self._known, now
        listener = self._listener
        if listener is None:
            return
        for key in before.keys() - now.keys():
            listener(REMOVED, before[key])
        for key in now.keys() - before.keys():
            listener(ADDED, now[key])

    @staticmethod
    def _keyed(devices: list[AudioDevice]) -> dict[tuple[Kind, str], AudioDevice]:
        return {(d.kind, d.device_id): d for d in devices if d.device_id != DEFAULT_ID}


class PortAudioBackend:
    """sounddevice's own list. A device's id is its host API and name (``"ALSA:USB
    Headset"``, with ``" #2"`` for a second one of the same name), not its index: the
    index shifts whenever a device listed before it comes or goes."""

    name = "portaudio"
    has_audio = True
    reachable = True  # PortAudio's own devices: no server to lose

    def __init__(self, poll_seconds: float = 3.0) -> None:
        self._poll_seconds = poll_seconds
        self._watch = DeviceWatch()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def devices(self) -> list[AudioDevice]:
        with portaudio.held() as sd:  # a fresh scan when nothing else holds PortAudio
            return [device for device, _index in self._scan(sd)]

    @staticmethod
    def _scan(sd: Any) -> list[tuple[AudioDevice, int | None]]:
        """(device, PortAudio index) for every input and output; the defaults first."""
        default_in, default_out = sd.default.device
        hostapis = [str(api["name"]) for api in sd.query_hostapis()]
        defaults: list[tuple[AudioDevice, int | None]] = []
        inputs: list[tuple[AudioDevice, int | None]] = []
        outputs: list[tuple[AudioDevice, int | None]] = []
        seen: dict[str, int] = {}
        for index, info in enumerate(sd.query_devices()):
            name = str(info["name"])
            hostapi = hostapis[info["hostapi"]] if info["hostapi"] < len(hostapis) else ""
            stable = f"{hostapi}:{name}"
            seen[stable] = seen.get(stable, 0) + 1
            if seen[stable] > 1:
                stable += f" #{seen[stable]}"
            if info["max_input_channels"] > 0:
                inputs.append((AudioDevice(stable, INPUT, name, hostapi), index))
                if index == default_in:
                    defaults.append((_default_entry(INPUT, name), None))
            if info["max_output_channels"] > 0:
                outputs.append((AudioDevice(stable, OUTPUT, name, hostapi), index))
                if index == default_out:
                    defaults.append((_default_entry(OUTPUT, name), None))
        return [*defaults, *inputs, *outputs]

    def watch(self, listener: ChangeListener) -> None:
        self._watch.start(listener, self.devices())
        if self._thread is None:
            self._thread = threading.Thread(target=self._rescan, name="portaudio-scan", daemon=True)
            self._thread.start()

    def _rescan(self) -> None:
        """The scan thread: a fresh listing every few seconds while PortAudio is idle."""
        while not self._stop.wait(self._poll_seconds):
            if not portaudio.idle():
                continue  # a stream is open: scanning now would not see anything new
            try:
                self._watch.update(self.devices())
            except Exception as exc:  # PortAudio failing to initialise: try again later
                log.warning("cannot list the sound devices: %s", exc)

    def portaudio_device(self, kind: Kind, device_id: str) -> int | str | None:
        if device_id == DEFAULT_ID:
            return None
        with portaudio.held() as sd:  # the stream opening holds it: no re-scan here
            for device, index in self._scan(sd):
                if device.kind == kind and device.device_id == device_id:
                    return index
        log.warning("%s %s is gone: opening the default device", kind, device_id)
        return None

    def open_stream(self, kind: Kind, device_id: str, opener: Callable[[], Any]) -> Any:
        return opener()  # portaudio_device() already names the device

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self._poll_seconds + 1)
            self._thread = None


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
