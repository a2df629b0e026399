"""Closing the client mid-call (the app quitting, a test's teardown) ends the call as a
hang-up would: the far end gets its BYE, and our peer connection is closed (an open one
keeps aiortc's decoder thread alive, and with it the process, after everything else)."""

from __future__ import annotations

import pytest
from scripted_phone import Phone, answered_call
from scripted_server import wait_for

pytestmark = pytest.mark.timeout(60)


async def test_closing_the_client_mid_call_sends_bye_and_closes_the_media() -> None:
    phone = Phone()
    async with phone.server:
        client, _ = await answered_call(phone)
        try:
            session = client.calls.current
            assert session is not None and session.media is not None
            media = session.media
            ended: list[object] = []
            client.on("onCallTerminated", lambda *args: ended.append(args))
            await client.close()
            await wait_for(lambda: bool(phone.server.requests("BYE")))
            assert media.pc.connectionState == "closed"
            assert client.calls.current is None
            assert len(ended) == 1, "the app hears the call end once"
        finally:
            await phone.media.close()
