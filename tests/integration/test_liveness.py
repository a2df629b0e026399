"""Liveness: a server that stops answering SIP (while TCP and WebSocket pings still work)
is detected by the keepalive OPTIONS, reported once, and recovered from."""

from __future__ import annotations

from typing import Any

from scripted_server import ScriptedServer, wait_for

from webphone.sdk import Client


async def test_unanswered_keepalive_reconnects_and_reregisters() -> None:
    async with ScriptedServer() as server:
        client = Client(
            server=server.url, domain="example.com", keepalive_interval=0.3, keepalive_timeout=0.5
        )
        changes: list[dict[str, Any]] = []
        client.on("onConnectionChange", changes.append)
        try:
            assert await client.login("alice", "pw")
            await wait_for(lambda: len(server.requests("OPTIONS")) >= 2, timeout=5)
            assert changes == [{"state": "connected"}]
            server.silent = True
            await wait_for(lambda: len(changes) == 2, timeout=5)
            assert changes[1]["state"] == "disconnected"
            assert changes[1]["eventCode"] == 1006
            assert not client.is_registered()
            server.silent = False
            await wait_for(lambda: len(changes) == 3, timeout=10)
            assert changes[2] == {"state": "connected"}
            assert client.is_registered()
            registers = server.requests("REGISTER")
            assert len(registers) >= 2
            assert registers[-1].call_id == registers[0].call_id, "same registration, refreshed"
        finally:
            await client.close()


async def test_any_response_counts_as_alive() -> None:
    """A server answering the keepalive with 404 (as Plivo does) is alive, not a failure."""
    from scripted_server import default_answer

    from webphone.sip.message import make_response

    def not_found_for_options(request: Any) -> Any:
        if request.method == "OPTIONS":
            return make_response(request, 404, to_tag="x")
        return default_answer(request)

    async with ScriptedServer(answer=not_found_for_options) as server:
        client = Client(
            server=server.url, domain="example.com", keepalive_interval=0.2, keepalive_timeout=0.5
        )
        changes: list[dict[str, Any]] = []
        client.on("onConnectionChange", changes.append)
        try:
            assert await client.login("alice", "pw")
            await wait_for(lambda: len(server.requests("OPTIONS")) >= 5, timeout=5)
            assert changes == [{"state": "connected"}]
            assert client.is_registered()
        finally:
            await client.close()
