"""Interval samples from recorded aiortc ``getStats()`` reports (a real loopback call's
reports, recorded into data/aiortc_call_stats.json; edited copies for loss and resets)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from webphone.quality.mos import mos
from webphone.quality.sample import QualitySample
from webphone.quality.sampler import (
    StatsSampler,
    StatsSnapshot,
    interval_sample,
    negotiated_codec,
    snapshot,
)

RECORDED = json.loads((Path(__file__).parent / "data" / "aiortc_call_stats.json").read_text())
FIRST, SECOND, AFTER_CLOSE = RECORDED["snapshots"]


def entry(report: dict[str, Any], stats_type: str) -> dict[str, Any]:
    return next(e for e in report.values() if e["type"] == stats_type)


def edited(report: dict[str, Any], stats_type: str, **fields: Any) -> dict[str, Any]:
    copied = copy.deepcopy(report)
    entry(copied, stats_type).update(fields)
    return copied


def sample_between(first: dict[str, Any], second: dict[str, Any], **kw: Any) -> QualitySample:
    return interval_sample(snapshot(first, 0.0), snapshot(second, 5.0), t=5.0, **kw)


def test_recorded_call_interval() -> None:
    sample = sample_between(FIRST, SECOND)
    assert sample.packets_received == 448 - 198
    assert sample.packets_sent == 449 - 199
    assert sample.bytes_sent == 74747 - 31382
    assert sample.loss_local == 0.0 and sample.loss_remote == 0.0
    assert sample.jitter_local_ms == pytest.approx(10 / 48)  # 10 units of the 48 kHz clock
    assert sample.jitter_remote_ms == pytest.approx(13 / 48)
    assert sample.rtt_ms == pytest.approx(0.567447515553059)
    worse = min(mos(sample.rtt_ms, 10 / 48, 0.0), mos(sample.rtt_ms, 13 / 48, 0.0))
    assert sample.mos == pytest.approx(worse)
    assert sample.codec == "opus" and sample.t == 5.0


def test_loss_we_receive_is_lost_over_expected_in_the_interval() -> None:
    lossy = edited(SECOND, "inbound-rtp", packetsReceived=448 - 50, packetsLost=50)
    sample = sample_between(FIRST, lossy)
    assert sample.packets_received == 200
    assert sample.loss_local == pytest.approx(50 / 250)
    assert sample.mos is not None and sample.mos < mos(sample.rtt_ms or 0, 10 / 48, 0.0)


def test_loss_the_far_end_reports_comes_from_its_receiver_reports() -> None:
    lossy = edited(SECOND, "remote-inbound-rtp", packetsReceived=432 - 30, packetsLost=30)
    assert sample_between(FIRST, lossy).loss_remote == pytest.approx(30 / (402 - 138 + 30))
    # No new receiver report in the interval: its own fraction (in 1/256) stands.
    stale = edited(FIRST, "remote-inbound-rtp", fractionLost=64)
    assert sample_between(stale, stale).loss_remote == pytest.approx(0.25)


def test_late_packets_never_give_negative_loss() -> None:
    before = edited(FIRST, "inbound-rtp", packetsLost=10)
    assert sample_between(before, SECOND).loss_local == 0.0


def test_counters_going_back_start_a_new_baseline() -> None:
    # A new peer connection after call recovery: counters restart from zero.
    restarted = edited(SECOND, "inbound-rtp", packetsReceived=40, packetsLost=0)
    restarted = edited(restarted, "outbound-rtp", packetsSent=41, bytesSent=6000)
    sample = sample_between(FIRST, restarted)
    assert sample.packets_received is None and sample.loss_local is None
    assert sample.packets_sent is None and sample.bytes_sent is None
    assert sample.jitter_local_ms == pytest.approx(10 / 48), "a level, not a counter"
    other_ssrc = edited(SECOND, "inbound-rtp", ssrc=1234)
    assert sample_between(FIRST, other_ssrc).packets_received is None


def test_missing_reports_give_none_not_a_crash() -> None:
    only_outbound = {k: v for k, v in SECOND.items() if v["type"] == "outbound-rtp"}
    sample = sample_between(FIRST, only_outbound)
    assert sample.packets_sent == 250
    assert sample.jitter_local_ms is None and sample.rtt_ms is None
    assert sample.loss_local is None and sample.loss_remote is None and sample.mos is None
    assert snapshot({}, 1.0).empty
    junk = {
        "a": {"type": "inbound-rtp", "packetsReceived": "many", "packetsLost": None},
        "b": {"type": "outbound-rtp", "packetsSent": True, "bytesSent": -5},
        "c": "not a stats entry",
        "d": {"type": "inbound-rtp", "kind": "video", "packetsReceived": 1},
    }
    assert snapshot(junk, 1.0) == StatsSnapshot(1.0)


def test_no_rtt_estimate_yet_means_no_mos() -> None:
    early = edited(SECOND, "remote-inbound-rtp", roundTripTime=None)
    sample = sample_between(FIRST, early)
    assert sample.rtt_ms is None and sample.mos is None
    assert sample.jitter_remote_ms == pytest.approx(13 / 48)


def test_pcmu_jitter_is_in_8_khz_units() -> None:
    sdp = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
    assert negotiated_codec(sdp) == ("pcmu", 8000)
    assert negotiated_codec(RECORDED["answer_sdp"]) == ("opus", 48000)
    assert negotiated_codec(None) == ("opus", 48000)
    assert negotiated_codec("m=audio 9 RTP/AVP 99\r\n") == ("opus", 48000)
    sample = sample_between(FIRST, SECOND, codec="pcmu", clock_rate=8000)
    assert sample.jitter_local_ms == pytest.approx(10 / 8) and sample.codec == "pcmu"


class _Description:
    def __init__(self, sdp: str, kind: str) -> None:
        self.sdp, self.type = sdp, kind


class ReplayedConnection:
    """Answers getStats() with the recorded reports in turn (then raises, as a closing
    peer connection may)."""

    def __init__(self, reports: list[dict[str, Any]]) -> None:
        self.reports = list(reports)
        self.localDescription = None
        self.remoteDescription = _Description(RECORDED["answer_sdp"], "answer")

    async def getStats(self) -> dict[str, Any]:
        if not self.reports:
            raise ConnectionError("closed")
        return self.reports.pop(0)


async def test_sampler_polls_baseline_then_intervals_and_windows() -> None:
    # Six polls one "second" apart: the first is the baseline, the sixth closes a window.
    steps = [
        edited(FIRST, "inbound-rtp", packetsReceived=198 + 50 * i, packetsLost=2 * i)
        for i in range(6)
    ]
    pc = ReplayedConnection([*steps, {}, steps[-1]])
    now = [0.0]
    samples: list[QualitySample] = []
    windows: list[QualitySample] = []
    levels = iter([(-20.0, -100.0), (-30.0, -100.0)] * 5)
    sampler = StatsSampler(
        lambda: pc,
        samples.append,
        levels=lambda: next(levels),
        on_window=windows.append,
        clock=lambda: now[0],
    )
    for _ in range(6):
        now[0] += 1.0
        await sampler.poll()
    assert len(samples) == 5 and len(windows) == 1
    assert samples[0].packets_received == 50 and samples[0].loss_local == pytest.approx(2 / 52)
    assert [s.t for s in samples] == [2.0, 3.0, 4.0, 5.0, 6.0]  # since the sampler started
    window = windows[0]
    assert window.packets_received == 250 and window.loss_local == pytest.approx(10 / 260)
    assert window.audio_level_remote_db == -100.0
    assert window.audio_level_local_db == pytest.approx((-30 - 20 - 30 - 20 - 30) / 5)
    last = sampler.last
    assert await sampler.poll() is None, "stats vanished: no sample"
    assert sampler.last is last, "the last snapshot is kept"
    assert (await sampler.poll()) is not None
    assert await sampler.poll() is None, "getStats raising is not a crash"
    assert await StatsSampler(lambda: None, samples.append).poll() is None
