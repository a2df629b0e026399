"""The audio engine: a microphone, a speaker and a ringtone output on chosen devices.

- During a call: microphone → capture chain (a ``CaptureProcessor``, on its own thread:
  :class:`~webphone.audio.capture_worker.CaptureWorker`) → ring →
  :class:`~webphone.audio.track.MicrophoneTrack` (what the far end hears); far-end frames
  → playout queue → speaker, which also feeds the capture chain's echo reference.
- Tones: speaker tones (ringback, connect tone, key-press feedback) are mixed into the
  speaker stream; the ringtone has its own stream on the ringtone device. Output streams
  are open only while they have something to play.
- With the null backend nothing is opened: the call sends silence and playout is dropped.

Not thread-safe: drive it from one thread (the SDK's event loop); the stream callbacks
only share the ring, queue and meters with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import numpy as np

from .capture_worker import CaptureChain, CaptureWorker
from .devices import DEFAULT_ID, INPUT, OUTPUT, AudioDevice, DeviceBackend, Kind
from .playout import PlayoutQueue
from .stream import (
    SAMPLE_RATE,
    CaptureStream,
    OutputMixer,
    Ring,
    ServerGone,
    ToneFn,
    check_gain,
)

if TYPE_CHECKING:
    import av
    from av import AudioFrame

    from .microphone_stream import MicrophoneStream
    from .track import MicrophoneTrack

log = logging.getLogger(__name__)

Role = Literal["microphone", "speaker", "ringtone"]
ROLES: tuple[Role, ...] = ("microphone", "speaker", "ringtone")
ROLE_KIND: dict[Role, Kind] = {"microphone": INPUT, "speaker": OUTPUT, "ringtone": OUTPUT}
#: Tones played on the ringtone output rather than the speaker.
RINGTONE_OUTPUT = "ringtone"


class AudioEngine:
    """Streams and devices for one client."""

    def __init__(self, backend: DeviceBackend) -> None:
        self.backend = backend
        self._ring = Ring(SAMPLE_RATE // 5)
        self._capture = CaptureStream(backend, self._ring) if backend.has_audio else None
        self._speaker = OutputMixer(backend, "speaker") if backend.has_audio else None
        self._ringer = OutputMixer(backend, "ringtone output") if backend.has_audio else None
        self._chosen: dict[Role, str] = dict.fromkeys(ROLES, DEFAULT_ID)
        #: Gains (dB) by role and device: each device keeps the level set for it.
        self._gains: dict[tuple[Role, str], float] = {}
        self._queue: PlayoutQueue | None = None
        self._resampler: av.AudioResampler | None = None
        self._track: MicrophoneTrack | None = None
        self._worker: CaptureWorker | None = None
        self._glitches_before_call = 0
        self.in_call = False

    # -- devices ---------------------------------------------------------------------

    def devices(self) -> list[AudioDevice]:
        return self.backend.devices()

    def device(self, role: Role) -> str:
        return self._chosen[role]

    def _stream(self, role: Role) -> CaptureStream | OutputMixer | None:
        return {"microphone": self._capture, "speaker": self._speaker, "ringtone": self._ringer}[
            role
        ]

    def gain(self, role: Role, device_id: str | None = None) -> float:
        """The gain (dB) set for *role* on *device_id* (default: its current device)."""
        device = self._chosen[role] if device_id is None else device_id
        return self._gains.get((role, device), 0.0)

    def set_gain(self, role: Role, db: float, device_id: str | None = None) -> None:
        """Set *role*'s gain on *device_id* (default: its current device), in dB within
        :data:`~webphone.audio.stream.GAIN_RANGE_DB` (``ValueError`` outside it): the
        microphone's gain or a speaker's volume, kept for that device and applied
        whenever it is the role's device."""
        device = self._chosen[role] if device_id is None else device_id
        self._gains[(role, device)] = check_gain(db)
        if device == self._chosen[role]:
            self._apply_gain(role)

    def gains(self, role: Role) -> dict[str, float]:
        """Every device of *role* that has a gain set, and that gain (dB)."""
        return {device: db for (r, device), db in self._gains.items() if r == role}

    def _apply_gain(self, role: Role) -> None:
        stream = self._stream(role)
        if stream is not None:
            stream.gain.db = self.gain(role)

    def set_device(self, role: Role, device_id: str) -> None:
        """Use *device_id* for *role* from now on, moving its open stream (the call and
        mute state are untouched) and applying the gain set for that device."""
        self._chosen[role] = device_id
        self._apply_gain(role)
        stream = self._stream(role)
        if stream is None or (stream.device_id == device_id and stream.healthy):
            return  # nothing open, or already playing there (a reopen would cut the audio)
        self._open(stream, lambda: stream.use(device_id))

    def device_removed(self, device: AudioDevice) -> list[Role]:
        """A device went away: roles on it fall back to the default device (their open
        streams are moved there, or reopened if the server dropped them). Returns the
        roles that fell back."""
        fell_back: list[Role] = []
        for role in ROLES:
            if ROLE_KIND[role] == device.kind and self._chosen[role] == device.device_id:
                fell_back.append(role)
                log.info("%s %s removed: using the default device", role, device.label)
                self.set_device(role, DEFAULT_ID)
        self.revive()
        return fell_back

    def recover(self) -> list[Role]:
        """Streams that should be running but stopped, their device gone without a word
        (PortAudio reports no device changes while it has a stream open): back on the
        default device, as for a removed one. Returns the roles that fell back; for a
        periodic check."""
        fell_back = [r for r in ROLES if self._stopped(r) and self._chosen[r] != DEFAULT_ID]
        for role in fell_back:
            log.info("%s %s stopped: using the default device", role, self._chosen[role])
            self.set_device(role, DEFAULT_ID)
        self.revive()
        return fell_back

    def revive(self) -> None:
        """Reopen the streams that should be open but are not running (their device or
        the sound server went away; a device change may mean it is back), and close the
        ones a call ended on while the server was away."""
        for role in ROLES:
            stream = self._stream(role)
            if stream is not None and self._stopped(role):
                self._open(stream, stream.reopen)
            elif stream is not None:
                stream.release_unwanted()

    def _stopped(self, role: Role) -> bool:
        """*role*'s stream should be running and is not."""
        stream = self._stream(role)
        return stream is not None and stream.wanted and not stream.healthy

    # -- microphone --------------------------------------------------------------------

    def probe_microphone(self) -> None:
        """Open the microphone and close it again (the permission check); raises the
        PortAudio error when it can't be opened. A call's open microphone is proof enough."""
        if self._capture is None or self._capture.is_open or self.in_call:
            return
        self._capture.open()
        self._capture.close()

    def open_microphone_stream(self) -> MicrophoneStream:
        """A :class:`~webphone.audio.microphone_stream.MicrophoneStream` on the chosen
        microphone, for the application to read and stop; raises ``RuntimeError`` with no
        sound system, the PortAudio error when the device can't be opened."""
        if not self.backend.has_audio:
            raise RuntimeError("there is no sound system to open a microphone on")
        from .microphone_stream import MicrophoneStream  # imports aiortc: only when asked

        return MicrophoneStream(self.backend, self._chosen["microphone"])

    @property
    def microphone_open(self) -> bool:
        return self._capture is not None and self._capture.is_open

    @property
    def microphone_working(self) -> bool:
        """The microphone stream is open and PortAudio runs it."""
        return self._capture is not None and self._capture.healthy

    @property
    def input_level(self) -> float:
        return self._capture.meter.value if self._capture is not None else 0.0

    @property
    def output_level(self) -> float:
        return self._speaker.meter.value if self._speaker is not None else 0.0

    # -- calls -----------------------------------------------------------------------

    def start_call(self, processor: CaptureChain | None) -> MicrophoneTrack:
        """Open microphone and speaker for a call; *processor* is the capture chain (its
        ``far_end`` gets what the speaker plays), None for raw audio. Returns the track to
        send. A device that can't be opened is logged and the call goes on with
        silence."""
        # PyAV and the aiortc track (~45 MB with their libraries) are imported when the
        # first call starts: an idle app needs neither.
        import av

        from .track import MicrophoneTrack

        self.end_call()
        self.in_call = True
        self._glitches_before_call = self.glitches
        self._queue = PlayoutQueue()
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        self._track = MicrophoneTrack(self._ring)
        if processor is not None and self._capture is not None:
            capture = self._capture
            self._worker = CaptureWorker(processor, self._ring, capture.meter, capture.gain)
            self._worker.start()
        worker = self._worker
        if self._capture is not None:
            self._capture.sink = worker.capture if worker is not None else None
            self._open(self._capture)
        if self._speaker is not None:
            self._speaker.far_end = worker.render if worker is not None else None
            self._speaker.source = self._queue
            self._open(self._speaker)
        return self._track

    @property
    def glitches(self) -> int:
        """Blocks the microphone and the speaker lost so far (PortAudio reported an
        overflow or underflow: a gap the user or the far end hears)."""
        streams = (self._capture, self._speaker)
        return sum(stream.glitches for stream in streams if stream is not None)

    def end_call(self) -> None:
        """Close the call's streams (the speaker stays open while a tone plays)."""
        if not self.in_call:
            return
        self.in_call = False
        lost = self.glitches - self._glitches_before_call
        if lost:
            log.warning("the sound card lost %d blocks of 10 ms during the call", lost)
        if self._track is not None:
            self._track.stop()
            self._track = None
        if self._capture is not None:
            self._capture.close()
            self._capture.sink = None
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        if self._capture is not None:
            self._capture.meter.reset()
        if self._speaker is not None:
            self._speaker.source = None
            self._speaker.far_end = None
            self._speaker.meter.reset()
            if not self._speaker.busy:
                self._speaker.close()
        self._queue = None
        self._resampler = None

    def push_far_end(self, frame: AudioFrame) -> None:
        """A decoded far-end frame (any rate/layout) for the speaker, with its timestamp
        so the playout queue can conceal losses in place."""
        queue, resampler = self._queue, self._resampler
        if queue is None or resampler is None or self._speaker is None:
            return
        queue_far_end(queue, resampler, frame)

    @property
    def playout_delay_ms(self) -> float:
        return float(self._queue.delay_ms) if self._queue is not None else 0.0

    # -- tones -----------------------------------------------------------------------

    def play_tone(self, key: str, tone: ToneFn, output: str = "speaker") -> None:
        """Mix *tone* into the speaker, or the ringtone output (``output='ringtone'``),
        opening it if need be; *key* names it for :meth:`stop_tone`."""
        mixer = self._ringer if output == RINGTONE_OUTPUT else self._speaker
        if mixer is None:
            return
        mixer.add_tone(key, tone)
        self._open(mixer)

    def has_tone(self, key: str) -> bool:
        return any(m is not None and m.has_tone(key) for m in (self._speaker, self._ringer))

    def stop_tone(self, key: str) -> None:
        for mixer in (self._speaker, self._ringer):
            if mixer is not None and mixer.has_tone(key):
                mixer.remove_tone(key)
                if not mixer.busy:
                    mixer.close()

    def _open(
        self, stream: CaptureStream | OutputMixer, how: Callable[[], None] | None = None
    ) -> None:
        """Open *stream* (or switch/reopen it, *how*); a device that can't be opened is
        logged, and the stream is tried again when devices change."""
        try:
            (how or stream.open)()
        except ServerGone as exc:
            log.info("%s", exc)
        except Exception as exc:  # sounddevice.PortAudioError and friends
            log.error("cannot open the audio device: %s", exc)

    def close(self) -> None:
        self.end_call()
        for stream in (self._capture, self._speaker, self._ringer):
            if stream is not None:
                stream.close()
        self.backend.close()


def queue_far_end(queue: PlayoutQueue, resampler: av.AudioResampler, frame: AudioFrame) -> None:
    """Put a decoded far-end frame (any rate/layout) into *queue* as the speaker takes it:
    48 kHz mono, with its timestamp so the queue can conceal losses in place."""
    if frame.sample_rate == SAMPLE_RATE and frame.format.name == "s16":
        # Opus: 48 kHz already; the left channel of the (mono-content) stereo decode.
        channels = len(frame.layout.channels)
        samples = frame.to_ndarray().reshape(-1, channels)[:, 0]
        queue.push(np.ascontiguousarray(samples), frame.pts)
        return
    pts = None if frame.pts is None else frame.pts * SAMPLE_RATE // frame.sample_rate
    for out in resampler.resample(frame):
        queue.push(out.to_ndarray().reshape(-1), pts)
        pts = None  # following on from the first
