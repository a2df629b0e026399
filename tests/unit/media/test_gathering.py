"""Candidate gathering stops at its time limit and the description carries what it has."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator

import pytest

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A STUN/TURN port that never answers, as a server behind a firewall."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


async def _offer(config: MediaConfig) -> tuple[MediaSession, str, float]:
    media = MediaSession(config)
    began = time.monotonic()
    offer = await media.create_offer()
    return media, offer, time.monotonic() - began


@pytest.mark.parametrize("scheme", ["stun", "turn"])
async def test_unanswered_server_is_cut_at_the_limit(silent_server: str, scheme: str) -> None:
    server = {"urls": [f"{scheme}:{silent_server}"], "username": "u", "credential": "c"}
    config = MediaConfig(
        ice_servers=[server], allowed_addresses=["127.0.0.1"], gathering_timeout=0.5
    )
    media, offer, took = await _offer(config)
    try:
        assert 0.5 <= took < 1.5, "aioice alone would wait 5 s"
        assert media.gathering is not None and media.gathering.cut
        assert " 127.0.0.1 " in offer and "typ host" in offer, "host candidates go out"
        assert media.pc.iceGatheringState == "complete"
    finally:
        await media.close()


async def test_quick_gathering_is_not_cut() -> None:
    media, offer, took = await _offer(MediaConfig(allowed_addresses=["127.0.0.1"]))
    try:
        assert took < 1.0 and "typ host" in offer
        assert media.gathering is not None and not media.gathering.cut
    finally:
        await media.close()


async def test_two_sessions_keep_their_own_limits(silent_server: str) -> None:
    stun = [{"urls": [f"stun:{silent_server}"]}]
    short = MediaConfig(ice_servers=stun, allowed_addresses=["127.0.0.1"], gathering_timeout=0.3)
    longer = MediaConfig(ice_servers=stun, allowed_addresses=["127.0.0.1"], gathering_timeout=1.0)
    results = await asyncio.gather(_offer(short), _offer(longer))
    try:
        (_, _, quick), (_, _, slow) = results
        assert quick < 0.8 <= slow < 2.0
    finally:
        for media, _, _ in results:
            await media.close()


async def test_gathered_addresses_outlive_a_failed_ice_transport() -> None:
    """A call's address watch compares the host's addresses with those gathered on; after
    ICE fails (aiortc stops its transport, aioice forgets its candidates) they must still
    be known, or every address would look new and the call would be re-INVITEd."""
    media, _offer_sdp, _took = await _offer(MediaConfig(allowed_addresses=["127.0.0.1"]))
    try:
        assert media.gathered_addresses == {"127.0.0.1"}
        ice = media.pc.getTransceivers()[0].sender.transport.transport
        await ice.stop()  # what a consent failure does
        assert ice.state == "closed"
        assert media.gathered_addresses == {"127.0.0.1"}
    finally:
        await media.close()
