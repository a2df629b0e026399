"""Call load: CPU per call-second at 1 and 10 concurrent calls, and the largest number of
concurrent echo calls whose audio keeps up with real time.

The measured process holds Webphone's leg of every call, as a softphone does; the echoing
far ends and the demo service run in a second process (load_peer.py). The peer measured
in the same run is stock aiortc: pairs of bare peer connections sending a tone, per leg.
Targets (issue #3): <= 5 % of one core per call; >= 20 concurrent echo calls.

The echo process's CPU is measured too: it holds as many legs as the measured process
(plus the demo service), so when the calls fall behind real time the report shows which
of the two ran out of core (``cores`` near 1.0 is a saturated event loop).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import psutil
import pytest
from report import table, write_report

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

MEASURE_SECONDS = 4.0
FRAME_SECONDS = 0.02
CPU_TARGET = 0.05
CAPACITY_TARGET = 20
#: The capacity ladder's steps past the 10 calls measured for CPU; it stops at the first
#: step that falls behind real time (REALTIME), so the result is the largest step kept.
LADDER = (20, 30, 40)
REALTIME = 0.95
PEER = Path(__file__).with_name("load_peer.py")


@asynccontextmanager
async def echo_peers(count: int) -> AsyncIterator[tuple[dict[str, str], psutil.Process]]:
    """A second process with a demo service and *count* echoing callees."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(PEER),
        "echo",
        str(count),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), 120)
        if not line:
            raise RuntimeError("the load peer process did not start")
        yield json.loads(line), psutil.Process(process.pid)
    finally:
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 20)
        except TimeoutError:
            process.kill()
            await process.wait()


async def start_calls(peer: dict[str, str], stack: AsyncExitStack, count: int) -> list[Client]:
    callers: list[Client] = []
    for i in range(count):
        caller = Client(
            {"debug": "ERROR"},
            server=peer["url"],
            domain=peer["domain"],
            allowed_addresses=["127.0.0.1"],
        )
        caller.audio_source_factory = lambda: GeneratedAudioTrack(440)
        stack.push_async_callback(caller.close)
        assert await caller.login(f"load-a{i}", "load-pw")
        connected = asyncio.Event()
        caller.on("onMediaConnected", lambda _info, _e=connected: _e.set())
        assert await caller.call(f"load-b{i}")
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
    async with echo_peers(count) as (peer, peer_process), AsyncExitStack() as stack:
        callers = await start_calls(peer, stack, count)
        frames_before = received_frames(callers)
        load = os.getloadavg()[0]
        peer_before = process_cpu(peer_process)
        cpu_before, wall_before = time.process_time(), time.perf_counter()
        await asyncio.sleep(MEASURE_SECONDS)
        cpu = time.process_time() - cpu_before
        wall = time.perf_counter() - wall_before
        peer_cpu = process_cpu(peer_process) - peer_before
        frames = [a - b for a, b in zip(received_frames(callers), frames_before, strict=True)]
    expected = wall / FRAME_SECONDS
    return {
        "calls": count,
        "cpu_per_call_second": cpu / (count * wall),
        "worst_realtime_ratio": min(frames) / expected,
        "cores": cpu / wall,
        "echo_process_cores": peer_cpu / wall,
        "load_average_before": load,
    }


def process_cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


async def stock_aiortc_per_leg(count: int) -> float:
    """CPU per leg-second of stock aiortc pairs; fails when their audio did not flow."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(PEER),
        "aiortc",
        str(count),
        str(MEASURE_SECONDS),
        stdout=subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    result = json.loads(out)
    assert result["realtime_ratio"] > 0.5, f"stock aiortc pairs' audio did not flow: {result}"
    return float(result["cpu_per_leg_second"])


@pytest.mark.timeout(600)
async def test_call_load(capsys: pytest.CaptureFixture[str]) -> None:
    results = [await measure(n) for n in (1, 10)]
    peer = {n: await stock_aiortc_per_leg(n) for n in (1, 10)}
    for r in results:
        r["stock_aiortc_cpu_per_leg_second"] = peer[int(r["calls"])]
        r["ratio_to_stock_aiortc"] = r["cpu_per_call_second"] / peer[int(r["calls"])]
    ladder: list[dict[str, float]] = []
    for calls in LADDER:
        if (ladder or results)[-1]["worst_realtime_ratio"] < REALTIME:
            break
        ladder.append(await measure(calls))
    capacity = max(
        (int(r["calls"]) for r in results + ladder if r["worst_realtime_ratio"] >= REALTIME),
        default=0,
    )
    data = {
        "cpu": results,
        "capacity_ladder": ladder,
        "sustained_concurrent_echo_calls": capacity,
        "targets": {"cpu_per_call_second": CPU_TARGET, "concurrent_calls": CAPACITY_TARGET},
        "note": "the measured process holds one leg per call; the echo peers run apart",
    }
    path = write_report("call_load", data)
    rows = [
        (
            "calls",
            "CPU/call-s",
            "stock aiortc/leg-s",
            "ratio",
            "worst real-time ratio",
            "cores (ours, echo process)",
            "load avg",
        )
    ]
    for r in results + ladder:
        rows.append(
            (
                str(r["calls"]),
                f"{r['cpu_per_call_second']:.3f}",
                f"{r.get('stock_aiortc_cpu_per_leg_second', float('nan')):.3f}",
                f"{r.get('ratio_to_stock_aiortc', float('nan')):.2f}",
                f"{r['worst_realtime_ratio']:.2f}",
                f"{r['cores']:.2f}, {r['echo_process_cores']:.2f}",
                f"{r['load_average_before']:.2f}",
            )
        )
    with capsys.disabled():
        print("\n" + table(rows))
        print(f"sustained concurrent echo calls: {capacity} (target >= {CAPACITY_TARGET})")
        print(f"written to {path}")
    assert all(r["worst_realtime_ratio"] > 0 for r in results), "audio flowed in every call"
