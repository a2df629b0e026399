"""An open microphone handed to the application: what the browser's ``getUserMedia``
resolves, and what ``revealAudioDevices('returnStream')`` gives in the reference SDK.

It has its own capture stream on the chosen microphone (a call opening the microphone
meanwhile gets its own), raw audio with no processing, read as 20 ms frames from an aiortc
track; :meth:`MicrophoneStream.stop` releases the device, as stopping a browser's tracks
does.
"""

from __future__ import annotations

from .devices import DeviceBackend
from .stream import SAMPLE_RATE, CaptureStream, Ring
from .track import MicrophoneTrack


class MicrophoneStream:
    """An open microphone: ``get_audio_tracks()[0].recv()`` gives its frames (48 kHz mono
    s16 ``av.AudioFrame``, every 20 ms), ``stop()`` closes it."""

    def __init__(self, backend: DeviceBackend, device_id: str) -> None:
        self._ring = Ring(SAMPLE_RATE // 5)
        self._capture = CaptureStream(backend, self._ring)
        self._capture.device_id = device_id
        self._capture.open()  # raises sounddevice.PortAudioError when it can't
        self._track = MicrophoneTrack(self._ring)

    @property
    def device_id(self) -> str:
        """The microphone it was opened on (``'default'``: the system's)."""
        return self._capture.device_id

    @property
    def level(self) -> float:
        """The microphone's level now, on the ``volume`` event's scale (0..1 over
        -100..-30 dBFS), read whether or not anyone reads the track (a level meter)."""
        return self._capture.meter.value

    @property
    def active(self) -> bool:
        """Open, and its track not stopped (the browser's ``MediaStream.active``)."""
        return self._capture.is_open and self._track.readyState == "live"

    def get_audio_tracks(self) -> list[MicrophoneTrack]:
        """Its one audio track (an aiortc ``MediaStreamTrack``), as the browser's
        ``getAudioTracks()``."""
        return [self._track]

    def get_tracks(self) -> list[MicrophoneTrack]:
        """All its tracks: the same one audio track."""
        return self.get_audio_tracks()

    def stop(self) -> None:
        """Stop the track and release the microphone (again: nothing happens)."""
        self._track.stop()
        self._capture.close()
