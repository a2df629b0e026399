"""The WebSocket transport (RFC 7118): ``ws://`` and ``wss://``, subprotocol ``sip``.

TLS certificates are verified by default against the system store or a given CA file;
``insecure=True`` is an explicit switch for self-signed development servers and logs a
warning each time it is used.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import ssl
from collections.abc import Callable
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI
from websockets.proxy import get_proxy
from websockets.uri import parse_uri

from .inbound_budget import InboundBudget
from .log import get_logger

log = get_logger(__name__)

CLOSE_ABNORMAL = 1006
CLOSE_POLICY_VIOLATION = 1008
#: The largest frame (one SIP message) we accept. SIP over WebSocket messages are a few
#: KB (an INVITE with a full ICE offer is under 10 KB); 64 KiB is Kamailio's own limit for
#: a SIP message (BUF_SIZE) and the largest UDP datagram, so no real server sends more.
#: A bigger frame closes the connection (1009, "message too big") before it is buffered.
MAX_FRAME_BYTES = 64 * 1024
#: Messages waiting to be written. The writer drains this as fast as the socket takes
#: them, so a long queue means the server has stopped reading while (maybe) still
#: sending: the connection is dropped rather than the queue growing without end.
MAX_OUTBOX = 1000
# Close codes websockets sends when it refuses what the server sent: protocol error,
# unsupported data, invalid UTF-8 text, message too big (RFC 6455 §7.4.1).
_REFUSED_FRAME = frozenset({1002, 1003, 1007, 1009})


class TransportState(enum.Enum):
    DISCONNECTED = "disconnected"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    CLOSING = "closing"


class FailureKind(enum.Enum):
    CERTIFICATE = "certificate"
    TLS = "tls"
    REFUSED = "refused"
    TIMEOUT = "timeout"
    HANDSHAKE = "handshake"
    BAD_URL = "bad-url"


class TransportError(Exception):
    """Connecting failed; ``kind`` says how, the message says why in words."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def make_ssl_context(ca_file: str | None = None, *, insecure: bool = False) -> ssl.SSLContext:
    """Verification on by default; *ca_file* replaces the system store when given."""
    if insecure:
        log.warning(
            "TLS certificate verification is OFF (insecure mode): anyone on the path can "
            "read and change the signalling. Use it only with a development server."
        )
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context
    try:
        return ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise TransportError(
            FailureKind.CERTIFICATE, f"cannot load CA file {ca_file!r}: {exc}"
        ) from exc


def check_url(url: str) -> str:
    """Return *url* if it is a usable ws:// or wss:// URL, else raise TransportError."""
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise TransportError(FailureKind.BAD_URL, f"{url!r} is not a ws:// or wss:// URL")
    return url


class WebSocketTransport:
    """One WebSocket connection carrying SIP, one message per frame, sent in order."""

    def __init__(
        self,
        url: str,
        *,
        on_message: Callable[[bytes], None],
        on_close: Callable[[int, str], None],
        ssl_context: ssl.SSLContext | None = None,
        open_timeout: float = 10.0,
        ping_interval: float | None = 20.0,
        ping_timeout: float | None = 10.0,
        budget: InboundBudget | None = None,
    ) -> None:
        self.url = check_url(url)
        self.secure = url.startswith("wss://")
        self.state = TransportState.DISCONNECTED
        self._on_message = on_message
        self._on_close = on_close
        self._ssl = ssl_context if self.secure else None
        if self.secure and self._ssl is None:
            self._ssl = make_ssl_context()
        self._open_timeout = open_timeout
        self._ping_interval = ping_interval
        self._ping_timeout = ping_timeout
        self._ws: ClientConnection | None = None
        self._outbox: asyncio.Queue[str | None] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._budget = budget or InboundBudget()
        # Why we dropped the connection ourselves (flood, stalled peer), for on_close.
        self._dropped: tuple[int, str] | None = None

    @property
    def via_transport(self) -> str:
        return "WSS" if self.secure else "WS"

    async def connect(self) -> None:
        """Open the connection; raises :class:`TransportError` with a clear reason."""
        self.state = TransportState.CONNECTING
        try:
            self._ws = await connect(
                self.url,
                subprotocols=["sip"],  # type: ignore[list-item]
                ssl=self._ssl,
                open_timeout=self._open_timeout,
                ping_interval=self._ping_interval,
                ping_timeout=self._ping_timeout,
                close_timeout=2,
                max_size=MAX_FRAME_BYTES,
                compression=None,
                proxy=_proxy_for(self.url),
            )
        except BaseException as exc:
            self.state = TransportState.DISCONNECTED
            if isinstance(exc, asyncio.CancelledError):
                raise
            raise _describe(self.url, exc) from exc
        if self._ws.subprotocol != "sip":
            await self._ws.close()
            self.state = TransportState.DISCONNECTED
            raise TransportError(
                FailureKind.HANDSHAKE, f"{self.url} did not accept subprotocol 'sip'"
            )
        self.state = TransportState.CONNECTED
        self._tasks = [
            asyncio.create_task(self._reader(self._ws), name="sip-ws-reader"),
            asyncio.create_task(self._writer(self._ws), name="sip-ws-writer"),
        ]

    def send(self, data: bytes) -> None:
        """Queue one SIP message; dropped with a log line when not connected."""
        if self.state is not TransportState.CONNECTED:
            log.warning("not connected: dropping outgoing message")
            return
        if self._outbox.qsize() >= MAX_OUTBOX:
            self._drop(
                CLOSE_ABNORMAL,
                f"the server is not reading: {MAX_OUTBOX} messages are waiting to be sent",
            )
            return
        self._outbox.put_nowait(data.decode("utf-8"))

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close on purpose; ``on_close`` is not called for a deliberate close."""
        if self.state in (TransportState.DISCONNECTED, TransportState.CLOSING):
            return
        self.state = TransportState.CLOSING
        ws = self._ws
        self._outbox.put_nowait(None)
        for task in self._tasks:
            if task is not asyncio.current_task() and task.get_name() == "sip-ws-writer":
                await asyncio.wait([task], timeout=2)
        if ws is not None:
            await ws.close(code, reason)
        for task in self._tasks:
            task.cancel()
        self.state = TransportState.DISCONNECTED

    def abort(self) -> None:
        """Drop the connection at once, as a network failure would (``on_close`` gets 1006)."""
        if self._ws is not None and self.state is TransportState.CONNECTED:
            self._ws.transport.abort()

    def _drop(self, code: int, reason: str) -> None:
        """Give up on a misbehaving server at once: abort, as a network failure would."""
        if self._dropped is None:
            self._dropped = (code, reason)
            log.warning("dropping the connection to %s: %s", self.url, reason)
        if self._ws is not None:
            self._ws.transport.abort()

    async def _writer(self, ws: ClientConnection) -> None:
        while True:
            text = await self._outbox.get()
            if text is None:
                return
            try:
                await ws.send(text)
            except ConnectionClosed:
                return

    async def _reader(self, ws: ClientConnection) -> None:
        code, reason = CLOSE_ABNORMAL, "connection lost"
        clock = asyncio.get_running_loop().time
        try:
            async for frame in ws:
                data = frame.encode("utf-8") if isinstance(frame, str) else frame
                problem = self._budget.admit(len(data), clock())
                if problem is not None:
                    self._dropped = (CLOSE_POLICY_VIOLATION, problem)
                    log.warning("dropping the connection to %s: %s", self.url, problem)
                    # A close frame tells the server why; close_timeout bounds the wait.
                    await ws.close(CLOSE_POLICY_VIOLATION, problem)
                    break
                try:
                    self._on_message(data)
                except Exception:
                    log.exception("error handling an incoming message")
        except ConnectionClosed as exc:
            sent = exc.sent
            if sent is not None and sent.code in _REFUSED_FRAME and not exc.rcvd_then_sent:
                # We closed first: websockets refused a frame (over MAX_FRAME_BYTES, bad
                # framing). Its close frame says why; the server's echo may not.
                self._dropped = (sent.code, sent.reason or "frame refused")
                log.warning("dropping the connection to %s: %s", self.url, sent.reason)
        if ws.close_code is not None:
            code, reason = ws.close_code, ws.close_reason or ""
        if self._dropped is not None:
            code, reason = self._dropped
        deliberate = self.state is TransportState.CLOSING
        self.state = TransportState.DISCONNECTED
        self._outbox.put_nowait(None)
        if not deliberate:
            log.warning("WebSocket %s closed: %s %s", self.url, code, reason)
            self._on_close(code, reason)


def _describe(url: str, exc: BaseException) -> TransportError:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return TransportError(
            FailureKind.CERTIFICATE,
            f"TLS certificate of {url} could not be verified: {exc.verify_message or exc}",
        )
    if isinstance(exc, ssl.SSLError):
        return TransportError(FailureKind.TLS, f"TLS handshake with {url} failed: {exc}")
    if isinstance(exc, TimeoutError):
        return TransportError(FailureKind.TIMEOUT, f"timed out connecting to {url}")
    if isinstance(exc, InvalidStatus):
        return TransportError(
            FailureKind.HANDSHAKE,
            f"{url} refused the WebSocket upgrade with HTTP {exc.response.status_code}",
        )
    if isinstance(exc, InvalidURI):
        return TransportError(FailureKind.BAD_URL, f"{url!r} is not a valid WebSocket URL")
    if isinstance(exc, InvalidHandshake):
        return TransportError(
            FailureKind.HANDSHAKE, f"WebSocket handshake with {url} failed: {exc}"
        )
    if isinstance(exc, OSError):
        return TransportError(
            FailureKind.REFUSED, f"cannot connect to {url}: {exc.strerror or exc}"
        )
    return TransportError(FailureKind.REFUSED, f"cannot connect to {url}: {exc!r}")


@functools.cache
def _proxy_for(url: str) -> str | None:
    """The proxy the environment (``https_proxy``, ``no_proxy``, ...) names for *url*.

    Looked up once per URL: websockets would read the whole environment on every
    connect, a good part of a login's own time on a fast network.
    """
    try:
        return get_proxy(parse_uri(url))
    except InvalidURI:
        return None  # connect() itself reports the bad URL
