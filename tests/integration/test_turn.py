"""Calls through NAT with ICE servers from the settings (issue 15): two Webphone clients
whose direct path is dropped talk through Debian's coturn, and an unreachable TURN server
costs the INVITE 2 s and an ``ice_timeout`` warning, not the whole TURN timeout."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from scripted_server import wait_for
from servers import Target
from tests.rig.coturn import TURN_PASSWORD, Coturn

from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = [pytest.mark.timeout(90), pytest.mark.parametrize("server", ["demo"], indirect=True)]


class Phone:
    def __init__(self, server: Target, user: str, address: str, tone: float, **kwargs: Any):
        self.user = user
        self.client = Client(
            {"debug": "ALL"},
            server=server.ws_url,
            domain=server.domain,
            allowed_addresses=[address],
            **kwargs,
        )
        self.client.audio_source_factory = lambda: GeneratedAudioTrack(tone)
        self.password = server.users[user]
        self.events: dict[str, list[tuple[Any, ...]]] = {}
        self.stamps: dict[str, float] = {}
        for name in ("onIncomingCall", "onCallAnswered", "onMediaConnected", "mediaMetrics"):
            self.client.on(name, lambda *a, _n=name: self._seen(_n, a))

    def _seen(self, name: str, args: tuple[Any, ...]) -> None:
        self.events.setdefault(name, []).append(args)
        self.stamps.setdefault(name, time.monotonic())

    @property
    def media(self) -> MediaSession:
        session = self.client.calls.current
        assert session is not None and session.media is not None
        return session.media

    def warnings(self, kind: str) -> list[dict[str, Any]]:
        return [a[0] for a in self.events.get("mediaMetrics", []) if a[0]["type"] == kind]


def selected_pair(media: MediaSession) -> tuple[str, str]:
    """(local, remote) candidate types of the nominated pair (aioice keeps it privately)."""
    transport = media.pc.getTransceivers()[0].sender.transport.transport
    pair = transport._connection._nominated[1]  # component 1: RTP and RTCP are muxed
    return pair.local_candidate.type, pair.remote_candidate.type


@pytest.fixture
def silent_turn() -> Iterator[dict[str, Any]]:
    """A TURN server that never answers (a firewall eats its datagrams)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    yield {
        "urls": [f"turn:127.0.0.1:{sock.getsockname()[1]}?transport=udp"],
        "username": "nobody",
        "credential": "never-Answered-9",
    }
    sock.close()


@pytest.mark.parametrize("bob_transport", ["tcp", "tls"])
async def test_audio_both_ways_through_the_relay_only(
    server: Target,
    coturn: Coturn,
    isolated_hosts: tuple[str, str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    bob_transport: str,
) -> None:
    """Alice reaches the relay over UDP; Bob over TCP, or TLS (``turns:``, verified against
    the system's trust store, which here is the rig's CA)."""
    a, b = isolated_hosts
    monkeypatch.setenv("SSL_CERT_FILE", coturn.pki.ca_file)
    alice = Phone(server, sorted(server.users)[0], a, 440, ice_servers=[coturn.ice_server("udp")])
    bob = Phone(
        server, sorted(server.users)[1], b, 880, ice_servers=[coturn.ice_server(bob_transport)]
    )
    try:
        with caplog.at_level(1):
            for phone in (alice, bob):
                assert await phone.client.login(phone.user, phone.password)
            assert await alice.client.call(bob.user)
            await wait_for(lambda: "onIncomingCall" in bob.events, timeout=15)
            offer = alice.media.pc.localDescription
            assert offer is not None and "typ relay" in offer.sdp, "a relay candidate offered"
            assert await bob.client.answer()
            await wait_for(lambda: "onMediaConnected" in alice.events, timeout=20)
            await wait_for(
                lambda: alice.media.meter.frames > 50 and bob.media.meter.frames > 50, timeout=15
            )
            assert alice.media.meter.last_rms > 0.05 and bob.media.meter.last_rms > 0.05
            # Hosts can't reach each other: the relay is on the path of every pair in use.
            for phone in (alice, bob):
                pair = selected_pair(phone.media)
                assert "relay" in pair, pair
            # Bob got his own allocation over TCP or TLS (his host could use Alice's relay).
            answer = bob.media.pc.localDescription
            assert answer is not None and "typ relay" in answer.sdp, "Bob's relay candidate"
            stats = await alice.media.pc.getStats()
            inbound = [s for s in stats.values() if s.type == "inbound-rtp"]
            assert inbound and inbound[0].packetsReceived > 50
            assert await alice.client.hangup()
        text = caplog.text + "".join(r.getMessage() for r in caplog.records)
        assert TURN_PASSWORD not in text, "the TURN credential never reaches a log"
        assert alice.warnings("ice_timeout") == [] and bob.warnings("ice_timeout") == []
    finally:
        for phone in (alice, bob):
            await phone.client.close()


async def test_unreachable_turn_sends_the_invite_after_2_s(
    server: Target, silent_turn: dict[str, Any]
) -> None:
    users = sorted(server.users)
    alice = Phone(server, users[0], "127.0.0.1", 440, ice_servers=[silent_turn])
    bob = Phone(server, users[1], "127.0.0.1", 880)
    try:
        for phone in (alice, bob):
            assert await phone.client.login(phone.user, phone.password)
        began = time.monotonic()
        assert await alice.client.call(bob.user)
        await wait_for(lambda: "onIncomingCall" in bob.events, timeout=10)
        took = bob.stamps["onIncomingCall"] - began
        assert 2.0 <= took < 3.5, f"INVITE after {took:.2f} s (aioice alone waits 5 s+)"
        offer = alice.media.pc.localDescription
        assert offer is not None and "typ host" in offer.sdp and "typ relay" not in offer.sdp
        timeouts = alice.warnings("ice_timeout")
        assert len(timeouts) == 1, alice.events.get("mediaMetrics")
        assert timeouts[0]["value"] == "2000" and timeouts[0]["active"] is True
        assert timeouts[0]["desc"] == "Possible NAT/Firewall issue"
        # The host candidates still connect the call.
        assert await bob.client.answer()
        await wait_for(lambda: "onMediaConnected" in alice.events, timeout=15)
        assert await alice.client.hangup()
    finally:
        for phone in (alice, bob):
            await phone.client.close()
