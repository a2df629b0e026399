"""Webphone ↔ the reference Plivo Browser SDK (npm ``plivo-browser-sdk``) in Debian's
headless Chromium, through the project's Kamailio standing in for Plivo's servers.

The SDK (its published UMD bundle, plivo_page.html) logs in as bob over ``ws://`` with
``registrationDomainSocket`` pointed at the rig; Webphone logs in as alice. The
``kamailio_plivo`` fixture serves the SDK's hard-coded domain ``phone.plivo.com`` and adds
the ``X-Calluuid`` header Plivo's servers put on initial INVITEs (the SDK drops incoming
calls without it). Chrome's fake microphone beeps and Webphone sends a 440 Hz tone, so
audio is checked by what each side decodes.

Both directions exercise the SDP interop fixes of b6cc4b9, around the SDK's codec filter
(applied to every SDP it sends or is given), which takes payload types off the ``m=`` line
but leaves their other lines:

* its offers keep ``a=rtpmap`` lines of removed types: Webphone's answer must use only the
  ``m=`` line's formats (Chrome refused one naming the others: "Bad Media Description");
* offers it receives keep ``a=fmtp`` lines of removed types, and Chrome refuses an ``a=fmtp``
  for a type not on the ``m=`` line ("Failed to parse codecs correctly", the SDK answers
  488): Webphone's offers carry no ``a=fmtp:<pt> 0-16`` for telephone-event.

A call that fails reports Chrome's reason (the page's ``peerconnectionFailed``) and the
SDPs before and after the SDK rewrote them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from browser import PLIVO_PACKAGES, BrowserPeer, require_browser, wait_for
from test_jssip import Phone, audio_both_ways
from tests.rig.kamailio import PLIVO_DOMAIN

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]


@pytest.fixture(scope="session", autouse=True)
def _plivo_rig() -> None:
    """Skip (or fail under CI) when Chromium or the SDK is missing, before Kamailio."""
    require_browser(PLIVO_PACKAGES)


@pytest.fixture
async def alice(kamailio_plivo: Any) -> AsyncIterator[Phone]:
    phone = Phone(kamailio_plivo, "alice")
    assert await phone.client.login(phone.user, phone.password)
    yield phone
    await phone.client.close()


@pytest.fixture
async def bob(kamailio_plivo: Any) -> AsyncIterator[BrowserPeer]:
    """The Plivo Browser SDK logged in as bob; answers incoming calls at once."""
    peer = await BrowserPeer.start(kind="plivo")
    try:
        config = {
            "wsUrl": kamailio_plivo.ws_url,
            "user": "bob",
            "password": kamailio_plivo.users["bob"],
        }
        assert await peer.request("start", config) is True
        yield peer
    except BaseException:
        print(peer.diagnostics())
        raise
    finally:
        await peer.close()


def sdp_of(peer: BrowserPeer, stage: str, originator: str, kind: str) -> str:
    """The page's record of one SDP of the call (see watchSdp in plivo_page.html)."""
    for event in peer.of("sdp"):
        if (event["stage"], event["originator"], event["type"]) == (stage, originator, kind):
            return str(event["sdp"])
    raise AssertionError(f"no {stage} {originator} {kind} SDP in {peer.of('sdp')}")


def m_line(sdp: str) -> list[str]:
    """The payload types of the (single) audio m= line."""
    found = re.search(r"^m=audio \S+ \S+ ([\d ]+)\r?$", sdp, re.M)
    assert found, sdp
    return found.group(1).split()


def attributes(sdp: str, name: str) -> dict[str, str]:
    """Payload type → value of every ``a=<name>:<pt> <value>`` line."""
    return dict(re.findall(rf"^a={name}:(\d+) ([^\r\n]*)", sdp, re.M))


async def answered(phone: Phone, peer: BrowserPeer) -> None:
    """Waits for Webphone's onCallAnswered; a call that failed fails the test at once,
    with the failure, Chrome's reason for refusing a description, and the SDPs."""

    def done() -> bool:
        return bool(phone.of("onCallAnswered") or phone.of("onCallFailed"))

    await wait_for(done, 15, "Webphone onCallAnswered (or onCallFailed)")
    if phone.of("onCallFailed"):
        # The SDK's JsSIP sends its 488 before it reports why: give that a moment.
        with contextlib.suppress(AssertionError):
            await peer.seen("peerconnectionFailed", timeout=2)
    failed = phone.of("onCallFailed") + [tuple(e["args"]) for e in peer.of("onCallFailed")]
    refused = peer.of("peerconnectionFailed")
    assert not failed, f"call failed: {failed}\nChrome: {refused}\nSDPs: {peer.of('sdp')}"


async def dtmf_both_ways(phone: Phone, peer: BrowserPeer) -> None:
    """SIP INFO both ways: the SDK's sendDtmf (its JsSIP sends application/dtmf-relay)
    and Webphone's send_dtmf, each reported by the other side's onDtmfReceived."""
    await peer.request("sendDtmf", "7")
    await phone.seen("onDtmfReceived")
    assert phone.of("onDtmfReceived") == [({"tone": "7", "duration": 100},)]

    assert await phone.client.send_dtmf("3") is True
    await peer.seen("onDtmfReceived")
    assert peer.of("onDtmfReceived")[0]["args"] == [{"tone": "3", "duration": 100}]


async def test_plivo_sdk_calls_webphone(alice: Phone, bob: BrowserPeer) -> None:
    assert await bob.request("call", "alice") is True
    await alice.seen("onIncomingCall")
    caller_id, _headers, info, _caller_name = alice.of("onIncomingCall")[0]
    assert caller_id == f"bob@{PLIVO_DOMAIN}", caller_id
    assert info["direction"] == "INCOMING"
    assert await alice.client.answer() is True
    await answered(alice, bob)
    await alice.seen("onMediaConnected")
    await bob.seen("onCallAnswered")

    # The SDK's codec filter shortens the m= line of its offer but leaves the a=rtpmap
    # lines of what it removed; Webphone's answer uses only the m= line's formats
    # (Chrome refused an answer with the stray ones: "Bad Media Description").
    offer = sdp_of(bob, "after", "local", "offer")
    answer = sdp_of(bob, "before", "remote", "answer")
    offered = m_line(offer)
    stray = sorted(set(attributes(offer, "rtpmap")) - set(offered), key=int)
    print(f"SDK offer m= {offered}, rtpmaps off the m= line {stray}; answer m= {m_line(answer)}")
    assert stray, f"the SDK's offer no longer has stray rtpmaps: {offer}"
    assert set(m_line(answer)) <= set(offered), answer
    assert set(attributes(answer, "rtpmap")) <= set(m_line(answer)), answer

    await audio_both_ways(alice, bob)
    await dtmf_both_ways(alice, bob)

    assert await alice.client.hangup() is True
    await bob.seen("onCallTerminated")
    assert bob.of("onCallTerminated")[0]["args"][0] == {
        "originator": "remote",
        "reason": "Terminated",
    }
    assert bob.of("onCallFailed") == [] and alice.of("onCallFailed") == []


async def test_webphone_calls_plivo_sdk(alice: Phone, bob: BrowserPeer) -> None:
    assert await alice.client.call("bob") is True
    session = alice.client.get_current_session()
    assert session is not None
    await bob.seen("onIncomingCall")
    caller, _headers, call_info = bob.of("onIncomingCall")[0]["args"][:3]
    assert caller == f"alice@{PLIVO_DOMAIN}", caller
    # The SDK names the call by the X-Calluuid Kamailio added (the Call-ID, as $ci).
    assert call_info["callUUID"] == session.call_id, call_info
    await answered(alice, bob)
    await alice.seen("onMediaConnected")
    await bob.seen("onCallAnswered")

    # The SDK's filter keeps the a=fmtp lines of payload types it takes off the m= line,
    # and Chrome refuses an offer with an a=fmtp for a type not on it ("Failed to parse
    # codecs correctly", 488). Webphone's offer has no a=fmtp for telephone-event, so
    # what Chrome is given has none left over.
    offer = sdp_of(bob, "before", "remote", "offer")
    applied = sdp_of(bob, "after", "remote", "offer")
    events = [pt for pt, name in attributes(offer, "rtpmap").items() if "telephone-event" in name]
    print(
        f"Webphone offer m= {m_line(offer)}, telephone-event {events}; "
        f"given to Chrome m= {m_line(applied)} fmtp {sorted(attributes(applied, 'fmtp'))}"
    )
    assert events, f"Webphone offered no telephone-event: {offer}"
    assert not set(events) & set(attributes(offer, "fmtp")), offer
    assert set(attributes(applied, "fmtp")) <= set(m_line(applied)), applied

    await audio_both_ways(alice, bob)
    await dtmf_both_ways(alice, bob)

    assert await bob.request("hangup") is True
    await alice.seen("onCallTerminated")
    hangup_info, call_state = alice.of("onCallTerminated")[0]
    assert hangup_info["originator"] == "remote", hangup_info
    assert call_state["state"] == "ended"
    await bob.seen("onCallTerminated")
    assert bob.of("onCallFailed") == [] and alice.of("onCallFailed") == []
