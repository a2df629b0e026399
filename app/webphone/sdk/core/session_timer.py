"""Session timers (RFC 4028): who refreshes a call's session, how often, and when a
session the peer should have refreshed has expired.

Sans-I/O, like the transaction layer: the negotiation functions read the headers of an
INVITE/UPDATE or of its 2xx and say what was agreed; :class:`SessionTimer` arms one timer
through a :class:`~webphone.sip.transaction.Scheduler` and calls back when it is our turn
to refresh or when the peer's refresh is overdue. Sending the refresh, or the BYE, is the
call manager's job.

Choices RFC 4028 leaves to us:

* Our INVITE asks for :data:`DEFAULT_INTERVAL` (§4 recommends 1800 s) with ``Min-SE: 90``
  (§5: the smallest any UA may ask) and no ``refresher``: §7.1 recommends leaving it to
  the negotiation.
* Answering a request that supports ``timer`` but names no refresher, we refresh (§9
  Table 2 lets the UAS choose): then the session lives as long as we keep sending
  refreshes, whatever the far end's timer support is worth.
* A request that neither supports ``timer`` nor carries ``Session-Expires`` gets no
  session timer: we would be the only refresher (§9) of a session nobody watches.
* A 2xx whose ``Session-Expires`` lacks ``refresher`` (§7.2 says the UAS always sets it)
  makes us the refresher: an extra refresh is harmless, a missing one ends the call.
* Only an initial INVITE asking less than our minimum gets 422 (§9); a refresh keeps
  the interval the peer asks, so a running call is never refused over its timer.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from ...sip.errors import SipError
from ...sip.message import SipRequest, SipResponse
from ...sip.transaction import Cancellable, Scheduler

#: RFC 4028 §4: the recommended session interval.
DEFAULT_INTERVAL = 1800
#: RFC 4028 §5: no Min-SE may be below 90 s; it is ours too.
MIN_SE = 90
#: RFC 4028 §10: the non-refresher gives the refresher this much slack (at most).
EXPIRY_SLACK = 32.0


class SessionTimerError(SipError):
    """A Session-Expires or Min-SE header that does not parse."""


class Refresher(enum.Enum):
    """The ``refresher`` parameter: the role, in the transaction that carried it, of the
    side that refreshes."""

    UAC = "uac"
    UAS = "uas"


@dataclass(frozen=True)
class SessionExpires:
    """``Session-Expires: 1800;refresher=uac`` (RFC 4028 §4)."""

    interval: int
    refresher: Refresher | None = None

    @classmethod
    def parse(cls, text: str) -> SessionExpires:
        value, *params = (part.strip() for part in text.split(";"))
        interval = _delta_seconds(value, "Session-Expires")
        refresher: Refresher | None = None
        for param in params:
            name, _, raw = param.partition("=")
            if name.strip().lower() == "refresher":
                try:
                    refresher = Refresher(raw.strip().lower())
                except ValueError:
                    bad = f"bad refresher in Session-Expires {text[:40]!r}"
                    raise SessionTimerError(bad) from None
        return cls(interval, refresher)

    def __str__(self) -> str:
        if self.refresher is None:
            return str(self.interval)
        return f"{self.interval};refresher={self.refresher.value}"


def _delta_seconds(text: str, header: str) -> int:
    if not text.isdigit() or int(text) == 0:
        raise SessionTimerError(f"bad {header} value {text[:40]!r}")
    return int(text)


def session_expires(message: SipRequest | SipResponse) -> SessionExpires | None:
    """The message's Session-Expires (compact form ``x`` too), None if it has none."""
    text = message.headers.get("Session-Expires")
    return None if text is None else SessionExpires.parse(text)


def min_se(message: SipRequest | SipResponse) -> int | None:
    """The message's Min-SE (parameters ignored), None if it has none."""
    text = message.headers.get("Min-SE")
    if text is None:
        return None
    return _delta_seconds(text.split(";", 1)[0].strip(), "Min-SE")


def supports_timer(message: SipRequest | SipResponse) -> bool:
    options = [*message.headers.values("Supported"), *message.headers.values("Require")]
    return any(option.lower() == "timer" for option in options)


@dataclass(frozen=True)
class Negotiated:
    """What a session timer negotiation settled: the interval, and whether we refresh."""

    interval: int
    we_refresh: bool


def request_headers(
    interval: int, minimum: int = MIN_SE, *, refresher: bool = False
) -> list[tuple[str, str]]:
    """Session timer headers of a request we send: an INVITE asks for *interval*, a
    refresh (*refresher*: we go on refreshing, §7.4) repeats the current one."""
    expires = SessionExpires(interval, Refresher.UAC if refresher else None)
    return [("Session-Expires", str(expires)), ("Min-SE", str(minimum))]


def from_response(response: SipResponse) -> Negotiated | None:
    """The session timer a 2xx to our INVITE or UPDATE sets (RFC 4028 §7.2); None when
    it has no Session-Expires: the session then does not expire."""
    expires = session_expires(response)
    if expires is None:
        return None
    return Negotiated(expires.interval, expires.refresher is not Refresher.UAS)


@dataclass(frozen=True)
class Answer:
    """Headers for our 2xx to an INVITE or UPDATE, and the timer they set (None: none)."""

    headers: list[tuple[str, str]]
    timer: Negotiated | None


@dataclass(frozen=True)
class TooSmall:
    """Answer 422 Session Interval Too Small with ``Min-SE: minimum`` (RFC 4028 §6)."""

    minimum: int


def answer_request(
    request: SipRequest,
    *,
    minimum: int | None = MIN_SE,
    interval: int = DEFAULT_INTERVAL,
) -> Answer | TooSmall:
    """Our side of the negotiation as the UAS of *request* (RFC 4028 §9): its
    Session-Expires kept (a 422 when below *minimum*; None: any is accepted), or
    *interval* when it asks for none; the refresher it names, else us."""
    asked = session_expires(request)
    supported = supports_timer(request)
    if asked is None and not supported:
        return Answer([], None)
    floor = min_se(request) or 0
    if asked is None:
        chosen = SessionExpires(max(interval, floor), Refresher.UAS)
    elif minimum is not None and asked.interval < minimum and supported:
        return TooSmall(max(minimum, floor))
    else:
        # §9: a UAC without timer support can't refresh, so the UAS must.
        refresher = (asked.refresher if supported else None) or Refresher.UAS
        chosen = SessionExpires(max(asked.interval, floor), refresher)
    headers = [("Session-Expires", str(chosen))]
    if supported:
        headers.append(("Require", "timer"))
    return Answer(headers, Negotiated(chosen.interval, chosen.refresher is Refresher.UAS))


def expiry_delay(interval: int) -> float:
    """RFC 4028 §10: the non-refresher ends the session this long after a refresh."""
    return interval - min(EXPIRY_SLACK, interval / 3)


class TimerState(enum.Enum):
    IDLE = "idle"  # no session timer
    REFRESHING = "refreshing"  # we refresh at half the interval
    WATCHING = "watching"  # the peer refreshes; its silence expires the session
    STOPPED = "stopped"  # the call ended


class SessionTimer:
    """One call's session timer: after each refresh (a 2xx to a re-INVITE or UPDATE, ours
    or the peer's) :meth:`start` re-arms it; ``on_refresh`` fires at half the interval
    when we refresh, ``on_expired`` when the peer's refresh is overdue."""

    def __init__(
        self,
        scheduler: Scheduler,
        *,
        on_refresh: Callable[[], None],
        on_expired: Callable[[], None],
    ) -> None:
        self._scheduler = scheduler
        self._on_refresh = on_refresh
        self._on_expired = on_expired
        self._handle: Cancellable | None = None
        self.state = TimerState.IDLE
        self.negotiated: Negotiated | None = None

    def start(self, negotiated: Negotiated | None) -> None:
        """A refresh happened now with this outcome (None: no session timer any more)."""
        if self.state is TimerState.STOPPED:
            return
        self._cancel()
        self.negotiated = negotiated
        if negotiated is None:
            self.state = TimerState.IDLE
        elif negotiated.we_refresh:
            self.state = TimerState.REFRESHING
            self._handle = self._scheduler.call_later(negotiated.interval / 2, self._fire)
        else:
            self.state = TimerState.WATCHING
            self._handle = self._scheduler.call_later(expiry_delay(negotiated.interval), self._fire)

    def restart(self) -> None:
        """A refresh that changed nothing: the same timer from now."""
        self.start(self.negotiated)

    def stop(self) -> None:
        """The call is over: nothing fires any more."""
        self._cancel()
        self.state = TimerState.STOPPED

    def _cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        self._handle = None
        if self.state is TimerState.REFRESHING:
            self._on_refresh()
        elif self.state is TimerState.WATCHING:
            self._on_expired()
