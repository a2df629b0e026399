"""A minimal playout FIFO with the interface of ``webphone.audio.playout.PlayoutQueue``
(``push`` / ``pull`` / ``delay_ms``), used until the adaptive playout queue is merged.

Pulls wait for 40 ms of audio before playing (and again after running dry), then play
silence on underrun; more than 200 ms buffered drops the oldest audio.
"""

from __future__ import annotations

import numpy as np

from .stream import SAMPLE_RATE, Ring

_PREFILL = SAMPLE_RATE * 40 // 1000
_CAPACITY = SAMPLE_RATE * 200 // 1000


class PlayoutQueue:
    """Decoded far-end audio (pushed on the event loop) → the speaker callback (pulls)."""

    def __init__(self) -> None:
        self._ring = Ring(_CAPACITY)
        self._out = np.zeros(SAMPLE_RATE // 10, dtype=np.int16)
        self._primed = False

    def push(self, samples: np.ndarray) -> None:
        self._ring.write(samples)

    def pull(self, count: int) -> np.ndarray:
        out = self._out[:count]
        if not self._primed and self._ring.available < _PREFILL:
            out.fill(0)
            return out
        self._primed = True
        got = self._ring.read_into(out)
        if got < count:
            out[got:] = 0
            self._primed = False
        return out

    @property
    def delay_ms(self) -> float:
        return self._ring.available * 1000 / SAMPLE_RATE
