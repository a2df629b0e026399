"""Server failures against the real Kamailio (issue 16, item 3): the first server of a
two-server ``registrationDomainSocket`` list down at start and dying later, and
Kamailio itself restarted while idle and mid-call.

The two "servers" are two TCP relays (tests/rig/tcpproxy.py) in front of one Kamailio,
as two front ends of one service are: a client that moves to the other one is reachable
there. A server is down either loudly (refused / reset: the process is gone) or silently
(nftables drops everything: the host is gone). Times are printed for the README.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from tests.integration.fault_scenarios import (
    FAST_TIMERS,
    Phone,
    make_phone,
    media_flows,
    wait_for,
)
from tests.rig.kamailio import free_port

from webphone.sdk import Client

pytestmark = pytest.mark.timeout(120)


def listed_phone(kamailio: Any, servers: list[str], **timers: float) -> Phone:
    """alice with the seed's two-server list (the first is tried first)."""
    client = Client(
        {"registrationDomainSocket": servers},
        domain=kamailio.domain,
        allowed_addresses=["127.0.0.1"],
        **timers,  # type: ignore[arg-type]
    )
    phone = Phone(client, "alice", kamailio.users["alice"])
    for name in ("onLogin", "onLoginFailed", "onIncomingCall", "onConnectionChange"):
        client.on(name, lambda *a, _n=name: phone.events.append((_n, a)))
    return phone


async def reachable(alice: Phone, bob: Phone) -> None:
    """bob's call rings at alice (the registrar routes to where she is now)."""
    rings = alice.count("onIncomingCall")
    assert await bob.client.call(alice.user)
    await wait_for(lambda: alice.count("onIncomingCall") == rings + 1, 15, "bob's call rings")
    assert alice.client.reject()


@pytest.mark.parametrize("how", ["refused", "silent"])
async def test_first_server_down_at_start_logs_in_on_the_second(
    kamailio: Any, tcp_proxy: Any, link_fault: Any, how: str
) -> None:
    second = await tcp_proxy("127.0.0.1", kamailio.ws_port)
    if how == "refused":
        first_url = f"ws://127.0.0.1:{free_port()}"  # nothing listens there
    else:
        first = await tcp_proxy("127.0.0.1", kamailio.ws_port)
        link_fault(first.port).down()
        first_url = first.url("ws")
    alice = listed_phone(kamailio, [first_url, second.url("ws")])
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    try:
        start = time.monotonic()
        assert await alice.client.login(alice.user, alice.password)
        took = time.monotonic() - start
        print(f"\nfirst server {how} at start: logged in on the second in {took:.1f} s")
        assert second.connection_count == 1
        assert alice.states() == ["connected"] and alice.count("onLoginFailed") == 0
        # Refused costs nothing; silence costs the shortest backoff (2 s): the second
        # server is dialled alongside the silent first one then.
        assert took < (2.0 if how == "refused" else 5.0)
        assert await bob.client.login(bob.user, bob.password)
        await reachable(alice, bob)
    finally:
        await alice.client.close()
        await bob.client.close()


@pytest.mark.parametrize("how", ["reset", "silent"])
async def test_first_server_dying_later_moves_to_the_second(
    kamailio: Any, tcp_proxy: Any, link_fault: Any, how: str
) -> None:
    first = await tcp_proxy("127.0.0.1", kamailio.ws_port)
    second = await tcp_proxy("127.0.0.1", kamailio.ws_port)
    # Silence is only noticed by the keepalive: fast timers keep the test short.
    timers = FAST_TIMERS if how == "silent" else {}
    alice = listed_phone(kamailio, [first.url("ws"), second.url("ws")], **timers)
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    try:
        assert await alice.client.login(alice.user, alice.password)
        assert await bob.client.login(bob.user, bob.password)
        assert first.connection_count == 1 and second.accepted_total == 0
        died = time.monotonic()
        if how == "reset":
            first.pause()  # the process is gone: reconnects to it are refused
            await first.drop_connections()
        else:
            link_fault(first.port).down()  # the host is gone
        await wait_for(lambda: len(alice.states()) == 3, 40, "reconnected")
        took = time.monotonic() - died
        print(f"\nfirst server dying ({how}): registered on the second {took:.1f} s later")
        assert alice.states() == ["connected", "disconnected", "connected"]
        assert alice.client.is_registered() and second.connection_count == 1
        assert alice.count("onLogin") == 1
        await reachable(alice, bob)
    finally:
        await alice.client.close()
        await bob.client.close()


def _restart(kamailio: Any) -> asyncio.Future[None]:
    return asyncio.get_running_loop().run_in_executor(None, kamailio.restart)


async def test_kamailio_restart_while_idle(kamailio_fresh: Any) -> None:
    alice = make_phone(kamailio_fresh, "alice", secure=False, tone=440)
    bob = make_phone(kamailio_fresh, "bob", secure=True, tone=880)
    try:
        assert await alice.client.login(alice.user, alice.password)
        assert await bob.client.login(bob.user, bob.password)
        await _restart(kamailio_fresh)
        up = time.monotonic()
        for phone in (alice, bob):
            await wait_for(lambda p=phone: len(p.states()) == 3, 40, f"{phone.user} back")
            assert phone.states() == ["connected", "disconnected", "connected"]
            assert phone.client.is_registered() and phone.count("onLogin") == 1
        took = time.monotonic() - up
        print(f"\nKamailio restarted while idle: both registered again {took:.1f} s later")
        await reachable(alice, bob)
    finally:
        await alice.client.close()
        await bob.client.close()


async def _call_across_restart(kamailio: Any) -> tuple[Phone, Phone]:
    """alice calls bob, bob answers, Kamailio restarts; returns once the media flowed on
    through the restart and both phones are registered again (each has also tried to
    recover the call with a re-INVITE by then)."""
    alice = make_phone(kamailio, "alice", secure=False, tone=440)
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    assert await alice.client.login(alice.user, alice.password)
    assert await bob.client.login(bob.user, bob.password)
    assert await alice.client.call(bob.user)
    await wait_for(lambda: bob.count("onIncomingCall") == 1, 10, "bob rings")
    assert await bob.client.answer()
    await wait_for(lambda: alice.count("onMediaConnected") == 1, 15, "media up")
    await media_flows(alice)

    await _restart(kamailio)
    up = time.monotonic()
    await media_flows(alice)
    await media_flows(bob)
    for phone in (alice, bob):
        await wait_for(lambda p=phone: len(p.states()) == 3, 40, f"{phone.user} back")
        assert phone.client.is_registered()
    took = time.monotonic() - up
    await media_flows(alice)
    await media_flows(bob)
    for phone in (alice, bob):
        assert phone.count("onCallTerminated") == phone.count("onCallFailed") == 0, (
            f"{phone.user}'s call ended: {phone.events}"
        )
    print(f"\nKamailio restarted mid-call: both registered again {took:.1f} s later")
    return alice, bob


async def test_kamailio_restart_mid_call_media_flows_and_both_register(
    kamailio_fresh: Any,
) -> None:
    alice, bob = await _call_across_restart(kamailio_fresh)
    try:
        assert await alice.client.hangup()
        await wait_for(lambda: alice.count("onCallTerminated") == 1, 15, "alice's call ends")
        assert alice.client.get_current_session() is None
    finally:
        await alice.client.close()
        await bob.client.close()


async def test_kamailio_restart_mid_call_bye_reaches_the_far_end(kamailio_fresh: Any) -> None:
    alice, bob = await _call_across_restart(kamailio_fresh)
    try:
        assert await alice.client.hangup()
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 15, "alice's BYE reaches bob")
    finally:
        await alice.client.close()
        await bob.client.close()
