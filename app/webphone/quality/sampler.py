"""Interval quality samples from aiortc's ``getStats()``.

aiortc's reports carry cumulative counters (packets received / lost / sent, bytes sent),
the receiver's interarrival jitter in RTP clock units, and what the far end's RTCP
receiver reports say about our stream (``remote-inbound-rtp``: its cumulative loss and
jitter, ``fractionLost`` in 1/256, ``roundTripTime`` in seconds). A sample is the
difference between two snapshots of those counters; "local" is what we receive,
"remote" is what the far end reports receiving from us. Audio levels are not in aiortc's
stats: they come from a callable the caller gives.

Snapshots never raise on odd reports: a missing report, a counter that went backwards
(a new peer connection or SSRC after call recovery) or an interval without packets gives
``None`` for the values it affects, and the new snapshot becomes the next baseline.
"""

from __future__ import annotations

import asyncio
import logging
import re
import statistics
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..media.sdp import clock_rates
from .mos import worst_mos
from .sample import QualitySample

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InboundCounters:
    ssrc: int | None
    packets_received: int
    packets_lost: int
    jitter: float  # RTP clock units


@dataclass(frozen=True)
class OutboundCounters:
    ssrc: int | None
    packets_sent: int
    bytes_sent: int


@dataclass(frozen=True)
class RemoteReport:
    """The far end's latest RTCP receiver report about our stream."""

    packets_received: int
    packets_lost: int
    jitter: float  # RTP clock units
    round_trip_time: float | None  # seconds; None until aiortc could estimate it
    fraction_lost: float  # 0..255 for the far end's last report interval


@dataclass(frozen=True)
class StatsSnapshot:
    """The counters of one ``getStats()`` call at monotonic time ``t``."""

    t: float
    inbound: InboundCounters | None = None
    outbound: OutboundCounters | None = None
    remote: RemoteReport | None = None

    @property
    def empty(self) -> bool:
        """True when the report had no RTP statistics at all (e.g. after DTLS closed)."""
        return self.inbound is None and self.outbound is None and self.remote is None


def _get(entry: Any, name: str) -> Any:
    """A field of a stats entry: an aiortc dataclass or a recorded JSON object."""
    if isinstance(entry, Mapping):
        return entry.get(name)
    return getattr(entry, name, None)


def _number(entry: Any, name: str) -> float | None:
    value = _get(entry, name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _count(entry: Any, name: str) -> int | None:
    value = _number(entry, name)
    return None if value is None or value < 0 else int(value)


def _ssrc(entry: Any) -> int | None:
    value = _get(entry, "ssrc")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def snapshot(report: Mapping[str, Any], t: float) -> StatsSnapshot:
    """The audio counters of a ``getStats()`` report (or a recorded copy of one)."""
    inbound: InboundCounters | None = None
    outbound: OutboundCounters | None = None
    remote: RemoteReport | None = None
    for entry in report.values():
        kind = _get(entry, "kind")
        if kind is not None and kind != "audio":
            continue
        stats_type = _get(entry, "type")
        if stats_type == "inbound-rtp":
            received, lost = _count(entry, "packetsReceived"), _number(entry, "packetsLost")
            jitter = _number(entry, "jitter")
            if received is not None and lost is not None and jitter is not None:
                inbound = InboundCounters(_ssrc(entry), received, int(lost), jitter)
        elif stats_type == "outbound-rtp":
            sent, sent_bytes = _count(entry, "packetsSent"), _count(entry, "bytesSent")
            if sent is not None and sent_bytes is not None:
                outbound = OutboundCounters(_ssrc(entry), sent, sent_bytes)
        elif stats_type == "remote-inbound-rtp":
            received, lost = _count(entry, "packetsReceived"), _number(entry, "packetsLost")
            jitter = _number(entry, "jitter")
            fraction = _number(entry, "fractionLost")
            if received is not None and lost is not None and jitter is not None:
                remote = RemoteReport(
                    received,
                    int(lost),
                    jitter,
                    _number(entry, "roundTripTime"),
                    fraction if fraction is not None else 0.0,
                )
    return StatsSnapshot(t, inbound, outbound, remote)


def _loss(lost: int, received: int) -> float | None:
    """Fraction of the expected packets that were lost; None when none were expected.
    Late packets can make the lost count go down: that interval lost nothing."""
    lost = max(0, lost)
    expected = lost + received
    if expected <= 0 or received < 0:
        return None
    return lost / expected


def _remote_loss(previous: RemoteReport | None, current: RemoteReport) -> float | None:
    if previous is not None:
        lost = current.packets_lost - previous.packets_lost
        received = current.packets_received - previous.packets_received
        if received > 0 or lost > 0:
            return _loss(lost, received)
    # No new receiver report in the interval: the far end's last one stands.
    return min(1.0, max(0.0, current.fraction_lost / 256))


def _inbound_deltas(
    previous: InboundCounters | None, current: InboundCounters | None
) -> tuple[int | None, float | None]:
    """(packets received, loss fraction) over the interval; None after a reset."""
    if previous is None or current is None or previous.ssrc != current.ssrc:
        return None, None
    received = current.packets_received - previous.packets_received
    if received < 0:
        return None, None
    return received, _loss(current.packets_lost - previous.packets_lost, received)


def _outbound_deltas(
    previous: OutboundCounters | None, current: OutboundCounters | None
) -> tuple[int | None, int | None]:
    if previous is None or current is None or previous.ssrc != current.ssrc:
        return None, None
    sent = current.packets_sent - previous.packets_sent
    sent_bytes = current.bytes_sent - previous.bytes_sent
    if sent < 0 or sent_bytes < 0:
        return None, None
    return sent, sent_bytes


def _ms(units: float, clock_rate: int) -> float:
    return units * 1000.0 / clock_rate


def interval_sample(
    previous: StatsSnapshot,
    current: StatsSnapshot,
    *,
    t: float,
    codec: str = "opus",
    clock_rate: int = 48000,
    levels: tuple[float | None, float | None] = (None, None),
) -> QualitySample:
    """The sample for the interval between two snapshots (``t``: seconds into the call).

    ``levels`` are the (local, remote) audio levels in dB over the interval.
    """
    received, loss_local = _inbound_deltas(previous.inbound, current.inbound)
    sent, sent_bytes = _outbound_deltas(previous.outbound, current.outbound)
    jitter_local = _ms(current.inbound.jitter, clock_rate) if current.inbound else None
    remote = current.remote
    jitter_remote = _ms(remote.jitter, clock_rate) if remote else None
    loss_remote = _remote_loss(previous.remote, remote) if remote else None
    rtt = remote.round_trip_time if remote else None
    rtt_ms = rtt * 1000.0 if rtt is not None else None
    return QualitySample(
        t=t,
        jitter_local_ms=jitter_local,
        jitter_remote_ms=jitter_remote,
        rtt_ms=rtt_ms,
        loss_local=loss_local,
        loss_remote=loss_remote,
        packets_sent=sent,
        packets_received=received,
        bytes_sent=sent_bytes,
        audio_level_local_db=levels[0],
        audio_level_remote_db=levels[1],
        mos=worst_mos(rtt_ms, jitter_local, loss_local, jitter_remote, loss_remote, codec),
        codec=codec,
    )


_MLINE = re.compile(r"^m=audio \S+ \S+ (\d+)", re.MULTILINE)


def negotiated_codec(answer_sdp: str | None) -> tuple[str, int]:
    """(codec name in lower case, RTP clock rate) of the first format of the answer's
    audio line: the codec both ends send. Opus at 48 kHz when it can't be told."""
    if answer_sdp:
        mline = _MLINE.search(answer_sdp)
        if mline is not None:
            payload_type = int(mline.group(1))
            name = re.search(rf"^a=rtpmap:{payload_type} ([^/\s]+)/", answer_sdp, re.MULTILINE)
            rate = clock_rates(answer_sdp).get(payload_type)
            if name is not None and rate:
                return name.group(1).lower(), rate
    return "opus", 48000


def answer_of(pc: Any) -> str | None:
    """The answer SDP of a peer connection (ours when we answered, else the far end's)."""
    for description in (pc.localDescription, pc.remoteDescription):
        if description is not None and description.type == "answer":
            return str(description.sdp)
    return None


LevelSource = Callable[[], tuple[float | None, float | None]]


class StatsSampler:
    """Polls a call's peer connection every ``interval`` seconds.

    ``on_sample`` gets each interval's sample; ``on_window`` (when given) gets a sample
    over the last ``window`` polls (the reference's 5 s sampling for mediaMetrics) with
    the mean of the polled levels, as the reference averages its 1 s level readings.
    ``pc_source`` is asked on every poll, so a call that moved to a new peer connection
    is followed (its counters restart: that interval is a new baseline).
    """

    def __init__(
        self,
        pc_source: Callable[[], Any],
        on_sample: Callable[[QualitySample], None],
        *,
        levels: LevelSource = lambda: (None, None),
        on_window: Callable[[QualitySample], None] | None = None,
        interval: float = 1.0,
        window: int = 5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._pc_source = pc_source
        self._on_sample = on_sample
        self._on_window = on_window
        self._levels = levels
        self.interval = interval
        self.window = window
        self._clock = clock
        self._start = clock()
        #: the latest snapshot that had statistics (kept when the stats vanish at the end)
        self.last: StatsSnapshot | None = None
        self._history: deque[StatsSnapshot] = deque(maxlen=window + 1)
        self._level_history: deque[tuple[float | None, float | None]] = deque(maxlen=window)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="stats")

    def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    async def _run(self) -> None:
        deadline = self._clock()
        while True:
            deadline += self.interval
            await asyncio.sleep(max(0.0, deadline - self._clock()))
            await self.poll()

    async def poll(self) -> QualitySample | None:
        """Take one snapshot; returns the interval's sample (None for a baseline)."""
        pc = self._pc_source()
        if pc is None:
            return None
        try:
            report = await pc.getStats()
        except Exception as exc:  # aiortc raises all sorts while a connection closes
            log.debug("getStats failed: %s", exc)
            return None
        current = snapshot(report, self._clock())
        if current.empty:
            return None  # DTLS closed: keep the last snapshot
        codec, rate = negotiated_codec(answer_of(pc))
        levels = self._levels()
        previous, self.last = self.last, current
        self._history.append(current)
        self._level_history.append(levels)
        if previous is None:
            return None
        t = current.t - self._start
        sample = interval_sample(
            previous, current, t=t, codec=codec, clock_rate=rate, levels=levels
        )
        self._on_sample(sample)
        if self._on_window is not None and len(self._history) == self.window + 1:
            window_sample = interval_sample(
                self._history[0],
                current,
                t=t,
                codec=codec,
                clock_rate=rate,
                levels=(
                    _mean([level[0] for level in self._level_history]),
                    _mean([level[1] for level in self._level_history]),
                ),
            )
            self._history.clear()
            self._history.append(current)
            self._level_history.clear()
            self._on_window(window_sample)
        return sample


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None
