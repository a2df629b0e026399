"""Do-not-disturb and auto-answer end to end (issue 19 item 2).

Against the real Kamailio: a call to alice with do-not-disturb on is refused with the
code she chose (the caller's onCallFailed cause says so), reported to her app as
refused, and bob, without it, still rings; auto-answer answers after N seconds with a
beep. With a scripted caller (it sets the header a server would): header-only
auto-answer answers the call carrying ``Call-Info: ...;answer-after=0`` and lets a call
without it ring.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from scripted_caller import Callee, Caller
from scripted_server import wait_for as scripted_wait_for
from tests.integration.fault_scenarios import make_phone, wait_for

from webphone.sdk.core.availability import AutoAnswer, Availability, DndCode
from webphone.sdk.core.causes import cause_for_status

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize("code", list(DndCode), ids=[str(int(c)) for c in DndCode])
async def test_dnd_refuses_with_the_chosen_code_while_another_client_rings(
    kamailio: Any, code: DndCode, tmp_path: Path
) -> None:
    alice = make_phone(kamailio, "alice", secure=False, tone=440)
    # alice's own call history (the callers record the same call UUID in theirs)
    alice.client.quality._insights_path = tmp_path / "alice.sqlite3"
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    carol = make_phone(kamailio, "carol", secure=False, tone=660)
    alice.client.on("onIncomingCallRefused", lambda *a: alice.events.append(("refused", a)))
    phones = (alice, bob, carol)
    try:
        for phone in phones:
            assert await phone.client.login(phone.user, phone.password)
        alice.client.availability = Availability(dnd=True, dnd_code=code)

        assert await carol.client.call(alice.user)
        await wait_for(lambda: carol.count("onCallFailed") == 1, 10, "carol's call fails")
        cause, info = next(a for n, a in carol.events if n == "onCallFailed")
        assert cause == cause_for_status(int(code)), (cause, info)
        assert info["code"] == int(code), info
        # alice never rang, but her app knows of the call (a missed call).
        assert alice.count("onIncomingCall") == 0
        assert alice.count("refused") == 1
        caller, _headers, refused, _name = next(a for n, a in alice.events if n == "refused")
        assert caller.startswith("carol@") and refused["reason"] == "Do not disturb"
        assert refused["code"] == int(code) and refused["direction"] == "INCOMING"
        # ... and her call history has it, as a call that never got through.
        store = alice.client.quality.store
        assert store is not None
        (row,) = [r for r in store.history() if r["call_uuid"] == refused["callUUID"]]
        assert (row["outcome"], row["cause"], row["direction"]) == (
            "rejected",
            "Do not disturb",
            "INCOMING",
        )

        # bob has no do-not-disturb: carol's call to him rings.
        assert await carol.client.call(bob.user)
        await wait_for(lambda: bob.count("onIncomingCall") == 1, 10, "carol's call rings bob")
        assert bob.client.reject()
    finally:
        for phone in phones:
            await phone.client.close()


async def test_auto_answer_after_n_seconds_with_a_beep(kamailio: Any) -> None:
    alice = make_phone(kamailio, "alice", secure=False, tone=440)
    carol = make_phone(kamailio, "carol", secure=False, tone=660)
    try:
        for phone in (alice, carol):
            assert await phone.client.login(phone.user, phone.password)
        alice.client.availability = Availability(
            auto_answer=AutoAnswer.ALWAYS, auto_answer_delay=1.5
        )
        assert await carol.client.call(alice.user)
        await wait_for(lambda: alice.count("onIncomingCall") == 1, 10, "alice rings")
        rang = time.monotonic()
        await wait_for(lambda: carol.count("onCallAnswered") == 1, 10, "alice answers")
        took = time.monotonic() - rang
        assert 1.4 <= took < 4.0, took
        assert alice.count("onCallAnswered") == 1
        assert alice.client.audio.auto_answer_beeps == 1
        print(f"\nauto-answer after 1.5 s: the caller saw the answer {took:.1f} s after the ring")
        assert await carol.client.hangup()
        await wait_for(lambda: alice.count("onCallTerminated") == 1, 10, "the BYE reaches alice")
    finally:
        await alice.client.close()
        await carol.client.close()


async def test_auto_answer_leaves_a_second_call_ringing(
    kamailio: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Two calls ring at once: the first is answered by itself; the second neither hangs
    up the first nor is refused: it rings on for the user to decide."""
    alice = make_phone(kamailio, "alice", secure=False, tone=440)
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    carol = make_phone(kamailio, "carol", secure=False, tone=660)
    phones = (alice, bob, carol)
    try:
        for phone in phones:
            assert await phone.client.login(phone.user, phone.password)
        alice.client.options["allowMultipleIncomingCalls"] = True
        alice.client.availability = Availability(auto_answer=AutoAnswer.ALWAYS, auto_answer_delay=1)
        assert await bob.client.call(alice.user)
        await wait_for(lambda: alice.count("onIncomingCall") == 1, 10, "bob's call rings")
        assert await carol.client.call(alice.user)
        await wait_for(lambda: alice.count("onIncomingCall") == 2, 10, "carol's call rings")
        await wait_for(lambda: bob.count("onCallAnswered") == 1, 10, "bob's call is answered")
        # carol's auto-answer came due with bob's call up: it rings on, unanswered.
        await wait_for(lambda: "left ringing" in caplog.text, 10, "carol's auto-answer due")
        assert len(alice.client.calls.ringing) == 1
        assert alice.client.audio.auto_answer_beeps == 1
        assert carol.count("onCallAnswered") == carol.count("onCallFailed") == 0
        assert bob.count("onCallTerminated") == 0
        current = alice.client.get_current_session()
        assert current is not None and current.src == "bob"
    finally:
        for phone in phones:
            await phone.client.close()


async def _ring(caller: Caller, callee: Callee, *headers: str) -> Any:
    invite = await caller.invite(*headers)
    await scripted_wait_for(lambda: len(callee.of("onIncomingCall")) == 1)
    return invite


async def test_header_only_auto_answer_answers_only_the_call_with_the_header() -> None:
    # A call without the header rings on (the delay of a would-be auto-answer passes)...
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            assert await callee.client.login("bob", "pw-bob")
            callee.client.availability = Availability(
                auto_answer=AutoAnswer.HEADER, auto_answer_delay=0.2
            )
            await _ring(caller, callee)
            with pytest.raises(AssertionError):
                await scripted_wait_for(lambda: bool(callee.of("onCallAnswered")), timeout=1.5)
            assert callee.client.calls.ringing and callee.client.audio.auto_answer_beeps == 0
        finally:
            await callee.client.close()
            await caller.media.close()
    # ... and one carrying Call-Info's answer-after is answered by itself.
    caller = Caller()
    async with caller.server:
        callee = Callee(caller)
        try:
            assert await callee.client.login("bob", "pw-bob")
            callee.client.availability = Availability(
                auto_answer=AutoAnswer.HEADER, auto_answer_delay=30
            )
            invite = await _ring(caller, callee, "Call-Info: <sip:pbx.example.com>;answer-after=0")
            ok = await caller.final_response(invite)
            assert ok.status == 200, ok
            await caller.ack(invite, ok)
            await scripted_wait_for(lambda: bool(callee.of("onCallAnswered")))
            await caller.hears_audio()
            assert callee.client.audio.auto_answer_beeps == 1
        finally:
            await callee.client.close()
            await caller.media.close()
