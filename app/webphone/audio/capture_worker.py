"""The capture chain on its own thread, fed by the sound card's callbacks.

Why not in the callbacks: the WebRTC APM is reached through livekit's FFI, and every call
into it releases Python's GIL and must take it back. When another Python thread is busy
(the event loop encoding and decoding, a GUI redraw), each take-back waits up to the
interpreter's switch interval (5 ms): with the chain in the callbacks, one 10 ms capture
block made three such waits and one playout block one more. Measured with a busy thread in
the process: capture callbacks of 32 ms at the 99th percentile (0.8 ms idle) and 121
speaker underruns in 8 s, against 2 with the chain off. The callbacks now only copy a
block into a ring and wake this thread, which has the rings' depth (200 ms) to catch up.

The echo reference and the microphone reach the chain in the order they were played and
captured: before each microphone block the thread feeds the speaker blocks that arrived
ahead of it, so a thread that fell behind replays both sides interleaved, as the APM
expects, instead of a burst of one side.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

import numpy as np

from .stream import BLOCK, SAMPLE_RATE, Gain, LevelMeter, Ring

log = logging.getLogger(__name__)

#: How long the thread sleeps without a block before it looks at its stop flag again.
_IDLE_WAIT_SECONDS = 0.05
#: How long stopping waits for a block being processed.
_JOIN_SECONDS = 1.0


class CaptureChain(Protocol):
    """What runs on the thread: :class:`~webphone.audio.processing.CaptureProcessor`."""

    def process(self, frame: np.ndarray) -> np.ndarray:
        """One microphone block in, the processed block out."""

    def far_end(self, frame: np.ndarray) -> None:
        """One block that the speaker played (the echo reference)."""


class CaptureWorker:
    """Runs *chain* on a thread: :meth:`capture` and :meth:`render` are for the sound
    card's callbacks (a copy and a wake-up, never a wait); processed blocks go through
    *gain* (the microphone's) to *out*, and their level to *meter*."""

    def __init__(
        self, chain: CaptureChain, out: Ring, meter: LevelMeter, gain: Gain | None = None
    ) -> None:
        self._chain = chain
        self._out = out
        self._meter = meter
        self._gain = gain if gain is not None else Gain()
        self._captured = Ring(SAMPLE_RATE // 5)
        self._played = Ring(SAMPLE_RATE // 5)
        self._near = np.zeros(BLOCK, dtype=np.int16)
        self._far = np.zeros(BLOCK, dtype=np.int16)
        self._wake = threading.Event()
        self._stopping = False
        self._failures = 0
        self._thread: threading.Thread | None = None

    def capture(self, block: np.ndarray) -> None:
        """A microphone block (from the capture callback)."""
        self._captured.write(block)
        self._wake.set()

    def render(self, block: np.ndarray) -> None:
        """A block the speaker is playing (from the playout callback)."""
        self._played.write(block)

    def start(self) -> None:
        """Start the thread (once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="capture-chain", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread; what is still queued is dropped with the call."""
        self._stopping = True
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(_JOIN_SECONDS)
            if thread.is_alive():
                log.warning("the capture chain did not stop within %.0f s", _JOIN_SECONDS)

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(_IDLE_WAIT_SECONDS)
            self._wake.clear()
            try:
                self._drain()
            except Exception:
                # The thread lives on (the next block may be fine); the first failure is
                # logged whole, later ones only counted, so a broken chain can't flood the
                # log a hundred times a second.
                self._failures += 1
                if self._failures == 1:
                    log.exception("the capture chain failed on a block")

    def _drain(self) -> None:
        captured, played = self._captured, self._played
        while not self._stopping and captured.available >= BLOCK:
            captured.read_into(self._near)
            # The speaker blocks played before this microphone block: as many as are
            # queued beyond the microphone blocks still waiting behind it.
            while played.available >= BLOCK and played.available > captured.available:
                played.read_into(self._far)
                self._chain.far_end(self._far)
            out = self._chain.process(self._near)
            self._gain.apply(out)
            self._meter.measure(out)
            self._out.write(out)
