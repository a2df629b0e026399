"""An answered call survives its WebSocket dropping and coming back: same dialog, a
re-INVITE with a fresh ICE session, audio before and after. A ringing call is ended."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from scripted_server import wait_for
from servers import Target

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)


def phone(url: str, server: Target, tone: float) -> tuple[Client, list[tuple[str, Any]]]:
    client = Client(server=url, domain=server.domain, allowed_addresses=["127.0.0.1"])
    client.audio_source_factory = lambda: GeneratedAudioTrack(tone)
    events: list[tuple[str, Any]] = []
    for name in (
        "onIncomingCall",
        "onCallAnswered",
        "onMediaConnected",
        "onCallTerminated",
        "onCallFailed",
        "onIncomingCallCanceled",
        "onConnectionChange",
    ):
        client.on(name, lambda *a, _n=name: events.append((_n, a)))
    return client, events


def count(events: list[tuple[str, Any]], name: str) -> int:
    return sum(1 for n, _ in events if n == name)


async def test_answered_call_survives_a_websocket_drop(server: Target, tcp_proxy: Any) -> None:
    parts = urlsplit(server.ws_url)
    proxy = await tcp_proxy(parts.hostname, parts.port)
    users = sorted(server.users)
    alice, alice_events = phone(proxy.url("ws"), server, 440)
    bob, bob_events = phone(server.ws_url, server, 880)
    try:
        assert await alice.login(users[0], server.users[users[0]])
        assert await bob.login(users[1], server.users[users[1]])
        assert await alice.call(users[1])
        await wait_for(lambda: count(bob_events, "onIncomingCall") == 1, timeout=10)
        assert await bob.answer()
        await wait_for(lambda: count(alice_events, "onMediaConnected") == 1, timeout=10)
        session = alice.get_current_session()
        assert session is not None and session.media is not None
        call_id, before = session.call_id, session.media
        await wait_for(lambda: before.meter.frames > 20, timeout=10)

        await proxy.drop_connections()
        await wait_for(lambda: count(alice_events, "onConnectionChange") == 3, timeout=30)
        await wait_for(lambda: session.media is not before, timeout=15)
        after = session.media
        bob_media = bob.get_current_session().media  # type: ignore[union-attr]
        await wait_for(lambda: after.meter.frames > 20 and after.meter.peak_rms > 0.05, timeout=15)
        frames = bob_media.meter.frames  # type: ignore[union-attr]
        await wait_for(lambda: bob_media.meter.frames > frames + 20, timeout=10)  # type: ignore[union-attr]
        assert bob_media.meter.last_rms > 0.05  # type: ignore[union-attr]
        assert alice.get_current_session() is session and session.call_id == call_id
        assert count(alice_events, "onCallTerminated") == count(bob_events, "onCallTerminated") == 0

        assert await alice.hangup()
        await wait_for(lambda: count(bob_events, "onCallTerminated") == 1, timeout=10)
    finally:
        await alice.close()
        await bob.close()


async def test_ringing_call_ends_with_a_clear_cause_on_drop(server: Target, tcp_proxy: Any) -> None:
    parts = urlsplit(server.ws_url)
    proxy = await tcp_proxy(parts.hostname, parts.port)
    users = sorted(server.users)
    alice, _ = phone(server.ws_url, server, 440)
    bob, bob_events = phone(proxy.url("ws"), server, 880)
    try:
        assert await alice.login(users[0], server.users[users[0]])
        assert await bob.login(users[1], server.users[users[1]])
        assert await alice.call(users[1])
        await wait_for(lambda: count(bob_events, "onIncomingCall") == 1, timeout=10)
        await proxy.drop_connections()
        await wait_for(lambda: count(bob_events, "onIncomingCallCanceled") == 1, timeout=10)
        info = next(a for n, a in bob_events if n == "onIncomingCallCanceled")[0]
        assert info["reason"] == "Network switch while ringing" and info["code"] == 11004
        assert bob.get_incoming_calls() == []
    finally:
        await alice.close()
        await bob.close()
