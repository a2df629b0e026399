"""Opus as we send it: mono, at the call's ``maxAverageBitrate``, with in-band FEC while
the far end reports packet loss.

aiortc's encoder is hard-wired to 96 kb/s stereo. Its sender builds the encoder through
``get_encoder`` inside a task the peer connection starts while it applies descriptions,
and such tasks inherit the caller's context: a ContextVar set around our description calls
hands the encoder the call's :class:`OpusSettings`. The peer's own ``maxaveragebitrate``
(RFC 7587) from the negotiated fmtp lowers the bitrate further.

In-band FEC lets the far end rebuild a lost packet from the next one, at the price of some
of the bitrate: PESQ-WB of speech at 48 kb/s is ~4.25 without it and ~4.15 with it, and at
3 % loss ~3.0 without it and ~4.05 with it. So it is on only while the far end's receiver
reports say packets get lost (:class:`FecPolicy`, fed by the session from RTCP).
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterator
from dataclasses import dataclass

import aiortc.codecs
import aiortc.rtcrtpsender
from aiortc.codecs.base import Encoder
from aiortc.codecs.opus import SAMPLE_RATE, TIME_BASE, OpusEncoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from av import AudioFrame, AudioResampler, CodecContext
from av.audio.codeccontext import AudioCodecContext
from av.frame import Frame

DEFAULT_BITRATE = 48000
FRAME_SIZE = 960  # 20 ms, what the encoder is given


@dataclass
class OpusSettings:
    """One call's Opus encoding; ``expected_loss`` (percent) may change during the call."""

    bitrate: int = DEFAULT_BITRATE
    expected_loss: int = 0


_settings: contextvars.ContextVar[OpusSettings | None] = contextvars.ContextVar(
    "webphone_opus_settings", default=None
)
_aiortc_get_encoder = aiortc.codecs.get_encoder


class MonoOpusEncoder(OpusEncoder):
    """aiortc's Opus encoder, reconfigured for mono speech at a chosen average bitrate,
    reopened with FEC for the expected loss whenever the call's settings change it."""

    def __init__(self, bitrate: int, settings: OpusSettings | None = None) -> None:
        super().__init__()
        self.bitrate = bitrate
        self.settings = settings
        self.expected_loss = 0
        self.codec = self._open(0)
        # aiortc's encode() only calls resample() on it
        self.resampler = AlignedPassThrough(  # type: ignore[assignment]
            AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE, frame_size=FRAME_SIZE)
        )

    def _open(self, expected_loss: int) -> AudioCodecContext:
        codec = CodecContext.create("libopus", "w")
        codec.bit_rate = self.bitrate
        codec.format = "s16"
        codec.layout = "mono"
        codec.sample_rate = SAMPLE_RATE
        codec.time_base = TIME_BASE
        options = {"application": "voip"}
        if expected_loss:
            options.update(fec="1", packet_loss=str(expected_loss))
        codec.options = options
        return codec

    def encode(self, frame: Frame, force_keyframe: bool = False) -> tuple[list[bytes], int]:
        wanted = self.settings.expected_loss if self.settings else 0
        if wanted != self.expected_loss:
            # libopus options are fixed once PyAV opens the encoder: open a new one (the
            # timestamps go on from the first encoder's origin)
            self.expected_loss = wanted
            self.codec = self._open(wanted)
        return super().encode(frame, force_keyframe)


class AlignedPassThrough:
    """A resampler to 20 ms mono s16 frames that hands frames already in that form on as
    they are (the resampler's graph would copy them out unchanged, at ~16 us a frame).

    Once a frame needs the real resampler, every later frame goes through it too, since
    it may be holding the remainder of an earlier frame.
    """

    def __init__(self, resampler: AudioResampler) -> None:
        self._resampler = resampler
        self._passing = True

    def resample(self, frame: AudioFrame) -> list[AudioFrame]:
        if self._passing and _aligned(frame):
            return [frame]
        self._passing = False
        return self._resampler.resample(frame)


def _aligned(frame: AudioFrame) -> bool:
    return (
        frame.samples == FRAME_SIZE
        and frame.sample_rate == SAMPLE_RATE
        and frame.format.name == "s16"
        and frame.layout.name == "mono"
        and frame.time_base == TIME_BASE
    )


def negotiated_bitrate(codec: RTCRtpCodecParameters, ours: int) -> int:
    theirs = str(codec.parameters.get("maxaveragebitrate", ""))
    if theirs.isdigit() and 6000 <= int(theirs) <= 510000:
        return min(ours, int(theirs))
    return ours


def _get_encoder(codec: RTCRtpCodecParameters) -> Encoder:
    if codec.mimeType.lower() == "audio/opus":
        settings = _settings.get()
        bitrate = settings.bitrate if settings else DEFAULT_BITRATE
        return MonoOpusEncoder(negotiated_bitrate(codec, bitrate), settings)
    return _aiortc_get_encoder(codec)


aiortc.rtcrtpsender.get_encoder = _get_encoder  # type: ignore[attr-defined]


@contextlib.contextmanager
def opus_settings(settings: OpusSettings) -> Iterator[None]:
    """Encoders created by work started inside this block encode as *settings* say."""
    token = _settings.set(settings)
    try:
        yield
    finally:
        _settings.reset(token)


class FecPolicy:
    """The loss to tell the encoder (percent; 0 = FEC off) from the far end's cumulative
    lost/received packet counts, smoothed over a few reports. A few steps only, since each
    change reopens the encoder; off again once loss has stayed under 0.2 %."""

    STEPS = (5, 10, 20)

    def __init__(self) -> None:
        self.loss = 0.0  # smoothed fraction lost
        self.expected_loss = 0
        self._last = (0, 0)

    def update(self, lost: int, received: int) -> int:
        new_lost, new_received = max(0, lost - self._last[0]), max(0, received - self._last[1])
        if new_lost + new_received > 0:
            self.loss += (new_lost / (new_lost + new_received) - self.loss) * 0.3
        self._last = (lost, received)
        if self.loss >= 0.005 or (self.expected_loss and self.loss >= 0.002):
            percent = math.ceil(self.loss * 100)
            self.expected_loss = next((s for s in self.STEPS if percent <= s), self.STEPS[-1])
        else:
            self.expected_loss = 0
        return self.expected_loss
