"""One interval of call-quality measurements, as the sampler produces and everything reads.

A :class:`QualitySample` is the unit shared by the live sampler (getStats), the
mediaMetrics warnings (:mod:`webphone.quality.metrics`), the local insights database
(:mod:`webphone.quality.insights`) and the GUI's charts. Every numeric field may be
``None`` when the stack did not report it for this interval (no RTCP yet, no audio level
while muted, ...): consumers skip unknown values instead of treating them as zero.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QualitySample:
    """Measurements for one sampling interval of a call.

    ``local`` is what we receive; ``remote`` is what the far end reports (via RTCP
    receiver reports) about the stream we send. Loss is the fraction (0..1) of packets
    lost in this interval; packet and byte counts are deltas over the interval.
    """

    t: float  # seconds since the call's media connected
    jitter_local_ms: float | None = None
    jitter_remote_ms: float | None = None
    rtt_ms: float | None = None
    loss_local: float | None = None
    loss_remote: float | None = None
    packets_sent: int | None = None
    packets_received: int | None = None
    bytes_sent: int | None = None
    audio_level_local_db: float | None = None  # dBFS
    audio_level_remote_db: float | None = None  # dBFS
    mos: float | None = None
    codec: str = "opus"

    def as_dict(self) -> dict[str, Any]:
        """The fields by name (what the GUI's charts and the database read)."""
        return dataclasses.asdict(self)


FIELDS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(QualitySample))
"""Field names in declaration order (the insights database's sample columns)."""
