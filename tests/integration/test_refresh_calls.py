"""A registration refresh (every ~2 minutes) does not take the phone off the air: while
the re-REGISTER is on its way the client is still registered and a call can be placed.
The registrar is a scripted peer that holds the refresh's answer back."""

from __future__ import annotations

import asyncio

import pytest
from scripted_server import NO_REPLY, ScriptedServer, default_answer, wait_for

from webphone.sdk import Client
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)


class SlowRefresh:
    """Answers the first REGISTER at once and holds every later one until released."""

    def __init__(self) -> None:
        self.server = ScriptedServer(answer=self.answer)
        self.held: list[SipRequest] = []

    def answer(self, request: SipRequest) -> SipResponse | object:
        if request.method == "REGISTER" and self.server.requests("REGISTER")[:-1]:
            self.held.append(request)
            return NO_REPLY
        if request.method == "INVITE":
            return make_response(request, 180, to_tag="callee")
        return default_answer(request)

    async def release(self) -> None:
        for request in self.held:
            await self.server.push(default_answer(request).to_bytes().decode())


async def test_a_call_goes_out_while_the_registration_is_refreshed() -> None:
    registrar = SlowRefresh()
    async with registrar.server:
        client = Client(server=registrar.server.url, domain="example.com", keepalive_interval=3600)
        try:
            assert await client.login("alice", "pw-alice")
            registration = client.registration
            assert registration is not None
            refresh = asyncio.ensure_future(registration.register())
            await wait_for(lambda: bool(registrar.held))
            assert client.is_registered(), "still registered while the refresh is on its way"
            assert await client.call("bob")
            await wait_for(lambda: bool(registrar.server.requests("INVITE")))
            await registrar.release()
            assert (await refresh).ok
            assert client.is_registered()
        finally:
            await client.close()
