"""Opus as we decode it: libopus itself, so lost packets are rebuilt, not just skipped.

aiortc decodes Opus through PyAV, which has no way to ask libopus for loss concealment or
for the forward error correction (in-band FEC) a packet may carry for the one before it.
Our receive buffer (media/jitter.py) marks each packet with how many packets were lost
just before it; this decoder then has libopus recover the last of them from the packet's
FEC data (or conceal it when there is none) and conceal the earlier ones, before decoding
the packet itself. The frames come out mono, 48 kHz, each with its own timestamp.

libopus is the copy PyAV ships (or the system's); without it aiortc's decoder stays and
the playout queue conceals losses on its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fractions
import importlib.util
import logging
import sys
from pathlib import Path

import aiortc.rtcrtpreceiver
import numpy as np
from aiortc.codecs.base import Decoder
from aiortc.jitterbuffer import JitterFrame
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from av import AudioFrame
from av.frame import Frame

log = logging.getLogger(__name__)

SAMPLE_RATE = 48000
TIME_BASE = fractions.Fraction(1, SAMPLE_RATE)
MAX_FRAME = 5760  # 120 ms, the longest Opus packet
#: Losses longer than this are not rebuilt here (the playout queue fades out to silence).
MAX_RECOVERED = 5


class RecoverableFrame(JitterFrame):
    """An encoded packet and the number of packets lost right before it."""

    def __init__(self, data: bytes, timestamp: int, missing: int) -> None:
        super().__init__(data=data, timestamp=timestamp)
        self.missing = missing


def _library_candidates() -> list[str]:
    found: list[str] = []
    folders: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders += [Path(bundle), Path(bundle) / "av.libs", Path(bundle) / "av" / ".dylibs"]
    spec = importlib.util.find_spec("av")
    if spec is not None and spec.origin:
        package = Path(spec.origin).parent
        # where the wheels keep their bundled libraries (Linux, macOS, Windows)
        folders += [package.parent / "av.libs", package / ".dylibs", package]
    for folder in folders:
        if folder.is_dir():
            found += sorted(str(p) for p in folder.glob("*opus*") if ".so" in p.name)
            found += sorted(str(p) for p in folder.glob("*opus*.dylib"))
            found += sorted(str(p) for p in folder.glob("*opus*.dll"))
    system = ctypes.util.find_library("opus")
    if system:
        found.append(system)
    return found


def _load() -> ctypes.CDLL | None:
    for candidate in _library_candidates():
        try:
            lib = ctypes.CDLL(candidate)
            lib.opus_decoder_create.argtypes = [
                ctypes.c_int32,
                ctypes.c_int,
                ctypes.POINTER(ctypes.c_int),
            ]
        except (OSError, AttributeError):
            continue
        lib.opus_decoder_create.restype = ctypes.c_void_p
        lib.opus_decoder_destroy.argtypes = [ctypes.c_void_p]
        lib.opus_decoder_destroy.restype = None
        lib.opus_decode.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int32,
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_int,
        ]
        lib.opus_decode.restype = ctypes.c_int
        return lib
    log.warning("libopus not found: lost Opus packets are concealed by the playout only")
    return None


_lib = _load()


class RecoveringOpusDecoder(Decoder):
    """Decodes Opus to mono and rebuilds the packets a :class:`RecoverableFrame` says were
    lost (in-band FEC for the last one when the packet carries it, concealment else)."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        error = ctypes.c_int()
        self._state = lib.opus_decoder_create(SAMPLE_RATE, 1, ctypes.byref(error))
        if not self._state or error.value != 0:
            raise RuntimeError(f"opus_decoder_create failed ({error.value})")
        self._pcm = np.zeros(MAX_FRAME, dtype=np.int16)
        self._last = 960  # samples in the last packet: what a lost one is taken to hold

    def __del__(self) -> None:
        state, self._state = getattr(self, "_state", None), None
        if state:
            self._lib.opus_decoder_destroy(state)

    def decode(self, encoded_frame: JitterFrame) -> list[Frame]:
        frames: list[Frame] = []
        data = encoded_frame.data
        missing = min(getattr(encoded_frame, "missing", 0), MAX_RECOVERED)
        for back in range(missing, 0, -1):
            fec = back == 1  # only the packet just before this one can be in its FEC data
            frame = self._decode(data if fec else None, self._last, fec)
            if frame is not None:
                frame.pts = encoded_frame.timestamp - back * self._last
                frames.append(frame)
        frame = self._decode(data, MAX_FRAME, False)
        if frame is not None:
            frame.pts = encoded_frame.timestamp
            self._last = frame.samples
            frames.append(frame)
        return frames

    def _decode(self, data: bytes | None, samples: int, fec: bool) -> AudioFrame | None:
        count = self._lib.opus_decode(
            self._state, data, len(data) if data else 0, self._pcm.ctypes.data, samples, fec
        )
        if count <= 0:
            log.debug("opus_decode failed (%d)", count)
            return None
        frame = AudioFrame.from_ndarray(
            self._pcm[:count].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = SAMPLE_RATE
        frame.time_base = TIME_BASE
        return frame


_aiortc_get_decoder = aiortc.rtcrtpreceiver.get_decoder  # type: ignore[attr-defined]


def _get_decoder(codec: RTCRtpCodecParameters) -> Decoder:
    if _lib is not None and codec.mimeType.lower() == "audio/opus":
        return RecoveringOpusDecoder(_lib)
    return _aiortc_get_decoder(codec)


# aiortc's receiver looks get_decoder up in its own module when a call's media starts.
aiortc.rtcrtpreceiver.get_decoder = _get_decoder  # type: ignore[attr-defined]
