"""A call kept up by session-timer refreshes through the WebRTC gateway (issue 15): three
minutes with ``--long``, 22 s in CI.

The callee is SIPp behind Kamailio and rtpengine, with a 10 s session timer
(``Session-Expires: 10``), so one refresh every 5 s (half the interval, RFC 4028 §10)
for the whole call, and it streams a 1200 Hz PCMU tone throughout. Two variants:

- ``webphone`` (tests/rig/sipp/uas_timer_refresh_loop.xml): the callee's 200 OK requires
  the timer refreshed by the caller (``refresher=uac``) and allows UPDATE, so Webphone
  sends the refreshes; the callee counts them and ends the session with BYE if one is
  more than 10 s late.
- ``callee`` (uas_timer_callee_refreshes_loop.xml): the callee keeps the refresher role
  (``refresher=uas``) and sends an UPDATE every 5 s; Webphone answers each and must not
  end the call as expired. ``--long`` only: CI has two such refreshes in test_gateway.py.

Asserted, as a user would notice: the call lasts until we hang up (no BYE from the
callee, no ``onCallTerminated``); the callee saw the refreshes the interval calls for
(one per 5 s of call, give or take one), each keeping ``refresher=uac`` (the UPDATE's
sender refreshes); and the callee's tone is decoded in every 5 s window of the call, the
last one included, so no refresh interrupted the audio.

Measured here (2 shared cores): CI's 22 s, 4 refreshes by Webphone, every window at
1200 Hz; 3 minutes, 35 refreshes by Webphone / 35 by the callee, every window at 1200 Hz.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from av import AudioFrame, AudioResampler
from report import table, write_report
from tests.rig.gateway import Gateway, SippUas, tone, ulaw_encode

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]

RATE = 48000
SIPP_TONE = 1200.0
#: The scenario's Session-Expires; Webphone refreshes at half of it.
INTERVAL = 10.0
WINDOW = 5.0
#: A 0.3 full-scale tone is ~6950 RMS; PCMU and resampling keep most of it.
MIN_RMS = 2000.0
CI_SECONDS = 22.0
LONG_SECONDS = 180.0


def dominant(samples: np.ndarray) -> tuple[float, float]:
    """(frequency of the strongest FFT bin, RMS) of 48 kHz int16 mono audio."""
    x = samples.astype(np.float64)
    rms = float(np.sqrt(np.mean(x * x))) if x.size else 0.0
    if x.size < 1024:
        return 0.0, rms
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(np.argmax(spectrum) * RATE / x.size), rms


class Caller:
    """Webphone logged in at the gateway, recording what it decodes with arrival times."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway
        self.client = Client(
            None, server=gateway.ws_url, domain=gateway.domain, allowed_addresses=["127.0.0.1"]
        )
        self.client.audio_source_factory = lambda: GeneratedAudioTrack(600.0, 0.3)
        self.events: dict[str, list[tuple[float, tuple[Any, ...]]]] = {}
        for name in ("onCallAnswered", "onMediaConnected", "onCallTerminated", "onCallFailed"):
            self.client.on(name, lambda *a, _n=name: self._seen(_n, a))
        self.frames: list[tuple[float, np.ndarray]] = []
        self._resampler = AudioResampler(format="s16", layout="mono", rate=RATE)
        self.client.remote_audio_listeners.append(self._record)
        self.changed = asyncio.Event()

    def _seen(self, name: str, args: tuple[Any, ...]) -> None:
        self.events.setdefault(name, []).append((time.monotonic(), args))
        self.changed.set()

    def _record(self, frame: AudioFrame) -> None:
        now = time.monotonic()
        for out in self._resampler.resample(frame):
            self.frames.append((now, out.to_ndarray().reshape(-1).copy()))

    async def seen(self, name: str, timeout: float = 10) -> float:
        """When *name* first came, waiting up to *timeout* s for it."""
        async with asyncio.timeout(timeout):
            while name not in self.events:
                self.changed.clear()
                await self.changed.wait()
        return self.events[name][0][0]

    def audio(self, start: float, end: float = math.inf) -> np.ndarray:
        chunks = [samples for t, samples in self.frames if start <= t < end]
        return np.concatenate(chunks) if chunks else np.zeros(0, np.int16)


@pytest.fixture
async def caller(gateway: Gateway) -> AsyncIterator[Caller]:
    phone = Caller(gateway)
    assert await phone.client.login("alice", gateway.users["alice"])
    yield phone
    await phone.client.close()


@dataclass(frozen=True)
class Refresher:
    """Who refreshes: the callee's scenario, its user, how it logs one refresh (the
    Session-Expires of the refresh Webphone sent, or of Webphone's 200 to the callee's)
    and what marks a failed one."""

    scenario: str
    user: str
    prefix: str
    line: str
    failed: str


REFRESHERS = {
    # Webphone refreshes (the callee's 200 says refresher=uac): counted by the callee.
    "webphone": Refresher(
        "uas_timer_refresh_loop",
        "longtimer",
        "refresh by",
        "refresh by UPDATE, Session-Expires: 10;refresher=uac",
        "missing",
    ),
    # The callee refreshes with UPDATEs (refresher=uas in its 200), Webphone answers them
    # and must not end the call as expired: accepted refreshes counted by the callee.
    "callee": Refresher(
        "uas_timer_callee_refreshes_loop",
        "longrefresher",
        "refresh accepted",
        "refresh accepted, Session-Expires: 10;refresher=uac",
        "refused|unanswered",
    ),
}


@pytest.mark.parametrize("who", list(REFRESHERS))
async def test_session_timer_refreshes_keep_a_long_call_and_its_audio(
    who: str,
    caller: Caller,
    sipp_uas: Any,
    tmp_path: Path,
    long_mode: bool,
) -> None:
    if who == "callee" and not long_mode:
        pytest.skip("--long only: CI has the callee's refreshes in test_gateway.py (2 of 6 s)")
    refresher = REFRESHERS[who]
    seconds = LONG_SECONDS if long_mode else CI_SECONDS
    audio = tmp_path / "audio.ulaw"
    audio.write_bytes(ulaw_encode(tone(SIPP_TONE, 10, 8000)))
    # SIPp's own run limit must outlast the call; its user stays registered for 300 s.
    callee: SippUas = sipp_uas(
        refresher.scenario, refresher.user, audio, run_timeout=int(seconds) + 60
    )
    assert await caller.client.call(refresher.user)
    answered = await caller.seen("onCallAnswered")
    await caller.seen("onMediaConnected", timeout=5)
    await callee.logged("answered")

    # The call runs; a BYE from either side before the end fails at once.
    end = answered + seconds
    while time.monotonic() < end:
        assert "onCallTerminated" not in caller.events, (
            f"call ended after {time.monotonic() - answered:.1f} s: "
            f"{caller.events['onCallTerminated']}; callee: {callee.lines()}"
        )
        await asyncio.sleep(min(1.0, max(0.0, end - time.monotonic())))  # the call's length
    lasted = time.monotonic() - answered
    assert await caller.client.hangup()
    await callee.logged("BYE received")

    lines = callee.lines()
    refreshes = [line for line in lines if line.startswith(refresher.prefix)]
    assert not any(re.search(refresher.failed, line) for line in lines), lines
    expected = int(lasted // (INTERVAL / 2))
    assert expected - 1 <= len(refreshes) <= expected + 1, (
        f"{len(refreshes)} refreshes in {lasted:.1f} s, expected {expected} (one per "
        f"{INTERVAL / 2:.0f} s): {lines}"
    )
    for line in refreshes:
        assert " ".join(line.split()) == refresher.line, line

    windows: list[tuple[float, float, float]] = []
    start = answered
    while start + WINDOW <= answered + lasted + 0.01:
        freq, rms = dominant(caller.audio(start, start + WINDOW))
        windows.append((start - answered, freq, rms))
        start += WINDOW
    bad = [w for w in windows if not (w[2] > MIN_RMS and abs(w[1] - SIPP_TONE) < 15)]
    assert windows and not bad, (
        f"the callee's {SIPP_TONE:.0f} Hz tone missing in windows (s, Hz, RMS): {bad}"
    )

    rows = [
        ("", "value"),
        ("call length", f"{lasted:.1f} s"),
        ("refreshes seen by the callee", str(len(refreshes))),
        ("expected (one per 5 s)", str(expected)),
        (f"{WINDOW:.0f} s windows with the tone", f"{len(windows)} of {len(windows)}"),
    ]
    print(table(rows))
    write_report(
        f"session_timer_call_{who}_refreshes",
        {"seconds": lasted, "refreshes": len(refreshes), "windows": len(windows)},
    )
