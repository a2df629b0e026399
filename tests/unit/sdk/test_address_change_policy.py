"""When a call's media moves after the host's addresses change (sdk/address_change)."""

from __future__ import annotations

import asyncio

import pytest

from webphone.sdk.core.address_change import (
    RETRY_LONGEST,
    SILENCE_LIMIT,
    AddressWatch,
    MediaPath,
    Verdict,
    decide,
    retry_pause,
)


def path(
    local: str | None = "10.0.0.5",
    now: tuple[str, ...] = ("10.0.0.5",),
    gathered: tuple[str, ...] = ("10.0.0.5",),
    silent: float = 0.0,
) -> MediaPath:
    return MediaPath(local, frozenset(now), frozenset(gathered), silent)


def test_a_call_whose_address_stays_keeps_its_media() -> None:
    assert decide(path()) is Verdict.KEEP


def test_the_media_moves_at_once_when_its_address_goes() -> None:
    verdict = decide(path(now=("192.168.1.7",), silent=0.0))
    assert verdict is Verdict.ADDRESS_GONE and verdict.restarts


def test_a_vanished_address_with_nothing_to_move_to_waits() -> None:
    verdict = decide(path(now=(), silent=60.0))
    assert verdict is Verdict.WAIT and not verdict.restarts


def test_a_new_address_under_a_working_call_moves_nothing() -> None:
    """A VPN coming up mid-call: the media still flows on its address."""
    assert decide(path(now=("10.0.0.5", "10.8.0.2"), silent=0.1)) is Verdict.KEEP


def test_silence_alone_moves_nothing() -> None:
    """The far end on hold: silent, but the addresses are as they were."""
    assert decide(path(silent=600.0)) is Verdict.KEEP


def test_a_new_address_while_the_media_is_silent_moves_it() -> None:
    """The path's address is unknown (relayed, or ICE had not connected when the old
    address went) and the host has an address the connection never gathered on."""
    silent = path(local=None, now=("10.0.0.9",), gathered=("10.0.0.5",), silent=SILENCE_LIMIT)
    assert decide(silent) is Verdict.NEW_ADDRESS
    briefly = path(local=None, now=("10.0.0.9",), gathered=("10.0.0.5",), silent=0.5)
    assert decide(briefly) is Verdict.KEEP


def test_addresses_compare_as_addresses_not_text() -> None:
    assert decide(path(local="2001:db8::1", now=("2001:0db8:0:0::1",), gathered=())) is (
        Verdict.KEEP
    )


@pytest.mark.parametrize(
    ("failures", "pause"), [(0, 0.0), (1, 2.0), (2, 4.0), (3, 8.0), (20, RETRY_LONGEST)]
)
def test_failed_restarts_back_off(failures: int, pause: float) -> None:
    assert retry_pause(failures) == pause


class FakeMedia:
    def __init__(self, local: str | None) -> None:
        self.local_address = local
        self.gathered_addresses = frozenset({local} if local else set())
        self.frames_received = 0


class FakeCall:
    def __init__(self, media: FakeMedia, outcomes: list[bool]) -> None:
        self.current: FakeMedia | None = media
        self.up = True
        self.outcomes = outcomes
        self.reasons: list[str] = []

    def media(self) -> FakeMedia | None:
        return self.current

    def signalling_up(self) -> bool:
        return self.up

    async def restart(self, reason: str) -> bool:
        self.reasons.append(reason)
        ok = self.outcomes.pop(0) if self.outcomes else False
        if ok:
            self.current = FakeMedia("10.0.0.9")
        return ok


async def run_for(watch: AddressWatch, seconds: float) -> None:
    task = asyncio.ensure_future(watch.run())
    await asyncio.sleep(seconds)
    task.cancel()


async def test_the_watch_restarts_once_and_settles_on_the_new_address() -> None:
    call = FakeCall(FakeMedia("10.0.0.5"), [True])
    watch = AddressWatch(call, lambda: frozenset({"10.0.0.9"}), interval=0.01)
    await run_for(watch, 0.2)
    assert call.reasons == [Verdict.ADDRESS_GONE.value]


async def test_the_watch_leaves_a_disconnected_call_to_the_reconnect() -> None:
    call = FakeCall(FakeMedia("10.0.0.5"), [True])
    call.up = False
    watch = AddressWatch(call, lambda: frozenset({"10.0.0.9"}), interval=0.01)
    await run_for(watch, 0.1)
    assert call.reasons == []


async def test_the_watch_backs_off_after_a_refused_restart() -> None:
    call = FakeCall(FakeMedia("10.0.0.5"), [False, False, False])
    watch = AddressWatch(call, lambda: frozenset({"10.0.0.9"}), interval=0.01)
    await run_for(watch, 0.5)
    assert call.reasons == [Verdict.ADDRESS_GONE.value]  # the next one is 2 s away


async def test_the_watch_ends_with_the_call() -> None:
    call = FakeCall(FakeMedia("10.0.0.5"), [])
    call.current = None
    watch = AddressWatch(call, lambda: frozenset({"10.0.0.9"}), interval=0.01)
    await asyncio.wait_for(watch.run(), 1.0)
    assert call.reasons == []
