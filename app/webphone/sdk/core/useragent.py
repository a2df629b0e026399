"""The SIP user agent core: one transport at a time, transactions, request helpers.

It turns the sans-I/O transaction layer into awaitable requests and routes incoming
requests to handlers registered per method.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ... import __version__
from ...sip.errors import SipParseError
from ...sip.headers import Headers, NameAddr, Via
from ...sip.ids import invalid_host, new_branch, new_call_id, new_tag
from ...sip.message import SipRequest, SipResponse, parse_message
from ...sip.salvage import salvage_bad_request
from ...sip.transaction import ServerTransaction, TransactionLayer
from ...sip.uri import Uri
from .log import get_logger
from .transport import WebSocketTransport

log = get_logger(__name__)

USER_AGENT = f"Webphone/{__version__}"
#: The methods we handle as a UAS; a request for any other gets 501 (MESSAGE was listed
#: once and answered 501: a peer trusting Allow then sent it in vain).
ALLOW = "INVITE,ACK,CANCEL,BYE,UPDATE,OPTIONS,REFER,INFO,NOTIFY"


class RequestTimeout(Exception):
    """No final response arrived (Timer B/F) or the connection went away meanwhile."""


RequestHandler = Callable[[ServerTransaction], None]


class UserAgent:
    """Sends requests over the current transport and dispatches what arrives."""

    def __init__(self) -> None:
        self.via_host = invalid_host()
        self.transport: WebSocketTransport | None = None
        self.layer = TransactionLayer(self._send, _LoopScheduler())
        self.handlers: dict[str, RequestHandler] = {}
        self.ack_handler: Callable[[SipRequest], None] | None = None

    # -- transport ---------------------------------------------------------------
    def attach(self, transport: WebSocketTransport) -> None:
        self.transport = transport

    def detach(self) -> None:
        """The transport is gone: pending client transactions fail now, not in 32 s."""
        self.transport = None
        self.layer.transport_failed()

    def send(self, message: SipRequest | SipResponse) -> None:
        """Send outside any transaction (ACK for a 2xx); dropped when not connected."""
        self._send(message)

    def _send(self, message: SipRequest | SipResponse) -> None:
        if self.transport is None:
            log.warning("no transport: cannot send %s", _first_line(message))
            return
        log.trace("SIP out:\n%s", message)
        self.transport.send(message.to_bytes())

    def receive(self, data: bytes) -> None:
        """Handle one frame from the transport."""
        try:
            message = parse_message(data)
        except SipParseError as exc:
            log.warning("dropping malformed SIP message: %s", exc)
            log.trace("malformed frame:\n%s", data[:2000].decode("utf-8", "replace"))
            reply = salvage_bad_request(data, str(exc))
            if reply is not None:
                self._send(reply)
            return
        log.trace("SIP in:\n%s", message)
        try:
            if isinstance(message, SipResponse):
                if not self.layer.receive_response(message):
                    log.debug("stray response %s %s", message.status, message.reason)
                return
            self._dispatch(message)
        except SipParseError as exc:
            log.warning("malformed header in incoming message: %s", exc)
            reply = salvage_bad_request(data, str(exc))
            if reply is not None:
                self._send(reply)

    def _dispatch(self, request: SipRequest) -> None:
        refused = self.layer.overload_refusals
        transaction = self.layer.receive_request(request)
        if self.layer.overload_refusals != refused and refused % 100 == 0:
            log.warning(
                "too many requests from the server (%d transactions open): %s answered 503 "
                "(%d so far)",
                self.layer.max_server,
                request.method,
                refused + 1,
            )
        if transaction is None:
            # An ACK for a 2xx is its own message, outside any transaction (§13.3.1.4).
            if request.method == "ACK" and self.ack_handler is not None:
                self.ack_handler(request)
            return
        handler = self.handlers.get(request.method)
        if handler is None:
            self._default_answer(transaction)
            return
        try:
            handler(transaction)
        except Exception as exc:
            log.exception("handler for %s failed", request.method)
            if not transaction.is_final:
                reason = f"Server Internal Error ({type(exc).__name__})"
                transaction.respond(transaction.make_response(500, reason, to_tag=new_tag()))

    def _default_answer(self, transaction: ServerTransaction) -> None:
        request = transaction.request
        if request.method == "OPTIONS":
            response = transaction.make_response(200, to_tag=new_tag())
            response.headers.add("Allow", ALLOW)
            response.headers.add("Accept", "application/sdp")
            response.headers.add("Server", USER_AGENT)
        elif request.method in ALLOW.split(","):
            tag = None if request.to.tag else new_tag()
            status = 481 if request.to.tag else 405
            response = transaction.make_response(status, to_tag=tag)
            if status == 405:
                response.headers.add("Allow", ALLOW)
        else:
            response = transaction.make_response(501, to_tag=new_tag())
        transaction.respond(response)

    # -- requests ------------------------------------------------------------------
    def via(self, branch: str | None = None) -> Via:
        transport = self.transport.via_transport if self.transport else "WSS"
        return Via(
            transport, self.via_host, None, {"branch": branch or new_branch(), "rport": None}
        )

    def build_request(
        self,
        method: str,
        uri: Uri,
        *,
        from_: NameAddr,
        to: NameAddr,
        call_id: str | None = None,
        cseq: int = 1,
        extra_headers: list[tuple[str, str]] | None = None,
        body: bytes = b"",
        content_type: str | None = None,
    ) -> SipRequest:
        """An out-of-dialog request with a fresh Via branch."""
        headers = Headers()
        headers.add("Via", str(self.via()))
        headers.add("Max-Forwards", "70")
        headers.add("From", str(from_))
        headers.add("To", str(to))
        headers.add("Call-ID", call_id or new_call_id())
        headers.add("CSeq", f"{cseq} {method}")
        headers.add("User-Agent", USER_AGENT)
        for name, value in extra_headers or []:
            headers.add(name, value)
        if content_type:
            headers.add("Content-Type", content_type)
        return SipRequest(headers=headers, method=method, uri=uri, body=body)

    async def request(
        self,
        request: SipRequest,
        *,
        on_provisional: Callable[[SipResponse], None] | None = None,
        timeout: float | None = None,
    ) -> SipResponse:
        """Send *request*; return its final response or raise :class:`RequestTimeout`."""
        loop = asyncio.get_running_loop()
        final: asyncio.Future[SipResponse] = loop.create_future()

        def on_response(response: SipResponse) -> None:
            if response.status < 200:
                if on_provisional is not None:
                    on_provisional(response)
            elif not final.done():
                final.set_result(response)

        def on_timeout() -> None:
            if not final.done():
                final.set_exception(RequestTimeout(f"no final response to {request.method}"))

        if self.transport is None:
            raise RequestTimeout(f"not connected: cannot send {request.method}")
        self.layer.start_client(request, on_response, on_timeout)
        try:
            if timeout is None:
                return await final
            return await asyncio.wait_for(asyncio.shield(final), timeout)
        except TimeoutError as exc:
            raise RequestTimeout(f"no response to {request.method} within {timeout} s") from exc
        finally:
            # A late response or Timer F then finds the future done and does nothing.
            final.cancel()


class _LoopScheduler:
    """Adapts the running asyncio loop to the transaction layer's Scheduler protocol."""

    def call_later(self, delay: float, callback: Callable[[], None], /) -> asyncio.TimerHandle:
        return asyncio.get_running_loop().call_later(delay, callback)


def _first_line(message: SipRequest | SipResponse) -> str:
    if isinstance(message, SipRequest):
        return f"{message.method} {message.uri}"
    return f"{message.status} {message.reason}"
