"""Routing of the local demo service: a stateless SIP proxy between WebSocket connections.
Pure logic: it decides where each message goes; :mod:`.service` does the sending.

Part of the embedded *demo/test* service; real deployments use a real SIP server.

How messages find their way (the ideas of Kamailio's WebSocket routing, our own way):

* **Connection ids.** Every WebSocket connection has an id (``c<n>-<hex>``). A request
  for ``sip:<user>@<domain>`` goes to the connection of the user's most recent binding.
* **Contact aliases.** Over WebSockets a client's Contact host is an unreachable
  ``.invalid`` name (RFC 7118), so, like ``add_contact_alias``, every Contact URI of a
  forwarded request or response gets ``;wpconn=<id of the connection it came from>``.
  A request whose request-URI carries ``wpconn`` (an in-dialog request: its R-URI is the
  peer's Contact) is sent down that connection, with the parameter removed again; an
  alias whose connection has gone gets ``480``.
* **Record-Route.** Dialog-forming requests (INVITE, SUBSCRIBE, REFER without a To tag)
  get ``Record-Route: <sip:<host>:<port>;transport=ws;lr>``; a leading ``Route`` naming
  this service is removed from incoming requests (loose routing, RFC 3261 §16.4).
* **Via.** A forwarded request gets our Via on top, ``SIP/2.0/WS <host>:<port>;branch=
  z9hG4bK<hash of the incoming branch and connection>;wpconn=<source connection id>``: the
  branch is deterministic, so a CANCEL (and the ACK of a non-2xx) gets the same branch as
  its INVITE. A response pops that Via and goes to the connection it names.
* **Authentication.** A connection that registered user X (or proved X with
  ``Proxy-Authorization``) may send requests From X; other out-of-dialog requests are
  challenged with 407. ACK and CANCEL are never challenged. OPTIONS to the domain itself
  (no user part) is answered 200 (client keepalive).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from ..sip.errors import SipParseError
from ..sip.headers import Headers, NameAddr, Via
from ..sip.ids import MAGIC_COOKIE, new_tag
from ..sip.message import SipRequest, SipResponse, make_response
from ..sip.uri import SipUri, Uri
from .registrar import SERVER_HEADER, Registrar

__all__ = ["ALIAS_PARAM", "DIALOG_FORMING", "Delivery", "Proxy"]

ALIAS_PARAM = "wpconn"
DIALOG_FORMING = frozenset({"INVITE", "SUBSCRIBE", "REFER"})
ALLOW = "INVITE,ACK,CANCEL,BYE,OPTIONS,MESSAGE,INFO,REFER,UPDATE,NOTIFY,PRACK,SUBSCRIBE,REGISTER"
DEFAULT_MAX_FORWARDS = 70
_REMEMBERED_INVITES = 2048

Message = SipRequest | SipResponse
_V = TypeVar("_V")


@dataclass(frozen=True)
class Delivery:
    """Send *message* down *connection*; if that connection is gone, send *fallback* (a
    response to the original request) back down *source* instead."""

    connection: str
    message: Message
    fallback: SipResponse | None = None
    source: str | None = None


class Proxy:
    """Decides, for each message received on a connection, what to send where."""

    def __init__(
        self,
        registrar: Registrar,
        *,
        host: str,
        port: int,
        secure: bool = False,
        is_connected: Callable[[str], bool],
    ) -> None:
        self.registrar = registrar
        self.host = host
        self.port = port
        self.secure = secure
        self.is_connected = is_connected
        #: connection id -> users it has proven (by REGISTER or Proxy-Authorization)
        self.authenticated: dict[str, set[str]] = {}
        # (source connection, INVITE branch) -> (target connection, request-URI sent), so
        # CANCEL and the ACK of a non-2xx follow their INVITE.
        self._invites: OrderedDict[tuple[str, str], tuple[str, Uri]] = OrderedDict()
        # (source connection, INVITE branch) of INVITEs this proxy answered itself (407,
        # 404, 480, ...): their ACK stops here, a CANCEL is answered here.
        self._answered: OrderedDict[tuple[str, str], None] = OrderedDict()

    # -- our own addresses -----------------------------------------------------------------
    @property
    def via_host(self) -> str:
        host = self.host.lower()
        return f"[{host}]" if ":" in host and not host.startswith("[") else host

    @property
    def record_route(self) -> str:
        return f"<sip:{self.via_host}:{self.port};transport=ws;lr>"

    def _is_us(self, uri: object) -> bool:
        return isinstance(uri, SipUri) and uri.host == self.via_host and uri.port == self.port

    # -- entry points ----------------------------------------------------------------------
    def handle(self, source: str, message: Message) -> Delivery | None:
        if isinstance(message, SipResponse):
            return self.handle_response(source, message)
        return self.handle_request(source, message)

    def connection_closed(self, connection: str) -> None:
        self.authenticated.pop(connection, None)
        for key in [k for k, (target, _) in self._invites.items() if connection in (k[0], target)]:
            del self._invites[key]
        for key in [k for k in self._answered if k[0] == connection]:
            del self._answered[key]

    def handle_request(self, source: str, request: SipRequest) -> Delivery | None:
        try:
            delivery = self._request(source, request)
        except SipParseError as exc:
            delivery = self._reply(source, request, 400, f"Bad Request ({_printable(str(exc))})")
        if (
            request.method == "INVITE"
            and delivery is not None
            and isinstance(delivery.message, SipResponse)
        ):
            with contextlib.suppress(SipParseError):
                _remember(self._answered, (source, _transaction_key(request)), None)
        return delivery

    def handle_response(self, source: str, response: SipResponse) -> Delivery | None:
        """Pop our Via and send the response to the connection it names (None: drop)."""
        try:
            top = response.top_via
            target = top.params.get(ALIAS_PARAM)
            if top.host != self.via_host or top.port != self.port or not target:
                return None  # not a response to anything we forwarded
            response.headers = _pop_first(response.headers, "Via")
            # A 3xx lists other targets, not the responder's own address: leave them alone.
            if not 300 <= response.status < 400:
                response.headers = self._alias_contacts(response.headers, source)
        except SipParseError:
            return None
        return Delivery(target, response)

    # -- requests --------------------------------------------------------------------------
    def _request(self, source: str, request: SipRequest) -> Delivery | None:
        method = request.method
        max_forwards = request.headers.get("Max-Forwards")
        if max_forwards is not None and not (max_forwards.isdigit() and len(max_forwards) <= 3):
            return self._reply(source, request, 400, "Bad Request (Max-Forwards)")
        request.headers = self._strip_own_routes(request.headers)
        if method == "REGISTER":
            response = self.registrar.register(request, source)
            if response.status == 200:
                user = self.registrar.local_user(request.to.uri)
                if user is not None:
                    self.authenticated.setdefault(source, set()).add(user)
            return Delivery(source, response)
        uri = request.uri
        out_of_dialog = request.to.tag is None
        if isinstance(uri, SipUri) and ALIAS_PARAM in uri.params:
            if out_of_dialog and method not in ("ACK", "CANCEL"):
                refusal = self._authorise(source, request)
                if refusal is not None:
                    return refusal
            target = uri.params[ALIAS_PARAM] or ""
            return self._forward(source, request, target, uri.without_params(ALIAS_PARAM))
        if method in ("CANCEL", "ACK"):
            key = (source, _transaction_key(request))
            remembered = self._invites.get(key)
            if remembered is not None:
                return self._forward(source, request, *remembered)
            if key in self._answered:  # the INVITE was answered here, not forwarded
                return self._reply(source, request, 200) if method == "CANCEL" else None
        if not isinstance(uri, SipUri):
            return self._reply(source, request, 416, "Unsupported URI Scheme")
        if not uri.user:
            if method == "OPTIONS":  # to the domain / to us: keepalive
                response = self._response(request, 200)
                response.headers.add("Allow", ALLOW)
                response.headers.add("Accept", "application/sdp")
                return Delivery(source, response)
            return self._reply(source, request, 404, "Not Found (no user in the request-URI)")
        if method not in ("ACK", "CANCEL"):
            refusal = self._authorise(source, request)
            if refusal is not None:
                return refusal
        location = self.registrar.locate(uri)
        if location.binding is None:
            return self._reply(source, request, location.status, location.reason)
        binding = location.binding
        return self._forward(source, request, binding.connection, binding.uri)

    def authorise(self, source: str, request: SipRequest) -> Delivery | None:
        """None when *source* may send *request* (From one of its proven users), else the
        407/403/400 to send back (the mailboxes ask this of a SUBSCRIBE too)."""
        return self._authorise(source, request)

    def _authorise(self, source: str, request: SipRequest) -> Delivery | None:
        """None when *source* may send *request* (From one of its proven users), else the
        407/403/400 to send back."""
        user = self.registrar.local_user(request.from_.uri)
        proven = self.authenticated.get(source, set())
        if user is not None and user in proven:
            return None
        outcome = self.registrar.authenticate(request, proxy=True)
        if outcome.response is not None:
            return Delivery(source, outcome.response)
        if outcome.user != user:
            reason = "Forbidden (From is not the authenticated user)"
            return self._reply(source, request, 403, reason)
        assert outcome.user is not None
        self.authenticated.setdefault(source, set()).add(outcome.user)
        request.headers.remove("Proxy-Authorization")  # consumed here (our realm)
        return None

    def _forward(
        self, source: str, request: SipRequest, target: str, uri: Uri | None
    ) -> Delivery | None:
        if not self.is_connected(target):
            return self._reply(source, request, 480, "Temporarily Unavailable (connection gone)")
        max_forwards = int(request.headers.get("Max-Forwards") or DEFAULT_MAX_FORWARDS + 1)
        if max_forwards <= 0:
            return self._reply(source, request, 483)
        fallback = None
        if request.method != "ACK":
            fallback = self._response(request, 480, "Temporarily Unavailable (connection closed)")
        incoming_branch = _transaction_key(request)
        if uri is not None:
            request.uri = uri
        request.headers.set("Max-Forwards", str(max_forwards - 1))
        via = Via(
            "WSS" if self.secure else "WS",
            self.via_host,
            self.port,
            {"branch": _branch(incoming_branch, source), ALIAS_PARAM: source},
        )
        request.headers.add("Via", str(via), first=True)
        if request.method in DIALOG_FORMING and request.to.tag is None:
            request.headers.add("Record-Route", self.record_route, first=True)
        request.headers = self._alias_contacts(request.headers, source)
        if request.method == "INVITE":
            self._remember_invite((source, incoming_branch), (target, request.uri))
        return Delivery(target, request, fallback, source)

    def _remember_invite(self, key: tuple[str, str], value: tuple[str, Uri]) -> None:
        _remember(self._invites, key, value)

    # -- header rewriting ------------------------------------------------------------------
    def _alias_contacts(self, headers: Headers, source: str) -> Headers:
        """Every Contact URI marked with the connection it came from (replacing any mark)."""

        def alias(value: str) -> str:
            if value.strip() == "*":
                return value
            contact = NameAddr.parse(value)
            if not isinstance(contact.uri, SipUri):
                return value
            return str(replace(contact, uri=contact.uri.with_params(**{ALIAS_PARAM: source})))

        out = Headers()
        for name, value in headers:
            if name == "Contact":
                elements = _line_values(name, value)
                value = ", ".join(alias(element) for element in elements)
            out.add(name, value)
        return out

    def _strip_own_routes(self, headers: Headers) -> Headers:
        """Remove the leading Route entries that name this service (loose routing)."""
        routes = headers.values("Route")
        drop = 0
        for route in routes:
            if not self._is_us(NameAddr.parse(route).uri):
                break
            drop += 1
        out = headers
        for _ in range(drop):
            out = _pop_first(out, "Route")
        return out

    # -- responses we generate -------------------------------------------------------------
    def _response(self, request: SipRequest, status: int, reason: str | None = None) -> SipResponse:
        response = make_response(request, status, reason, to_tag=new_tag())
        response.headers.add("Server", SERVER_HEADER)
        return response

    def _reply(
        self, source: str, request: SipRequest, status: int, reason: str | None = None
    ) -> Delivery | None:
        if request.method == "ACK":
            return None  # ACK is never answered
        return Delivery(source, self._response(request, status, reason))


def _line_values(name: str, value: str) -> list[str]:
    """The elements of one header line (splitting list headers on commas)."""
    one = Headers()
    one.add(name, value)
    return one.values(name)


def _pop_first(headers: Headers, name: str) -> Headers:
    """*headers* without the first element of header *name* (keeping every position)."""
    out = Headers()
    done = False
    for existing, value in headers:
        if not done and existing == name:
            done = True
            rest = _line_values(name, value)[1:]
            if rest:
                out.add(existing, ", ".join(rest))
            continue
        out.add(existing, value)
    return out


def _remember(table: OrderedDict[tuple[str, str], _V], key: tuple[str, str], value: _V) -> None:
    table.pop(key, None)
    table[key] = value
    while len(table) > _REMEMBERED_INVITES:
        table.popitem(last=False)


def _transaction_key(request: SipRequest) -> str:
    """The top Via's branch (the whole top Via for a pre-RFC 3261 client)."""
    return request.top_via.branch or request.headers.values("Via")[0]


def _branch(incoming: str, source: str) -> str:
    digest = hashlib.sha256(f"{incoming}|{source}".encode()).hexdigest()[:24]
    return MAGIC_COOKIE + digest


def _printable(text: str, limit: int = 80) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:limit]
