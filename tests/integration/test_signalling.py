"""Login, registration, refresh, logout, failures and reconnection — against the real
Kamailio and the embedded demo service, over ws and wss."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scripted_server import wait_for
from servers import Target

from webphone.sdk import Client

pytestmark = pytest.mark.timeout(90)


class Recorder:
    """Every event a client emits, in order, as (name, args)."""

    EVENTS = (
        "onLogin",
        "onLoginFailed",
        "onLogout",
        "onConnectionChange",
        "onWebSocketConnected",
        "onWebrtcNotSupported",
    )

    def __init__(self, client: Client) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in self.EVENTS:
            client.on(name, lambda *args, _n=name: self.events.append((_n, args)))

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [args for n, args in self.events if n == name]


def make_client(
    target: Target, scheme: str = "ws", options: dict[str, Any] | None = None, **kwargs: Any
) -> tuple[Client, Recorder]:
    client = Client(
        options, server=target.url(scheme), domain=target.domain, ca_file=target.ca_file, **kwargs
    )
    return client, Recorder(client)


@pytest.mark.parametrize("scheme", ["ws", "wss"])
async def test_login_then_logout(server: Target, scheme: str) -> None:
    client, rec = make_client(server, scheme)
    try:
        assert await client.login(server.user, server.password) is True
        assert rec.names() == ["onWebSocketConnected", "onConnectionChange", "onLogin"]
        assert rec.of("onConnectionChange") == [({"state": "connected"},)]
        assert client.is_connected() and client.is_registered() and client.is_logged_in
        assert not client.is_connecting()
        assert ";gr=urn:uuid:" in (client.get_contact_uri() or ""), "the registrar's GRUU"
        assert await client.logout() is True
        assert rec.names()[-2:] == ["onConnectionChange", "onLogout"]
        assert rec.of("onConnectionChange")[-1] == (
            {"state": "disconnected", "eventCode": 1000, "eventReason": "Logout"},
        )
        assert not client.is_connected() and not client.is_registered() and not client.is_logged_in
        assert await client.logout() is False, "logging out twice is a no-op"
    finally:
        await client.close()


async def test_unregister_register_disconnect(server: Target) -> None:
    client, _ = make_client(server)
    try:
        assert await client.login(server.user, server.password)
        assert await client.unregister() is True
        assert client.is_connected() and not client.is_registered()
        assert await client.unregister() is False
        assert await client.register() is True
        assert client.is_registered()
        assert await client.register() is False, "already registered"
        assert await client.disconnect() is True
        assert not client.is_connected() and not client.is_registered()
        await asyncio.sleep(2.5)
        assert not client.is_connecting(), "disconnect() must not reconnect"
        assert await client.register() is False, "not connected"
    finally:
        await client.close()


async def test_stop_auto_register_on_connect(server: Target) -> None:
    client, rec = make_client(server, options={"stopAutoRegisterOnConnect": True})
    try:
        assert await client.login(server.user, server.password) is True
        assert rec.names() == ["onWebSocketConnected"]
        assert client.is_connected() and not client.is_registered()
        assert await client.register() is True
        assert rec.names() == ["onWebSocketConnected", "onConnectionChange", "onLogin"]
    finally:
        await client.close()


async def test_refresh_reregisters_before_expiry(short_expiry_server: Target) -> None:
    server = short_expiry_server
    client, rec = make_client(server)
    try:
        assert await client.login(server.user, server.password)
        registration = client.registration
        assert registration is not None
        granted = registration.granted_expires
        assert granted is not None and granted <= 20, "the rig grants a short expiry"
        await wait_for(lambda: registration.register_count >= 2, timeout=granted + 2)
        assert client.is_registered()
        assert rec.names() == ["onWebSocketConnected", "onConnectionChange", "onLogin"], (
            "a refresh is silent"
        )
    finally:
        await client.close()


async def test_wrong_password_fails_once_without_reconnect_loop(server: Target) -> None:
    client, rec = make_client(server)
    try:
        assert await client.login(server.user, server.password + "-wrong") is False
        assert rec.of("onLoginFailed") == [("Authentication Error",)]
        await asyncio.sleep(3)
        assert rec.names() == ["onWebSocketConnected", "onLoginFailed"]
        assert not client.is_connected() and not client.is_connecting()
    finally:
        await client.close()


async def test_unknown_user_is_rejected(server: Target) -> None:
    client, rec = make_client(server)
    try:
        assert await client.login("nobody-here", "whatever") is False
        assert len(rec.of("onLoginFailed")) == 1
        assert rec.of("onLoginFailed")[0][0] in ("Rejected", "Authentication Error", "Not Found")
    finally:
        await client.close()


@pytest.mark.parametrize(("user", "password"), [(None, "x"), ("alice", None), ("", "x"), ("a", "")])
async def test_missing_credentials(server: Target, user: Any, password: Any) -> None:
    client, rec = make_client(server)
    assert await client.login(user, password) is False
    assert rec.names() == ["onLoginFailed"]
    assert rec.of("onLoginFailed") == [("Username and password must be filled out",)]
    assert not client.is_connecting()


async def test_unreachable_server_is_a_connection_error(unused_tcp_port: int) -> None:
    client = Client(server=f"ws://127.0.0.1:{unused_tcp_port}", domain="example.com")
    rec = Recorder(client)
    assert await client.login("alice", "pw") is False
    assert rec.of("onLoginFailed") == [("Connection Error",)]
    assert client.last_error and "cannot connect" in client.last_error
    assert not client.is_connecting()


async def test_wrong_ca_is_a_certificate_error(server: Target) -> None:
    client = Client(server=server.wss_url, domain=server.domain, ca_file=server.wrong_ca_file)
    rec = Recorder(client)
    assert await client.login(server.user, server.password) is False
    assert rec.of("onLoginFailed") == [("Certificate Error",)]
    assert client.last_error and "certificate" in client.last_error.lower()


async def test_second_server_is_used_when_first_is_down(
    server: Target, unused_tcp_port: int
) -> None:
    client = Client(
        server=[f"ws://127.0.0.1:{unused_tcp_port}", server.ws_url], domain=server.domain
    )
    try:
        assert await client.login(server.user, server.password)
        assert client.is_registered()
    finally:
        await client.close()


async def test_token_login(token_server: Target) -> None:
    server = token_server
    assert server.make_token is not None
    client, rec = make_client(server)
    try:
        assert await client.login_with_access_token(server.make_token(sub=server.user)) is True
        assert rec.names()[-1] == "onLogin"
        assert client.is_registered()
    finally:
        await client.close()


async def test_token_with_bad_signature_is_refused_by_server(token_server: Target) -> None:
    server = token_server
    assert server.make_token is not None
    client, rec = make_client(server)
    try:
        token = server.make_token(sub=server.user, secret="not-the-server-secret")
        assert await client.login_with_access_token(token) is False
        assert rec.of("onLoginFailed") == [("INVALID_ACCESS_TOKEN_SIGNATURE",)]
    finally:
        await client.close()


@pytest.mark.parametrize(
    ("claims", "cause"),
    [
        ({"lifetime": -10}, "ACCESS_TOKEN_EXPIRED"),
        ({"not_before_offset": 3600}, "ACCESS_TOKEN_NOT_VALID_YET"),
        ({"lifetime": 3 * 86400}, "EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME"),
    ],
)
async def test_token_claims_are_checked_before_connecting(
    token_server: Target, claims: dict[str, Any], cause: str
) -> None:
    server = token_server
    assert server.make_token is not None
    client, rec = make_client(server)
    assert (
        await client.login_with_access_token(server.make_token(sub=server.user, **claims)) is False
    )
    assert rec.names() == ["onLoginFailed"] and rec.of("onLoginFailed") == [(cause,)]


async def test_garbage_token(server: Target) -> None:
    client, rec = make_client(server)
    assert await client.login_with_access_token("not.a.jwt") is False
    assert rec.of("onLoginFailed")[0][0].startswith("INVALID_ACCESS_TOKEN")
