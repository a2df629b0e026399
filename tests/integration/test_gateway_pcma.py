"""A G.711 A-law phone behind the WebRTC gateway (issue 15, item 6): PCMA is what most
PSTN gateways and PBXs outside North America and Japan speak. With PCMA in the ``codecs``
setting (a Webphone extension), calls both ways settle on A-law through rtpengine, which
passes codecs through untouched, with audio decoded at both ends; without it, the call
fails with a cause the user can read instead of ringing into silence.

The phone is baresip with PCMA only; Webphone, its fixtures and the audio helpers are
test_gateway.py's (Webphone sends 600 Hz, baresip 1000 Hz).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from test_gateway import (  # the gateway tests' Webphone, fixtures and audio checks
    BARESIP_TONE,
    RATE,
    WEBPHONE_TONE,
    Webphone,
    assert_tone,
    codec_in_use,
    recorded,
    sources,  # noqa: F401
    webphone,  # noqa: F401
)
from tests.rig.gateway import Baresip, Gateway

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]


@pytest.mark.parametrize("direction", ["webphone calls", "phone calls"])
async def test_pcma_only_phone_audio_both_ways(
    direction: str,
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    plain_phones: Callable[..., Awaitable[Baresip]],
    gateway: Gateway,
    sources: dict[str, Path],  # noqa: F811
) -> None:
    desk = await plain_phones("alaw", sources["baresip"], codecs=("pcma",))
    alice = await webphone(options={"codecs": ["OPUS", "PCMU", "PCMA"]})
    if direction == "webphone calls":
        assert await alice.client.call("alaw")
    else:
        await desk.dial(gateway.uri("alice"))
        await alice.seen("onIncomingCall")
        assert await alice.client.answer()
    await alice.seen("onMediaConnected")
    await desk.event("CALL_ESTABLISHED")
    assert codec_in_use(desk) == "PCMA"
    assert_tone(await alice.heard(1.5), RATE, BARESIP_TONE, "Webphone hears the A-law phone")
    samples, rate = await recorded(desk, 1.5)
    assert rate == 8000
    assert_tone(samples, rate, WEBPHONE_TONE, "the A-law phone hears Webphone")
    assert await alice.client.hangup()
    await desk.event("CALL_CLOSED")


async def test_calling_a_pcma_only_phone_without_pcma_fails_with_a_cause(
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    plain_phones: Callable[..., Awaitable[Baresip]],
    sources: dict[str, Path],  # noqa: F811
) -> None:
    """The default codecs (Opus, PCMU) share nothing with the phone: it refuses the offer
    (488) and the user is told, without the call ever being answered."""
    await plain_phones("alawonly", sources["baresip"], codecs=("pcma",))
    alice = await webphone()
    assert await alice.client.call("alawonly")
    await alice.seen("onCallFailed")
    cause, info = alice.of("onCallFailed")[0]
    assert (cause, info["code"]) == ("Incompatible SDP", 488), info
    assert alice.of("onCallAnswered") == []
