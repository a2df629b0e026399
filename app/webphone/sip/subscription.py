"""The subscriber's side of one event subscription (RFC 6665), sans-I/O.

:class:`SubscriberMachine` takes what happened (started, a final response to SUBSCRIBE,
a NOTIFY's ``Subscription-State``, the timer, the connection lost) and answers with
actions for its driver: send a SUBSCRIBE, arm or disarm the one timer, give up. It knows
nothing of sockets or clocks, so a test drives it with a fake clock.

Retries never storm: a refusal that will not change by asking again (403, 404, 405,
489, 6xx, ``terminated;reason=rejected|noresource|invariant``) gives up at once; other
failures retry with a growing delay (or the server's ``retry-after``), and after
:data:`MAX_RETRIES` retries without a refresh going through, the machine gives up too.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .grammar import split_outside_quotes

#: Retries (new SUBSCRIBEs after a failure or termination) before giving up; a refresh
#: that goes through resets the count.
MAX_RETRIES = 5
RETRY_BASE = 30.0  # s: first retry delay, doubled per retry
RETRY_CAP = 1800.0  # s
#: Responses worth asking again after a while (the server or the path may recover).
RETRYABLE = frozenset({0, 408, 480, 482, 483, 500, 502, 503, 504})
#: RFC 6665 §4.1.3 reason codes: re-subscribe at once / later / never.
_AT_ONCE = frozenset({"deactivated", "timeout"})
_NEVER = frozenset({"rejected", "noresource", "invariant"})


class SubscriberState(enum.Enum):
    IDLE = "idle"  # not subscribed: before login, after logout or a lost connection
    SUBSCRIBING = "subscribing"  # a SUBSCRIBE for a new subscription is out
    ACTIVE = "active"  # accepted; the refresh timer is armed
    REFRESHING = "refreshing"  # a refreshing SUBSCRIBE is out
    WAITING = "waiting"  # ended or failed; the retry timer is armed
    GAVE_UP = "gave-up"  # refused for good: no SUBSCRIBE until started again


_MOVES = {
    SubscriberState.IDLE: {SubscriberState.SUBSCRIBING},
    SubscriberState.SUBSCRIBING: {
        SubscriberState.ACTIVE,
        SubscriberState.WAITING,
        SubscriberState.GAVE_UP,
        SubscriberState.IDLE,
    },
    SubscriberState.ACTIVE: {
        SubscriberState.REFRESHING,
        SubscriberState.SUBSCRIBING,
        SubscriberState.WAITING,
        SubscriberState.GAVE_UP,
        SubscriberState.IDLE,
    },
    SubscriberState.REFRESHING: {
        SubscriberState.ACTIVE,
        SubscriberState.SUBSCRIBING,
        SubscriberState.WAITING,
        SubscriberState.GAVE_UP,
        SubscriberState.IDLE,
    },
    SubscriberState.WAITING: {
        SubscriberState.SUBSCRIBING,
        SubscriberState.GAVE_UP,
        SubscriberState.IDLE,
    },
    SubscriberState.GAVE_UP: {SubscriberState.SUBSCRIBING, SubscriberState.IDLE},
}


@dataclass(frozen=True)
class Send:
    """Send a SUBSCRIBE asking for *expires* s; *fresh*: out of dialog (a new
    subscription), else in the current dialog (a refresh, or 0 to unsubscribe)."""

    expires: int
    fresh: bool


@dataclass(frozen=True)
class Arm:
    """(Re)arm the timer to fire in *delay* s."""

    delay: float


@dataclass(frozen=True)
class Disarm:
    """Cancel the timer."""


@dataclass(frozen=True)
class GiveUp:
    """Stop trying; *why* is for the one log line."""

    why: str


Action = Send | Arm | Disarm | GiveUp


@dataclass(frozen=True)
class SubscriptionStateHeader:
    """A parsed ``Subscription-State`` header (RFC 6665 §8.2.3)."""

    state: str  # active, pending, terminated (or an extension value)
    reason: str | None = None
    expires: int | None = None
    retry_after: int | None = None

    @classmethod
    def parse(cls, value: str) -> SubscriptionStateHeader:
        parts = [p.strip() for p in split_outside_quotes(value, ";")]
        params: dict[str, str] = {}
        for part in parts[1:]:
            name, _, param = part.partition("=")
            params[name.strip().lower()] = param.strip()
        return cls(
            state=parts[0].lower() if parts else "",
            reason=params.get("reason", "").lower() or None,
            expires=_seconds(params.get("expires")),
            retry_after=_seconds(params.get("retry-after")),
        )


def refresh_delay(granted: int) -> float:
    """Seconds until the refresh: a margin before expiry that fits short grants too."""
    return max(1.0, granted - min(30.0, granted / 4))


def retry_delay(retries: int) -> float:
    return float(min(RETRY_CAP, RETRY_BASE * 2 ** max(0, retries - 1)))


class SubscriberMachine:
    """One subscription's state; each method returns the actions for the driver."""

    def __init__(self, expires: int) -> None:
        self.expires = expires  # what we ask for
        self.state = SubscriberState.IDLE
        self.granted: int | None = None
        self.retries = 0

    def _move(self, new: SubscriberState) -> None:
        if new is not self.state and new not in _MOVES[self.state]:
            raise RuntimeError(f"subscription: {self.state.value} -> {new.value}")
        self.state = new

    # -- inputs ----
    def start(self) -> list[Action]:
        """Subscribe (after login or a reconnect); a stopped or given-up one starts anew."""
        if self.state in (SubscriberState.SUBSCRIBING, SubscriberState.REFRESHING):
            return []
        self.retries = 0
        self._move(SubscriberState.SUBSCRIBING)
        return [Disarm(), Send(self.expires, fresh=True)]

    def stop(self) -> list[Action]:
        """Logging out: unsubscribe (Expires 0) if the server holds our subscription."""
        held = self.state in (SubscriberState.ACTIVE, SubscriberState.REFRESHING)
        self._move(SubscriberState.IDLE)
        return [Disarm(), Send(0, fresh=False)] if held else [Disarm()]

    def connection_lost(self) -> list[Action]:
        self._move(SubscriberState.IDLE)
        return [Disarm()]

    def response(
        self, status: int, *, granted: int | None = None, retry_after: int | None = None
    ) -> list[Action]:
        """The final response to our SUBSCRIBE (0: none came, or no connection)."""
        if self.state not in (SubscriberState.SUBSCRIBING, SubscriberState.REFRESHING):
            return []  # a late answer to something we no longer wait for
        refreshing = self.state is SubscriberState.REFRESHING
        if 200 <= status < 300:
            granted = self.expires if granted is None else granted
            if granted <= 0:
                return self._retry_later(None, "the server granted 0 s")
            if refreshing:
                self.retries = 0
            self.granted = granted
            self._move(SubscriberState.ACTIVE)
            return [Arm(refresh_delay(granted))]
        if status == 481 and refreshing:
            return self._retry_at_once("the server lost our subscription (481)")
        if status in RETRYABLE:
            return self._retry_later(retry_after, f"SUBSCRIBE got {status or 'no answer'}")
        return self._give_up(f"SUBSCRIBE refused with {status}")

    def notify(self, header: SubscriptionStateHeader) -> list[Action]:
        """A NOTIFY of our subscription arrived with this ``Subscription-State``."""
        if self.state in (SubscriberState.IDLE, SubscriberState.GAVE_UP):
            return []
        if header.state != "terminated":
            if (
                self.state is SubscriberState.ACTIVE
                and header.expires is not None
                and self.granted is not None
                and 0 < header.expires < self.granted
            ):
                # The notifier shortened the subscription (RFC 6665 §4.1.2.3).
                self.granted = header.expires
                return [Arm(refresh_delay(header.expires))]
            return []
        reason = header.reason or "no reason"
        if header.reason in _NEVER:
            return self._give_up(f"the server ended the subscription ({reason})")
        if header.reason in _AT_ONCE and header.retry_after is None:
            return self._retry_at_once(f"the server ended the subscription ({reason})")
        return self._retry_later(
            header.retry_after, f"the server ended the subscription ({reason})"
        )

    def timer(self) -> list[Action]:
        if self.state is SubscriberState.ACTIVE:
            self._move(SubscriberState.REFRESHING)
            return [Send(self.expires, fresh=False)]
        if self.state is SubscriberState.WAITING:
            self._move(SubscriberState.SUBSCRIBING)
            return [Send(self.expires, fresh=True)]
        return []

    # -- helpers ----
    def _retry_at_once(self, why: str) -> list[Action]:
        if self.retries >= MAX_RETRIES:
            return self._give_up(f"{why}; {self.retries} retries already")
        self.retries += 1
        self._move(SubscriberState.SUBSCRIBING)
        return [Disarm(), Send(self.expires, fresh=True)]

    def _retry_later(self, retry_after: int | None, why: str) -> list[Action]:
        if self.retries >= MAX_RETRIES:
            return self._give_up(f"{why}; {self.retries} retries already")
        self.retries += 1
        self._move(SubscriberState.WAITING)
        delay = retry_delay(self.retries) if retry_after is None else min(RETRY_CAP, retry_after)
        return [Arm(float(delay))]

    def _give_up(self, why: str) -> list[Action]:
        self._move(SubscriberState.GAVE_UP)
        return [Disarm(), GiveUp(why)]


def _seconds(value: str | None) -> int | None:
    if value is None or not value.isdigit():
        return None
    return int(value)
