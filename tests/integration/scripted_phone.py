"""A scripted SIP phone with real aiortc media for in-process tests: it answers our
INVITE with 200 and its SDP, then sends what the test asks for inside the dialog."""

from __future__ import annotations

import asyncio

from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client
from webphone.sip.dialog import Dialog
from webphone.sip.headers import Via
from webphone.sip.ids import new_branch
from webphone.sip.message import SipRequest, SipResponse, make_response


class Phone:
    """Answers our INVITE with 200 and its SDP, then re-offers inside the dialog."""

    def __init__(self) -> None:
        self.server = ScriptedServer(answer=self.answer)
        self.media = MediaSession(
            MediaConfig(allowed_addresses=["127.0.0.1"]), GeneratedAudioTrack(440)
        )
        self.dialog: Dialog | None = None
        self.answer_sdp = ""

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method == "INVITE" and not request.to.tag:
            asyncio.get_running_loop().create_task(self._answer(request))
            return NO_REPLY
        return default_answer(request)

    async def _answer(self, invite: SipRequest) -> None:
        self.answer_sdp = await self.media.accept_offer(invite.text_body)
        self.dialog = Dialog.from_uas(invite, "phone")
        ok = make_response(invite, 200, to_tag="phone")
        ok.headers.add("Contact", "<sip:bob@127.0.0.1;transport=ws>")
        ok.headers.add("Content-Type", "application/sdp")
        ok.body = self.answer_sdp.encode()
        await self.server.push(ok.to_bytes().decode())

    async def send(self, method: str, *, sdp: str = "", cseq: int | None = None) -> SipRequest:
        assert self.dialog is not None
        request = self.dialog.create_request(
            method,
            Via("WS", "127.0.0.1", None, {"branch": new_branch()}),
            body=sdp.encode(),
            content_type="application/sdp" if sdp else None,
            cseq=cseq,
            extra_headers=[("Contact", "<sip:bob@127.0.0.1;transport=ws>")]
            if method != "ACK"
            else [],
        )
        await self.server.push(request.to_bytes().decode())
        return request

    async def response_to(self, request: SipRequest) -> SipResponse:
        def found() -> SipResponse | None:
            return next(
                (
                    r
                    for r in self.server.responses()
                    if r.cseq.number == request.cseq.number and r.cseq.method == request.method
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


async def answered_call(phone: Phone) -> tuple[Client, str]:
    """A client logged in to *phone*'s server, in an answered call with it (audio flowing);
    with the offer its INVITE carried."""
    client = Client(
        server=phone.server.url,
        domain="example.com",
        keepalive_interval=3600,
        allowed_addresses=["127.0.0.1"],
    )
    answered = asyncio.Event()
    client.on("onCallAnswered", lambda *_: answered.set())
    assert await client.login("alice", "pw-alice")
    assert await client.call("bob")
    await asyncio.wait_for(answered.wait(), 10)
    await phone.hears_audio()
    invite = phone.server.requests("INVITE")[-1]
    return client, invite.text_body
