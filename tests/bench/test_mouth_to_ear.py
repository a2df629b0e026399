"""Mouth-to-ear latency, round trip: chirps played into the virtual microphone go through
Webphone (real PortAudio streams on the PulseAudio rig), Kamailio and an echoing Webphone
peer, and come back out of the virtual speaker; each chirp is found in what the
microphone's feed and the speaker played by cross-correlation. Measured before and after
one packet lost on our receive side.

The peer measured in the same run: the same clients with aiortc's default receive jitter
buffer (ours and the echo peer's). Target (issue #4): <= 120 ms round trip on loopback
(aiortc's defaults ~180 ms, ~380 ms after a loss).

The microphone feed and the speaker are both recorded from their sinks' monitors by
``parec`` at 10 ms latency, so a delay is good to about +-10 ms. Audio processing is off
(the chirps would be changed by noise suppression and AGC; the APM adds no delay of its
own beyond its 10 ms frames, which the capture blocks already are).
"""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

import numpy as np
import pytest
from report import table, write_report
from scipy.signal import chirp, correlate, find_peaks
from tests.rig.playout_probe import ReceiveLoss, StockReceiveClient
from tests.rig.pulse import PulseServer

from webphone.media.tracks import EchoTrack
from webphone.sdk import Client

RATE = 48000
INTERVAL = 1.0  # s between chirps (longer than any delay measured)
CHIRPS = 16
LOSS_AFTER = 6  # chirps before the lost packet
TARGET_MS = 120.0
CONSTRAINTS = {"echoCancellation": False, "noiseSuppression": False, "autoGainControl": False}


def chirp_signal() -> tuple[np.ndarray, np.ndarray]:
    """(one 30 ms chirp, the whole microphone signal: a chirp every INTERVAL)."""
    t = np.arange(int(0.03 * RATE)) / RATE
    one = chirp(t, f0=600, f1=5000, t1=t[-1]) * np.hanning(len(t)) * 16000
    signal = np.zeros(int((CHIRPS + 1) * INTERVAL * RATE))
    for k in range(CHIRPS):
        start = int((0.5 + k * INTERVAL) * RATE)
        signal[start : start + len(one)] = one
    return one, signal.astype(np.int16)


def chirp_positions(recording: np.ndarray, one: np.ndarray) -> np.ndarray:
    score = correlate(recording.astype(np.float64), one, mode="valid", method="fft")
    energy = float(np.dot(one, one))
    peaks, _ = find_peaks(score, height=0.25 * energy, distance=int(0.5 * INTERVAL * RATE))
    return peaks


async def round_trips(
    pulse: PulseServer, kamailio: Any, *, ours: bool
) -> tuple[list[float | None], list[float]]:
    """(delay (s) of each chirp, None where it did not come back; our playout queue's
    depth (ms) sampled every 100 ms)."""

    def client(options: dict[str, Any] | None = None, **backend: str) -> Client:
        kind = Client if ours else StockReceiveClient
        where = {"server": kamailio.ws_url, "domain": kamailio.domain}
        return kind(options, allowed_addresses=["127.0.0.1"], **where, **backend)

    phone = client({"audioConstraints": CONSTRAINTS}, audio_backend="pulse")
    echo = client()
    echo.audio_source_factory = EchoTrack
    echo.on("onIncomingCall", lambda *_: asyncio.ensure_future(echo.answer()))
    connected = asyncio.Event()
    phone.on("onMediaConnected", lambda *_: connected.set())
    one, signal = chirp_signal()
    try:
        assert await phone.login("alice", kamailio.users["alice"])
        assert await echo.login("bob", kamailio.users["bob"])
        assert await phone.call("bob")
        await asyncio.wait_for(connected.wait(), 20)
        session = phone.calls.current
        assert session is not None and session.media is not None
        loss = ReceiveLoss(session.media.pc.getTransceivers()[0].receiver.transport)
        await asyncio.sleep(2.0)  # let both ends settle
        depths: list[float] = []

        async def sample_depth() -> None:
            while True:
                depths.append(phone.audio.engine.playout_delay_ms)
                await asyncio.sleep(0.1)

        sampler = asyncio.ensure_future(sample_depth())
        marks = pulse.mark("mic_a_feed"), pulse.mark("speaker_a")
        pulse.play("mic_a", signal)
        await asyncio.sleep(0.5 + LOSS_AFTER * INTERVAL + 0.3)
        loss.drop.add(loss.received + 1)
        await asyncio.sleep((CHIRPS - LOSS_AFTER) * INTERVAL + 0.5)
        sampler.cancel()
        assert len(loss.dropped_at) == 1
    finally:
        await phone.close()
        await echo.close()
    spoken = chirp_positions(pulse.played("mic_a_feed", marks[0]), one)
    heard = chirp_positions(pulse.played("speaker_a", marks[1]), one)
    assert len(spoken) == CHIRPS, f"{len(spoken)} chirps went into the microphone"
    delays: list[float | None] = []
    for position in spoken:
        back = heard[(heard > position) & (heard < position + INTERVAL * RATE)]
        delays.append((back[0] - position) / RATE if len(back) else None)
    return delays, depths


def summary(measured: tuple[list[float | None], list[float]]) -> dict[str, Any]:
    delays, depths = measured

    def median_ms(part: list[float | None]) -> float | None:
        found = [d for d in part if d is not None]
        return statistics.median(found) * 1000 if found else None

    return {
        "before_loss_ms": median_ms(delays[1:LOSS_AFTER]),
        "after_loss_ms": median_ms(delays[-4:]),
        "delays_ms": [None if d is None else round(d * 1000, 1) for d in delays],
        "missing": sum(d is None for d in delays),
        # our queue's share, averaged per second (the rest is devices, codec and network)
        "playout_queue_ms": [
            round(statistics.mean(depths[i : i + 10]), 1) for i in range(0, len(depths), 10)
        ],
    }


@pytest.mark.timeout(300)
async def test_mouth_to_ear_round_trip(
    pulse: PulseServer, kamailio: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {
        "webphone": summary(await round_trips(pulse, kamailio, ours=True)),
        "aiortc jitter buffer": summary(await round_trips(pulse, kamailio, ours=False)),
    }
    path = write_report(
        "mouth_to_ear",
        {"target_ms": TARGET_MS, "results": results, "path": "mic → Kamailio → echo → speaker"},
    )

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f}"

    rows = [("receive pipeline", "round trip ms", "after one loss ms", "target ms", "lost")]
    for name, r in results.items():
        rows.append(
            (
                name,
                cell(r["before_loss_ms"]),
                cell(r["after_loss_ms"]),
                f"{TARGET_MS:.0f}",
                str(r["missing"]),
            )
        )
    with capsys.disabled():
        print("\n" + table(rows))
        print(f"written to {path}")
    for r in results.values():
        assert r["missing"] <= 2, "the chirps came back"
