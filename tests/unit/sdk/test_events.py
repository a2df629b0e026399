"""The event emitter: seed names only, listener errors contained, async listeners run."""

from __future__ import annotations

import asyncio

import pytest

from webphone.sdk.core.events import EventEmitter


def test_unknown_event_name_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown event 'onLogon'"):
        EventEmitter().on("onLogon", lambda: None)


def test_listeners_get_payload_in_order_and_off_removes() -> None:
    emitter = EventEmitter()
    got: list[tuple[str, object]] = []

    def first(payload: object) -> None:
        got.append(("first", payload))

    emitter.on("onConnectionChange", first)
    emitter.on("onConnectionChange", lambda p: got.append(("second", p)))
    emitter.emit("onConnectionChange", {"state": "connected"})
    emitter.off("onConnectionChange", first)
    emitter.emit("onConnectionChange", {"state": "disconnected"})
    assert got == [
        ("first", {"state": "connected"}),
        ("second", {"state": "connected"}),
        ("second", {"state": "disconnected"}),
    ]


def test_failing_listener_does_not_stop_others() -> None:
    emitter = EventEmitter()
    got: list[str] = []

    def broken() -> None:
        raise RuntimeError("boom")

    emitter.on("onLogin", broken)
    emitter.on("onLogin", lambda: got.append("ok"))
    emitter.emit("onLogin")
    assert got == ["ok"]


async def test_coroutine_listeners_are_scheduled() -> None:
    emitter = EventEmitter()
    done = asyncio.Event()

    async def listener() -> None:
        done.set()

    emitter.on("onLogout", listener)
    emitter.emit("onLogout")
    await asyncio.wait_for(done.wait(), 1)
