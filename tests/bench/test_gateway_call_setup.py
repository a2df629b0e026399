"""Call setup through the WebRTC gateway (Kamailio + rtpengine, tests/rig/gateway.py) to a
plain SIP phone: Webphone -> baresip versus JsSIP in Chromium -> the same baresip, in the
same run (issue 15).

The gateway terminates ICE and DTLS-SRTP for the WebSocket side and offers plain RTP to
the phone, so this is the setup a user of a real deployment waits for, unlike
test_call_setup.py where both ends are WebRTC peers. baresip answers at once
(answermode=auto), so both callers wait only for the gateway, the phone and themselves.

Times run from the call request to the caller seeing the answer ("answered") and to the
caller's ICE connection being up ("media": Webphone's onMediaConnected, the page's
iceconnectionstatechange to connected/completed). Browser events are timestamped when
their line reaches this process (no polling step). No timed asserts: the report gives
the medians and the ratio Webphone/JsSIP.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from report import table, write_report
from tests.interop.browser import BrowserPeer, require_browser
from tests.rig.gateway import Baresip, Gateway, tone, write_wav

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = pytest.mark.kamailio

RUNS = 3
LONG_RUNS = 20
RATE = 48000
STEP_TIMEOUT = 15.0
PHONE = "desk"


class Stamped(list[tuple[str, dict[str, Any]]]):
    """BrowserPeer's event list with the arrival time of each event: its reader appends
    every page event here, so the times are exact and waiting needs no polling."""

    def __init__(self, items: list[tuple[str, dict[str, Any]]]) -> None:
        super().__init__(items)
        self.times = [time.perf_counter() for _ in items]
        self.changed = asyncio.Event()

    def append(self, item: tuple[str, dict[str, Any]]) -> None:
        self.times.append(time.perf_counter())
        super().append(item)
        self.changed.set()

    async def first(self, match: Callable[[str, dict[str, Any]], bool], after: int) -> int:
        """Index of the first event from *after* on that *match* accepts, once it came."""
        async with asyncio.timeout(STEP_TIMEOUT):
            while True:
                for index in range(after, len(self)):
                    if match(*self[index]):
                        return index
                self.changed.clear()
                await self.changed.wait()


class Marks:
    """Times of a Webphone event, with a wake-up for whoever waits for the next one."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._changed = asyncio.Event()

    def __call__(self, *_args: Any) -> None:
        self.times.append(time.perf_counter())
        self._changed.set()

    async def count(self, n: int) -> float:
        async with asyncio.timeout(STEP_TIMEOUT):
            while len(self.times) < n:
                self._changed.clear()
                await self._changed.wait()
        return self.times[n - 1]


@pytest.fixture
async def desk(plain_phones: Callable[..., Any], tmp_path: Path) -> AsyncIterator[Baresip]:
    """The plain phone both callers call. baresip hangs up when its WAV source ends, and
    each call restarts it: 30 s outlasts any one call here."""
    source = write_wav(tmp_path / "desk.wav", tone(1000.0, 30, RATE), RATE)
    yield await plain_phones(PHONE, source)


async def webphone_calls(gateway: Gateway, phone: Baresip, runs: int) -> list[tuple[float, float]]:
    client = Client(
        {"debug": "ERROR"},
        server=gateway.ws_url,
        domain=gateway.domain,
        allowed_addresses=["127.0.0.1"],
    )
    # A generated tone, like Chromium's fake microphone: no sound device on the path.
    client.audio_source_factory = lambda: GeneratedAudioTrack(600.0, 0.3)
    answered, media = Marks(), Marks()
    client.on("onCallAnswered", answered)
    client.on("onMediaConnected", media)
    results = []
    try:
        assert await client.login("alice", gateway.users["alice"])
        closed = len(phone.of("CALL_CLOSED"))
        for run in range(1, runs + 1):
            start = time.perf_counter()
            assert await client.call(PHONE)
            results.append((await answered.count(run) - start, await media.count(run) - start))
            assert await client.hangup()
            # The next call starts only once the phone has let go of this one.
            closed += 1
            await phone.event("CALL_CLOSED", closed)
    finally:
        await client.close()
    return results


async def jssip_calls(gateway: Gateway, phone: Baresip, runs: int) -> list[tuple[float, float]]:
    peer = await BrowserPeer.start()
    results = []
    try:
        assert await peer.request(
            "start",
            {
                "wsUrl": gateway.ws_url,
                "domain": gateway.domain,
                "user": "bob",
                "password": gateway.users["bob"],
                "autoAnswer": False,
            },
        )
        events = peer.events = Stamped(peer.events)
        closed = len(phone.of("CALL_CLOSED"))
        for _ in range(runs):
            mark = len(events)
            start = time.perf_counter()
            await peer.request("call", gateway.uri(PHONE))
            accepted = await events.first(lambda n, _d: n == "accepted", mark)
            connected = await events.first(
                lambda n, d: n == "iceState" and d["state"] in ("connected", "completed"), mark
            )
            results.append((events.times[accepted] - start, events.times[connected] - start))
            await peer.request("hangup")
            await events.first(lambda n, _d: n == "ended", mark)
            closed += 1
            await phone.event("CALL_CLOSED", closed)
    finally:
        await peer.close()
    return results


def medians(samples: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "answered_ms": statistics.median(s[0] for s in samples) * 1000,
        "media_ms": statistics.median(s[1] for s in samples) * 1000,
        "n": len(samples),
    }


@pytest.mark.timeout(120)
async def test_gateway_call_setup(
    gateway: Gateway,
    desk: Baresip,
    long_mode: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    require_browser()
    runs = LONG_RUNS if long_mode else RUNS
    ours = await webphone_calls(gateway, desk, runs)
    browser = await jssip_calls(gateway, desk, runs)

    result: dict[str, Any] = {
        "callee": "baresip (auto-answer) behind Kamailio + rtpengine",
        "webphone": medians(ours),
        "jssip_chromium": medians(browser),
    }
    for key in ("answered_ms", "media_ms"):
        result[f"ratio_{key[:-3]}"] = result["webphone"][key] / result["jssip_chromium"][key]
    path = write_report("gateway_call_setup", result)
    rows: list[tuple[str, ...]] = [
        ("caller -> plain phone", "call->answered ms", "call->media ms", "n")
    ]
    for name in ("webphone", "jssip_chromium"):
        r = result[name]
        rows.append((name, f"{r['answered_ms']:.1f}", f"{r['media_ms']:.1f}", str(r["n"])))
    with capsys.disabled():
        print("\n" + table(rows))
        print(
            f"ratio Webphone/JsSIP: answered {result['ratio_answered']:.2f}, "
            f"media {result['ratio_media']:.2f}; written to {path}"
        )
    assert len(ours) == len(browser) == runs
    assert path.is_file()
