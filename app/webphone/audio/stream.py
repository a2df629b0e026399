"""PortAudio capture and playout at 48 kHz mono int16 in 10 ms blocks, routed by a
:class:`~webphone.audio.devices.DeviceBackend`.

The stream callbacks run on PortAudio's thread every 10 ms: they only copy into buffers
allocated when the stream opens, hold a lock for a copy at most, and never wait. Levels
for the ``volume`` event are computed there and read by the SDK's 60 Hz loop.
"""

from __future__ import annotations

import logging
import math
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np

from . import portaudio
from .devices import DEFAULT_ID, INPUT, OUTPUT, DeviceBackend, Kind

log = logging.getLogger(__name__)

SAMPLE_RATE = 48000
BLOCK = 480  # 10 ms: ~45 ms round trip through the sound server (20 ms blocks: ~80 ms)
#: A stream whose callback has not run for this long has stopped (its device is gone:
#: PortAudio's ALSA thread gives up, yet the stream still counts as active). Long enough
#: that a loaded machine delaying a callback does not count as a lost device.
STALL_SECONDS = 1.5
#: How long closing a stream may take before it is given up on. PortAudio's ALSA
#: capture thread can spin for ever on a PCM whose sound server died just after it
#: opened, and Pa_AbortStream then waits for it: the caller (the event loop) must not.
CLOSE_TIMEOUT_SECONDS = 1.0
#: Level range of the ``volume`` event: -100 dBFS → 0, -30 dBFS → 1.
FLOOR_DB, CEILING_DB = -100.0, -30.0


#: How long a thread holding the GIL keeps it while a callback thread waits (seconds).
AUDIO_SWITCH_INTERVAL = 0.001


def hand_over_gil_quickly() -> None:
    """Make the interpreter hand the GIL over within 1 ms instead of 5 ms.

    A stream callback is Python: it must take the GIL, and while another thread is busy it
    waits up to the switch interval for each take. At the default 5 ms a 10 ms block has
    no room for two such waits. Measured on our virtual devices with a call's streams open
    and two busy Python threads: 65-74 speaker underruns in 8 s at 5 ms, 0-1 at 1 ms. Only
    ever lowered, so a host application's own stricter choice stands.
    """
    if sys.getswitchinterval() > AUDIO_SWITCH_INTERVAL:
        sys.setswitchinterval(AUDIO_SWITCH_INTERVAL)


class Ring:
    """A bounded int16 FIFO between two threads; a full ring drops its oldest samples
    (a late reader should hear the present, not a growing delay)."""

    def __init__(self, capacity: int) -> None:
        self._data = np.zeros(capacity, dtype=np.int16)
        self._capacity = capacity
        self._start: int = 0
        self._size: int = 0
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        return int(self._size)

    def write(self, samples: np.ndarray) -> None:
        n = samples.shape[0]
        with self._lock:
            if n >= self._capacity:
                samples, n = samples[-self._capacity :], self._capacity
            overflow = self._size + n - self._capacity
            if overflow > 0:
                self._start = (self._start + overflow) % self._capacity
                self._size -= overflow
            end = (self._start + self._size) % self._capacity
            first = min(n, self._capacity - end)
            self._data[end : end + first] = samples[:first]
            self._data[: n - first] = samples[first:]
            self._size += n

    def read_into(self, out: np.ndarray) -> int:
        """Fill *out* from the oldest samples; returns how many were there (the rest of
        *out* is left as it was)."""
        with self._lock:
            n = min(int(out.shape[0]), self._size)
            first = min(n, self._capacity - self._start)
            out[:first] = self._data[self._start : self._start + first]
            out[first:n] = self._data[: n - first]
            self._start = (self._start + n) % self._capacity
            self._size -= n
            return n

    def discard(self, count: int) -> None:
        with self._lock:
            count = min(count, self._size)
            self._start = (self._start + count) % self._capacity
            self._size -= count

    def clear(self) -> None:
        with self._lock:
            self._start, self._size = 0, 0


#: The level changes a user may set, in dB: down to near silence, up to a quiet
#: microphone's needs (beyond +20 dB a microphone's own noise dominates).
GAIN_RANGE_DB = (-40.0, 20.0)


def check_gain(db: float) -> float:
    """*db* as a float; ``ValueError`` (saying the range) when outside :data:`GAIN_RANGE_DB`."""
    low, high = GAIN_RANGE_DB
    if not low <= db <= high:
        raise ValueError(f"gain {db} dB is outside {low:g} to {high:g} dB")
    return float(db)


class Gain:
    """A level change in dB applied to int16 blocks in place: the speaker's volume or the
    microphone's gain, set from the event loop, applied on the audio threads without
    allocating (one float buffer, made once)."""

    def __init__(self, capacity: int = 2 * BLOCK) -> None:
        self._db = 0.0
        self._factor = 1.0
        self._buffer = np.zeros(capacity, dtype=np.float32)

    @property
    def db(self) -> float:
        return self._db

    @db.setter
    def db(self, value: float) -> None:
        self._db = check_gain(value)
        self._factor = 10 ** (self._db / 20)  # one float store: the audio thread sees either

    def apply(self, block: np.ndarray) -> None:
        """Scale *block* (int16) in place, saturating."""
        factor = self._factor
        if factor == 1.0:
            return
        scaled = self._buffer[: block.shape[0]]
        np.multiply(block, factor, out=scaled)
        np.rint(scaled, out=scaled)
        np.clip(scaled, -32768, 32767, out=scaled)
        block[:] = scaled


class LevelMeter:
    """The block level as the ``volume`` event wants it (0..1 over -100..-30 dBFS),
    computed in the audio callback into a float read by any thread."""

    def __init__(self) -> None:
        self._work = np.zeros(BLOCK * 4, dtype=np.float32)
        self.value = 0.0

    def measure(self, samples: np.ndarray) -> None:
        n = samples.shape[0]
        if n > self._work.shape[0]:
            return  # a block larger than asked for: skip metering rather than allocate
        work = self._work[:n]
        np.copyto(work, samples, casting="unsafe")
        np.square(work, out=work)
        mean = float(work.sum()) / max(n, 1) / (32768.0 * 32768.0)
        db = 10 * math.log10(mean) if mean > 0 else FLOOR_DB
        self.value = min(1.0, max(0.0, (db - FLOOR_DB) / (CEILING_DB - FLOOR_DB)))

    def reset(self) -> None:
        self.value = 0.0


class PlayoutSource(Protocol):
    """What the speaker plays: ``pull(count)`` always gives ``count`` int16 samples."""

    def pull(self, count: int) -> np.ndarray: ...


#: A tone for a mixer: ``source(n)`` gives n samples, None once it has ended.
ToneFn = Callable[[int], "np.ndarray | None"]


class ServerGone(RuntimeError):
    """A stream was to be reopened while its sound server is away."""


class _DeviceStream:
    """One PortAudio stream on a backend's device: open, switch (reopen), close."""

    def __init__(self, backend: DeviceBackend, kind: Kind, name: str) -> None:
        self._backend = backend
        self._kind = kind
        self._name = name
        self.device_id = DEFAULT_ID
        self._stream: Any = None
        self._lock = threading.Lock()
        # Open was asked for and close was not: a stream that could not be opened (the
        # device or the sound server was gone) is opened by the next use()/reopen().
        self._wanted = False
        self._beat = 0.0  # when the callback last ran (monotonic seconds)
        #: Callbacks for which PortAudio reported lost audio (an overflow or underflow:
        #: a gap the user hears), since the stream was made.
        self.glitches = 0

    @property
    def is_open(self) -> bool:
        return self._stream is not None

    @property
    def wanted(self) -> bool:
        return self._wanted

    @property
    def healthy(self) -> bool:
        """Open, and PortAudio is calling it back."""
        stream = self._stream
        return (
            stream is not None
            and bool(stream.active)
            and time.monotonic() - self._beat < STALL_SECONDS
        )

    def _make(self) -> Any:
        import sounddevice as sd

        stream_type = sd.InputStream if self._kind == INPUT else sd.OutputStream
        return stream_type(
            samplerate=SAMPLE_RATE,
            blocksize=BLOCK,
            channels=1,
            dtype="int16",
            latency="low",
            device=self._backend.portaudio_device(self._kind, self.device_id),
            callback=self._callback,
        )

    def _callback(self, data: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        raise NotImplementedError

    def open(self) -> None:
        """Open and start on :attr:`device_id`; raises ``sounddevice.PortAudioError``
        (and stays wanted: :meth:`use` and :meth:`reopen` try again)."""
        self._wanted = True
        with self._lock:
            if self._stream is not None:
                return
            hand_over_gil_quickly()
            portaudio.acquire()  # held while this stream is open (see audio/portaudio.py)
            try:
                stream = self._backend.open_stream(self._kind, self.device_id, self._make)
                try:
                    stream.start()
                except Exception:
                    stream.close()
                    raise
            except BaseException:
                portaudio.release()
                raise
            self._beat = time.monotonic()  # the first callback is due within a block
            self._stream = stream
            log.info("%s opened on %s", self._name, self.device_id)

    def use(self, device_id: str) -> None:
        """Switch to *device_id*: a wanted stream is reopened there (a few ms of silence;
        the call, its track and mute state are untouched)."""
        self.device_id = device_id
        if self._wanted:
            self.reopen()

    def reopen(self) -> None:
        """Close and open again on :attr:`device_id`; raises ``ServerGone`` (touching
        nothing) while the backend's sound server is away."""
        if not self._backend.reachable:
            raise ServerGone(f"{self._name}: the sound server is gone; reopened when it is back")
        self._drop()
        self.open()

    def close(self) -> None:
        """Stop and release the device; while the sound server is away the dead stream is
        left for :meth:`release_unwanted` (closing it then could hang)."""
        self._wanted = False
        self.release_unwanted()

    def release_unwanted(self) -> None:
        """Close a stream that :meth:`close` had to leave open (the server was away)."""
        if not self._wanted and self._stream is not None and self._backend.reachable:
            self._drop()

    def _drop(self) -> None:
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is None:
            return
        closed = threading.Event()

        def close() -> None:
            try:
                stream.abort()
                stream.close()
            except Exception as exc:  # a dead device's stream: it is gone either way
                log.info("%s: closing its stream failed: %s", self._name, exc)
            closed.set()
            portaudio.release()

        threading.Thread(target=close, name=f"close-{self._name}", daemon=True).start()
        if not closed.wait(CLOSE_TIMEOUT_SECONDS):
            # Left to its thread, which keeps PortAudio held (terminating under a stuck
            # stream would hang too); a new stream opens beside it.
            log.warning("%s: PortAudio did not close the old stream; left behind", self._name)


class CaptureStream(_DeviceStream):
    """The microphone: each 10 ms block → level → ring, or to ``sink`` when a call's
    capture chain takes it (:class:`~webphone.audio.capture_worker.CaptureWorker`, which
    meters and rings the processed block)."""

    def __init__(self, backend: DeviceBackend, ring: Ring) -> None:
        super().__init__(backend, INPUT, "microphone")
        self.ring = ring
        self.meter = LevelMeter()
        #: Takes each raw block instead of the ring (the capture chain), or None.
        self.sink: Callable[[np.ndarray], None] | None = None
        #: The microphone gain, applied to what is sent (after the capture chain, so
        #: gain control does not undo it).
        self.gain = Gain()
        self._frame = np.zeros(BLOCK, dtype=np.int16)

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        self._beat = time.monotonic()
        if status:
            self.glitches += 1
        if frames != BLOCK:
            return  # PortAudio keeps the block size it was opened with
        frame = self._frame
        frame[:] = indata[:, 0]
        sink = self.sink
        if sink is not None:
            sink(frame)
            return
        self.gain.apply(frame)
        self.meter.measure(frame)
        self.ring.write(frame)


class OutputMixer(_DeviceStream):
    """A speaker stream: an optional playout source plus looping/one-shot tones, mixed
    with saturation; what is played is handed to ``far_end`` (the echo reference)."""

    def __init__(self, backend: DeviceBackend, name: str) -> None:
        super().__init__(backend, OUTPUT, name)
        self.meter = LevelMeter()
        self.source: PlayoutSource | None = None
        self.far_end: Callable[[np.ndarray], None] | None = None
        #: The speaker's volume: applied to the whole mix, and so to the echo reference.
        self.gain = Gain()
        # Replaced whole (never mutated) so the callback reads a consistent tuple.
        self._tones: tuple[tuple[str, ToneFn], ...] = ()
        self._mix = np.zeros(BLOCK, dtype=np.int32)
        self._out = np.zeros(BLOCK, dtype=np.int16)

    @property
    def busy(self) -> bool:
        """Whether anything wants this stream open."""
        return self.source is not None or bool(self._tones)

    def add_tone(self, key: str, tone: ToneFn) -> None:
        self._tones = (*(t for t in self._tones if t[0] != key), (key, tone))

    def remove_tone(self, key: str) -> None:
        self._tones = tuple(t for t in self._tones if t[0] != key)

    def has_tone(self, key: str) -> bool:
        return any(t[0] == key for t in self._tones)

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        self._beat = time.monotonic()
        if status:
            self.glitches += 1
        if frames != BLOCK:
            outdata.fill(0)
            return
        mix = self._mix
        source = self.source
        if source is not None:
            mix[:] = source.pull(frames)
        else:
            mix.fill(0)
        for _key, tone in self._tones:
            samples = tone(frames)
            if samples is not None:
                mix += samples
        out = self._out
        np.clip(mix, -32768, 32767, out=mix)
        out[:] = mix
        self.gain.apply(out)
        far_end = self.far_end
        if far_end is not None:
            far_end(out)
        self.meter.measure(out)
        outdata[:, 0] = out
