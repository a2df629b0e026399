"""Hanging up an outgoing call that is not answered yet sends CANCEL (RFC 3261 §9.1): at
once when a provisional response (100 Trying included) has arrived, else as soon as one
does; the 487 completes it, and a 200 that crossed it gets ACK + BYE. The far end is a
scripted SIP peer, so each moment of the exchange is chosen by the test."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.sdk import Client
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)


class SlowCallee:
    """Answers INVITE with the provisional response the test picks (or nothing), CANCEL
    with 200 and then the INVITE with 487, as a UAS does; the rest like a registrar."""

    def __init__(self, provisional: int | None) -> None:
        self.provisional = provisional
        self.server = ScriptedServer(answer=self.answer)
        self.invite: SipRequest | None = None
        self.answer_invite_with_200 = False

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method == "INVITE":
            self.invite = request
            if self.provisional is None:
                return NO_REPLY
            return make_response(request, self.provisional, to_tag="callee")
        if request.method == "CANCEL" and self.invite is not None:
            final = make_response(
                self.invite, 200 if self.answer_invite_with_200 else 487, to_tag="callee"
            )
            if self.answer_invite_with_200:
                final.headers.add("Contact", "<sip:bob@127.0.0.1;transport=ws>")
            self.later(final)
            return make_response(request, 200)
        return default_answer(request)

    def later(self, response: SipResponse) -> None:
        asyncio.get_running_loop().create_task(self.server.push(response.to_bytes().decode()))

    def requests(self, method: str) -> list[SipRequest]:
        return self.server.requests(method)


async def _calling(callee: SlowCallee) -> tuple[Client, list[str]]:
    client = Client(server=callee.server.url, domain="example.com", keepalive_interval=3600)
    events: list[str] = []
    for name in ("onCalling", "onCallRemoteRinging", "onCallFailed", "onCallAnswered"):
        client.on(name, lambda *_a, _n=name: events.append(_n))
    assert await client.login("alice", "pw-alice")
    assert await client.call("bob")
    await wait_for(lambda: callee.invite is not None)
    return client, events


async def _round_trip(callee: SlowCallee) -> None:
    """An OPTIONS from the server, answered: what the client sent before has arrived."""
    before = len(callee.server.responses())
    await callee.server.push(
        "OPTIONS sip:alice@example.com SIP/2.0\r\n"
        "Via: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bKbarrier\r\n"
        "From: <sip:probe@example.com>;tag=probe\r\nTo: <sip:alice@example.com>\r\n"
        "Call-ID: barrier\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
        "Content-Length: 0\r\n\r\n"
    )
    await wait_for(lambda: len(callee.server.responses()) > before)


def _sent_cancel(callee: SlowCallee) -> Callable[[], bool]:
    return lambda: bool(callee.requests("CANCEL"))


async def test_hangup_after_100_trying_cancels_at_once() -> None:
    callee = SlowCallee(provisional=100)
    async with callee.server:
        client, events = await _calling(callee)
        try:
            assert await client.hangup()
            await wait_for(_sent_cancel(callee))
            cancel = callee.requests("CANCEL")[0]
            assert callee.invite is not None
            assert cancel.call_id == callee.invite.call_id
            assert cancel.cseq.number == callee.invite.cseq.number
            # The 487 completes the INVITE: ACKed, and the call is reported once.
            await wait_for(lambda: bool(callee.requests("ACK")))
            assert events.count("onCallFailed") == 1
            assert "onCallAnswered" not in events
        finally:
            await client.close()


async def test_hangup_before_any_provisional_cancels_when_the_180_arrives() -> None:
    callee = SlowCallee(provisional=None)
    async with callee.server:
        client, events = await _calling(callee)
        try:
            assert await client.hangup()
            assert "onCallFailed" in events, "the user sees the call end at once"
            # §9.1: no CANCEL before a provisional response (the OPTIONS round trip shows
            # the client has handled everything the hang-up started)...
            await _round_trip(callee)
            assert not callee.requests("CANCEL")
            # ...and one as soon as the callee starts ringing.
            assert callee.invite is not None
            callee.later(make_response(callee.invite, 180, to_tag="callee"))
            await wait_for(_sent_cancel(callee))
            await wait_for(lambda: bool(callee.requests("ACK")))
            assert len(callee.requests("CANCEL")) == 1
            assert "onCallRemoteRinging" not in events, "no ringing after the hang-up"
        finally:
            await client.close()


async def test_a_200_crossing_the_cancel_gets_ack_and_bye() -> None:
    callee = SlowCallee(provisional=180)
    callee.answer_invite_with_200 = True
    async with callee.server:
        client, events = await _calling(callee)
        try:
            await wait_for(lambda: "onCallRemoteRinging" in events)
            assert await client.hangup()
            await wait_for(lambda: bool(callee.requests("BYE")))
            assert callee.requests("ACK"), "the 200 is acknowledged before the BYE"
            assert "onCallAnswered" not in events
        finally:
            await client.close()
