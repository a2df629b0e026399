"""DTMF as sound: dual tones mixed into the outgoing audio.

The fallback for ``dtmfOptions`` ``inband`` when the far end did not negotiate
telephone-event: the digit then reaches it the way a desk phone's keypad would.
"""

from __future__ import annotations

import collections

import numpy as np
from aiortc.mediastreams import MediaStreamTrack
from av import AudioFrame

# ITU-T Q.23: (row, column) frequencies in Hz.
_ROWS = {"123": 697.0, "456": 770.0, "789": 852.0, "*0#": 941.0}
_COLUMNS = {"147*": 1209.0, "2580": 1336.0, "369#": 1477.0}
GAP_MS = 60
LEVEL = 0.25  # per tone, of full scale: about -15 dBFS, clearly above speech, never clipping


def dtmf_frequencies(tone: str) -> tuple[float, float]:
    """The (low, high) frequency pair of a DTMF digit; ValueError for anything else."""
    low = next((f for keys, f in _ROWS.items() if tone and tone in keys), None)
    high = next((f for keys, f in _COLUMNS.items() if tone and tone in keys), None)
    if low is None or high is None or len(tone) != 1:
        raise ValueError(f"{tone!r} is not a DTMF digit")
    return low, high


def dtmf_samples(tone: str, duration_ms: int, sample_rate: int = 48000) -> np.ndarray:
    """*duration_ms* of the digit's dual tone, int16, with 5 ms ramps against clicks."""
    low, high = dtmf_frequencies(tone)
    count = duration_ms * sample_rate // 1000
    t = np.arange(count) / sample_rate
    wave = LEVEL * (np.sin(2 * np.pi * low * t) + np.sin(2 * np.pi * high * t))
    ramp = min(count // 2, 5 * sample_rate // 1000)
    if ramp:
        edge = np.linspace(0.0, 1.0, ramp)
        wave[:ramp] *= edge
        wave[-ramp:] *= edge[::-1]
    return (wave * 32767).astype(np.int16)


class ToneMixingTrack(MediaStreamTrack):
    """Passes *source*'s frames through, with queued DTMF tones added to them."""

    kind = "audio"

    def __init__(self, source: MediaStreamTrack) -> None:
        super().__init__()
        self.source = source
        self._pending: collections.deque[tuple[str, int]] = collections.deque()
        self._playing: np.ndarray | None = None  # rendered at the stream's rate
        self._offset = 0

    def queue(self, tone: str, duration_ms: int) -> None:
        """Mixes *tone* into the audio after the tones already queued (and a short gap)."""
        dtmf_frequencies(tone)  # validates
        self._pending.append((tone, duration_ms))

    @property
    def busy(self) -> bool:
        return self._playing is not None or bool(self._pending)

    async def recv(self) -> AudioFrame:
        frame = await self.source.recv()
        if not isinstance(frame, AudioFrame):
            raise TypeError(f"an audio track gave {type(frame).__name__}")
        if not self.busy:
            return frame
        # Only while a digit plays: a new frame, so the source's own frame stays intact.
        samples = frame.to_ndarray().reshape(-1).astype(np.int32)
        rate = frame.sample_rate or 48000
        mixed = samples + self._take(len(samples), rate)
        out = AudioFrame.from_ndarray(
            np.clip(mixed, -32768, 32767).astype(np.int16).reshape(1, -1),
            format="s16",
            layout="mono",
        )
        out.sample_rate = rate
        out.pts = frame.pts
        out.time_base = frame.time_base
        return out

    def _take(self, count: int, rate: int) -> np.ndarray:
        out = np.zeros(count, dtype=np.int32)
        filled = 0
        while filled < count and self.busy:
            if self._playing is None:
                tone, duration_ms = self._pending.popleft()
                gap = np.zeros(GAP_MS * rate // 1000, dtype=np.int16)
                self._playing = np.concatenate([dtmf_samples(tone, duration_ms, rate), gap])
                self._offset = 0
            part = self._playing[self._offset : self._offset + count - filled]
            out[filled : filled + len(part)] = part
            filled += len(part)
            self._offset += len(part)
            if self._offset >= len(self._playing):
                self._playing = None
        return out

    def stop(self) -> None:
        super().stop()
        self.source.stop()
