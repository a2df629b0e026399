"""Early media and reliable provisional responses on an outgoing call, against a scripted
SIP peer whose media is a real aiortc session: the SDP of a 183 is applied, so audio flows
before the answer (a network's ringback or announcement), and a 183 that requires 100rel
is acknowledged with PRACK in the early dialog (RFC 3262), whose CSeq the BYE continues."""

from __future__ import annotations

import asyncio

import pytest
from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)
CONTACT = "<sip:bob@127.0.0.1;transport=ws>"


class AnnouncingCallee:
    """Answers the INVITE with a 183 carrying its SDP answer (reliable when *reliable*),
    plays a tone from then on, and sends the 200 only when the test says."""

    def __init__(self, *, reliable: bool) -> None:
        self.reliable = reliable
        self.server = ScriptedServer(answer=self.answer)
        self.media = MediaSession(
            MediaConfig(allowed_addresses=["127.0.0.1"]), GeneratedAudioTrack(440)
        )
        self.invite: SipRequest | None = None
        self.sdp = ""

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method == "INVITE":
            self.invite = request
            asyncio.get_running_loop().create_task(self._progress(request))
            return NO_REPLY
        return default_answer(request)

    async def _progress(self, invite: SipRequest) -> None:
        self.sdp = await self.media.accept_offer(invite.text_body)
        await self.push(self.response(183, body=True))

    def response(self, status: int, *, body: bool) -> SipResponse:
        assert self.invite is not None
        response = make_response(self.invite, status, to_tag="callee")
        response.headers.add("Contact", CONTACT)
        if status == 183 and self.reliable:
            response.headers.add("Require", "100rel")
            response.headers.add("RSeq", "1")
        if body:
            response.headers.add("Content-Type", "application/sdp")
            response.body = self.sdp.encode()
        return response

    async def push(self, response: SipResponse) -> None:
        await self.server.push(response.to_bytes().decode())

    def requests(self, method: str) -> list[SipRequest]:
        return self.server.requests(method)


async def _call(callee: AnnouncingCallee, options: dict[str, object]) -> tuple[Client, list[str]]:
    client = Client(
        options,
        server=callee.server.url,
        domain="example.com",
        keepalive_interval=3600,
        allowed_addresses=["127.0.0.1"],
    )
    events: list[str] = []
    for name in ("onCallRemoteRinging", "onCallAnswered", "onCallFailed", "onCallTerminated"):
        client.on(name, lambda *_a, _n=name: events.append(_n))
    assert await client.login("alice", "pw-alice")
    assert await client.call("bob")
    return client, events


async def test_a_183_with_sdp_brings_media_before_the_answer() -> None:
    callee = AnnouncingCallee(reliable=False)
    async with callee.server:
        client, events = await _call(callee, {})
        try:
            await wait_for(lambda: "onCallRemoteRinging" in events)
            # Our audio reaches the callee, and the connection is up, before any 200.
            await wait_for(lambda: callee.media.meter.frames > 25, timeout=10)
            assert "onCallAnswered" not in events
            await callee.push(callee.response(200, body=True))
            await wait_for(lambda: "onCallAnswered" in events)
            frames = callee.media.meter.frames
            await wait_for(lambda: callee.media.meter.frames > frames + 25)
            assert await client.hangup()
            await wait_for(lambda: bool(callee.requests("BYE")))
        finally:
            await client.close()
            await callee.media.close()


async def test_a_reliable_183_is_pracked_and_the_bye_continues_its_cseq() -> None:
    callee = AnnouncingCallee(reliable=True)
    async with callee.server:
        client, events = await _call(callee, {})
        try:
            await wait_for(lambda: bool(callee.requests("PRACK")))
            prack = callee.requests("PRACK")[0]
            assert callee.invite is not None
            invite_cseq = callee.invite.cseq.number
            assert prack.headers.get("RAck") == f"1 {invite_cseq} INVITE"
            assert prack.to.tag == "callee", "sent in the early dialog"
            assert prack.cseq.number > invite_cseq
            assert "100rel" in (callee.invite.headers.get("Supported") or "")
            # A retransmitted 183 (same RSeq) is not acknowledged again.
            await callee.push(callee.response(183, body=True))
            await callee.push(callee.response(200, body=True))
            await wait_for(lambda: "onCallAnswered" in events)
            assert len(callee.requests("PRACK")) == 1
            assert await client.hangup()
            await wait_for(lambda: bool(callee.requests("BYE")))
            assert callee.requests("BYE")[0].cseq.number > prack.cseq.number
        finally:
            await client.close()
            await callee.media.close()
