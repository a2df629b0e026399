"""One call: its state machine and the CallInfo payload of the seed's call events."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...sip.dialog import Dialog
from ...sip.message import SipRequest
from ...sip.transaction import ServerTransaction
from .session_timer import Answer, SessionTimer

if TYPE_CHECKING:
    from ...media.session import MediaSession  # aiortc: loaded at the first call


class CallState(enum.Enum):
    INITIALIZED = "initialized"
    RINGING = "ringing"
    ANSWERED = "answered"
    REJECTED = "rejected"
    IGNORED = "ignored"
    REDIRECTED = "redirected"  # a ringing incoming call sent elsewhere with a 302
    CANCELED = "canceled"
    FAILED = "failed"
    ENDED = "ended"


FINAL_STATES = frozenset(
    {
        CallState.REJECTED,
        CallState.IGNORED,
        CallState.REDIRECTED,
        CallState.CANCELED,
        CallState.FAILED,
        CallState.ENDED,
    }
)
_ENDINGS = frozenset({CallState.REJECTED, CallState.CANCELED, CallState.FAILED})
_MOVES: dict[CallState, frozenset[CallState]] = {
    CallState.INITIALIZED: frozenset({CallState.RINGING, CallState.ANSWERED, *_ENDINGS}),
    CallState.RINGING: frozenset(
        {CallState.ANSWERED, CallState.IGNORED, CallState.REDIRECTED, *_ENDINGS}
    ),
    CallState.ANSWERED: frozenset({CallState.ENDED}),
    CallState.IGNORED: frozenset(),
    CallState.REDIRECTED: frozenset(),
    CallState.REJECTED: frozenset(),
    CallState.CANCELED: frozenset(),
    CallState.FAILED: frozenset(),
    CallState.ENDED: frozenset(),
}

# Local cause codes of the reference SDK (SPEC.md §6).
LOCAL_CODES = {
    "No Answer": 3000,
    "Canceled": 1000,
    "Rejected": 3020,
    "Terminated": 11001,
    "Ignored": 11002,
    "call answer fail": 11003,
    "Network switch while ringing": 11004,
}


class Direction(enum.Enum):
    INCOMING = "INCOMING"
    OUTGOING = "OUTGOING"


class CallStateError(RuntimeError):
    """A transition the call's state does not allow."""


class Cancel(enum.Enum):
    """Where the CANCEL of an unanswered outgoing call stands. RFC 3261 §9.1: it is sent
    only once a provisional response has arrived, so a hang-up before that waits for one."""

    NONE = "none"  # the user has not hung up
    WAITING = "waiting"  # hung up before any provisional response
    SENT = "sent"


@dataclass(eq=False)
class CallSession:
    """Everything about one call; ``info()`` is the CallInfo dict the events carry."""

    call_id: str
    direction: Direction
    src: str
    dest: str
    extra_headers: dict[str, str] = field(default_factory=dict)
    call_uuid: str = ""
    state: CallState = CallState.INITIALIZED
    reason: str = "none"
    protocol: str = "none"
    code: int = -1
    originator: str | None = None
    invite: SipRequest | None = None
    server_transaction: ServerTransaction | None = None
    dialog: Dialog | None = None
    media: MediaSession | None = None
    muted: bool = False
    cancel: Cancel = Cancel.NONE
    # A provisional response (100 included) arrived: a CANCEL may go (RFC 3261 §9.1).
    provisional_seen: bool = False
    # The SDP answer came in a 18x (early media): the 2xx's copy is not applied again.
    answer_applied: bool = False
    # The RSeq of the last reliable provisional response we acknowledged (RFC 3262).
    acknowledged_rseq: int | None = None
    local_tag: str = ""
    # RFC 4028: the session timer of the answered call, and for an incoming call the
    # headers our 2xx will carry (negotiated when the INVITE arrived).
    timer: SessionTimer | None = None
    timer_answer: Answer | None = None
    # The peer's Allow lists UPDATE: our refreshes are UPDATEs without SDP (RFC 4028 §10).
    peer_allows_update: bool = False
    # Our re-INVITE (a session refresh) is in progress: the peer's offers meet 491.
    reinvite_pending: bool = False
    # The early answer came in a reliable 18x (RFC 3262): the initial offer/answer is
    # complete, so the callee may make a new offer in an UPDATE (RFC 3311 §5.1).
    early_answer_reliable: bool = False
    # Called with the new state after each move (e.g. a transfer waiting for the answer).
    state_listeners: list[Callable[[CallState], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.call_uuid:
            self.call_uuid = self.call_id

    @property
    def is_over(self) -> bool:
        return self.state in FINAL_STATES

    def move(self, new: CallState) -> None:
        if new is self.state:
            return
        if new not in _MOVES[self.state]:
            raise CallStateError(f"call {self.call_uuid}: {self.state.value} -> {new.value}")
        self.state = new
        for listener in list(self.state_listeners):
            listener(new)

    def end_local(self, new: CallState, reason: str) -> None:
        """Finish by our own doing: the reference's local cause codes."""
        self.move(new)
        self.originator = "local"
        self.reason = reason
        self.code = LOCAL_CODES.get(reason, -1)

    def end_remote(self, new: CallState, reason: str, code: int, protocol: str = "SIP") -> None:
        self.move(new)
        self.originator = "remote"
        self.reason = reason
        self.code = code
        self.protocol = protocol

    def info(self) -> dict[str, Any]:
        return {
            "callUUID": self.call_uuid,
            "direction": self.direction.value,
            "src": self.src,
            "dest": self.dest,
            "extraHeaders": dict(self.extra_headers),
            "reason": self.reason,
            "protocol": self.protocol,
            "code": self.code,
            "originator": self.originator,
            "state": self.state.value,
        }


def parse_reason_header(value: str | None) -> tuple[str, int, str] | None:
    """``Q.850;cause=16;text="Normal"`` → ("Q.850", 16, "Normal")."""
    if not value:
        return None
    protocol, _, rest = value.partition(";")
    cause = -1
    text = ""
    for item in rest.split(";"):
        key, _, raw = item.strip().partition("=")
        if key.lower() == "cause" and raw.strip().isdigit():
            cause = int(raw)
        elif key.lower() == "text":
            text = raw.strip().strip('"')
    return protocol.strip(), cause, text
