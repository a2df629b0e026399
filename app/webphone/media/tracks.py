"""Audio sources and sinks for calls that have no sound device (servers, bots, tests).

The audio engine (devices, processing) plugs its own tracks in the same places.
"""

from __future__ import annotations

import asyncio
import fractions
import math
import time
from collections.abc import Callable

import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioFrame

from .audio_level import frame_energy

SAMPLE_RATE = 48000
FRAME_SAMPLES = 960  # 20 ms
TIME_BASE = fractions.Fraction(1, SAMPLE_RATE)


class MutableSourceTrack(MediaStreamTrack):
    """A call's outgoing audio from elsewhere (the audio engine's microphone): a track
    whose ``muted`` flag the call sets; muted, it sends silence and RTP keeps flowing."""

    kind = "audio"
    muted = False


class GeneratedAudioTrack(MediaStreamTrack):
    """20 ms mono frames in real time: a sine tone, or silence when muted or frequency 0.

    Muting replaces samples with zeros but keeps the stream (and RTP) flowing, so the far
    end hears silence instead of a dropped stream.
    """

    kind = "audio"

    def __init__(self, frequency: float = 0.0, amplitude: float = 0.2) -> None:
        super().__init__()
        self.frequency = frequency
        self.amplitude = amplitude
        self.muted = False
        self._pts = 0
        self._start: float | None = None
        self._silence = np.zeros((1, FRAME_SAMPLES), dtype=np.int16)
        # One second of the tone, computed once: frames are slices of it (a second holds
        # a whole number of frames, and of cycles for whole-hertz tones).
        t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
        wave = np.sin(2 * math.pi * frequency * t) * (amplitude * 32767)
        self._second = wave.astype(np.int16).reshape(1, -1)

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        due = self._start + self._pts / SAMPLE_RATE
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if self.muted or self.frequency <= 0:
            samples = self._silence
        else:
            offset = self._pts % SAMPLE_RATE
            samples = self._second[:, offset : offset + FRAME_SAMPLES]
        frame = AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        frame.time_base = TIME_BASE
        self._pts += FRAME_SAMPLES
        return frame


class EchoTrack(MediaStreamTrack):
    """Sends back what it is fed (the far end's own audio), for echo test calls."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self.muted = False
        self._queue: asyncio.Queue[AudioFrame] = asyncio.Queue(maxsize=50)

    def feed(self, frame: AudioFrame) -> None:
        if self._queue.full():
            self._queue.get_nowait()  # never build up delay: drop the oldest
        self._queue.put_nowait(frame)

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        return await self._queue.get()


class AudioMeter:
    """Consumes a remote track: counts frames and keeps the level of the latest ones."""

    def __init__(self) -> None:
        self.listeners: list[Callable[[AudioFrame], None]] = []
        self.frames = 0
        self.last_rms = 0.0
        self.peak_rms = 0.0
        self._task: asyncio.Task[None] | None = None

    def consume(self, track: MediaStreamTrack) -> None:
        self.stop()
        self._task = asyncio.get_running_loop().create_task(self._run(track), name="audio-meter")

    async def _run(self, track: MediaStreamTrack) -> None:
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            if not isinstance(frame, AudioFrame):
                continue
            energy, count = frame_energy(frame)
            rms = math.sqrt(energy / count) / 32768.0 if count else 0.0
            self.frames += 1
            self.last_rms = rms
            for listener in self.listeners:
                listener(frame)
            self.peak_rms = max(self.peak_rms, rms)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
