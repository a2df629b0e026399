"""Transaction state machines driven by a fake clock: no sockets, no event loop."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message
from webphone.sip.transaction import (
    MAX_SERVER_TRANSACTIONS,
    TIMEOUT,
    ClientState,
    ServerState,
    TransactionError,
    TransactionLayer,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.timers: list[list[object]] = []

    def call_later(self, delay: float, callback: Callable[[], None], /) -> _Handle:
        handle = _Handle()
        self.timers.append([self.now + delay, callback, handle])
        return handle

    def advance(self, seconds: float) -> None:
        self.now += seconds
        for due, callback, handle in sorted(self.timers, key=lambda t: t[0]):  # type: ignore[return-value,arg-type]
            if due <= self.now and not handle.cancelled:  # type: ignore[union-attr]
                handle.cancelled = True  # type: ignore[union-attr]
                callback()  # type: ignore[operator]


class _Handle:
    cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def request(method: str, branch: str = "z9hG4bKabc", cseq: int = 1) -> SipRequest:
    text = (
        f"{method} sip:bob@example.com SIP/2.0\r\n"
        f"Via: SIP/2.0/WSS a.invalid;branch={branch}\r\n"
        "Route: <sip:proxy.example.com;lr>\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:alice@example.com>;tag=a1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "Call-ID: call-1\r\n"
        f"CSeq: {cseq} {method}\r\n\r\n"
    )
    message = parse_message(text)
    assert isinstance(message, SipRequest)
    return message


def respond(req: SipRequest, status: int) -> SipResponse:
    return make_response(req, status, to_tag="b1")


@pytest.fixture
def world() -> tuple[TransactionLayer, list[SipRequest | SipResponse], FakeClock]:
    sent: list[SipRequest | SipResponse] = []
    clock = FakeClock()
    return TransactionLayer(sent.append, clock), sent, clock


def test_non_invite_client_delivers_final_and_terminates(world) -> None:
    layer, sent, _ = world
    got: list[int] = []
    req = request("REGISTER")
    tx = layer.start_client(req, lambda r: got.append(r.status), lambda: got.append(-1))
    assert sent == [req] and tx.state is ClientState.TRYING
    layer.receive_response(respond(req, 100))
    assert tx.state is ClientState.PROCEEDING and got == [100]
    layer.receive_response(respond(req, 200))
    assert got == [100, 200] and tx.state is ClientState.TERMINATED
    assert not layer.receive_response(respond(req, 200)), "a late duplicate is a stray"
    assert layer.pending_client_count == 0


def test_timer_f_reports_timeout_once(world) -> None:
    layer, _, clock = world
    events: list[str] = []
    layer.start_client(
        request("OPTIONS"), lambda r: events.append("response"), lambda: events.append("timeout")
    )
    clock.advance(TIMEOUT - 1)
    assert events == []
    clock.advance(2)
    assert events == ["timeout"]
    assert layer.pending_client_count == 0


def test_invite_non_2xx_is_acked_on_same_branch_with_response_to_tag(world) -> None:
    layer, sent, _ = world
    req = request("INVITE", branch="z9hG4bKinv")
    layer.start_client(req, lambda r: None, lambda: None)
    layer.receive_response(respond(req, 486))
    ack = sent[-1]
    assert isinstance(ack, SipRequest) and ack.method == "ACK"
    assert ack.top_via.branch == "z9hG4bKinv"
    assert ack.cseq.number == 1 and ack.cseq.method == "ACK"
    assert ack.to.tag == "b1"
    assert ack.headers.get_all("Route") == ["<sip:proxy.example.com;lr>"]


def test_invite_2xx_is_not_acked_by_transaction_and_forks_are_delivered(world) -> None:
    layer, sent, clock = world
    got: list[int] = []
    req = request("INVITE")
    tx = layer.start_client(req, lambda r: got.append(r.status), lambda: None)
    layer.receive_response(respond(req, 180))
    layer.receive_response(respond(req, 200))
    layer.receive_response(respond(req, 200))
    assert got == [180, 200, 200]
    assert tx.state is ClientState.ACCEPTED
    assert [m for m in sent if isinstance(m, SipRequest) and m.method == "ACK"] == []
    clock.advance(TIMEOUT + 1)
    assert tx.state is ClientState.TERMINATED


def test_transport_failure_fails_pending_transactions_now(world) -> None:
    layer, _, _ = world
    events: list[str] = []
    layer.start_client(request("REGISTER", "z9hG4bK1"), lambda r: None, lambda: events.append("a"))
    layer.start_client(request("OPTIONS", "z9hG4bK2"), lambda r: None, lambda: events.append("b"))
    layer.transport_failed()
    assert sorted(events) == ["a", "b"]


def test_server_non_invite_absorbs_retransmission_and_resends_answer(world) -> None:
    layer, sent, _ = world
    req = request("MESSAGE")
    tx = layer.receive_request(req)
    assert tx is not None and tx.state is ServerState.TRYING
    assert layer.receive_request(request("MESSAGE")) is None
    tx.respond(tx.make_response(200, to_tag="x"))
    with pytest.raises(TransactionError):
        tx.respond(tx.make_response(500))
    assert [m.status for m in sent if isinstance(m, SipResponse)] == [200]


def test_server_invite_error_waits_for_ack_then_confirms(world) -> None:
    layer, _, _ = world
    req = request("INVITE")
    tx = layer.receive_request(req)
    assert tx is not None
    tx.respond(tx.make_response(180, to_tag="t"))
    tx.respond(tx.make_response(486, to_tag="t"))
    assert tx.state is ServerState.COMPLETED
    assert layer.receive_request(request("ACK")) is None
    assert tx.state is ServerState.TERMINATED


def test_server_invite_without_ack_times_out_with_timer_h(world) -> None:
    layer, _, clock = world
    tx = layer.receive_request(request("INVITE"))
    assert tx is not None
    tx.respond(tx.make_response(603, to_tag="t"))
    clock.advance(TIMEOUT + 1)
    assert tx.state is ServerState.TERMINATED


def test_cancel_finds_its_invite(world) -> None:
    layer, _, _ = world
    invite_tx = layer.receive_request(request("INVITE", "z9hG4bKsame"))
    cancel = request("CANCEL", "z9hG4bKsame")
    cancel_tx = layer.receive_request(cancel)
    assert cancel_tx is not None and cancel_tx is not invite_tx
    assert layer.find_invite_for_cancel(cancel) is invite_tx


def test_ack_for_2xx_is_handed_back_to_the_caller(world) -> None:
    layer, _, _ = world
    tx = layer.receive_request(request("INVITE"))
    assert tx is not None
    tx.respond(tx.make_response(200, to_tag="t"))
    assert tx.state is ServerState.ACCEPTED
    assert layer.receive_request(request("ACK", branch="z9hG4bKnew")) is None


def test_request_without_branch_is_refused(world) -> None:
    layer, _, _ = world
    req = request("OPTIONS")
    req.headers.set("Via", "SIP/2.0/WSS a.invalid")
    with pytest.raises(TransactionError, match="branch"):
        layer.start_client(req, lambda r: None, lambda: None)


def test_a_flood_of_invites_is_refused_with_503_beyond_the_cap(world) -> None:
    """Each INVITE answered with an error waits 32 s for its ACK; a flood of them must not
    keep thousands of transactions alive: beyond the cap, a stateless 503 and nothing kept."""
    layer, sent, clock = world
    for n in range(MAX_SERVER_TRANSACTIONS + 50):
        tx = layer.receive_request(request("INVITE", branch=f"z9hG4bKflood{n}"))
        if tx is not None:
            tx.respond(tx.make_response(488, to_tag="t"))
    assert layer.overload_refusals == 50
    refusals = [m for m in sent if isinstance(m, SipResponse) and m.status == 503]
    assert len(refusals) == 50
    assert refusals[0].headers.get("Retry-After") == "5"
    assert refusals[0].to.tag, "a final response to an out-of-dialog request has a To tag"
    assert layer.receive_request(request("OPTIONS", branch="z9hG4bKlate")) is None
    clock.advance(TIMEOUT + 1)  # Timer H frees the room
    assert layer.receive_request(request("OPTIONS", branch="z9hG4bKlater")) is not None


def test_transport_failure_ends_server_transactions_that_only_wait(world) -> None:
    layer, _, _ = world
    answered = layer.receive_request(request("INVITE", branch="z9hG4bKanswered"))
    ringing = layer.receive_request(request("INVITE", branch="z9hG4bKringing"))
    assert answered is not None and ringing is not None
    answered.respond(answered.make_response(486, to_tag="t"))
    ringing.respond(ringing.make_response(180, to_tag="r"))
    layer.transport_failed()
    assert answered.state is ServerState.TERMINATED, "its ACK can't come on a new connection"
    assert ringing.state is ServerState.PROCEEDING, "still the user's to answer"
    cancel = request("CANCEL", "z9hG4bKringing")
    assert layer.find_invite_for_cancel(cancel) is ringing
