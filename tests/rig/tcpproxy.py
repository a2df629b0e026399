"""An asyncio TCP relay between a client and a server, to simulate network failures.

``drop_connections()`` aborts every relayed connection at once (RST, no WebSocket close
frame, as when a network goes away: the client sees 1006), and ``pause()`` makes new
connections fail until ``resume()`` (a client's reconnects fail meanwhile); ``delay``
(seconds, each way) holds every chunk that long before passing it on, in order, as a
long path does (this kernel has no netem). Pure asyncio
streams; use it through the ``tcp_proxy`` factory fixture or as an async context manager.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from types import TracebackType

import pytest

BUFFER = 65536


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.accepted_total = 0  # connections relayed since start (not counting refused)
        self.paused = False
        self.delay = 0.0  # seconds added to each chunk, each way; may change at any time
        self._server: asyncio.Server | None = None
        self._links: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()

    @property
    def connection_count(self) -> int:
        """Connections being relayed right now."""
        return len(self._links)

    def url(self, scheme: str = "ws") -> str:
        return f"{scheme}://127.0.0.1:{self.port}"

    url_for = url

    async def start(self) -> TcpProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aenter__(self) -> TcpProxy:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # Paused: accept and reset at once, so the client fails fast instead of timing out
        # (the listening port stays ours, so nothing else can take it meanwhile).
        if self.paused:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.accepted_total += 1
        link = (writer, up_writer)
        self._links.add(link)
        try:
            await asyncio.gather(
                _pipe(reader, up_writer, self._delay), _pipe(up_reader, writer, self._delay)
            )
        finally:
            self._links.discard(link)
            for w in link:
                w.transport.abort()

    async def drop_connections(self) -> None:
        """Abort both sides of every relayed connection (a network loss, not a close)."""
        for client, upstream in list(self._links):
            client.transport.abort()
            upstream.transport.abort()
        self._links.clear()
        # Let the pipes notice before the caller looks at the client.
        await asyncio.sleep(0)

    def _delay(self) -> float:
        return self.delay

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    async def close(self) -> None:
        await self.drop_connections()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None


async def _pipe(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: Callable[[], float]
) -> None:
    loop = asyncio.get_running_loop()
    # Chunks wait here until their time: reading goes on meanwhile, so a delay adds
    # latency without throttling, and order is kept.
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def forward() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                return
            if (wait := due - loop.time()) > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()

    sender = asyncio.ensure_future(forward())
    try:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(BUFFER):
                queue.put_nowait((loop.time() + delay(), data))
                if sender.done():
                    break
            queue.put_nowait((0.0, b""))
            await sender
    finally:
        sender.cancel()
        # One side ended: end the other too, abruptly (half-open links are not a network).
        writer.transport.abort()


@pytest.fixture
async def tcp_proxy() -> AsyncIterator[Callable[[str, int], Awaitable[TcpProxy]]]:
    """Factory: ``proxy = await tcp_proxy(host, port)``; all closed after the test."""
    proxies: list[TcpProxy] = []

    async def make(host: str, port: int) -> TcpProxy:
        proxy = await TcpProxy(host, port).start()
        proxies.append(proxy)
        return proxy

    yield make
    for proxy in proxies:
        await proxy.close()
