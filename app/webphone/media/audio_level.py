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


def frame_energy(frame: AudioFrame) -> tuple[float, int]:
    """The sum of the squared samples of a packed s16 *frame* (all channels), and their
    count; ``ValueError`` for any other sample format.

    Read straight from the frame's buffer (only the samples: the plane is padded to an
    alignment), without ``to_ndarray``'s copies.
    """
    if frame.format.name != "s16":
        raise ValueError(f"audio frames are s16 here, not {frame.format.name}")
    count = frame.samples * frame.layout.nb_channels
    plane = memoryview(frame.planes[0])  # av types its planes as objects, not buffers
    samples = np.frombuffer(plane, dtype=np.int16, count=count).astype(np.float32)
    # einsum, not np.dot: BLAS threads would spin on every 20 ms frame.
    return float(np.einsum("i,i", samples, samples)), count


def audio_level_dbov(frame: AudioFrame) -> int:
    """The frame's level in dBov, clamped to [-127, 0] (RFC 6465 Appendix A)."""
    energy, count = frame_energy(frame)
    if not count:
        return MIN_LEVEL
    rms = math.sqrt(energy / (frame.samples * FULL_SCALE * FULL_SCALE))
    if rms <= 0:
        return MIN_LEVEL
    return round(min(0.0, max(float(MIN_LEVEL), 20 * math.log10(rms))))


aiortc.rtp.compute_audio_level_dbov = audio_level_dbov
