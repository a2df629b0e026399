"""Call setup through the same real Kamailio: Webphone -> Webphone versus JsSIP -> JsSIP
(two Chromium pages), measured in the same run.

Times run from the call request to the caller seeing the answer ("answered") and to the
caller's ICE connection being up ("media"). Browser events are timestamped when they
reach this process; the polling step is 1 ms. Target (issue #3): Webphone at most 0.25x
the browser pair's time.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from report import table, write_report
from tests.interop.browser import BrowserPeer, require_browser

from webphone.sdk import Client

RUNS = 5
TARGET_RATIO = 0.25


async def until(predicate: Callable[[], bool], timeout: float = 20) -> float:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise AssertionError("call setup did not complete")
        await asyncio.sleep(0.001)
    return time.perf_counter()


async def webphone_pair(kamailio: Any) -> list[tuple[float, float]]:
    caller = Client(
        {"debug": "ERROR"},
        server=kamailio.ws_url,
        domain=kamailio.domain,
        allowed_addresses=["127.0.0.1"],
    )
    callee = Client(
        {"debug": "ERROR"},
        server=kamailio.ws_url,
        domain=kamailio.domain,
        allowed_addresses=["127.0.0.1"],
    )
    callee.on("onIncomingCall", lambda *_: asyncio.ensure_future(callee.answer()))
    answered: list[float] = []
    media: list[float] = []
    caller.on("onCallAnswered", lambda _i: answered.append(time.perf_counter()))
    caller.on("onMediaConnected", lambda _i: media.append(time.perf_counter()))
    assert await callee.login("bob", kamailio.users["bob"])
    assert await caller.login("carol", kamailio.users["carol"])
    results = []
    try:
        for run in range(RUNS):
            start = time.perf_counter()
            assert await caller.call("bob")
            await until(lambda r=run: len(media) > r)
            results.append((answered[run] - start, media[run] - start))
            await caller.hangup()
            await asyncio.sleep(0.3)
    finally:
        await caller.close()
        await callee.close()
    return results


async def jssip_pair(kamailio: Any) -> list[tuple[float, float]]:
    callee, caller = await BrowserPeer.start(), await BrowserPeer.start()
    results = []
    try:
        for peer, user, auto in ((callee, "bob", True), (caller, "carol", False)):
            assert await peer.request(
                "start",
                {
                    "wsUrl": kamailio.ws_url,
                    "domain": kamailio.domain,
                    "user": user,
                    "password": kamailio.users[user],
                    "autoAnswer": auto,
                },
            )
        for run in range(RUNS):
            start = time.perf_counter()
            await caller.request("call", f"sip:bob@{kamailio.domain}")
            answered = await until(lambda r=run: len(caller.of("accepted")) > r)
            media = await until(
                lambda r=run: (
                    sum(
                        1 for d in caller.of("iceState") if d["state"] in ("connected", "completed")
                    )
                    > r
                )
            )
            results.append((answered - start, media - start))
            await caller.request("hangup")
            await until(lambda r=run: len(caller.of("ended")) > r)
            await asyncio.sleep(0.3)
    finally:
        await caller.close()
        await callee.close()
    return results


@pytest.mark.timeout(300)
async def test_call_setup(kamailio: Any, capsys: pytest.CaptureFixture[str]) -> None:
    require_browser()
    ours = await webphone_pair(kamailio)
    browsers = await jssip_pair(kamailio)

    def medians(samples: list[tuple[float, float]]) -> dict[str, float]:
        return {
            "answered_ms": statistics.median(s[0] for s in samples) * 1000,
            "media_ms": statistics.median(s[1] for s in samples) * 1000,
            "n": len(samples),
        }

    result: dict[str, Any] = {"webphone": medians(ours), "jssip_chromium": medians(browsers)}
    for key in ("answered_ms", "media_ms"):
        result[f"ratio_{key[:-3]}"] = result["webphone"][key] / result["jssip_chromium"][key]
    result["target_ratio"] = TARGET_RATIO
    result["meets_target"] = max(result["ratio_answered"], result["ratio_media"]) <= TARGET_RATIO
    path = write_report("call_setup", result)
    rows = [("pair", "call->answered ms", "call->media ms", "n")]
    for name in ("webphone", "jssip_chromium"):
        r = result[name]
        rows.append((name, f"{r['answered_ms']:.1f}", f"{r['media_ms']:.1f}", str(r["n"])))
    with capsys.disabled():
        print("\n" + table(rows))
        print(
            f"ratio answered {result['ratio_answered']:.2f}, media {result['ratio_media']:.2f}"
            f" (target <= {TARGET_RATIO}); written to {path}"
        )
    assert len(ours) == len(browsers) == RUNS
