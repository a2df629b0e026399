"""Call load in one headless process: CPU per call-second at 1 and 10 concurrent calls, and
the largest number of concurrent echo calls whose audio keeps up with real time.

Both legs of every call (caller and echoing callee) run in this one process over the
embedded demo service, so the CPU figures are per *leg*; a call costs two legs here.
Targets (issue #3): <= 5 % of one core per call; >= 20 concurrent echo calls.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack

import pytest
from report import table, write_report

from webphone.demo import DemoService
from webphone.media.tracks import EchoTrack, GeneratedAudioTrack
from webphone.sdk import Client

MEASURE_SECONDS = 4.0
FRAME_SECONDS = 0.02
CPU_TARGET = 0.05
CAPACITY_TARGET = 20


async def start_calls(demo: DemoService, stack: AsyncExitStack, count: int) -> list[Client]:
    callers: list[Client] = []
    for i in range(count):
        caller_name, callee_name = f"load-a{i}", f"load-b{i}"
        demo.accounts[caller_name] = demo.accounts[callee_name] = "load-pw"
        caller = Client(
            {"debug": "ERROR"}, server=demo.url, domain=demo.domain, allowed_addresses=["127.0.0.1"]
        )
        callee = Client(
            {"debug": "ERROR"}, server=demo.url, domain=demo.domain, allowed_addresses=["127.0.0.1"]
        )
        caller.audio_source_factory = lambda: GeneratedAudioTrack(440)
        callee.audio_source_factory = EchoTrack
        callee.on("onIncomingCall", lambda *_a, _c=callee: asyncio.ensure_future(_c.answer()))
        for client in (caller, callee):
            stack.push_async_callback(client.close)
        assert await callee.login(callee_name, "load-pw")
        assert await caller.login(caller_name, "load-pw")
        connected = asyncio.Event()
        caller.on("onMediaConnected", lambda _info, _e=connected: _e.set())
        assert await caller.call(callee_name)
        await asyncio.wait_for(connected.wait(), 20)
        callers.append(caller)
    await asyncio.sleep(1.0)  # let jitter buffers settle
    return callers


def received_frames(clients: list[Client]) -> list[int]:
    frames = []
    for client in clients:
        session = client.get_current_session()
        frames.append(session.media.meter.frames if session and session.media else 0)
    return frames


async def measure(count: int) -> dict[str, float]:
    async with DemoService() as demo, AsyncExitStack() as stack:
        callers = await start_calls(demo, stack, count)
        frames_before = received_frames(callers)
        cpu_before, wall_before = time.process_time(), time.perf_counter()
        await asyncio.sleep(MEASURE_SECONDS)
        cpu = time.process_time() - cpu_before
        wall = time.perf_counter() - wall_before
        frames = [a - b for a, b in zip(received_frames(callers), frames_before, strict=True)]
    expected = wall / FRAME_SECONDS
    return {
        "calls": count,
        "cpu_per_leg_second": cpu / (2 * count * wall),
        "cpu_per_call_second": cpu / (count * wall),
        "worst_realtime_ratio": min(frames) / expected,
    }


@pytest.mark.timeout(600)
async def test_call_load(capsys: pytest.CaptureFixture[str]) -> None:
    results = [await measure(n) for n in (1, 10)]
    ladder = [await measure(20)] if results[-1]["worst_realtime_ratio"] >= 0.95 else []
    capacity = max(
        (int(r["calls"]) for r in results + ladder if r["worst_realtime_ratio"] >= 0.95), default=0
    )
    data = {
        "cpu": results,
        "capacity_ladder": ladder,
        "sustained_concurrent_echo_calls": capacity,
        "targets": {"cpu_per_call_second": CPU_TARGET, "concurrent_calls": CAPACITY_TARGET},
        "note": "both legs of each call run in the measured process",
    }
    path = write_report("call_load", data)
    rows = [("calls", "CPU/call-s", "CPU/leg-s", "worst real-time ratio")]
    for r in results + ladder:
        rows.append(
            (
                str(r["calls"]),
                f"{r['cpu_per_call_second']:.3f}",
                f"{r['cpu_per_leg_second']:.3f}",
                f"{r['worst_realtime_ratio']:.2f}",
            )
        )
    with capsys.disabled():
        print("\n" + table(rows))
        print(f"sustained concurrent echo calls: {capacity} (target >= {CAPACITY_TARGET})")
        print(f"written to {path}")
    assert all(r["worst_realtime_ratio"] > 0 for r in results), "audio flowed in every call"
