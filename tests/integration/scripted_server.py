"""A scripted SIP-over-WebSocket peer for robustness tests: answers REGISTER and OPTIONS
like a lenient registrar, records what the client sent, and can push arbitrary frames
(garbage, malformed SIP) at the client."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from webphone.sip.errors import SipParseError
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message

#: What an ``answer`` callback returns to send no reply at all (a peer that is slow to answer).
NO_REPLY = object()


@dataclass
class ScriptedServer:
    host: str = "127.0.0.1"
    port: int = 0
    received: list[SipRequest | SipResponse] = field(default_factory=list)
    frames: list[bytes] = field(default_factory=list)
    connections: list[ServerConnection] = field(default_factory=list)
    # A request's reply: a response, None for default_answer's, or NO_REPLY for none.
    answer: Callable[[SipRequest], SipResponse | object | None] | None = None
    silent: bool = False  # receive but never answer: a path that died without closing
    # False: keep no frames or messages (a flood's thousands of replies), only ``counts``.
    record: bool = True
    # What arrived, by request method or response status ("REGISTER", "488"), always kept.
    counts: Counter[str] = field(default_factory=Counter)
    # Clients that connected so far (a reconnection adds one).
    connected: int = 0
    _server: Server | None = None

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    async def __aenter__(self) -> ScriptedServer:
        self._server = await serve(self._handle, self.host, 0, subprotocols=["sip"])  # type: ignore[list-item]
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def push(self, frame: bytes | str) -> None:
        """Send one frame to every connected client."""
        for connection in list(self.connections):
            await connection.send(frame)

    async def flood(self, frames: Iterable[bytes | str]) -> int:
        """Send *frames* to the newest connected client as fast as it takes them; the
        number sent, counted until the client closed the connection (if it did)."""
        connection = self.connections[-1]
        sent = 0
        try:
            for frame in frames:
                await connection.send(frame)
                sent += 1
        except ConnectionClosed:
            pass
        return sent

    def requests(self, method: str) -> list[SipRequest]:
        return [m for m in self.received if isinstance(m, SipRequest) and m.method == method]

    def responses(self) -> list[SipResponse]:
        return [m for m in self.received if isinstance(m, SipResponse)]

    async def _handle(self, connection: ServerConnection) -> None:
        self.connections.append(connection)
        self.connected += 1
        try:
            async for frame in connection:
                data = frame.encode() if isinstance(frame, str) else frame
                if self.record:
                    self.frames.append(data)
                try:
                    message = parse_message(data)
                except SipParseError:
                    continue
                if self.record:
                    self.received.append(message)
                kind = message.method if isinstance(message, SipRequest) else message.status
                self.counts[str(kind)] += 1
                if isinstance(message, SipRequest) and message.method != "ACK" and not self.silent:
                    reply = self.answer(message) if self.answer else None
                    if reply is NO_REPLY:
                        continue
                    if not isinstance(reply, SipResponse):
                        reply = default_answer(message)
                    await connection.send(reply.to_bytes().decode())
        except ConnectionClosed:
            pass  # a client that broke the connection (as a flooded one does)
        finally:
            self.connections.remove(connection)


def default_answer(request: SipRequest) -> SipResponse:
    response = make_response(request, 200, to_tag="srv")
    if request.method == "REGISTER":
        for contact in request.headers.values("Contact"):
            response.headers.add("Contact", contact)
    return response


async def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)
