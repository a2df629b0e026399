"""Session timer negotiation (RFC 4028 §7, §9) and the timer it drives (§10), on a fake
clock: who refreshes, how often, and when a silent peer's session expires."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from webphone.sdk.core.session_timer import (
    Answer,
    Negotiated,
    Refresher,
    SessionExpires,
    SessionTimer,
    SessionTimerError,
    TimerState,
    TooSmall,
    answer_request,
    expiry_delay,
    from_response,
    min_se,
    request_headers,
    session_expires,
)
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message


def invite(*headers: str) -> SipRequest:
    text = (
        "INVITE sip:bob@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/WSS a.invalid;branch=z9hG4bKabc\r\n"
        "From: <sip:alice@example.com>;tag=a1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "Call-ID: call-1\r\n"
        "CSeq: 1 INVITE\r\n"
        "Contact: <sip:alice@a.invalid;transport=ws>\r\n"
        + "".join(f"{h}\r\n" for h in headers)
        + "\r\n"
    )
    message = parse_message(text)
    assert isinstance(message, SipRequest)
    return message


def ok(*headers: str) -> SipResponse:
    response = make_response(invite(), 200, to_tag="b1")
    for header in headers:
        name, _, value = header.partition(":")
        response.headers.add(name, value)
    return response


# -- headers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1800", SessionExpires(1800)),
        ("90;refresher=uac", SessionExpires(90, Refresher.UAC)),
        ("4000 ; Refresher = UAS ; x=y", SessionExpires(4000, Refresher.UAS)),
    ],
)
def test_session_expires_parses(text: str, parsed: SessionExpires) -> None:
    assert SessionExpires.parse(text) == parsed


@pytest.mark.parametrize("text", ["", "0", "-5", "abc;refresher=uac", "90;refresher=me"])
def test_bad_session_expires_is_a_clear_error(text: str) -> None:
    with pytest.raises(SessionTimerError, match=r"Session-Expires|refresher"):
        SessionExpires.parse(text)


def test_compact_form_and_min_se() -> None:
    request = invite("x: 600;refresher=uas", "Min-SE: 120;foo")
    assert session_expires(request) == SessionExpires(600, Refresher.UAS)
    assert min_se(request) == 120
    assert session_expires(invite()) is None and min_se(invite()) is None
    with pytest.raises(SessionTimerError, match="Min-SE"):
        min_se(invite("Min-SE: soon"))


def test_request_headers() -> None:
    assert request_headers(1800) == [("Session-Expires", "1800"), ("Min-SE", "90")]
    assert request_headers(600, 600, refresher=True) == [
        ("Session-Expires", "600;refresher=uac"),
        ("Min-SE", "600"),
    ]


# -- we are the UAC: the 2xx decides (§7.2) ---------------------------------------------


@pytest.mark.parametrize(
    ("headers", "negotiated"),
    [
        (("Require: timer", "Session-Expires: 6;refresher=uac"), Negotiated(6, True)),
        (("Session-Expires: 6;refresher=uas",), Negotiated(6, False)),
        # A 2xx must name the refresher; if it does not, refreshing is the safe side.
        (("Session-Expires: 300",), Negotiated(300, True)),
        (("Supported: timer",), None),
        ((), None),
    ],
)
def test_uac_takes_the_2xx_outcome(headers: tuple[str, ...], negotiated: Negotiated) -> None:
    assert from_response(ok(*headers)) == negotiated


# -- we are the UAS (§9) ------------------------------------------------------------------


def test_uas_keeps_the_refresher_the_uac_names() -> None:
    answer = answer_request(invite("Supported: timer", "Session-Expires: 1800;refresher=uac"))
    assert answer == Answer(
        [("Session-Expires", "1800;refresher=uac"), ("Require", "timer")],
        Negotiated(1800, False),
    )


def test_uas_refreshes_when_the_uac_leaves_it_open() -> None:
    answer = answer_request(invite("Supported: timer", "Session-Expires: 1800"))
    assert isinstance(answer, Answer)
    assert answer.headers == [("Session-Expires", "1800;refresher=uas"), ("Require", "timer")]
    assert answer.timer == Negotiated(1800, True)


def test_uas_asks_for_a_timer_when_the_uac_only_supports_one() -> None:
    answer = answer_request(invite("Supported: 100rel, timer", "Min-SE: 3600"))
    assert isinstance(answer, Answer)
    assert answer.headers == [("Session-Expires", "3600;refresher=uas"), ("Require", "timer")]
    assert answer.timer == Negotiated(3600, True)


def test_uas_refreshes_for_a_uac_without_timer_support() -> None:
    # A proxy added Session-Expires; the UAC can't refresh nor be sent Require: timer.
    answer = answer_request(invite("Session-Expires: 900;refresher=uac"))
    assert answer == Answer([("Session-Expires", "900;refresher=uas")], Negotiated(900, True))


def test_no_timer_without_support_or_session_expires() -> None:
    assert answer_request(invite("Supported: replaces")) == Answer([], None)


def test_too_small_interval_gets_422_only_when_the_uac_can_retry() -> None:
    assert answer_request(invite("Supported: timer", "Session-Expires: 30")) == TooSmall(90)
    assert answer_request(
        invite("Supported: timer", "Session-Expires: 30", "Min-SE: 120")
    ) == TooSmall(120)
    # Refreshes (minimum=None) keep whatever interval the peer asks.
    relaxed = answer_request(
        invite("Supported: timer", "Session-Expires: 6;refresher=uac"), minimum=None
    )
    assert isinstance(relaxed, Answer) and relaxed.timer == Negotiated(6, False)
    # Without timer support a 422 would end the call: the interval is taken instead.
    taken = answer_request(invite("Session-Expires: 30"))
    assert isinstance(taken, Answer) and taken.timer == Negotiated(30, True)


# -- the timer (§10) -------------------------------------------------------------------------


@dataclass
class Handle:
    due: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


@dataclass
class Clock:
    now: float = 0.0
    handles: list[Handle] = field(default_factory=list)

    def call_later(self, delay: float, callback: Callable[[], None], /) -> Handle:
        handle = Handle(self.now + delay, callback)
        self.handles.append(handle)
        return handle

    def advance(self, seconds: float) -> None:
        self.now += seconds
        for handle in sorted(self.handles, key=lambda h: h.due):
            if handle.due <= self.now and not handle.cancelled:
                handle.cancelled = True
                handle.callback()

    @property
    def pending(self) -> list[Handle]:
        return [h for h in self.handles if not h.cancelled]


def timer(clock: Clock) -> tuple[SessionTimer, list[str]]:
    fired: list[str] = []
    return (
        SessionTimer(
            clock,
            on_refresh=lambda: fired.append(f"refresh@{clock.now:g}"),
            on_expired=lambda: fired.append(f"expired@{clock.now:g}"),
        ),
        fired,
    )


def test_expiry_leaves_the_refresher_slack() -> None:
    assert expiry_delay(6) == 4
    assert expiry_delay(90) == 60
    assert expiry_delay(1800) == 1768


def test_refresher_refreshes_at_half_the_interval() -> None:
    clock = Clock()
    session_timer, fired = timer(clock)
    session_timer.start(Negotiated(6, True))
    assert session_timer.state is TimerState.REFRESHING
    clock.advance(2.9)
    assert fired == []
    clock.advance(0.1)
    assert fired == ["refresh@3"]
    session_timer.restart()  # the refresh's 2xx
    clock.advance(3)
    assert fired == ["refresh@3", "refresh@6"]


def test_silent_peer_expires_and_a_refresh_postpones_it() -> None:
    clock = Clock()
    session_timer, fired = timer(clock)
    session_timer.start(Negotiated(6, False))
    assert session_timer.state is TimerState.WATCHING
    clock.advance(3)
    session_timer.restart()  # the peer refreshed at 3 s
    clock.advance(3.9)
    assert fired == []
    clock.advance(0.1)
    assert fired == ["expired@7"]


def test_roles_can_swap_and_the_timer_can_go() -> None:
    clock = Clock()
    session_timer, fired = timer(clock)
    session_timer.start(Negotiated(6, False))
    session_timer.start(Negotiated(10, True))  # a refresh made us the refresher
    clock.advance(5)
    assert fired == ["refresh@5"]
    session_timer.start(None)  # a 2xx without Session-Expires: no timer any more
    assert session_timer.state is TimerState.IDLE
    clock.advance(100)
    assert fired == ["refresh@5"]


def test_stop_leaves_nothing_armed() -> None:
    clock = Clock()
    session_timer, fired = timer(clock)
    session_timer.start(Negotiated(6, False))
    session_timer.stop()
    assert clock.pending == []
    session_timer.start(Negotiated(6, True))  # a late refresh after the call ended
    assert clock.pending == []
    clock.advance(10)
    assert fired == []
    assert session_timer.state is TimerState.STOPPED
