"""Losing the WebSocket mid-session: reported once, reconnected with backoff, registered
again, reported 'connected' — no duplicate registrations, no event storm."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import pytest
from scripted_server import wait_for
from servers import Target

from webphone.sdk import Client

pytestmark = pytest.mark.timeout(120)


def _changes(client: Client) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    client.on("onConnectionChange", changes.append)
    return changes


async def _through_proxy(server: Target, tcp_proxy: Any) -> tuple[Any, Client]:
    parts = urlsplit(server.ws_url)
    proxy = await tcp_proxy(parts.hostname, parts.port)
    client = Client(server=proxy.url("ws"), domain=server.domain)
    return proxy, client


async def test_network_drop_reconnects_and_reregisters_once(server: Target, tcp_proxy: Any) -> None:
    proxy, client = await _through_proxy(server, tcp_proxy)
    changes = _changes(client)
    logins: list[None] = []
    client.on("onLogin", lambda: logins.append(None))
    try:
        assert await client.login(server.user, server.password)
        assert client.registration is not None
        await proxy.drop_connections()
        await wait_for(lambda: len(changes) >= 3, timeout=30)
        assert changes[1] == {
            "state": "disconnected",
            "eventCode": 1006,
            "eventReason": "connection lost",
        }
        assert changes[2] == {"state": "connected"}
        assert client.is_registered()
        await asyncio.sleep(3)
        assert len(changes) == 3, f"no event storm: {changes}"
        assert len(logins) == 1, "a reconnect is not a new login"
        assert client.registration.register_count == 2, "exactly one re-REGISTER"
        assert proxy.accepted_total == 2, "exactly one new connection"
        if server.kind == "demo":
            assert len(server.handle.bindings(server.user)) == 1, "no duplicate binding"
    finally:
        await client.close()


async def test_keeps_trying_while_the_server_is_unreachable(server: Target, tcp_proxy: Any) -> None:
    proxy, client = await _through_proxy(server, tcp_proxy)
    changes = _changes(client)
    try:
        assert await client.login(server.user, server.password)
        proxy.pause()
        await proxy.drop_connections()
        await wait_for(lambda: len(changes) == 2, timeout=10)
        await asyncio.sleep(6)  # several failed attempts (backoff 2 s, then up to 4 s)
        assert client.is_connecting() and not client.is_connected()
        assert len(changes) == 2, "failed attempts are not reported one by one"
        proxy.resume()
        await wait_for(lambda: len(changes) == 3, timeout=30)
        assert changes[2] == {"state": "connected"} and client.is_registered()
    finally:
        await client.close()


async def test_kamailio_restart_is_survived(kamailio_fresh: Any) -> None:
    client = Client(server=kamailio_fresh.ws_url, domain=kamailio_fresh.domain)
    changes = _changes(client)
    user = sorted(kamailio_fresh.users)[0]
    try:
        assert await client.login(user, kamailio_fresh.users[user])
        await asyncio.get_running_loop().run_in_executor(None, kamailio_fresh.restart)
        await wait_for(lambda: len(changes) >= 3, timeout=40)
        assert [c["state"] for c in changes] == ["connected", "disconnected", "connected"]
        assert client.is_registered()
    finally:
        await client.close()


async def test_logout_while_reconnecting_stops_for_good(server: Target, tcp_proxy: Any) -> None:
    proxy, client = await _through_proxy(server, tcp_proxy)
    changes = _changes(client)
    try:
        assert await client.login(server.user, server.password)
        proxy.pause()
        await proxy.drop_connections()
        await wait_for(lambda: len(changes) == 2, timeout=10)
        assert await client.logout() is True
        proxy.resume()
        await asyncio.sleep(4)
        assert not client.is_connected() and not client.is_connecting()
        assert proxy.accepted_total == 1
    finally:
        await client.close()
