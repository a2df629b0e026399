"""SIP dialogs (RFC 3261 §12): identity, route set, remote target and CSeq bookkeeping."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .errors import SipError
from .headers import Headers, NameAddr, Via
from .message import SipRequest, SipResponse
from .uri import Uri, parse_uri


class DialogError(SipError):
    """A request does not fit the dialog (wrong CSeq order, no Contact, ...)."""


class DialogState(enum.Enum):
    EARLY = "early"
    CONFIRMED = "confirmed"
    TERMINATED = "terminated"


_DIALOG_MOVES = {
    DialogState.EARLY: frozenset({DialogState.CONFIRMED, DialogState.TERMINATED}),
    DialogState.CONFIRMED: frozenset({DialogState.TERMINATED}),
    DialogState.TERMINATED: frozenset[DialogState](),
}


@dataclass(frozen=True)
class DialogId:
    call_id: str
    local_tag: str
    remote_tag: str


def _remote_target(message: SipRequest | SipResponse) -> Uri:
    contacts = message.contacts
    if not contacts:
        raise DialogError("dialog-creating message has no Contact")
    return contacts[0].uri


@dataclass
class Dialog:
    """State of one dialog; builds in-dialog requests and checks incoming ones.

    The remote Contact is treated as opaque and used verbatim as the request-URI: proxies
    such as Kamailio append ``;alias=`` parameters they need to see again.
    """

    call_id: str
    local_tag: str
    remote_tag: str
    local_party: NameAddr
    remote_party: NameAddr
    remote_target: Uri
    route_set: list[str]
    local_seq: int
    remote_seq: int | None
    state: DialogState = DialogState.EARLY
    secure: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> DialogId:
        return DialogId(self.call_id, self.local_tag, self.remote_tag)

    @classmethod
    def from_uac(cls, request: SipRequest, response: SipResponse) -> Dialog:
        """Our request's 18x/2xx created the dialog: route set is Record-Route reversed."""
        remote_tag = response.to.tag
        local_tag = request.from_.tag
        if not remote_tag or not local_tag:
            raise DialogError("dialog needs tags on both From and To")
        routes = list(reversed(response.headers.values("Record-Route")))
        state = DialogState.CONFIRMED if 200 <= response.status < 300 else DialogState.EARLY
        return cls(
            call_id=request.call_id,
            local_tag=local_tag,
            remote_tag=remote_tag,
            local_party=request.from_,
            remote_party=response.to,
            remote_target=_remote_target(response),
            route_set=routes,
            local_seq=request.cseq.number,
            remote_seq=None,
            state=state,
            secure=str(request.uri).startswith("sips:"),
        )

    @classmethod
    def from_uas(cls, request: SipRequest, local_tag: str) -> Dialog:
        """A request we received creates the dialog: route set is Record-Route as received."""
        remote_tag = request.from_.tag
        if not remote_tag:
            raise DialogError("dialog-creating request has no From tag")
        return cls(
            call_id=request.call_id,
            local_tag=local_tag,
            remote_tag=remote_tag,
            local_party=request.to.with_tag(local_tag),
            remote_party=request.from_,
            remote_target=_remote_target(request),
            route_set=list(request.headers.values("Record-Route")),
            local_seq=0,
            remote_seq=request.cseq.number,
            secure=str(request.uri).startswith("sips:"),
        )

    def move(self, new: DialogState) -> None:
        if new is self.state:
            return
        if new not in _DIALOG_MOVES[self.state]:
            raise DialogError(f"dialog: {self.state.value} -> {new.value}")
        self.state = new

    def confirm(self, response: SipResponse) -> None:
        """A 2xx for the dialog-creating INVITE arrived (UAC): refresh target and routes."""
        self.remote_target = _remote_target(response)
        self.route_set = list(reversed(response.headers.values("Record-Route")))
        self.remote_party = response.to
        self.move(DialogState.CONFIRMED)

    def create_request(
        self,
        method: str,
        via: Via,
        *,
        body: bytes = b"",
        content_type: str | None = None,
        cseq: int | None = None,
        extra_headers: list[tuple[str, str]] | None = None,
    ) -> SipRequest:
        """An in-dialog request (§12.2.1.1); ACK and CANCEL pass their INVITE's *cseq*."""
        if cseq is None:
            self.local_seq += 1
            cseq = self.local_seq
        headers = Headers()
        headers.add("Via", str(via))
        uri = self.remote_target
        routes = list(self.route_set)
        if routes and "lr" not in NameAddr.parse(routes[0]).params and ";lr" not in routes[0]:
            # Strict routing (RFC 2543 proxies): first route becomes the request-URI.
            uri = NameAddr.parse(routes[0]).uri
            routes = [*routes[1:], f"<{self.remote_target}>"]
        for route in routes:
            headers.add("Route", route)
        headers.add("Max-Forwards", "70")
        headers.add("From", str(self.local_party))
        headers.add("To", str(self.remote_party))
        headers.add("Call-ID", self.call_id)
        headers.add("CSeq", f"{cseq} {method}")
        for name, value in extra_headers or []:
            headers.add(name, value)
        if content_type:
            headers.add("Content-Type", content_type)
        return SipRequest(headers=headers, method=method, uri=parse_uri(str(uri)), body=body)

    def accept_remote_request(self, request: SipRequest) -> None:
        """Check and record the CSeq of an in-dialog request (§12.2.2)."""
        number = request.cseq.number
        if request.method in ("ACK", "CANCEL"):
            return
        if self.remote_seq is not None and number <= self.remote_seq:
            raise DialogError(f"CSeq {number} is not above {self.remote_seq}")
        self.remote_seq = number
        if request.method in ("INVITE", "UPDATE") and request.contacts:
            self.remote_target = request.contacts[0].uri  # target refresh

    def matches(self, message: SipRequest | SipResponse) -> bool:
        if message.call_id != self.call_id:
            return False
        if isinstance(message, SipRequest):
            return message.to.tag == self.local_tag and message.from_.tag == self.remote_tag
        return message.from_.tag == self.local_tag and message.to.tag == self.remote_tag
