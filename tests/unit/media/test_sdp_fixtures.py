"""Real-world offers through :meth:`MediaSession.accept_offer`: WebRTC ones get an answer
limited to the offer's formats; plain RTP ones (no ICE/DTLS, which aiortc requires) get
a :class:`MediaError`, which the SDK turns into a 488, never another exception."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from webphone.media.config import MediaConfig, MediaError
from webphone.media.session import MediaSession

FIXTURES = Path(__file__).parent / "sdp_fixtures"
WEBRTC = ["chrome", "firefox", "jssip", "plivo", "rtpengine"]
PLAIN_RTP = ["asterisk", "freeswitch"]
_MLINE = re.compile(r"^m=audio \S+ \S+((?: \S+)*)$", re.MULTILINE)


def fixture(name: str) -> str:
    # Stored with LF endings; SIP carries CRLF.
    return (FIXTURES / f"{name}.sdp").read_text().replace("\n", "\r\n")


def formats(sdp: str) -> set[str]:
    match = _MLINE.search(sdp.replace("\r\n", "\n"))
    assert match, sdp
    return set(match.group(1).split())


def config() -> MediaConfig:
    return MediaConfig(allowed_addresses=["127.0.0.1"])


@pytest.mark.parametrize("name", WEBRTC)
async def test_webrtc_offers_get_an_answer_within_the_offered_formats(name: str) -> None:
    offer = fixture(name)
    session = MediaSession(config())
    try:
        answer = await session.accept_offer(offer)
    finally:
        await session.close()
    answered = formats(answer)
    assert answered and answered <= formats(offer), (answered, formats(offer))


@pytest.mark.parametrize("name", PLAIN_RTP)
async def test_offers_without_ice_and_dtls_are_a_media_error(name: str) -> None:
    session = MediaSession(config())
    try:
        with pytest.raises(MediaError, match=r"\S"):
            await session.accept_offer(fixture(name))
    finally:
        await session.close()
