"""SIP transactions (RFC 3261 §17 with RFC 6026) as explicit state machines.

Sans-I/O: the layer is given a ``send`` callable and a :class:`Scheduler`; it never touches
a socket or a clock itself, so tests drive it with a fake scheduler. Only reliable
transports (WebSocket) are supported: no retransmission timers, Timers D, I, J and K are
zero, and Timers B, F, H, L and M keep their 64*T1 values.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .errors import SipError
from .headers import Headers
from .ids import new_tag
from .message import SipRequest, SipResponse, make_response

T1 = 0.5
TIMEOUT = 64 * T1  # Timers B, F, H, L, M
#: Server transactions alive at once. A softphone has a handful (a ringing INVITE, one
#: waiting 32 s for its ACK, an in-dialog request); a peer that sends more is flooding us,
#: and each would keep its request and response for up to 32 s. Beyond the cap a request
#: gets a stateless 503 (RFC 3261 §21.5.4) and no transaction.
MAX_SERVER_TRANSACTIONS = 256
OVERLOAD_RETRY_AFTER = 5  # seconds, in the 503's Retry-After


class Cancellable(Protocol):
    def cancel(self) -> object: ...


class Scheduler(Protocol):
    """What the layer needs of an event loop (``asyncio`` loops satisfy it)."""

    def call_later(self, delay: float, callback: Callable[[], None], /) -> Cancellable: ...


class TransactionError(SipError):
    """A transaction was used in a way its state does not allow."""


class ClientState(enum.Enum):
    CALLING = "calling"  # INVITE only
    TRYING = "trying"  # non-INVITE only
    PROCEEDING = "proceeding"
    COMPLETED = "completed"
    ACCEPTED = "accepted"  # INVITE only (RFC 6026): 2xx received, more 2xx may follow
    TERMINATED = "terminated"


class ServerState(enum.Enum):
    TRYING = "trying"  # non-INVITE only
    PROCEEDING = "proceeding"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"  # INVITE only: ACK for a non-2xx final received
    ACCEPTED = "accepted"  # INVITE only: 2xx sent
    TERMINATED = "terminated"


_CLIENT_MOVES: dict[ClientState, frozenset[ClientState]] = {
    ClientState.CALLING: frozenset(
        {
            ClientState.PROCEEDING,
            ClientState.COMPLETED,
            ClientState.ACCEPTED,
            ClientState.TERMINATED,
        }
    ),
    ClientState.TRYING: frozenset(
        {ClientState.PROCEEDING, ClientState.COMPLETED, ClientState.TERMINATED}
    ),
    ClientState.PROCEEDING: frozenset(
        {ClientState.COMPLETED, ClientState.ACCEPTED, ClientState.TERMINATED}
    ),
    ClientState.COMPLETED: frozenset({ClientState.TERMINATED}),
    ClientState.ACCEPTED: frozenset({ClientState.TERMINATED}),
    ClientState.TERMINATED: frozenset(),
}

_SERVER_MOVES: dict[ServerState, frozenset[ServerState]] = {
    ServerState.TRYING: frozenset(
        {ServerState.PROCEEDING, ServerState.COMPLETED, ServerState.TERMINATED}
    ),
    ServerState.PROCEEDING: frozenset(
        {ServerState.COMPLETED, ServerState.ACCEPTED, ServerState.TERMINATED}
    ),
    ServerState.COMPLETED: frozenset({ServerState.CONFIRMED, ServerState.TERMINATED}),
    ServerState.CONFIRMED: frozenset({ServerState.TERMINATED}),
    ServerState.ACCEPTED: frozenset({ServerState.TERMINATED}),
    ServerState.TERMINATED: frozenset(),
}


@dataclass(frozen=True)
class _Key:
    branch: str
    method: str  # ACK is filed under INVITE


def _key(branch: str | None, method: str) -> _Key:
    if not branch:
        raise TransactionError("message has no Via branch")
    return _Key(branch, "INVITE" if method == "ACK" else method)


ResponseHandler = Callable[[SipResponse], None]
TimeoutHandler = Callable[[], None]


class ClientTransaction:
    """Sends one request and delivers its responses to the transaction user."""

    def __init__(
        self,
        layer: TransactionLayer,
        request: SipRequest,
        on_response: ResponseHandler,
        on_timeout: TimeoutHandler,
    ) -> None:
        self.request = request
        self.is_invite = request.method == "INVITE"
        self.state = ClientState.CALLING if self.is_invite else ClientState.TRYING
        self._layer = layer
        self._on_response = on_response
        self._on_timeout = on_timeout
        self._timer: Cancellable | None = None
        self.key = _key(request.top_via.branch, request.method)

    def _move(self, new: ClientState) -> None:
        if new not in _CLIENT_MOVES[self.state]:
            raise TransactionError(f"client transaction: {self.state.value} -> {new.value}")
        self.state = new

    def _start(self) -> None:
        self._layer.send(self.request)
        self._set_timer(TIMEOUT, self._timed_out)

    def _set_timer(self, delay: float, callback: Callable[[], None]) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._layer.scheduler.call_later(delay, callback)

    def _timed_out(self) -> None:
        self._timer = None
        if self.state in (ClientState.CALLING, ClientState.TRYING, ClientState.PROCEEDING):
            self._terminate()
            self._on_timeout()
        else:
            self._terminate()

    def _terminate(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.state is not ClientState.TERMINATED:
            self._move(ClientState.TERMINATED)
        self._layer._client.pop(self.key, None)

    def transport_failed(self) -> None:
        """The connection carrying the request is gone: the TU learns at once (§17.1.4)."""
        if self.state in (ClientState.CALLING, ClientState.TRYING, ClientState.PROCEEDING):
            self._terminate()
            self._on_timeout()
        else:
            self._terminate()

    def receive(self, response: SipResponse) -> None:
        status = response.status
        if self.state is ClientState.TERMINATED:
            return
        if status < 200:
            if self.state in (ClientState.CALLING, ClientState.TRYING, ClientState.PROCEEDING):
                if self.state is not ClientState.PROCEEDING:
                    self._move(ClientState.PROCEEDING)
                self._on_response(response)
            return
        if self.is_invite:
            self._receive_invite_final(response)
            return
        if self.state in (ClientState.TRYING, ClientState.PROCEEDING):
            self._move(ClientState.COMPLETED)
            self._on_response(response)
            self._terminate()  # Timer K is zero on reliable transports

    def _receive_invite_final(self, response: SipResponse) -> None:
        if 200 <= response.status < 300:
            if self.state in (ClientState.CALLING, ClientState.PROCEEDING):
                self._move(ClientState.ACCEPTED)
                self._set_timer(TIMEOUT, self._terminate)  # Timer M
                self._on_response(response)
            elif self.state is ClientState.ACCEPTED:
                self._on_response(response)  # a 2xx from another fork, or a retransmission
            return
        if self.state in (ClientState.CALLING, ClientState.PROCEEDING):
            self._move(ClientState.COMPLETED)
            self._layer.send(self._ack_for(response))
            self._on_response(response)
            self._terminate()  # Timer D is zero on reliable transports

    def _ack_for(self, response: SipResponse) -> SipRequest:
        """ACK for a non-2xx final response: same branch, To from the response (§17.1.1.3)."""
        original = self.request
        headers = Headers()
        headers.add("Via", original.headers.get_all("Via")[0])
        for route in original.headers.get_all("Route"):
            headers.add("Route", route)
        headers.add("Max-Forwards", "70")
        headers.add("From", original.headers.get("From") or "")
        headers.add("To", response.headers.get("To") or "")
        headers.add("Call-ID", original.call_id)
        headers.add("CSeq", f"{original.cseq.number} ACK")
        return SipRequest(headers=headers, method="ACK", uri=original.uri)


class ServerTransaction:
    """Receives one request; the transaction user answers through :meth:`respond`."""

    def __init__(self, layer: TransactionLayer, request: SipRequest) -> None:
        self.request = request
        self.is_invite = request.method == "INVITE"
        self.state = ServerState.PROCEEDING if self.is_invite else ServerState.TRYING
        self.last_response: SipResponse | None = None
        self.on_ack: Callable[[SipRequest], None] | None = None
        self.on_cancel: Callable[[SipRequest], None] | None = None
        self._layer = layer
        self._timer: Cancellable | None = None
        self.key = _key(request.top_via.branch, request.method)

    def _move(self, new: ServerState) -> None:
        if new not in _SERVER_MOVES[self.state]:
            raise TransactionError(f"server transaction: {self.state.value} -> {new.value}")
        self.state = new

    @property
    def is_final(self) -> bool:
        return self.state not in (ServerState.TRYING, ServerState.PROCEEDING)

    def make_response(
        self,
        status: int,
        reason: str | None = None,
        *,
        to_tag: str | None = None,
        copy_record_route: bool = False,
    ) -> SipResponse:
        return make_response(
            self.request, status, reason, to_tag=to_tag, copy_record_route=copy_record_route
        )

    def respond(self, response: SipResponse) -> None:
        """Send *response*; a second final response is refused with :class:`TransactionError`."""
        if self.is_final:
            raise TransactionError(f"{self.request.method} already has a final response")
        self.last_response = response
        status = response.status
        if status < 200:
            if self.state is ServerState.TRYING:
                self._move(ServerState.PROCEEDING)
            self._layer.send(response)
            return
        self._layer.send(response)
        if self.is_invite and status < 300:
            self._move(ServerState.ACCEPTED)
            self._set_timer(TIMEOUT, self._terminate)  # Timer L
        elif self.is_invite:
            self._move(ServerState.COMPLETED)
            self._set_timer(TIMEOUT, self._terminate)  # Timer H: wait for the ACK
        else:
            self._move(ServerState.COMPLETED)
            self._terminate()  # Timer J is zero on reliable transports

    def receive_retransmission(self, request: SipRequest) -> None:
        if request.method == "ACK":
            if self.state is ServerState.COMPLETED:
                self._move(ServerState.CONFIRMED)
                self._terminate()  # Timer I is zero on reliable transports
            return
        if self.last_response is not None:
            self._layer.send(self.last_response)

    def _set_timer(self, delay: float, callback: Callable[[], None]) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._layer.scheduler.call_later(delay, callback)

    def _terminate(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.state is not ServerState.TERMINATED:
            self._move(ServerState.TERMINATED)
        self._layer._server.pop(self.key, None)


class TransactionLayer:
    """Matches messages to transactions (RFC 3261 §17.1.3, §17.2.3)."""

    def __init__(
        self, send: Callable[[SipRequest | SipResponse], None], scheduler: Scheduler
    ) -> None:
        self.send = send
        self.scheduler = scheduler
        self._client: dict[_Key, ClientTransaction] = {}
        self._server: dict[_Key, ServerTransaction] = {}
        self.max_server = MAX_SERVER_TRANSACTIONS
        self.overload_refusals = 0  # requests answered 503 for want of room

    def start_client(
        self, request: SipRequest, on_response: ResponseHandler, on_timeout: TimeoutHandler
    ) -> ClientTransaction:
        """Send *request* in a new client transaction."""
        if request.method == "ACK":
            raise TransactionError("ACK is not sent in a client transaction")
        transaction = ClientTransaction(self, request, on_response, on_timeout)
        if transaction.key in self._client:
            raise TransactionError(f"branch {transaction.key.branch} is already in use")
        self._client[transaction.key] = transaction
        transaction._start()
        return transaction

    def receive_response(self, response: SipResponse) -> bool:
        """Hand *response* to its client transaction; False if none matches (a stray)."""
        key = _key(response.top_via.branch, response.cseq.method)
        transaction = self._client.get(key)
        if transaction is None:
            return False
        transaction.receive(response)
        return True

    def receive_request(self, request: SipRequest) -> ServerTransaction | None:
        """A new server transaction for *request*, or None when it belonged to an existing one.

        ACK for a 2xx has its own branch and matches nothing: it is returned as None and
        the caller routes it to the dialog (the ACK is available as ``request``).
        """
        key = _key(request.top_via.branch, request.method)
        existing = self._server.get(key)
        if existing is not None:
            if request.method == "ACK" and existing.state is ServerState.ACCEPTED:
                return None
            existing.receive_retransmission(request)
            return None
        if request.method == "ACK":
            return None
        if len(self._server) >= self.max_server:
            self.overload_refusals += 1
            refusal = make_response(
                request, 503, "Service Unavailable (too many requests)", to_tag=new_tag()
            )
            refusal.headers.add("Retry-After", str(OVERLOAD_RETRY_AFTER))
            self.send(refusal)
            return None
        transaction = ServerTransaction(self, request)
        self._server[key] = transaction
        return transaction

    def find_invite_for_cancel(self, cancel: SipRequest) -> ServerTransaction | None:
        """The INVITE server transaction a CANCEL targets (same branch, §9.2)."""
        return self._server.get(_key(cancel.top_via.branch, "INVITE"))

    def transport_failed(self) -> None:
        """Every pending client transaction fails at once (the connection is gone), and
        server transactions that were only waiting (for an ACK, for retransmissions) end:
        nothing more can arrive for them over a new connection, and a flood's leftovers
        would otherwise fill the room for new requests for 32 s."""
        for transaction in list(self._client.values()):
            transaction.transport_failed()
        for server in list(self._server.values()):
            if server.is_final:
                server._terminate()

    @property
    def pending_client_count(self) -> int:
        return len(self._client)
