"""WAV files as a call's audio: a source that plays a file into the call, and a recorder
for what the far end sends. Headless use, bots and tests need no sound card."""

from __future__ import annotations

import asyncio
import time
import wave
from pathlib import Path

import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack
from av import AudioFrame, AudioResampler

from .tracks import FRAME_SAMPLES, SAMPLE_RATE, TIME_BASE


class WavError(ValueError):
    """The file is not a PCM WAV file we can read or write; the message says why."""


def load_wav(path: str | Path) -> np.ndarray:
    """The file's audio as 48 kHz mono int16 samples."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise WavError(f"{path}: only 16-bit PCM WAV is supported")
            rate, channels = wav.getframerate(), wav.getnchannels()
            raw = wav.readframes(wav.getnframes())
    except (OSError, wave.Error, EOFError) as exc:
        raise WavError(f"{path}: cannot read WAV: {exc}") from exc
    samples = np.frombuffer(raw, dtype=np.int16).reshape(1, -1)
    layout = "mono" if channels == 1 else "stereo"
    frame = AudioFrame.from_ndarray(samples, format="s16", layout=layout)
    frame.sample_rate = rate
    resampler = AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)


class WavFileTrack(MediaStreamTrack):
    """Plays a WAV file in real time, then silence (or again, with ``loop``)."""

    kind = "audio"

    def __init__(self, path: str | Path, *, loop: bool = False) -> None:
        super().__init__()
        samples = load_wav(path)
        padding = (-len(samples)) % FRAME_SAMPLES
        self._samples = np.concatenate([samples, np.zeros(padding, dtype=np.int16)])
        self._repeat = loop
        self.muted = False
        self._pts = 0
        self._start: float | None = None
        self._silence = np.zeros((1, FRAME_SAMPLES), dtype=np.int16)

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        delay = self._start + self._pts / SAMPLE_RATE - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        offset = (
            self._pts % len(self._samples) if self._repeat and len(self._samples) else self._pts
        )
        chunk = self._samples[offset : offset + FRAME_SAMPLES]
        if self.muted or len(chunk) < FRAME_SAMPLES:
            chunk = self._silence.reshape(-1)
        frame = AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        frame.time_base = TIME_BASE
        self._pts += FRAME_SAMPLES
        return frame


class WavRecorder:
    """Writes received frames (any rate or layout) as 48 kHz mono 16-bit PCM."""

    def __init__(self, path: str | Path) -> None:
        try:
            self._wav = wave.open(str(path), "wb")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise WavError(f"{path}: cannot write WAV: {exc}") from exc
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(SAMPLE_RATE)
        self._resampler = AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
        self.frames = 0

    def write(self, frame: AudioFrame) -> None:
        for out in self._resampler.resample(frame):
            self._wav.writeframes(out.to_ndarray().tobytes())
        self.frames += 1

    def close(self) -> None:
        self._wav.close()
