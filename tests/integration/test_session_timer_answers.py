"""Session timers (RFC 4028) on calls Webphone answers: what its 2xx says to a caller
that supports timers or not, the 422 to a caller asking too short an interval, and the
refreshes Webphone sends as the refresher, including a 422 to one and a refresh the
caller no longer knows (481). The caller is a scripted SIP peer with real aiortc media."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client
from webphone.sip.ids import new_branch, new_call_id
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message

pytestmark = pytest.mark.timeout(60)

CONTACT = "<sip:carol@127.0.0.1;transport=ws>"


class Caller:
    """Calls the client; answers the client's in-dialog requests with what
    ``replies`` says next (status, headers), 200 once it has run out."""

    def __init__(self) -> None:
        self.server = ScriptedServer(answer=self.answer)
        self.media = MediaSession(
            MediaConfig(allowed_addresses=["127.0.0.1"]), GeneratedAudioTrack(440)
        )
        self.replies: list[tuple[int, list[tuple[str, str]]]] = []
        self.call_id = new_call_id()

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method not in ("UPDATE", "INVITE", "BYE") or request.call_id != self.call_id:
            return default_answer(request)
        status, headers = self.replies.pop(0) if self.replies else (200, [])
        response = make_response(request, status)
        for name, value in headers:
            response.headers.add(name, value)
        if request.method == "INVITE" and status == 200:
            asyncio.get_running_loop().create_task(self._answer_reoffer(request, response))
            return NO_REPLY
        return response

    async def _answer_reoffer(self, request: SipRequest, response: SipResponse) -> None:
        response.headers.add("Content-Type", "application/sdp")
        response.body = (await self.media.accept_reoffer(request.text_body)).encode()
        await self.server.push(response.to_bytes().decode())

    async def invite(self, *headers: str) -> SipRequest:
        offer = await self.media.create_offer()
        text = (
            "INVITE sip:bob@127.0.0.1;transport=ws SIP/2.0\r\n"
            f"Via: SIP/2.0/WS 127.0.0.1;branch={new_branch()}\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:carol@example.com>;tag=carol\r\n"
            "To: <sip:bob@example.com>\r\n"
            f"Call-ID: {self.call_id}\r\n"
            "CSeq: 1 INVITE\r\n"
            f"Contact: {CONTACT}\r\n"
            "Allow: INVITE, ACK, CANCEL, BYE, UPDATE\r\n"
            + "".join(f"{h}\r\n" for h in headers)
            + "Content-Type: application/sdp\r\n"
            f"Content-Length: {len(offer.encode())}\r\n\r\n{offer}"
        )
        await self.server.push(text)
        request = parse_message(text)
        assert isinstance(request, SipRequest)
        return request

    async def final_response(self, request: SipRequest) -> SipResponse:
        def found() -> SipResponse | None:
            return next(
                (
                    r
                    for r in self.server.responses()
                    if r.call_id == request.call_id
                    and r.cseq.number == request.cseq.number
                    and r.status >= 200
                ),
                None,
            )

        await wait_for(lambda: found() is not None, timeout=10)
        response = found()
        assert response is not None
        return response

    async def ack(self, invite: SipRequest, ok: SipResponse) -> None:
        await self.media.accept_answer(ok.text_body)
        await self.server.push(
            "ACK sip:bob@127.0.0.1;transport=ws SIP/2.0\r\n"
            f"Via: SIP/2.0/WS 127.0.0.1;branch={new_branch()}\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:carol@example.com>;tag=carol\r\n"
            f"To: {ok.headers.get('To')}\r\n"
            f"Call-ID: {self.call_id}\r\n"
            f"CSeq: {invite.cseq.number} ACK\r\n"
            "Content-Length: 0\r\n\r\n"
        )

    def refreshes(self) -> list[SipRequest]:
        return [
            r
            for r in self.server.received
            if isinstance(r, SipRequest)
            and r.method in ("UPDATE", "INVITE")
            and r.call_id == self.call_id
            and r.to.tag
        ]

    async def hears_audio(self) -> None:
        frames = self.media.meter.frames
        await wait_for(lambda: self.media.meter.frames > frames + 25, timeout=10)


class Callee:
    """The client, logged in to the caller's server as bob, with the events it emits."""

    def __init__(self, caller: Caller) -> None:
        self.client = Client(
            server=caller.server.url,
            domain="example.com",
            keepalive_interval=3600,
            allowed_addresses=["127.0.0.1"],
        )
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in ("onIncomingCall", "onCallAnswered", "onCallTerminated"):
            self.client.on(name, lambda *a, _n=name: self.events.append((_n, a)))

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [a for n, a in self.events if n == name]

    async def answered_call(self, caller: Caller, *headers: str) -> SipResponse:
        """The caller's INVITE with *headers*, answered; its 200 (ACKed)."""
        assert await self.client.login("bob", "pw-bob")
        invite = await caller.invite(*headers)
        await wait_for(lambda: bool(self.of("onIncomingCall")))
        assert await self.client.answer()
        ok = await caller.final_response(invite)
        assert ok.status == 200, ok
        await caller.ack(invite, ok)
        await wait_for(lambda: bool(self.of("onCallAnswered")))
        await caller.hears_audio()
        return ok


async def test_answer_requires_timer_and_takes_the_refresher_role() -> None:
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            ok = await callee.answered_call(caller, "Supported: timer", "Session-Expires: 1800")
            # RFC 4028 §9: the UAC left the refresher open; we take the role.
            assert ok.headers.get("Session-Expires") == "1800;refresher=uas"
            assert "timer" in ok.headers.values("Require")
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_too_short_an_interval_is_refused_with_422() -> None:
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            assert await callee.client.login("bob", "pw-bob")
            invite = await caller.invite("Supported: timer", "Session-Expires: 30")
            refused = await caller.final_response(invite)
            assert (refused.status, refused.headers.get("Min-SE")) == (422, "90")
            assert callee.of("onIncomingCall") == [], "the user never saw it ring"
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_we_refresh_for_a_caller_without_timer_support() -> None:
    """Session-Expires: 6 from a caller (or its proxy) without timer support: Webphone
    refreshes (§9), at 3 s, by UPDATE since the caller allows it. The first UPDATE gets
    422 Min-SE: 8 and is sent again asking 8 s; the next refresh comes 4 s later."""
    caller = Caller()
    caller.replies = [
        (422, [("Min-SE", "8")]),
        (200, [("Session-Expires", "8;refresher=uac"), ("Require", "timer")]),
    ]
    async with caller.server:
        callee = Callee(caller)
        try:
            ok = await callee.answered_call(caller, "Session-Expires: 6")
            assert ok.headers.get("Session-Expires") == "6;refresher=uas"
            assert "timer" not in ok.headers.values("Require"), "the caller can't honour it"
            await wait_for(lambda: len(caller.refreshes()) >= 3, timeout=12)
            first, retry, next_one = caller.refreshes()[:3]
            assert [r.method for r in (first, retry, next_one)] == ["UPDATE"] * 3
            assert not first.body and first.headers.get("Session-Expires") == "6;refresher=uac"
            assert retry.headers.get("Session-Expires") == "8;refresher=uac"
            assert retry.cseq.number == first.cseq.number + 1
            assert "timer" in retry.headers.values("Supported")
            await caller.hears_audio()
            assert callee.of("onCallTerminated") == []
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_a_refresh_the_caller_no_longer_knows_ends_the_call() -> None:
    caller = Caller()
    caller.replies = [(481, [])]
    async with caller.server:
        callee = Callee(caller)
        try:
            await callee.answered_call(caller, "Session-Expires: 6")
            await wait_for(lambda: bool(callee.of("onCallTerminated")), timeout=8)
            cause, info = callee.of("onCallTerminated")[0]
            assert cause == {"originator": "local", "reason": "Session refresh failed"}
            assert info["code"] == 408
            await wait_for(lambda: bool(caller.server.requests("BYE")), timeout=5)
            assert callee.client.calls.current is None
        finally:
            await callee.client.close()
            await caller.media.close()
