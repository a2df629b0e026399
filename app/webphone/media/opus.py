"""Opus as we send it: mono, at the call's ``maxAverageBitrate``.

aiortc's encoder is hard-wired to 96 kb/s stereo. Its sender builds the encoder through
``get_encoder`` inside a task the peer connection starts while it applies descriptions,
and such tasks inherit the caller's context: a ContextVar set around our description calls
tells the encoder the call's limit. The peer's own ``maxaveragebitrate`` (RFC 7587) from
the negotiated fmtp lowers it further.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import aiortc.codecs
import aiortc.rtcrtpsender
from aiortc.codecs.base import Encoder
from aiortc.codecs.opus import OpusEncoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from av import AudioResampler

DEFAULT_BITRATE = 48000
_bitrate: contextvars.ContextVar[int] = contextvars.ContextVar(
    "webphone_opus_bitrate", default=DEFAULT_BITRATE
)
_aiortc_get_encoder = aiortc.codecs.get_encoder


class MonoOpusEncoder(OpusEncoder):
    """aiortc's Opus encoder, reconfigured for mono speech at a chosen average bitrate."""

    def __init__(self, bitrate: int) -> None:
        super().__init__()
        self.codec.bit_rate = bitrate
        self.codec.layout = "mono"
        self.resampler = AudioResampler(format="s16", layout="mono", rate=48000, frame_size=960)
        self.bitrate = bitrate


def negotiated_bitrate(codec: RTCRtpCodecParameters, ours: int) -> int:
    theirs = str(codec.parameters.get("maxaveragebitrate", ""))
    if theirs.isdigit() and 6000 <= int(theirs) <= 510000:
        return min(ours, int(theirs))
    return ours


def _get_encoder(codec: RTCRtpCodecParameters) -> Encoder:
    if codec.mimeType.lower() == "audio/opus":
        return MonoOpusEncoder(negotiated_bitrate(codec, _bitrate.get()))
    return _aiortc_get_encoder(codec)


aiortc.rtcrtpsender.get_encoder = _get_encoder  # type: ignore[attr-defined]


@contextlib.contextmanager
def opus_bitrate(bitrate: int) -> Iterator[None]:
    """Encoders created by work started inside this block send Opus at *bitrate*."""
    token = _bitrate.set(bitrate)
    try:
        yield
    finally:
        _bitrate.reset(token)
