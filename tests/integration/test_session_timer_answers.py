"""Session timers (RFC 4028) on calls Webphone answers: what its 2xx says to a caller
that supports timers or not, the 422 to a caller asking too short an interval, and the
refreshes Webphone sends as the refresher, including a 422 to one and a refresh the
caller no longer knows (481). The caller is a scripted SIP peer with real aiortc media."""

from __future__ import annotations

import pytest
from scripted_caller import HOLD, Callee, Caller
from scripted_server import wait_for

pytestmark = pytest.mark.timeout(60)


async def test_answer_requires_timer_and_takes_the_refresher_role() -> None:
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            ok = await callee.answered_call(caller, "Supported: timer", "Session-Expires: 1800")
            # RFC 4028 §9: the UAC left the refresher open; we take the role.
            assert ok.headers.get("Session-Expires") == "1800;refresher=uas"
            assert "timer" in ok.headers.values("Require")
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_too_short_an_interval_is_refused_with_422() -> None:
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            assert await callee.client.login("bob", "pw-bob")
            invite = await caller.invite("Supported: timer", "Session-Expires: 30")
            refused = await caller.final_response(invite)
            assert (refused.status, refused.headers.get("Min-SE")) == (422, "90")
            assert callee.of("onIncomingCall") == [], "the user never saw it ring"
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_we_refresh_for_a_caller_without_timer_support() -> None:
    """Session-Expires: 6 from a caller (or its proxy) without timer support: Webphone
    refreshes (§9), at 3 s, by UPDATE since the caller allows it. The first UPDATE gets
    422 Min-SE: 8 and is sent again asking 8 s; the next refresh comes 4 s later."""
    caller = Caller()
    caller.replies = [
        (422, [("Min-SE", "8")]),
        (200, [("Session-Expires", "8;refresher=uac"), ("Require", "timer")]),
    ]
    async with caller.server:
        callee = Callee(caller)
        try:
            ok = await callee.answered_call(caller, "Session-Expires: 6")
            assert ok.headers.get("Session-Expires") == "6;refresher=uas"
            assert "timer" not in ok.headers.values("Require"), "the caller can't honour it"
            await wait_for(lambda: len(caller.refreshes()) >= 3, timeout=12)
            first, retry, next_one = caller.refreshes()[:3]
            assert [r.method for r in (first, retry, next_one)] == ["UPDATE"] * 3
            assert not first.body and first.headers.get("Session-Expires") == "6;refresher=uac"
            assert retry.headers.get("Session-Expires") == "8;refresher=uac"
            assert retry.cseq.number == first.cseq.number + 1
            assert "timer" in retry.headers.values("Supported")
            await caller.hears_audio()
            assert callee.of("onCallTerminated") == []
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_a_refresh_the_caller_no_longer_knows_ends_the_call() -> None:
    caller = Caller()
    caller.replies = [(481, [])]
    async with caller.server:
        callee = Callee(caller)
        try:
            await callee.answered_call(caller, "Session-Expires: 6")
            await wait_for(lambda: bool(callee.of("onCallTerminated")), timeout=8)
            cause, info = callee.of("onCallTerminated")[0]
            assert cause == {"originator": "local", "reason": "Session refresh failed"}
            assert info["code"] == 408
            await wait_for(lambda: bool(caller.server.requests("BYE")), timeout=5)
            assert callee.client.calls.current is None
        finally:
            await callee.client.close()
            await caller.media.close()


async def test_an_offer_crossing_our_refresh_reinvite_gets_491() -> None:
    """The caller allows no UPDATE, so Webphone refreshes by re-INVITE; a re-INVITE of
    the caller's crossing it gets 491 (RFC 3261 §14.2), and the refresh completes."""
    caller = Caller()
    caller.allow = "INVITE, ACK, CANCEL, BYE"
    caller.replies = [(HOLD, [])]
    async with caller.server:
        callee = Callee(caller)
        try:
            ok = await callee.answered_call(caller, "Session-Expires: 6")
            await wait_for(lambda: bool(caller.held), timeout=6)
            assert caller.held[0].method == "INVITE"
            assert ok.to.tag
            crossing = await caller.send("INVITE", 2, ok.to.tag, caller.held[0].text_body)
            assert (await caller.final_response(crossing)).status == 491
            await caller.answer_held()
            await caller.hears_audio()
            assert callee.of("onCallTerminated") == []
        finally:
            await callee.client.close()
            await caller.media.close()
