"""A hostile server: a 1 MB SIP message, a burst of 20,000 INVITEs and a run of 1 MB frames
cost the client bounded memory; the connection is dropped with a logged reason, and the
client then reconnects and registers again, as after any connection loss.

The server runs in its own process (hostile_peer.py), so tracemalloc here measures the
client alone.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import tracemalloc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from scripted_server import wait_for

from webphone.sdk import Client

PEER = Path(__file__).with_name("hostile_peer.py")
MiB = 1024 * 1024


class Peer:
    def __init__(self, process: asyncio.subprocess.Process, port: int) -> None:
        self.process = process
        self.url = f"ws://127.0.0.1:{port}"

    async def command(self, line: str, timeout: float = 60) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        return (await asyncio.wait_for(self.process.stdout.readline(), timeout)).decode().strip()

    async def sent(self, line: str) -> int:
        reply = await self.command(line)
        assert reply.startswith("sent "), reply
        return int(reply.split()[1])


@pytest.fixture
async def peer() -> AsyncIterator[Peer]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(PEER),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    port = int(await asyncio.wait_for(process.stdout.readline(), 30))
    try:
        yield Peer(process, port)
    finally:
        process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 5)
        except TimeoutError:
            process.kill()
            await process.wait()


async def logged_in(peer: Peer, changes: list[dict[str, Any]]) -> Client:
    client = Client(
        server=peer.url,
        domain="example.com",
        keepalive_interval=3600,
        reconnect_min_delay=0.1,
        reconnect_max_delay=0.5,
    )
    client.on("onConnectionChange", changes.append)
    assert await client.login("alice", "pw-alice")
    return client


class Memory:
    """The client's Python allocations while the block runs (tracemalloc)."""

    def __enter__(self) -> Memory:
        gc.collect()
        tracemalloc.start()
        self.baseline = tracemalloc.get_traced_memory()[0]
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak = tracemalloc.get_traced_memory()[1] - self.baseline
        tracemalloc.stop()


async def dropped_and_back(client: Client, changes: list[dict[str, Any]], n: int) -> Any:
    """Wait for the *n*-th drop and the reconnection after it; the drop's event."""
    await wait_for(lambda: len(changes) >= 2 * n + 1, timeout=20)
    lost = changes[2 * n - 1]
    assert lost["state"] == "disconnected"
    assert changes[2 * n] == {"state": "connected"}
    assert client.is_registered(), "the registration came back"
    return lost


def warnings(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


async def test_invite_flood_is_cut_off_and_the_client_registers_again(
    peer: Peer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="webphone")
    changes: list[dict[str, Any]] = []
    client = await logged_in(peer, changes)
    try:
        with Memory() as memory:
            await peer.sent("invites 20000")
            lost = await dropped_and_back(client, changes, 1)
        assert lost["eventCode"] == 1008
        assert "message flood" in lost["eventReason"]
        assert "dropping the connection" in warnings(caplog)
        assert "message flood" in warnings(caplog)
        answered = int(await peer.command("answers"))
        assert 100 < answered <= 600, f"the client answered {answered} of the 20,000 INVITEs"
        assert memory.peak < 8 * MiB, f"the flood cost {memory.peak / MiB:.1f} MiB"
        assert await peer.command("connected") == "2"
        # Each INVITE the client took was answered, none left to time out on the server.
        assert len(client.ua.layer._server) == 0, "nothing kept from the old connection"
    finally:
        await client.close()


async def test_a_1mb_message_and_a_run_of_them_drop_the_connection_not_the_client(
    peer: Peer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="webphone")
    changes: list[dict[str, Any]] = []
    client = await logged_in(peer, changes)
    try:
        with Memory() as memory:
            await peer.sent("big 1000000")
            lost = await dropped_and_back(client, changes, 1)
            assert lost["eventCode"] == 1009
            assert "1000000 bytes exceeds" in lost["eventReason"], "the reason names the size"
            await peer.sent("bigs 50 1000000")
            lost = await dropped_and_back(client, changes, 2)
            assert lost["eventCode"] == 1009
        assert await peer.command("answers") == "0", "no 1 MB message reached the SIP layer"
        assert memory.peak < 8 * MiB, f"1 MB frames cost {memory.peak / MiB:.1f} MiB"
        assert "dropping the connection" in warnings(caplog)
        assert await peer.command("connected") == "3"
    finally:
        await client.close()
