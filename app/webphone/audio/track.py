"""The call's outgoing audio from the microphone: an aiortc track reading the capture ring.

Frames go out every 20 ms on the event loop's clock; the sound card's clock differs a
little, so a ring running dry pads with silence and a backlog beyond 60 ms is dropped,
keeping the delay bounded instead of letting it grow.
"""

from __future__ import annotations

import asyncio
import fractions
import time
from collections.abc import Callable

import numpy as np
from aiortc.mediastreams import MediaStreamError
from av import AudioFrame

from ..media.tracks import MutableSourceTrack
from .stream import SAMPLE_RATE, Ring

FRAME = SAMPLE_RATE // 50  # 20 ms, what aiortc's encoders take
_MAX_BACKLOG = 3 * FRAME
_TIME_BASE = fractions.Fraction(1, SAMPLE_RATE)


class MicrophoneTrack(MutableSourceTrack):
    """Processed microphone audio; ``muted`` sends silence but keeps RTP flowing."""

    def __init__(self, ring: Ring) -> None:
        super().__init__()
        self.ring = ring
        self.muted = False
        self._pts = 0
        self._start: float | None = None
        self._frame = np.zeros(FRAME, dtype=np.int16)
        #: gets what the microphone captured while muted (speaking-on-mute detection),
        #: on the event loop, before the frame is replaced by silence
        self.on_muted_frame: Callable[[np.ndarray], None] | None = None

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
            self.ring.clear()  # what was captured before the call started is not news
        delay = self._start + (self._pts + FRAME) / SAMPLE_RATE - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        backlog = self.ring.available - _MAX_BACKLOG
        if backlog > 0:
            self.ring.discard(backlog)
        got = self.ring.read_into(self._frame)
        if got < FRAME:
            self._frame[got:] = 0
        if self.muted:
            if self.on_muted_frame is not None and got == FRAME:
                self.on_muted_frame(self._frame)
            self._frame.fill(0)
        frame = AudioFrame.from_ndarray(self._frame.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        frame.time_base = _TIME_BASE
        self._pts += FRAME
        return frame
