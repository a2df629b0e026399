"""The embedded demo service: a SIP-over-WebSocket registrar and stateless proxy on
127.0.0.1. A local demo and test service, not a SIP server for real deployments.

Routing over WebSockets: a client's Contact is an unreachable ``.invalid`` host (RFC 7118),
so, like Kamailio's ``add_contact_alias``, every Contact we forward is tagged with
``;wpconn=<connection id>`` and a request whose URI carries that tag goes down that
connection. Our Via carries the same tag so responses find their way back.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import ssl
from dataclasses import replace

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from ..sip.errors import SipParseError
from ..sip.headers import NameAddr, Via
from ..sip.message import SipRequest, SipResponse, make_response, parse_message
from ..sip.salvage import salvage_bad_request
from ..sip.uri import SipUri
from .accounts import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_JWT_SECRET
from .registrar import Registrar

log = logging.getLogger(__name__)
ALIAS = "wpconn"
_ids = itertools.count(1)


class DemoService:
    """Registrar + proxy for the demo accounts; ``async with DemoService() as demo: ...``."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        domain: str = DEMO_DOMAIN,
        accounts: dict[str, str] | None = None,
        min_expires: int = 10,
        max_expires: int = 3600,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.domain = domain
        self.accounts = dict(DEMO_ACCOUNTS if accounts is None else accounts)
        self.jwt_secret = DEMO_JWT_SECRET
        self.registrar = Registrar(
            domain, self.accounts, self.jwt_secret, min_expires=min_expires, max_expires=max_expires
        )
        self._ssl = ssl_context
        self._server: Server | None = None
        self._connections: dict[str, ServerConnection] = {}
        self._users_by_connection: dict[str, str] = {}

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"{'wss' if self._ssl else 'ws'}://{self.host}:{self.port}"

    async def start(self) -> None:
        self._server = await serve(
            self._handle,
            self.host,
            self.port,
            subprotocols=["sip"],  # type: ignore[list-item]
            process_request=self._require_sip,
            ssl=self._ssl,
            compression=None,
        )
        self.port = self._server.sockets[0].getsockname()[1]
        log.info("demo service listening on %s (domain %s)", self.url, self.domain)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> DemoService:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @staticmethod
    def _require_sip(connection: ServerConnection, request: Request) -> Response | None:
        offered = request.headers.get("Sec-WebSocket-Protocol", "")
        if "sip" not in [p.strip() for p in offered.split(",")]:
            return connection.respond(400, "WebSocket subprotocol 'sip' required\n")
        return None

    # -- introspection for tests --------------------------------------------------------------
    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def bindings(self, user: str) -> list[object]:
        return list(self.registrar.bindings(user))

    def register_count(self, user: str) -> int:
        return self.registrar.register_counts.get(user, 0)

    def drop_connections(self) -> None:
        """Abort every client connection without a close frame (a network failure)."""
        for connection in list(self._connections.values()):
            connection.transport.abort()

    # -- connections --------------------------------------------------------------------------
    async def _handle(self, connection: ServerConnection) -> None:
        cid = f"c{next(_ids)}"
        self._connections[cid] = connection
        try:
            async for frame in connection:
                data = frame.encode() if isinstance(frame, str) else frame
                try:
                    await self._receive(cid, data)
                except Exception:  # one bad message must never take the service down
                    log.exception("demo service: error handling a message from %s", cid)
        except ConnectionClosed:
            pass
        finally:
            self._connections.pop(cid, None)
            self._users_by_connection.pop(cid, None)
            self.registrar.drop_connection(cid)

    async def _send(self, cid: str, message: SipRequest | SipResponse) -> bool:
        connection = self._connections.get(cid)
        if connection is None:
            return False
        try:
            await connection.send(message.to_bytes().decode())
        except ConnectionClosed:
            return False
        return True

    async def _receive(self, cid: str, data: bytes) -> None:
        try:
            message = parse_message(data)
        except SipParseError as exc:
            log.warning("demo service: malformed message from %s: %s", cid, exc)
            reply = salvage_bad_request(data, str(exc))
            if reply is not None:
                await self._send(cid, reply)
            return
        try:
            if isinstance(message, SipResponse):
                await self._forward_response(cid, message)
            else:
                await self._route_request(cid, message)
        except SipParseError as exc:
            log.warning("demo service: bad header from %s: %s", cid, exc)
            if isinstance(message, SipRequest) and message.method != "ACK":
                reply = salvage_bad_request(data, str(exc))
                if reply is not None:
                    await self._send(cid, reply)

    # -- requests -----------------------------------------------------------------------------
    async def _route_request(self, cid: str, request: SipRequest) -> None:
        method = request.method
        max_forwards = request.headers.get("Max-Forwards", "70") or "70"
        if not max_forwards.strip().isdigit():
            await self._reply(cid, request, 400, "Bad Request (Max-Forwards)")
            return
        if int(max_forwards) <= 0:
            await self._reply(cid, request, 483)
            return
        self._pop_own_route(request)
        if method == "REGISTER":
            response = self.registrar.register(request, cid)
            if response.status == 200:
                self._users_by_connection[cid] = request.to.sip_uri.user or ""
            await self._send(cid, response)
            return
        uri = request.uri
        if isinstance(uri, SipUri) and ALIAS in uri.params:
            await self._forward_request(cid, request, uri.params[ALIAS] or "", None)
            return
        if method == "OPTIONS" and isinstance(uri, SipUri) and not uri.user:
            await self._reply(cid, request, 200)
            return
        user = self.registrar.aor_user(uri)
        if user is None:
            await self._reply(cid, request, 404, "Not Found (not a demo address)")
            return
        if method not in ("ACK", "CANCEL") and not await self._authorised(cid, request):
            return
        if user not in self.accounts:
            await self._reply(cid, request, 404)
            return
        bindings = self.registrar.bindings(user)
        if not bindings:
            await self._reply(cid, request, 480)
            return
        binding = bindings[-1]
        await self._forward_request(cid, request, binding.connection, binding.uri)

    async def _authorised(self, cid: str, request: SipRequest) -> bool:
        """Requests from a registered connection are trusted; others must pass digest (407)."""
        sender = request.from_.uri
        registered = self._users_by_connection.get(cid)
        if registered and isinstance(sender, SipUri) and sender.user == registered:
            return True
        user, failure = self.registrar.authenticate(request, "Proxy-Authorization", 407)
        if failure is not None:
            await self._send(cid, failure)
            return False
        return user is not None

    def _pop_own_route(self, request: SipRequest) -> None:
        routes = request.headers.values("Route")
        if routes and _is_ours(routes[0], self.host, self.port):
            request.headers.remove("Route")
            for route in routes[1:]:
                request.headers.add("Route", route)

    async def _forward_request(
        self, cid: str, request: SipRequest, target: str, contact: SipUri | None
    ) -> None:
        if target not in self._connections:
            await self._reply(cid, request, 480, "Temporarily Unavailable (gone)")
            return
        if contact is not None:
            request.uri = contact
        request.headers.set("Max-Forwards", str(int(request.headers.get("Max-Forwards") or 70) - 1))
        branch = (
            "z9hG4bK" + hashlib.sha1(f"{request.top_via.branch}|{cid}".encode()).hexdigest()[:20]
        )
        via = Via("WS", self.host, self.port, {"branch": branch, ALIAS: cid})
        request.headers.add("Via", str(via), first=True)
        if request.method in ("INVITE", "SUBSCRIBE", "REFER") and not request.to.tag:
            request.headers.add(
                "Record-Route", f"<sip:{self.host}:{self.port};transport=ws;lr>", first=True
            )
        self._tag_contacts(request, cid)
        if not await self._send(target, request) and request.method != "ACK":
            request.headers.remove("Via")
            await self._reply(cid, request, 480, "Temporarily Unavailable (gone)")

    # -- responses ----------------------------------------------------------------------------
    async def _forward_response(self, cid: str, response: SipResponse) -> None:
        vias = response.headers.values("Via")
        top = Via.parse(vias[0])
        if top.host != self.host or top.port != self.port or ALIAS not in top.params:
            log.debug("demo service: dropping a response not via us")
            return
        response.headers.remove("Via")
        for value in vias[1:]:
            response.headers.add("Via", value)
        self._tag_contacts(response, cid)
        await self._send(top.params[ALIAS] or "", response)

    def _tag_contacts(self, message: SipRequest | SipResponse, cid: str) -> None:
        values = message.headers.values("Contact")
        if not values or values == ["*"]:
            return
        message.headers.remove("Contact")
        for value in values:
            contact = NameAddr.parse(value)
            if isinstance(contact.uri, SipUri) and ALIAS not in contact.uri.params:
                contact = replace(contact, uri=contact.uri.with_params(**{ALIAS: cid}))
            message.headers.add("Contact", str(contact))

    async def _reply(
        self, cid: str, request: SipRequest, status: int, reason: str | None = None
    ) -> None:
        if request.method == "ACK":
            return
        await self._send(cid, make_response(request, status, reason, to_tag="demo"))


def _is_ours(route: str, host: str, port: int) -> bool:
    try:
        uri = NameAddr.parse(route).uri
    except SipParseError:
        return False
    return isinstance(uri, SipUri) and uri.host == host and uri.port == port


async def serve_forever(host: str, port: int) -> None:
    async with DemoService(host, port) as demo:
        print("Webphone LOCAL DEMO SERVICE (for trying Webphone out; not a real SIP server)")
        print(f"  URL:    {demo.url}")
        print(f"  Domain: {demo.domain}")
        print("  Accounts (user / password):")
        for user, password in sorted(demo.accounts.items()):
            print(f"    {user} / {password}")
        await asyncio.Future()
