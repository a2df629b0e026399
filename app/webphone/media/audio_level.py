"""RFC 6465 audio level for outgoing RTP, computed with numpy.

aiortc computes the level of every frame it sends in a pure-Python loop over the samples
(~0.8 ms per 20 ms frame: most of a call's CPU). Same formula, vectorised; installed
over aiortc's function when this module is imported.
"""

from __future__ import annotations

import math

import aiortc.rtp
import numpy as np
from av import AudioFrame

MIN_LEVEL = -127
FULL_SCALE = 32767.0


def audio_level_dbov(frame: AudioFrame) -> int:
    """The frame's level in dBov, clamped to [-127, 0] (RFC 6465 Appendix A)."""
    samples = np.frombuffer(bytes(frame.planes[0]), dtype=np.int16).astype(np.float64)
    if not samples.size:
        return MIN_LEVEL
    # A plain reduction, not np.dot: BLAS threads would spin on every 20 ms frame.
    energy = float(np.square(samples).sum())
    rms = math.sqrt(energy / (frame.samples * FULL_SCALE * FULL_SCALE))
    if rms <= 0:
        return MIN_LEVEL
    return round(min(0.0, max(float(MIN_LEVEL), 20 * math.log10(rms))))


aiortc.rtp.compute_audio_level_dbov = audio_level_dbov
