"""Webphone ↔ JsSIP 3 in Debian's headless Chromium, through the project's real Kamailio.

The browser (bob) and Webphone (alice) both register to Kamailio over ``ws://`` and call
each other with real media: ICE, DTLS-SRTP and Opus between aiortc and Chrome's WebRTC,
SIP INFO DTMF both ways, BYE from either side.

Media never leaves the machine: tests/run.sh runs the suite in a private network namespace
that has only ``lo``, so Chrome (``--allow-loopback-in-peer-connection``, no mDNS) and
Webphone (``allowed_addresses`` 127.0.0.1, since aioice skips loopback) both have only
127.0.0.1 candidates; ``audio_both_ways`` checks the selected pair ends at 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from browser import BrowserPeer, require_browser, wait_for

from webphone.media.tracks import GeneratedAudioTrack
from webphone.sdk import Client

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]

EVENTS = (
    "onCalling",
    "onCallRemoteRinging",
    "onCallAnswered",
    "onMediaConnected",
    "onCallTerminated",
    "onCallFailed",
    "onIncomingCall",
    "onDtmfReceived",
)
SILENCE = 0.01


class Phone:
    """Webphone under test, logged in as alice, sending a 440 Hz tone."""

    def __init__(self, kamailio: Any, user: str) -> None:
        self.user = user
        self.password = kamailio.users[user]
        self.client = Client(
            server=kamailio.ws_url, domain=kamailio.domain, allowed_addresses=["127.0.0.1"]
        )
        self.client.audio_source_factory = lambda: GeneratedAudioTrack(440)
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        for name in EVENTS:
            self.client.on(name, lambda *a, _n=name: self.events.append((_n, a)))

    def names(self) -> list[str]:
        return [n for n, _ in self.events]

    def of(self, name: str) -> list[tuple[Any, ...]]:
        return [a for n, a in self.events if n == name]

    async def seen(self, name: str, count: int = 1, timeout: float = 15) -> None:
        await wait_for(lambda: len(self.of(name)) >= count, timeout, f"Webphone {name}")

    def meter(self) -> Any:
        session = self.client.get_current_session()
        assert session is not None, "no current call"
        return session.media.meter


@pytest.fixture(scope="session", autouse=True)
def _browser_rig() -> None:
    """Skip (or fail under CI) when the browser rig is missing, before Kamailio starts
    (session scope, so it is set up ahead of the session-scoped ``kamailio``)."""
    require_browser()


@pytest.fixture
async def alice(kamailio: Any) -> AsyncIterator[Phone]:
    phone = Phone(kamailio, "alice")
    assert await phone.client.login(phone.user, phone.password)
    yield phone
    await phone.client.close()


@pytest.fixture
async def bob(kamailio: Any, request: pytest.FixtureRequest) -> AsyncIterator[BrowserPeer]:
    """JsSIP registered as bob; answers incoming calls at once. Indirect parameters are
    extra options for the page's ``peer.start()``."""
    peer = await BrowserPeer.start()
    try:
        config = {
            "wsUrl": kamailio.ws_url,
            "domain": kamailio.domain,
            "user": "bob",
            "password": kamailio.users["bob"],
            "displayName": "Bob in Chromium",
            **getattr(request, "param", {}),
        }
        assert await peer.request("start", config) is True
        yield peer
    except BaseException:
        print(peer.diagnostics())
        raise
    finally:
        await peer.close()


async def audio_both_ways(phone: Phone, peer: BrowserPeer) -> dict[str, Any]:
    """Waits for audio Webphone hears and Chrome decodes; returns Chrome's stats."""
    meter = phone.meter()
    await wait_for(lambda: meter.frames > 25 and meter.peak_rms > SILENCE, 10, "audio at Webphone")
    packets, rms = 0, 0.0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        packets, rms = await peer.received_rms(0.5)
        if packets > 25 and rms > SILENCE:
            break
    assert packets > 25, f"Chrome received {packets} RTP packets"
    assert rms > SILENCE, f"Chrome decoded silence (rms {rms:.4f})"
    stats = await peer.request("stats")
    assert stats["codec"]["mimeType"].lower() == "audio/opus", stats
    assert stats["outbound"]["packetsSent"] > 25, stats
    assert stats["transport"]["dtlsState"] == "connected", stats
    assert stats["pair"]["remote"].startswith("127.0.0.1:"), stats
    print(f"Webphone peak rms {meter.peak_rms:.3f}; Chrome rms {rms:.3f}; stats {stats}")
    return stats


async def test_webphone_calls_jssip(alice: Phone, bob: BrowserPeer) -> None:
    assert await alice.client.call("bob") is True
    await bob.seen("newRTCSession")
    session = bob.of("newRTCSession")[0]
    assert session["direction"] == "incoming"
    assert session["remote"] == f"sip:alice@{alice.client.domain}"
    await alice.seen("onCallAnswered")
    await alice.seen("onMediaConnected")
    await bob.seen("confirmed")
    await audio_both_ways(alice, bob)

    # SIP INFO application/dtmf-relay, Webphone → JsSIP.
    assert await alice.client.send_dtmf("5") is True
    await bob.seen("newDTMF")
    dtmf = bob.of("newDTMF")[0]
    assert dtmf["originator"] == "remote" and dtmf["tone"] == "5", dtmf
    assert dtmf["duration"] == 100, dtmf

    # And JsSIP → Webphone.
    await bob.request("sendDTMF", "5", "INFO")
    await alice.seen("onDtmfReceived")
    assert alice.of("onDtmfReceived")[0] == ({"tone": "5", "duration": 100},)

    assert await alice.client.hangup() is True
    await bob.seen("ended")
    assert bob.of("ended")[0]["originator"] == "remote"
    assert alice.of("onCallTerminated")[0][0] == {"originator": "local", "reason": "Terminated"}
    assert bob.of("failed") == [] and alice.of("onCallFailed") == []


async def test_jssip_calls_webphone(alice: Phone, bob: BrowserPeer) -> None:
    await bob.request("call", f"sip:alice@{alice.client.domain}")
    await alice.seen("onIncomingCall")
    caller_id, _headers, info, caller_name = alice.of("onIncomingCall")[0]
    assert caller_id.startswith("bob@"), caller_id
    assert caller_name == "Bob in Chromium"
    assert info["direction"] == "INCOMING"
    assert await alice.client.answer() is True
    await alice.seen("onCallAnswered")
    await bob.seen("accepted")
    await bob.seen("confirmed")
    await alice.seen("onMediaConnected")
    await audio_both_ways(alice, bob)

    await bob.request("hangup")
    await alice.seen("onCallTerminated")
    hangup_info, call_info = alice.of("onCallTerminated")[0]
    assert hangup_info["originator"] == "remote", hangup_info
    assert call_info["state"] == "ended"
    await bob.seen("ended")
    assert bob.of("ended")[0]["originator"] == "local"
    assert alice.client.get_current_session() is None


async def test_rfc4733_from_chrome_is_reported_without_stopping_incoming_audio(
    alice: Phone, bob: BrowserPeer
) -> None:
    """Chrome's RTCDTMFSender sends RFC 4733 events in the audio stream. Webphone
    negotiates telephone-event itself and takes those packets out before aiortc (whose
    decoder, fed one, stops decoding for the rest of the call): each key press arrives as
    onDtmfReceived and incoming audio goes on."""
    await bob.request("call", f"sip:alice@{alice.client.domain}")
    await alice.seen("onIncomingCall")
    assert await alice.client.answer() is True
    await bob.seen("confirmed")
    await alice.seen("onMediaConnected")
    await audio_both_ways(alice, bob)
    assert await bob.request("canInsertDTMF") is True

    await bob.request("sendDTMF", "1234", "RFC2833")
    await bob.seen("tonechange", 5, timeout=5)  # four tones, then "" when the queue is done
    assert [e["tone"] for e in bob.of("tonechange")] == ["1", "2", "3", "4", ""]
    await alice.seen("onDtmfReceived", 4)
    assert [a[0]["tone"] for a in alice.of("onDtmfReceived")] == ["1", "2", "3", "4"]
    assert all(a[0]["duration"] >= 40 for a in alice.of("onDtmfReceived"))

    meter = alice.meter()
    frames, loudest = meter.frames, 0.0
    loop_end = time.monotonic() + 1.5
    while time.monotonic() < loop_end:
        loudest = max(loudest, meter.last_rms)
        await asyncio.sleep(0.02)
    assert meter.frames > frames + 50, f"{meter.frames - frames} frames in 1.5 s after DTMF"
    assert loudest > SILENCE, "Webphone hears only silence after RFC 4733 DTMF"
    assert alice.of("onCallTerminated") == [] and bob.of("ended") == []
    assert await alice.client.hangup() is True
    await bob.seen("ended")
