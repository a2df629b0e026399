"""``Client.close()`` leaves nothing running, cycle after cycle (issue 17's acceptance):
in one process, a fresh ``Client`` logs in to the embedded demo service, calls the echo
bot (answered, media connected), hangs up and closes; N times (CI: 20, ``--long``: 200).
An async ``onLogin`` listener of the app's is still awaiting when it closes.

After each close, once the far end (the echo bot, in this process too) has torn its side
of the call down, the process's asyncio tasks, threads, open fds and live peer
connections (``RTCPeerConnection`` and our ``MediaSession``, both sides) must equal the
baseline taken after a warm-up cycle (which loads the media stack, and may start
process-wide threads); RSS may rise by :data:`MAX_RSS_RISE_MB` from the first tenth of the
cycles to the last (means). Reported: those first/last-decile figures, JSON and table.

Measured here (2 shared cores): 20 cycles in 4-8 s, RSS +0.4 MB; 200 cycles in 40 s, RSS
130.6 -> 133.7 MB (+3.1), and after every close 63 tasks (the service's and the bots'),
1 thread, 30 fds, no peer connection: the baseline. The RSS rise is the SIP transactions
of the last 32 s (RFC 6026 Timer L/M) in this process's service, bots and clients:
tracemalloc shows +1.4 MB of SIP messages over 100 cycles, +0.1 MB once 40 s passed.
Before the client had one task owner, the app's listener task outlived each close: 65.5
-> 83.5 tasks over 20 cycles, RSS +2 MB.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from report import table, write_report

from webphone.demo.environment import DemoEnvironment, start_demo
from webphone.sdk import Client

#: How much RSS may rise from the first decile of cycles to the last (MB, means).
MAX_RSS_RISE_MB = 5.0
#: How long a cycle's leftovers (the echo bot's side of the call) may take to go (s);
#: past it the figures are recorded as they are, and the assertions show the leak.
SETTLE_S = 5.0
STEP_TIMEOUT_S = 15.0
COUNTED = ("tasks", "threads", "fds", "peer_connections", "media_sessions")

pytestmark = pytest.mark.timeout(240)


def live(type_name: str) -> int:
    return sum(1 for item in gc.get_objects() if type(item).__name__ == type_name)


def figures() -> dict[str, float]:
    gc.collect()
    status = Path("/proc/self/status").read_text(encoding="ascii")
    rss_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
    return {
        "rss_mb": rss_kb / 1024,
        "tasks": len(asyncio.all_tasks()) - 1,  # not this test's own
        "threads": threading.active_count(),
        "fds": len(os.listdir("/proc/self/fd")),
        "peer_connections": live("RTCPeerConnection"),
        "media_sessions": live("MediaSession"),
    }


async def settled(baseline: dict[str, float] | None) -> dict[str, float]:
    """The figures once every count is back to *baseline*, or after :data:`SETTLE_S`;
    with no baseline, once the far end holds no media any more."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        now = figures()
        if baseline is None:
            done = now["peer_connections"] == 0 and now["media_sessions"] == 0
        else:
            done = all(now[key] == baseline[key] for key in COUNTED)
        if done or time.monotonic() > deadline:
            return now
        await asyncio.sleep(0.05)  # the bots' teardown runs on this loop


async def until(event: asyncio.Event, what: str) -> None:
    try:
        await asyncio.wait_for(event.wait(), STEP_TIMEOUT_S)
    except TimeoutError:
        raise AssertionError(f"no {what} within {STEP_TIMEOUT_S} s") from None


async def cycle(demo: DemoEnvironment, app_event: asyncio.Event) -> None:
    """Log in, call the echo bot until its media is connected, hang up, close."""
    client = Client({"debug": "WARN"}, **demo.client_kwargs())
    seen = {name: asyncio.Event() for name in ("onCallAnswered", "onMediaConnected")}
    ended = asyncio.Event()
    for name, event in seen.items():
        client.on(name, _setter(event))
    client.on("onCallTerminated", _setter(ended))
    client.on("onLogin", busy_listener(app_event))
    try:
        assert await client.login("alice", demo.password("alice")), client.last_error
        assert await client.call("echo")
        for name, event in seen.items():
            await until(event, name)
        assert await client.hangup()
        await until(ended, "onCallTerminated")
    finally:
        await client.close()


def busy_listener(app_event: asyncio.Event) -> Callable[..., Awaitable[None]]:
    """An app's listener still awaiting the app's *app_event* when the client closes:
    close() ends it with the client's other tasks."""

    async def listener(*_: object) -> None:
        await app_event.wait()

    return listener


def _setter(event: asyncio.Event) -> Callable[..., None]:
    return lambda *_: event.set()


def deciles(samples: list[dict[str, Any]], key: str) -> tuple[float, float]:
    """Mean of *key* over the first and the last tenth of *samples*."""
    tenth = max(1, len(samples) // 10)
    first = statistics.fmean(s[key] for s in samples[:tenth])
    last = statistics.fmean(s[key] for s in samples[-tenth:])
    return first, last


async def test_close_leaves_nothing_over_login_call_close_cycles(long_mode: bool) -> None:
    cycles = 200 if long_mode else 20
    started = time.monotonic()
    demo = await start_demo()
    samples: list[dict[str, float]] = []
    app_event = asyncio.Event()  # the app's, never set: its listeners wait on
    try:
        await cycle(demo, app_event)  # warm-up: the media stack is loaded once
        baseline = await settled(None)
        for _ in range(cycles):
            await cycle(demo, app_event)
            samples.append(await settled(baseline))
    finally:
        await demo.stop()
    seconds = time.monotonic() - started
    keys = ("rss_mb", *COUNTED)
    first_last = {key: deciles(samples, key) for key in keys}
    rise = first_last["rss_mb"][1] - first_last["rss_mb"][0]
    off = [
        (n, key, s[key], baseline[key])
        for n, s in enumerate(samples, 1)
        for key in COUNTED
        if s[key] != baseline[key]
    ]
    write_report(
        "close_cycles",
        {
            "cycles": cycles,
            "seconds": seconds,
            "baseline": baseline,
            "first_decile": {key: v[0] for key, v in first_last.items()},
            "last_decile": {key: v[1] for key, v in first_last.items()},
            "rss_rise_mb": rise,
            "max_rss_rise_mb": MAX_RSS_RISE_MB,
            "samples": samples,
        },
    )
    print(
        "\n"
        + table(
            [
                ("after close (mean)", "baseline", "first decile", "last decile"),
                *(
                    (key, f"{baseline[key]:g}", f"{first:.1f}", f"{last:.1f}")
                    for key, (first, last) in first_last.items()
                ),
                (f"RSS rise (limit {MAX_RSS_RISE_MB} MB)", "", "", f"{rise:+.2f}"),
                (f"{cycles} cycles", "", "", f"{seconds:.0f} s"),
            ]
        )
    )
    assert not off, f"not back to the baseline after close() (cycle, what, got, baseline): {off}"
    assert rise <= MAX_RSS_RISE_MB
