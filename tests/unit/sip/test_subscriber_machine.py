"""The RFC 6665 subscriber state machine, driven on a fake clock: refresh before expiry,
retries that back off and stop, refusals that give up at once."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from webphone.sip.subscription import (
    MAX_RETRIES,
    Arm,
    Disarm,
    GiveUp,
    Send,
    SubscriberMachine,
    SubscriberState,
    SubscriptionStateHeader,
)


class FakeClock:
    """Runs the machine's one timer in virtual time and records every SUBSCRIBE."""

    def __init__(self, machine: SubscriberMachine) -> None:
        self.machine = machine
        self.now = 0.0
        self.due: float | None = None
        self.sent: list[tuple[float, Send]] = []
        self.gave_up: list[str] = []

    def apply(self, actions: list[Arm | Disarm | Send | GiveUp]) -> None:
        for action in actions:
            if isinstance(action, Disarm):
                self.due = None
            elif isinstance(action, Arm):
                self.due = self.now + action.delay
            elif isinstance(action, Send):
                self.sent.append((self.now, action))
            else:
                self.gave_up.append(action.why)

    def advance(self, seconds: float, answer: Callable[[Send], int] | None = None) -> None:
        """Let *seconds* pass; each SUBSCRIBE sent meanwhile is answered by *answer*."""
        end = self.now + seconds
        while self.due is not None and self.due <= end:
            self.now, self.due = self.due, None
            before = len(self.sent)
            self.apply(self.machine.timer())
            if answer is not None and len(self.sent) > before:
                self.apply(self.machine.response(answer(self.sent[-1][1]), granted=600))
        self.now = end


def started(expires: int = 600) -> tuple[SubscriberMachine, FakeClock]:
    machine = SubscriberMachine(expires)
    clock = FakeClock(machine)
    clock.apply(machine.start())
    return machine, clock


def test_refreshes_before_each_expiry_in_the_dialog() -> None:
    machine, clock = started()
    assert clock.sent == [(0.0, Send(600, fresh=True))]
    clock.apply(machine.response(200, granted=120))  # the server grants less
    assert machine.state is SubscriberState.ACTIVE
    clock.advance(3600, answer=lambda _send: 200)
    refreshes = [t for t, s in clock.sent if not s.fresh]
    assert refreshes[0] == pytest.approx(90.0)  # 120 s granted: refreshed 30 s early
    gaps = [b - a for a, b in itertools.pairwise(refreshes)]
    assert all(gap < 600 for gap in gaps)  # each refresh within the 600 s granted
    assert machine.state is SubscriberState.ACTIVE


@pytest.mark.parametrize("status", [403, 404, 405, 489, 501, 603])
def test_a_refusal_gives_up_once_and_sends_nothing_more(status: int) -> None:
    machine, clock = started()
    clock.apply(machine.response(status))
    clock.advance(7 * 24 * 3600)
    assert len(clock.sent) == 1
    assert machine.state is SubscriberState.GAVE_UP
    assert clock.gave_up == [f"SUBSCRIBE refused with {status}"]


def test_temporary_failures_back_off_then_give_up() -> None:
    machine, clock = started()
    clock.apply(machine.response(503))
    clock.advance(7 * 24 * 3600, answer=lambda _send: 503)
    times = [t for t, _ in clock.sent]
    assert len(times) == 1 + MAX_RETRIES
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert gaps == sorted(gaps) and gaps[0] >= 30  # growing, never a storm
    assert machine.state is SubscriberState.GAVE_UP and len(clock.gave_up) == 1


def test_retry_after_of_a_503_is_honoured() -> None:
    machine, clock = started()
    clock.apply(machine.response(503, retry_after=90))
    clock.advance(89)
    assert len(clock.sent) == 1
    clock.advance(1)
    assert clock.sent[-1] == (90.0, Send(600, fresh=True))


@pytest.mark.parametrize(
    ("header", "outcome"),
    [
        ("terminated;reason=deactivated", "at once"),
        ("terminated;reason=timeout", "at once"),
        ("terminated;reason=probation;retry-after=120", 120.0),
        ("terminated;reason=giveup", 30.0),
        ("terminated", 30.0),
        ("terminated;reason=rejected", "never"),
        ("terminated;reason=noresource", "never"),
        ("terminated;reason=invariant", "never"),
    ],
)
def test_terminated_reasons_follow_rfc_6665(header: str, outcome: object) -> None:
    machine, clock = started()
    clock.apply(machine.response(200, granted=600))
    clock.advance(10)
    clock.apply(machine.notify(SubscriptionStateHeader.parse(header)))
    if outcome == "at once":
        assert clock.sent[-1] == (10.0, Send(600, fresh=True))
    elif outcome == "never":
        clock.advance(7 * 24 * 3600)
        assert len(clock.sent) == 1 and machine.state is SubscriberState.GAVE_UP
    else:
        assert isinstance(outcome, float)
        clock.advance(outcome - 0.5)
        assert len(clock.sent) == 1
        clock.advance(0.5)
        assert clock.sent[-1] == (10.0 + outcome, Send(600, fresh=True))


def test_a_server_that_terminates_every_subscription_at_once_is_given_up_on() -> None:
    machine, clock = started()
    for _ in range(20):
        if machine.state is SubscriberState.GAVE_UP:
            break
        clock.apply(machine.response(200, granted=600))
        clock.apply(machine.notify(SubscriptionStateHeader.parse("terminated;reason=timeout")))
    assert machine.state is SubscriberState.GAVE_UP
    assert len(clock.sent) == 1 + MAX_RETRIES


def test_481_on_refresh_subscribes_anew() -> None:
    machine, clock = started()
    clock.apply(machine.response(200, granted=100))
    clock.advance(100)
    assert clock.sent[-1][1] == Send(600, fresh=False)
    clock.apply(machine.response(481))
    assert clock.sent[-1][1] == Send(600, fresh=True)


def test_notify_shortening_the_subscription_moves_the_refresh_earlier() -> None:
    machine, clock = started()
    clock.apply(machine.response(200, granted=600))
    clock.apply(machine.notify(SubscriptionStateHeader.parse("active;expires=40")))
    clock.advance(30)
    assert clock.sent[-1] == (30.0, Send(600, fresh=False))


def test_logout_unsubscribes_and_a_lost_connection_goes_quiet() -> None:
    machine, clock = started()
    clock.apply(machine.response(200, granted=600))
    clock.apply(machine.stop())
    assert clock.sent[-1][1] == Send(0, fresh=False) and clock.due is None
    machine, clock = started()
    clock.apply(machine.response(200, granted=600))
    clock.apply(machine.connection_lost())
    clock.advance(7 * 24 * 3600)
    assert len(clock.sent) == 1 and machine.state is SubscriberState.IDLE
    clock.apply(machine.start())  # the reconnect's REGISTER went through
    assert clock.sent[-1][1] == Send(600, fresh=True)


def test_late_response_after_logout_is_ignored() -> None:
    machine, clock = started()
    clock.apply(machine.stop())
    assert machine.response(200, granted=600) == []
    assert machine.state is SubscriberState.IDLE


def test_subscription_state_header_parsing() -> None:
    header = SubscriptionStateHeader.parse("Terminated ; reason=Probation; retry-after=60")
    assert header == SubscriptionStateHeader("terminated", "probation", None, 60)
    assert SubscriptionStateHeader.parse("active;expires=abc").expires is None
