"""A server that renames the call (Plivo's ``X-Calluuid`` in its 18x and 2xx) does not
confuse the call tones: the connect tone gives way to the ringback at the 18x, and
nothing is left playing after the call, so the next call's tones are as usual. The tone
policy's decision is what the speaker is told to play (``wanted()``); the sound devices
are the rig's private PulseAudio, as tones need a real backend."""

from __future__ import annotations

import pytest
from scripted_server import ScriptedServer, default_answer, wait_for
from tests.rig.pulse import PulseServer

from webphone.audio.tones import ToneKind
from webphone.sdk import Client
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)


def _renaming(request: SipRequest) -> SipResponse:
    if request.method == "INVITE":
        ringing = make_response(request, 180, to_tag="callee")
        ringing.headers.add("X-Calluuid", f"plivo-{request.call_id}")
        return ringing
    return default_answer(request)


async def test_tones_follow_a_call_the_server_renamed(pulse: PulseServer) -> None:
    async with ScriptedServer(answer=_renaming) as server:
        client = Client(
            server=server.url, domain="example.com", keepalive_interval=3600, audio_backend="pulse"
        )
        events: list[str] = []
        for name in ("onCallRemoteRinging", "onCallFailed"):
            client.on(name, lambda *_a, _n=name: events.append(_n))
        try:
            assert await client.login("alice", "pw-alice")
            for _ in range(2):
                events.clear()
                assert await client.call("bob")
                assert set(client.audio.policy.wanted()) == {ToneKind.CONNECT}
                await wait_for(lambda: "onCallRemoteRinging" in events)
                assert (client.get_call_uuid() or "").startswith("plivo-"), "renamed"
                assert set(client.audio.policy.wanted()) == {ToneKind.RINGBACK}
                assert await client.hangup()
                assert client.audio.policy.wanted() == {}, "nothing left playing"
        finally:
            await client.close()
