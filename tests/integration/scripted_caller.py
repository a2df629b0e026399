"""A scripted caller with real aiortc media for in-process tests: it calls the client
from a :class:`ScriptedServer` and answers the client's requests in the call's dialog
with what the test scripted."""

from __future__ import annotations

import asyncio
from typing import Any

from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client
from webphone.sip.ids import new_branch, new_call_id
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message

CONTACT = "<sip:carol@127.0.0.1;transport=ws>"


#: A ``replies`` status that holds the request unanswered (in ``held``).
HOLD = 0


class Caller:
    """Calls the client; answers the client's in-dialog requests with what
    ``replies`` says next (status, headers), 200 once it has run out; ``allow`` is the
    Allow of its INVITE."""

    def __init__(self) -> None:
        self.server = ScriptedServer(answer=self.answer)
        self.media = MediaSession(
            MediaConfig(allowed_addresses=["127.0.0.1"]), GeneratedAudioTrack(440)
        )
        self.replies: list[tuple[int, list[tuple[str, str]]]] = []
        self.held: list[SipRequest] = []
        self.allow = "INVITE, ACK, CANCEL, BYE, UPDATE"
        self.call_id = new_call_id()

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method not in ("UPDATE", "INVITE", "BYE") or request.call_id != self.call_id:
            return default_answer(request)
        status, headers = self.replies.pop(0) if self.replies else (200, [])
        if status == HOLD:
            self.held.append(request)
            return NO_REPLY
        response = make_response(request, status)
        for name, value in headers:
            response.headers.add(name, value)
        if request.method == "INVITE" and status == 200:
            asyncio.get_running_loop().create_task(self._answer_reoffer(request, response))
            return NO_REPLY
        return response

    async def answer_held(self) -> None:
        """200 to the oldest held re-INVITE, with the answer to its offer."""
        request = self.held.pop(0)
        await self._answer_reoffer(request, make_response(request, 200))

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
            f"Allow: {self.allow}\r\n"
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

    async def send(self, method: str, cseq: int, to_tag: str, sdp: str = "") -> SipRequest:
        """A request of the call's dialog (*to_tag*: the client's tag) with *sdp*."""
        text = (
            f"{method} sip:bob@127.0.0.1;transport=ws SIP/2.0\r\n"
            f"Via: SIP/2.0/WS 127.0.0.1;branch={new_branch()}\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:carol@example.com>;tag=carol\r\n"
            f"To: <sip:bob@example.com>;tag={to_tag}\r\n"
            f"Call-ID: {self.call_id}\r\n"
            f"CSeq: {cseq} {method}\r\n"
            f"Contact: {CONTACT}\r\n"
            + ("Content-Type: application/sdp\r\n" if sdp else "")
            + f"Content-Length: {len(sdp.encode())}\r\n\r\n{sdp}"
        )
        await self.server.push(text)
        request = parse_message(text)
        assert isinstance(request, SipRequest)
        return request

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
