"""Noticing that the process slept (a suspended laptop, SIGSTOP), and whether a call's
media must be set up afresh after it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

#: How often the watch checks that it has not been asleep, and how late a check may be
#: before it counts as a sleep (a busy event loop is late by a fraction of a second; a
#: laptop lid or a SIGSTOP, by as long as it lasted).
WAKE_TICK = 2.0
WAKE_TOLERANCE = 5.0
#: RFC 7675: a peer stops sending media to an address whose consent went unanswered for
#: 30 s; past half of that asleep, our call's path is given up or about to be.
CONSENT_TIMEOUT = 30.0


def slept(expected: float, monotonic_elapsed: float, boottime_elapsed: float) -> bool:
    """Whether a timer asked to fire after *expected* seconds came so late that the
    process must have been stopped or the machine suspended in between.

    A late timer is the one sign both cases share: SIGSTOP (a debugger, a frozen VM, a
    shell's Ctrl-Z) lets every clock run on while our timers cannot fire, so the wake-up
    is late on the monotonic clock; a system suspend stops Linux's CLOCK_MONOTONIC too, so
    only CLOCK_BOOTTIME (monotonic, counting suspend) shows the gap. The later of the two
    is compared with *expected*. The wall clock is not used: NTP and users step it, which
    is no sleep, and a step backwards would hide one.
    """
    return max(monotonic_elapsed, boottime_elapsed) - expected > WAKE_TOLERANCE


def call_needs_recovery(asleep: float) -> bool:
    """Whether a call's media must be set up afresh after sleeping *asleep* seconds.

    While we sleep, nothing answers the far end's ICE consent checks; after 30 s it drops
    the path (aiortc closes ICE) and the call goes silent both ways with no BYE from
    anyone: a stuck call. A re-INVITE with a new peer connection brings the media back.
    From half the consent timeout on it is done at once, not after the far end gave up,
    since an unneeded one costs a blip of audio and a missed one the call; shorter sleeps
    leave the path alone (consent outlives them).
    """
    return asleep > CONSENT_TIMEOUT / 2


def _boottime() -> float:
    """CLOCK_BOOTTIME where the OS has it (Linux), else the monotonic clock."""
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(clock) if clock is not None else time.monotonic()


async def watch_for_sleep(woke: Callable[[float], None]) -> None:
    """Run forever, calling ``woke(seconds asleep)`` after each sleep, at once on waking."""
    while True:
        monotonic, boottime = time.monotonic(), _boottime()
        await asyncio.sleep(WAKE_TICK)
        elapsed = (time.monotonic() - monotonic, _boottime() - boottime)
        if slept(WAKE_TICK, *elapsed):
            woke(max(elapsed))
