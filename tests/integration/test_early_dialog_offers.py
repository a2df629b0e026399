"""Offers the far end makes before a call is answered, in the early dialog.

RFC 3261 §14.2 and RFC 3311 §5.2 say who may make one, and what refuses it: a caller's
second offer before we answered its INVITE gets 500 with Retry-After; a callee's offer
while our INVITE's offer has no reliable answer gets 491; once a reliable 18x (RFC 3262)
carried the answer, a callee's UPDATE offer is answered on the call's own connection.
The peers are scripted, with real aiortc media, so the call is checked to go on with
audio afterwards."""

from __future__ import annotations

import asyncio
import re

import pytest
from scripted_caller import Callee, Caller
from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client
from webphone.sip.dialog import Dialog
from webphone.sip.headers import Via
from webphone.sip.ids import new_branch
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)

CALLEE_CONTACT = "<sip:bob@127.0.0.1;transport=ws>"


def identity(sdp: str) -> list[str]:
    return sorted(re.findall(r"^a=(?:ice-ufrag|ice-pwd|fingerprint):.*?\r?$", sdp, re.M))


async def test_caller_offers_before_we_answer_get_500_with_retry_after() -> None:
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            assert await callee.client.login("bob", "pw-bob")
            invite = await caller.invite()
            await wait_for(lambda: bool(callee.of("onIncomingCall")))
            ringing = next(r for r in caller.server.responses() if r.status == 180)
            assert ringing.to.tag
            offer = invite.text_body
            reinvite = await caller.send("INVITE", 2, ringing.to.tag, offer)
            update = await caller.send("UPDATE", 3, ringing.to.tag, offer)
            for request in (reinvite, update):
                refused = await caller.final_response(request)
                assert refused.status == 500, (request.method, refused.status)
                assert 0 <= int(refused.headers.get("Retry-After") or "-1") <= 10, refused
            # The call still rings, and answering it works.
            assert await callee.client.answer()
            ok = await caller.final_response(invite)
            assert ok.status == 200
            await caller.ack(invite, ok)
            await wait_for(lambda: bool(callee.of("onCallAnswered")))
            await caller.hears_audio()
        finally:
            await callee.client.close()
            await caller.media.close()


class EarlyCallee:
    """Holds the client's INVITE; the test makes it send a 183 with SDP (reliable or
    not), requests in the early dialog, and the 200."""

    def __init__(self) -> None:
        self.server = ScriptedServer(answer=self.answer)
        self.media = MediaSession(
            MediaConfig(allowed_addresses=["127.0.0.1"]), GeneratedAudioTrack(440)
        )
        self.invite: SipRequest | None = None
        self.dialog: Dialog | None = None
        self.answer_sdp = ""

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method == "INVITE" and not request.to.tag:
            self.invite = request
            return NO_REPLY
        return default_answer(request)

    async def progress(self, *, reliable: bool) -> None:
        await wait_for(lambda: self.invite is not None)
        assert self.invite is not None
        self.answer_sdp = await self.media.accept_offer(self.invite.text_body)
        self.dialog = Dialog.from_uas(self.invite, "callee")
        await self.server.push(self._response(183, reliable=reliable).to_bytes().decode())

    async def accept(self) -> None:
        await self.server.push(self._response(200).to_bytes().decode())

    def _response(self, status: int, *, reliable: bool = False) -> SipResponse:
        assert self.invite is not None
        response = make_response(self.invite, status, to_tag="callee")
        response.headers.add("Contact", CALLEE_CONTACT)
        if reliable:
            response.headers.add("Require", "100rel")
            response.headers.add("RSeq", "1")
        response.headers.add("Content-Type", "application/sdp")
        response.body = self.answer_sdp.encode()
        return response

    async def send(self, method: str, sdp: str) -> SipRequest:
        assert self.dialog is not None
        request = self.dialog.create_request(
            method,
            Via("WS", "127.0.0.1", None, {"branch": new_branch()}),
            body=sdp.encode(),
            content_type="application/sdp",
            extra_headers=[("Contact", CALLEE_CONTACT)],
        )
        await self.server.push(request.to_bytes().decode())
        return request

    async def response_to(self, request: SipRequest) -> SipResponse:
        def found() -> SipResponse | None:
            return next(
                (
                    r
                    for r in self.server.responses()
                    if r.cseq.number == request.cseq.number
                    and r.cseq.method == request.method
                    and r.status >= 200
                ),
                None,
            )

        await wait_for(lambda: found() is not None)
        response = found()
        assert response is not None
        return response

    async def hears_audio(self) -> None:
        frames = self.media.meter.frames
        await wait_for(lambda: self.media.meter.frames > frames + 25, timeout=10)


async def calling(callee: EarlyCallee) -> tuple[Client, asyncio.Event]:
    client = Client(
        server=callee.server.url,
        domain="example.com",
        keepalive_interval=3600,
        allowed_addresses=["127.0.0.1"],
    )
    answered = asyncio.Event()
    client.on("onCallAnswered", lambda *_: answered.set())
    assert await client.login("alice", "pw-alice")
    assert await client.call("bob")
    return client, answered


async def test_callee_offer_after_a_reliable_early_answer_is_answered_in_place() -> None:
    callee = EarlyCallee()
    async with callee.server:
        client, answered = await calling(callee)
        try:
            await callee.progress(reliable=True)
            await wait_for(lambda: bool(callee.server.requests("PRACK")))
            update = await callee.send("UPDATE", await callee.media.create_reoffer())
            ok = await callee.response_to(update)
            assert ok.status == 200, ok.status
            assert callee.invite is not None
            assert identity(ok.text_body) == identity(callee.invite.text_body), "same ICE/DTLS"
            await callee.media.accept_answer(ok.text_body)
            await callee.hears_audio()
            await callee.accept()
            await asyncio.wait_for(answered.wait(), 10)
            await callee.hears_audio()
        finally:
            await client.close()
            await callee.media.close()


async def test_callee_offers_before_a_reliable_answer_get_491() -> None:
    callee = EarlyCallee()
    async with callee.server:
        client, answered = await calling(callee)
        try:
            await callee.progress(reliable=False)
            offer = await callee.media.create_reoffer()
            for method in ("UPDATE", "INVITE"):
                refused = await callee.response_to(await callee.send(method, offer))
                assert refused.status == 491, (method, refused.status)
            await callee.accept()
            await asyncio.wait_for(answered.wait(), 10)
            await callee.hears_audio()
        finally:
            await client.close()
            await callee.media.close()
