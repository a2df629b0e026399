"""The host's address changes mid-call (issue 16, item 3): media comes back by itself.

alice's media runs on an address of one interface; mid-call that address goes and
another one appears on a second interface, as when a laptop moves from Wi-Fi to a cable.
Within 5 s audio must flow both ways again, after exactly one re-INVITE through the real
Kamailio, with new ICE credentials on both sides. Signalling stays on 127.0.0.1 (its
WebSocket survives); only the media's address moves. The interfaces (veth) need root in the
test's own network namespace (tests/run.sh): elsewhere the test is skipped.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from tests.integration.address_moves import (
    BOB,
    BUDGET,
    NEW,
    OLD,
    interfaces,  # noqa: F401 - a fixture
    invites_from,
    ip,
    ufrag,
)
from tests.integration.fault_scenarios import EVENTS, Phone, media_flows, wait_for

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)


def phone(
    kamailio: Any, user: str, tone: float, addresses: list[str], server: str | None = None
) -> Phone:
    client = Client(
        server=server or kamailio.ws_url, domain=kamailio.domain, allowed_addresses=addresses
    )
    client.audio_source_factory = lambda: GeneratedAudioTrack(tone)
    result = Phone(client, user, kamailio.users[user])
    for name in EVENTS:
        client.on(name, lambda *a, _n=name: result.events.append((_n, a)))
    return result


async def call_up(alice: Phone, bob: Phone) -> None:
    assert await alice.client.login(alice.user, alice.password)
    assert await bob.client.login(bob.user, bob.password)
    assert await alice.client.call(bob.user)
    await wait_for(lambda: bob.count("onIncomingCall") == 1, 10, "bob rings")
    assert await bob.client.answer()
    await wait_for(lambda: alice.count("onMediaConnected") == 1, 15, "media up")
    await media_flows(alice)
    await media_flows(bob)


@pytest.mark.usefixtures("interfaces")
async def test_media_follows_the_address_to_another_interface(kamailio: Any) -> None:
    alice = phone(kamailio, "alice", 440, [OLD, NEW])
    bob = phone(kamailio, "bob", 880, [BOB])
    try:
        await call_up(alice, bob)
        alice_before, bob_before = alice.media(), bob.media()
        assert alice_before.local_address == OLD
        assert len(address_watches()) == 2  # alice's and bob's
        offset = kamailio.log_path.stat().st_size

        # The move: the old address goes, a new one comes up on another interface.
        ip("addr", "del", f"{OLD}/32", "dev", "wpa0")
        ip("addr", "add", f"{NEW}/32", "dev", "wpa1")
        moved = time.monotonic()

        await wait_for(
            lambda: alice.media() is not alice_before and bob.media() is not bob_before,
            BUDGET,
            "both sides on new peer connections",
        )
        await media_flows(alice, BUDGET)
        await media_flows(bob, BUDGET)
        took = time.monotonic() - moved
        print(f"\naddress moved mid-call: audio both ways again after {took:.2f} s")
        assert took < BUDGET

        alice_after, bob_after = alice.media(), bob.media()
        assert alice_after.local_address == NEW
        assert ufrag(alice_after.pc.localDescription.sdp) != ufrag(
            alice_before.pc.localDescription.sdp
        )
        assert ufrag(bob_after.pc.localDescription.sdp) != ufrag(bob_before.pc.localDescription.sdp)
        assert invites_from(kamailio, "alice", offset) == 1
        assert invites_from(kamailio, "bob", offset) == 0
        for each in (alice, bob):
            assert each.count("onCallTerminated") == each.count("onCallFailed") == 0, each.events
        assert alice.states() == ["connected"]  # the signalling never noticed

        assert await alice.client.hangup()
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 10, "alice's BYE reaches bob")
        # The addresses are polled during calls only: nothing polls once both are idle.
        await wait_for(lambda: not address_watches(), 2, "the address watches end")
    finally:
        await alice.client.close()
        await bob.client.close()


def address_watches() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t.get_name() == "call-address-watch"]


@pytest.mark.usefixtures("interfaces")
async def test_an_address_change_that_drops_the_websocket_sends_one_reinvite(
    kamailio: Any, tcp_proxy: Any
) -> None:
    """The usual case on a real network: the WebSocket dies with the address. The
    watch leaves the call to the reconnect's recovery (or the recovery joins the
    watch's re-INVITE): Kamailio sees one re-INVITE from alice, not two."""
    proxy = await tcp_proxy("127.0.0.1", kamailio.ws_port)
    alice = phone(kamailio, "alice", 440, [OLD, NEW], server=proxy.url("ws"))
    bob = phone(kamailio, "bob", 880, [BOB])
    try:
        await call_up(alice, bob)
        alice_before, bob_before = alice.media(), bob.media()
        offset = kamailio.log_path.stat().st_size

        # A slow new path (0.5 s each way): the re-REGISTER takes seconds, so the watch
        # sees the connection back while the recovery has not begun, and the two meet.
        proxy.delay = 0.5
        ip("addr", "del", f"{OLD}/32", "dev", "wpa0")
        ip("addr", "add", f"{NEW}/32", "dev", "wpa1")
        await proxy.drop_connections()
        moved = time.monotonic()

        await wait_for(
            lambda: alice.states()[-1:] == ["connected"] and len(alice.states()) == 3,
            30,
            "alice reconnected",
        )
        await wait_for(
            lambda: alice.media() is not alice_before and bob.media() is not bob_before,
            15,
            "both sides on new peer connections",
        )
        await media_flows(alice)
        await media_flows(bob)
        took = time.monotonic() - moved
        print(f"\naddress moved and WebSocket dropped: audio both ways after {took:.2f} s")
        assert alice.media().local_address == NEW
        # Nothing else is pending: a second re-INVITE would be out within a poll or two.
        await asyncio.sleep(2.5)  # the watch's poll interval, twice, and a margin
        assert invites_from(kamailio, "alice", offset) == 1
        assert invites_from(kamailio, "bob", offset) == 0
        for each in (alice, bob):
            assert each.count("onCallTerminated") == each.count("onCallFailed") == 0, each.events

        assert await alice.client.hangup()
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 10, "alice's BYE reaches bob")
    finally:
        await alice.client.close()
        await bob.client.close()
