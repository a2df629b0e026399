"""A call's media settings and the negotiation error, apart from :mod:`.session` so the
SDK can hold and catch them without importing aiortc, PyAV and their crypto libraries
(~45 MB) before its first call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


class MediaError(Exception):
    """The SDP could not be negotiated (no common codec, malformed SDP, ...)."""


@dataclass
class MediaConfig:
    ice_servers: list[dict[str, object]] = field(default_factory=list)
    allowed_addresses: Sequence[str] | None = None
    codecs: Sequence[str] = ("OPUS", "PCMU")
    max_average_bitrate: int = 48000
    dscp: bool = True
    # Incoming audio goes to the decoder as it arrives and the playout queue is the jitter
    # buffer (see media/jitter.py); False keeps aiortc's own buffer, which latches high.
    pass_through_receive: bool = True
    # Seconds ICE gathering may take before the offer/answer goes out with what it has
    # (the Browser SDK's 2 s; None waits for every server, up to aioice's 5 s each).
    gathering_timeout: float | None = 2.0
