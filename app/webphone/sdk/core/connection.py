"""The client's WebSocket to its SIP servers: connecting with failover, keeping the link
alive with OPTIONS, noticing its loss and dialling again with backoff.

What a lost or restored link means for the account (its registration, its calls) is the
client's business: :class:`Connection` tells it through two callbacks.
"""

from __future__ import annotations

import asyncio
import enum
import random
import ssl
from collections.abc import Awaitable, Callable, Mapping, Sequence

from ...sip.headers import NameAddr
from ...sip.uri import SipUri
from .log import get_logger
from .tasks import Spawner
from .transport import TransportError, WebSocketTransport
from .useragent import RequestTimeout, UserAgent

log = get_logger("webphone.sdk.api.client")

CLOSE_NORMAL = 1000


class ConnectionState(enum.Enum):
    """Where the client's signalling connection stands."""

    IDLE = "idle"  # never connected, logged out or disconnected on purpose
    CONNECTING = "connecting"  # first connection of a login in progress
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"  # lost; backing off between attempts


def reconnect_delay(attempt: int, low: float, high: float) -> float:
    """Randomised exponential backoff: uniform in [1, 2^attempt] s, clamped to [low, high]."""
    return min(high, max(low, random.uniform(1.0, 2.0**attempt)))


class Connection:
    """One client's signalling link (see the module docstring).

    When the link drops without us asking, ``on_lost()`` is called first (what rode on
    it is gone), then, if it was up, ``on_disconnected(code, reason)`` as reconnecting
    begins. ``on_reconnected()`` is awaited after each reconnect and says whether the
    link is good (False: it was dropped again and the backoff goes on).
    """

    def __init__(
        self,
        ua: UserAgent,
        servers: Sequence[str],
        *,
        domain: str,
        username: Callable[[], str | None],
        tasks: Spawner,
        on_lost: Callable[[], None],
        on_disconnected: Callable[[int, str], None],
        on_reconnected: Callable[[], Awaitable[bool]],
        ssl_context: ssl.SSLContext | None,
        keepalive_interval: float,
        keepalive_timeout: float,
        backoff: tuple[float, float],
        connect_timeout: float,
    ) -> None:
        self._ua = ua
        self.servers = list(servers)
        self._domain = domain
        self._username = username
        self._tasks = tasks
        self._on_lost = on_lost
        self._on_disconnected = on_disconnected
        self._on_reconnected = on_reconnected
        self._ssl = ssl_context
        self._keepalive_interval = keepalive_interval
        self._keepalive_timeout = keepalive_timeout
        self._backoff = backoff
        self._connect_timeout = connect_timeout
        self.state = ConnectionState.IDLE
        self.transport: WebSocketTransport | None = None
        self._server_index = 0
        self._reconnect_task: asyncio.Task[None] | None = None
        self._keepalive_task: asyncio.Task[None] | None = None

    # -- connecting ----
    async def connect_first(self) -> None:
        """Try every server, in order, until one connects; raise the last failure.

        A server that refuses is passed over at once. One that does not answer at all (a
        host that is gone: every SYN dropped) would cost the whole connect timeout, so
        after the shortest reconnect backoff the next server is dialled alongside it and
        the first connection up wins.
        """
        self.state = ConnectionState.CONNECTING
        count = len(self.servers)
        waiting = [(self._server_index + i) % count for i in range(count)]
        dialling: dict[asyncio.Task[WebSocketTransport], int] = {}
        error: TransportError | None = None

        def dial_next() -> None:
            index = waiting.pop(0)
            task = asyncio.ensure_future(self._dial(self.servers[index]))
            dialling[task] = index

        try:
            dial_next()
            while dialling:
                head_start = self._backoff[0] if waiting else None
                done, _ = await asyncio.wait(
                    dialling, timeout=head_start, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    index = dialling.pop(task)
                    try:
                        transport = task.result()
                    except TransportError as exc:
                        log.warning("%s", exc)
                        error = exc
                        continue
                    self._server_index = index
                    self._adopt(transport)
                    return
                if waiting:
                    dial_next()  # slow or failed: the next server, alongside any still going
        finally:
            await _abandon(dialling)
        self.state = ConnectionState.IDLE
        assert error is not None
        raise error

    async def _dial(self, url: str) -> WebSocketTransport:
        """A connected transport to *url* that reports its loss only once adopted."""

        def lost(code: int, reason: str) -> None:
            if transport is self.transport:
                self._lost(code, reason)

        transport = WebSocketTransport(
            url,
            on_message=self._ua.receive,
            on_close=lost,
            ssl_context=self._ssl,
            open_timeout=self._connect_timeout,
            ping_interval=self._keepalive_interval,
            ping_timeout=self._keepalive_timeout,
        )
        await transport.connect()
        log.info("connected to %s", url)
        return transport

    def _adopt(self, transport: WebSocketTransport) -> None:
        self.transport = transport
        self._ua.attach(transport)
        self.state = ConnectionState.CONNECTED
        self.start_keepalive()

    # -- losing it ----
    def _lost(self, code: int, reason: str) -> None:
        """The WebSocket dropped without us asking: report once, then reconnect."""
        self.stop_keepalive()
        self.transport = None
        self._ua.detach()
        self._on_lost()
        if self.state is not ConnectionState.CONNECTED:
            return
        self.state = ConnectionState.RECONNECTING
        self._on_disconnected(code, reason)
        self._reconnect_task = self._tasks.spawn(self._reconnect(), "sip-reconnect")

    def abort(self) -> None:
        """Treat the link as dead (no answer on it): the loss path reconnects."""
        if self.transport is not None:
            self.transport.abort()

    def drop_and_retry(self) -> None:
        """The new link is not healthy either: drop it quietly and keep backing off."""
        self.state = ConnectionState.RECONNECTING
        self.abort()

    async def _reconnect(self) -> None:
        attempt = 0
        while self.state is ConnectionState.RECONNECTING:
            attempt += 1
            delay = reconnect_delay(attempt, *self._backoff)
            self._server_index = (self._server_index + 1) % len(self.servers)
            url = self.servers[self._server_index]
            log.info("reconnecting to %s in %.1f s (attempt %d)", url, delay, attempt)
            await asyncio.sleep(delay)
            if self.state is not ConnectionState.RECONNECTING:
                return
            try:
                self._adopt(await self._dial(url))
            except TransportError as exc:
                log.warning("reconnect failed: %s", exc)
                self.state = ConnectionState.RECONNECTING
                continue
            if await self._on_reconnected():
                self._reconnect_task = None
                return

    # -- keeping it alive ----
    def start_keepalive(self, first_delay: float | None = None) -> None:
        """OPTIONS every keepalive interval (the first after *first_delay* if given)."""
        self.stop_keepalive()
        self._keepalive_task = self._tasks.spawn(self._keepalive(first_delay), "sip-keepalive")

    def stop_keepalive(self) -> None:
        task = self._keepalive_task
        self._keepalive_task = None
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def _keepalive(self, first_delay: float | None = None) -> None:
        """OPTIONS to the domain: any SIP response at all proves the path is alive."""
        delay = self._keepalive_interval if first_delay is None else first_delay
        while self.state is ConnectionState.CONNECTED:
            await asyncio.sleep(delay)
            delay = self._keepalive_interval
            if self.state is not ConnectionState.CONNECTED:
                return
            target = SipUri(self._domain)
            user = self._username() or "anonymous"
            request = self._ua.build_request(
                "OPTIONS",
                target,
                from_=NameAddr(SipUri(self._domain, user), params={"tag": "ka"}),
                to=NameAddr(target),
            )
            try:
                await self._ua.request(request, timeout=self._keepalive_timeout)
            except RequestTimeout:
                log.warning("keepalive OPTIONS unanswered: treating the connection as lost")
                if self.transport is not None:
                    self._keepalive_task = None
                    self.transport.abort()
                return

    # -- closing ----
    def stop(self) -> bool:
        """Stop reconnecting and keeping alive, as the first step of closing on purpose
        (the link stays open for what must still go out on it). Returns whether the
        client was connected or trying to be."""
        was_active = self.state is not ConnectionState.IDLE
        self.state = ConnectionState.IDLE
        reconnecting, self._reconnect_task = self._reconnect_task, None
        if reconnecting is not None and reconnecting is not asyncio.current_task():
            reconnecting.cancel()
        self.stop_keepalive()
        return was_active

    async def close(self, code: int, reason: str) -> None:
        """Close the WebSocket (after :meth:`stop`)."""
        transport, self.transport = self.transport, None
        if transport is not None:
            await transport.close(code, reason)
        self._ua.detach()


async def _abandon(dialling: Mapping[asyncio.Task[WebSocketTransport], int]) -> None:
    """Stop the connection attempts that lost the race; close any that got through."""
    for task in dialling:
        task.cancel()
    for task in dialling:
        try:
            transport = await task
        except (asyncio.CancelledError, TransportError):
            continue
        await transport.close(CLOSE_NORMAL, "another server answered first")
