"""Session timers (RFC 4028) through the WebRTC gateway, with Webphone as the refresher,
with a refresher that goes silent, and with a callee that asks for a longer interval.

The far ends are SIPp scenarios (tests/rig/sipp/uas_timer_*.xml) with 6 s intervals, so
refreshes come every 3 s; audio is judged from what Webphone decodes, as in
test_gateway.py, whose Webphone fixture this module shares.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from test_gateway import (  # the gateway tests' Webphone and its fixtures
    RATE,
    SIPP_TONE,
    Webphone,
    assert_tone,
    sdp_value,
    sources,  # noqa: F401
    webphone,  # noqa: F401
)
from tests.rig.gateway import SippUas

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]

INTERVAL = 6  # the scenarios' Session-Expires
# SIPp users are registered at the session's gateway for 300 s: each test needs its own
# name (test_gateway.py's "strict" would fork the INVITE to a SIPp long gone).


def sent_invites(phone: Webphone) -> list[str]:
    """The INVITE requests Webphone sent, in order."""
    return [m for m in phone.sent if m.startswith("INVITE ")]


def body(message: str) -> str:
    return message.split("\r\n\r\n", 1)[1]


async def logged(sipp: SippUas, pattern: str, timeout: float = 10) -> str:
    """SIPp's <log> line for *pattern*, spaces squeezed (header values it quotes keep the
    blank after the colon)."""
    return " ".join((await sipp.logged(pattern, timeout)).split())


async def test_webphone_refreshes_when_the_callee_says_refresher_uac(
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    sipp_uas: Callable[..., SippUas],
    sources: dict[str, Path],  # noqa: F811
) -> None:
    """The callee requires a 6 s timer refreshed by the caller: Webphone refreshes at
    3 s with a re-INVITE (the callee's Allow has no UPDATE) whose offer keeps the call's
    ICE credentials and DTLS fingerprint, then with an UPDATE (the re-INVITE's 200 allows
    it); the call and the callee's audio outlive two intervals."""
    callee = sipp_uas("uas_timer_caller_refreshes", "refreshed", sources["sipp"])
    alice = await webphone(trace_sip=True)
    assert await alice.client.call("refreshed")
    await alice.seen("onMediaConnected")
    answered = alice.when("onCallAnswered")
    assert "timer" in await logged(callee, "INVITE received")
    first = await logged(callee, "refresh 1", 8)
    assert first.endswith("Session-Expires: 6;refresher=uac, Supported: timer"), first
    second = await logged(callee, "refresh 2", 8)
    assert second.startswith("refresh 2 by UPDATE, Session-Expires: 6;refresher=uac"), second
    assert second.endswith("SDP:"), "a refresh by UPDATE carries no SDP"
    # Two whole intervals after the answer, the call is up and the callee heard.
    remaining = 2 * INTERVAL - (time.monotonic() - answered)
    if remaining > 1.5:
        await alice.heard(remaining - 1.5)
    assert_tone(await alice.heard(1.5), RATE, SIPP_TONE, "audio two intervals after the answer")
    assert alice.of("onCallTerminated") == []
    assert not any("missing" in line for line in callee.lines()), callee.lines()
    invites = sent_invites(alice)
    refreshes = [m for m in invites if re.search(r"^To:.*;tag=", m, re.M)]
    assert len(refreshes) == 1, "one refresh by re-INVITE, then UPDATEs"
    assert re.search(r"^Session-Expires: 6;refresher=uac\r?$", refreshes[0], re.M), refreshes
    call_offer, refresh_offer = body(invites[0]), body(refreshes[0])
    for attribute in ("ice-ufrag", "ice-pwd", "fingerprint"):
        assert sdp_value(refresh_offer, attribute) == sdp_value(call_offer, attribute), (
            f"{attribute} changed in the refresh"
        )
    assert await alice.client.hangup()
    await callee.logged("BYE received")


async def test_webphone_ends_a_call_whose_refresher_goes_silent(
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    sipp_uas: Callable[..., SippUas],
    sources: dict[str, Path],  # noqa: F811
) -> None:
    """The callee took the refresher role (6 s) and never refreshes: 4 s after the
    answer (RFC 4028 §10: 6 - min(32, 6/3)) Webphone sends BYE and tells the user why."""
    callee = sipp_uas("uas_timer_silent", "silent", sources["sipp"])
    alice = await webphone()
    assert await alice.client.call("silent")
    await alice.seen("onCallAnswered")
    await alice.seen("onCallTerminated", timeout=8)
    cause, info = alice.of("onCallTerminated")[0]
    assert cause == {"originator": "local", "reason": "Session timer expired"}
    assert info["reason"] == "Session timer expired" and info["code"] == 408, info
    waited = alice.when("onCallTerminated") - alice.when("onCallAnswered")
    assert 3.5 < waited < 5.5, f"ended {waited:.1f} s after the answer"
    bye = await logged(callee, "BYE received|no BYE")
    assert 'Reason: SIP;cause=408;text="Session timer expired"' in bye, bye


async def test_webphone_asks_again_after_422_session_interval_too_small(
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    sipp_uas: Callable[..., SippUas],
    sources: dict[str, Path],  # noqa: F811
) -> None:
    """422 with Min-SE: 1900 to Webphone's INVITE (Session-Expires 1800): the call is
    placed again in the same dialog attempt (same Call-ID, next CSeq) asking 1900 s,
    and is answered with its audio."""
    callee = sipp_uas("uas_timer_422", "minse", sources["sipp"])
    alice = await webphone()
    assert await alice.client.call("minse")
    await alice.seen("onMediaConnected")
    first = await logged(callee, "first INVITE")
    assert first.endswith("Session-Expires: 1800"), first
    retry = await logged(callee, "retry|no retry")
    first_cseq = int(re.findall(r"CSeq: (\d+)", first)[0])
    assert retry == (
        f"retry: CSeq: {first_cseq + 1} INVITE, Session-Expires: 1900, Min-SE: 1900"
    ), retry
    assert alice.of("onCallFailed") == []
    assert_tone(await alice.heard(1.0), RATE, SIPP_TONE, "audio after the retry")
    assert await alice.client.hangup()
    await callee.logged("BYE received")
