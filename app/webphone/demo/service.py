"""The embedded local demo service: a SIP-over-WebSocket registrar and stateless proxy.

A **local demo and test service** (loopback by default), so Webphone works out of the box
with no account and the signalling tests have a server of their own. It is not a SIP
server for real deployments: those use a real one (Kamailio, Asterisk, FreeSWITCH, ...).

WebSocket: the ``sip`` subprotocol is required (the handshake is refused with HTTP 400
otherwise); text or binary frames, one SIP message per frame (RFC 7118). Registration and
authentication are :mod:`.registrar`, routing is :mod:`.proxy`; this module only moves
frames. A frame that is not SIP is logged and dropped (answered with 400 when enough of it
is readable); nothing a client sends stops the service or disturbs another client. Logs
never contain passwords, credentials or tokens.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import ssl
import traceback
from types import TracebackType

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.typing import Subprotocol

from ..sdk.core.log import get_logger
from ..sip.errors import SipParseError
from ..sip.headers import Via
from ..sip.message import SipRequest, SipResponse, parse_message
from ..sip.message_summary import EVENT as MWI_EVENT
from ..sip.salvage import salvage_bad_request
from .accounts import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_JWT_SECRET
from .mailboxes import Mailboxes
from .proxy import Delivery, Proxy
from .registrar import DEFAULT_MIN_EXPIRES, NONCE_LIFETIME, BindingInfo, Registrar

__all__ = ["DemoService", "banner", "serve_forever"]

log = get_logger(__name__)
MAX_FRAME_BYTES = 1024 * 1024


class DemoService:
    """The local demo registrar + proxy. ``async with DemoService() as demo: demo.url``.

    *min_expires* defaults to 10 s (or *max_expires* if that is smaller): a REGISTER asking
    for less gets ``423 Interval Too Brief``; grants are clamped to *max_expires*.
    *nonce_lifetime* is how long a digest nonce stays fresh before ``stale=true``.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        domain: str = DEMO_DOMAIN,
        accounts: dict[str, str] | None = None,
        min_expires: int | None = None,
        max_expires: int = 3600,
        ssl_context: ssl.SSLContext | None = None,
        jwt_secret: str = DEMO_JWT_SECRET,
        nonce_lifetime: float = NONCE_LIFETIME,
    ) -> None:
        self.host = host
        self.port = port
        self.domain = domain.lower()
        self.accounts: dict[str, str] = dict(DEMO_ACCOUNTS if accounts is None else accounts)
        self.jwt_secret = jwt_secret
        self.ssl_context = ssl_context
        self.registrar = Registrar(
            self.domain,
            self.accounts,
            jwt_secret,
            min_expires=min(DEFAULT_MIN_EXPIRES, max_expires)
            if min_expires is None
            else min_expires,
            max_expires=max_expires,
            nonce_lifetime=nonce_lifetime,
        )
        self._connections: dict[str, ServerConnection] = {}
        self.proxy = Proxy(
            self.registrar,
            host=host,
            port=port,
            secure=ssl_context is not None,
            is_connected=self._connections.__contains__,
        )
        #: voicemail boxes: message-summary SUBSCRIBEs are answered here, not forwarded
        self.mailboxes = Mailboxes(
            self.registrar,
            via=lambda: Via("WSS" if ssl_context else "WS", self.proxy.via_host, self.port, {}),
            contact=lambda: f"<sip:{self.proxy.via_host}:{self.port};transport=ws>",
        )
        self._server: Server | None = None
        self._ids = itertools.count(1)
        self._id_suffix = secrets.token_hex(2)

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """``ws://host:port`` (``wss://`` with an SSL context); the real port once started."""
        scheme = "wss" if self.ssl_context is not None else "ws"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    @property
    def is_running(self) -> bool:
        return self._server is not None

    async def start(self) -> None:
        if self._server is not None:
            raise RuntimeError("demo service already started")
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            subprotocols=[Subprotocol("sip")],
            process_request=_require_sip_subprotocol,
            ssl=self.ssl_context,
            compression=None,
            max_size=MAX_FRAME_BYTES,
            close_timeout=2,
            server_header="webphone-demo",
        )
        self.port = self._server.sockets[0].getsockname()[1]
        self.proxy.port = self.port
        log.info("local demo service (not a real SIP server) on %s, %s", self.url, self.domain)

    async def stop(self) -> None:
        """Close every connection (their bindings go with them) and stop listening."""
        server, self._server = self._server, None
        if server is None:
            return
        server.close(close_connections=True)
        await server.wait_closed()
        log.info("local demo service on %s stopped", self.url)

    async def __aenter__(self) -> DemoService:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- introspection for tests -----------------------------------------------------------
    @property
    def connection_count(self) -> int:
        return len(self._connections)

    @property
    def connection_ids(self) -> list[str]:
        return list(self._connections)

    def bindings(self, user: str) -> list[BindingInfo]:
        """Live bindings of *user* (contact, expires, connection, ...), oldest first; the
        last one is where requests for the user go."""
        return self.registrar.snapshot(user)

    def register_count(self, user: str) -> int:
        """How many REGISTERs of *user* were accepted (200 OK) so far."""
        return self.registrar.register_counts.get(user, 0)

    @property
    def register_counts(self) -> dict[str, int]:
        return dict(self.registrar.register_counts)

    def drop_connections(self) -> int:
        """Abort every client connection without a closing handshake (as a network failure
        would: clients see code 1006). Returns how many were aborted."""
        connections = list(self._connections.values())
        for connection in connections:
            connection.transport.abort()
        return len(connections)

    # -- connections -----------------------------------------------------------------------
    async def _handle(self, connection: ServerConnection) -> None:
        cid = f"c{next(self._ids)}-{self._id_suffix}"
        self._connections[cid] = connection
        log.debug("connection %s opened from %s", cid, connection.remote_address)
        try:
            async for frame in connection:
                try:
                    await self._receive(cid, frame)
                except Exception:  # one bad message must never take the service down
                    log.error("error handling a message from %s:\n%s", cid, traceback.format_exc())
        except ConnectionClosed:
            pass
        finally:
            del self._connections[cid]
            self.proxy.connection_closed(cid)
            self.mailboxes.connection_closed(cid)
            users = self.registrar.drop_connection(cid)
            log.debug("connection %s closed; bindings removed for %s", cid, users or "nobody")

    async def _receive(self, cid: str, frame: str | bytes) -> None:
        data = frame.encode("utf-8") if isinstance(frame, str) else frame
        if not data.strip():
            return  # CRLF keepalive
        try:
            message = parse_message(data)
        except SipParseError as exc:
            log.warning("dropped an unparseable frame from %s (%d bytes): %s", cid, len(data), exc)
            reply = salvage_bad_request(data, str(exc))
            if reply is not None:
                await self._send(cid, reply)
            return
        if isinstance(message, SipRequest):
            log.debug("%s %s from %s", message.method, message.uri, cid)
        else:
            log.debug("%s %s from %s", message.status, message.reason, cid)
        if isinstance(message, SipRequest) and _is_mwi_subscribe(message):
            for mail in self._subscribe_mwi(cid, message):
                await self._deliver(mail)
            return
        delivery = self.proxy.handle(cid, message)
        if delivery is None:
            if isinstance(message, SipResponse):
                log.debug("dropped a response from %s that is not for us", cid)
            return
        await self._deliver(delivery)

    def _subscribe_mwi(self, cid: str, request: SipRequest) -> list[Delivery]:
        try:
            refusal = self.proxy.authorise(cid, request)
            if refusal is not None:
                return [refusal]
            user = self.registrar.local_user(request.from_.uri)
            assert user is not None  # authorise() proved it
            return self.mailboxes.subscribe(cid, request, user)
        except SipParseError as exc:
            log.warning("bad message-summary SUBSCRIBE from %s: %s", cid, exc)
            return []

    # -- voicemail (the ``voicemail`` bot calls these) ---------------------------------------
    def new_voicemail(self, user: str) -> int:
        """How many new messages *user*'s box holds."""
        return self.mailboxes.boxes.get(user, (0, 0))[0]

    async def leave_voicemail(self, user: str) -> None:
        """A message for *user*: one more new message, NOTIFYs to their devices."""
        for delivery in self.mailboxes.leave_message(user):
            await self._deliver(delivery)

    async def hear_voicemail(self, user: str) -> None:
        """*user* listened: their new messages become old ones."""
        for delivery in self.mailboxes.mark_heard(user):
            await self._deliver(delivery)

    async def _deliver(self, delivery: Delivery) -> None:
        if await self._send(delivery.connection, delivery.message):
            return
        if delivery.fallback is not None and delivery.source is not None:
            await self._send(delivery.source, delivery.fallback)

    async def _send(self, cid: str, message: SipRequest | SipResponse) -> bool:
        connection = self._connections.get(cid)
        if connection is None:
            return False
        data = message.to_bytes()
        try:
            frame: str | bytes = data.decode("utf-8")
        except UnicodeDecodeError:
            frame = data  # a body that is not UTF-8 travels byte-for-byte in a binary frame
        try:
            await connection.send(frame)
        except ConnectionClosed:
            return False
        return True


def _is_mwi_subscribe(request: SipRequest) -> bool:
    if request.method != "SUBSCRIBE":
        return False
    return (request.headers.get("Event") or "").split(";")[0].strip().lower() == MWI_EVENT


def _require_sip_subprotocol(connection: ServerConnection, request: Request) -> Response | None:
    offered = ",".join(request.headers.get_all("Sec-WebSocket-Protocol"))
    if "sip" not in [p.strip().lower() for p in offered.split(",")]:
        return connection.respond(400, "WebSocket subprotocol 'sip' required\n")
    return None


def banner(service: DemoService) -> str:
    """What ``python -m webphone.demo`` prints: what this is, where, and the accounts."""
    lines = [
        "Webphone LOCAL DEMO SERVICE - a loopback SIP-over-WebSocket registrar and proxy",
        "for trying Webphone out and for tests; not a SIP server for real deployments.",
        f"  URL:     {service.url}",
        f"  Domain:  {service.domain}",
        "  Accounts (user / password):",
        *(f"    {user} / {password}" for user, password in sorted(service.accounts.items())),
        f"  Access tokens: HS256 JWTs signed with {service.jwt_secret!r}, sub = user",
    ]
    return "\n".join(lines)


async def serve_forever(host: str = "127.0.0.1", port: int = 0) -> None:
    """Run a demo service until cancelled, printing :func:`banner` once it listens."""
    async with DemoService(host, port) as service:
        print(banner(service), flush=True)
        await asyncio.Event().wait()
